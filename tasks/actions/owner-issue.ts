import { cliAction, parseShares, sendTx, sharesText, tokenFacts, type Context, type TxInfo } from "../lib/index.js";

export interface IssueResult {
  token: string;
  to: string;
  amount: bigint;
  totalSupply: bigint;
  txs: TxInfo[];
}

export interface IssueParams {
  to: string;
  shares: string | bigint;
  token?: string;
}

/** The owner mints new shares to herself or a verified investor, diluting everyone, within the cap. */
export async function issueShares(ctx: Context, p: IssueParams): Promise<IssueResult> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const to = ctx.account(p.to, "to");
  const amount = parseShares(p.shares, facts.totalSupply, "shares");
  const { tx } = await sendTx(ctx, "issue", token, () => facts.contract.issue(to, amount));
  return { token, to, amount, totalSupply: await facts.contract.totalSupply(), txs: [tx] };
}

export default cliAction(issueShares, (r, ctx) => [
  `Issued ${sharesText(r.amount)} to ${ctx.label(r.to)}; supply now ${sharesText(r.totalSupply)}`,
]);
