import {
  cliAction, parseShares, sendTx, sharesText, tokenFacts, type CommonArgs, type Context, type TxInfo,
} from "../lib/index.js";

export interface IssueResult {
  token: string;
  to: string;
  amount: bigint;
  totalSupply: bigint;
  txs: TxInfo[];
}

/** The owner mints new shares to herself or a verified investor, diluting everyone, within the cap. */
export async function issueShares(ctx: Context, p: { to: string; shares: string | bigint; token?: string }): Promise<IssueResult> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const to = ctx.account(p.to);
  const amount = parseShares(p.shares, facts.totalSupply);
  const { tx } = await sendTx(ctx, "issue", token, () => facts.contract.issue(to, amount));
  return { token, to, amount, totalSupply: await facts.contract.totalSupply(), txs: [tx] };
}

interface Args extends CommonArgs {
  to: string;
  shares: string;
  token?: string;
}

export default cliAction(
  (ctx, a: Args) => issueShares(ctx, { to: a.to, shares: a.shares, token: a.token }),
  (r, ctx) => [`Issued ${sharesText(r.amount)} to ${ctx.label(r.to)}; supply now ${sharesText(r.totalSupply)}`],
);
