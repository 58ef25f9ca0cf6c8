import { cliAction, parseShares, sendTx, sharesText, tokenFacts, type Context, type TxInfo } from "../lib/index.js";

export interface ForceTransferResult {
  token: string;
  from: string;
  to: string;
  amount: bigint;
  txs: TxInfo[];
}

export interface ForceTransferParams {
  from: string;
  to: string;
  shares: string | bigint;
  token?: string;
}

/** The arbiter moves shares from one address to another (ERC-7943 forced transfer), e.g. to reverse a forged move. */
export async function forceTransfer(ctx: Context, p: ForceTransferParams): Promise<ForceTransferResult> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const from = ctx.account(p.from, "from");
  const to = ctx.account(p.to, "to");
  const amount = parseShares(p.shares, facts.totalSupply, "shares");
  const { tx } = await sendTx(ctx, "forcedTransfer", token, () => facts.contract.forcedTransfer(from, to, amount));
  return { token, from, to, amount, txs: [tx] };
}

export default cliAction(forceTransfer, (r, ctx) => [
  `Forced transfer of ${sharesText(r.amount)} from ${ctx.label(r.from)} to ${ctx.label(r.to)}`,
]);
