import { cliAction, parseShares, sendTx, sharesText, tokenFacts, type Context, type TxInfo } from "../lib/index.js";

export interface ApproveTransferParams {
  token?: string;
  from: string;
  to: string;
  shares: string | bigint;
}

export interface ApproveTransferResult {
  token: string;
  from: string;
  to: string;
  amount: bigint;
  txs: TxInfo[];
}

/** The owner allows `from` to move up to `shares` to `to` (replacing any earlier allowance; 0 withdraws it). */
export async function approveTransfer(ctx: Context, p: ApproveTransferParams): Promise<ApproveTransferResult> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const from = ctx.account(p.from, "from");
  const to = ctx.account(p.to, "to");
  const amount = parseShares(p.shares, facts.totalSupply, "shares");
  const { tx } = await sendTx(ctx, "approveTransfer", token, () => facts.contract.approveTransfer(from, to, amount));
  return { token, from, to, amount, txs: [tx] };
}

export default cliAction(approveTransfer, (r, ctx) => [
  `${ctx.label(r.from)} may move ${sharesText(r.amount)} to ${ctx.label(r.to)}`,
]);
