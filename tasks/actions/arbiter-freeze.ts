import { cliAction, parseShares, sendTx, sharesText, tokenFacts, type Context, type TxInfo } from "../lib/index.js";

export interface FreezeResult {
  token: string;
  account: string;
  frozen: bigint;
  txs: TxInfo[];
}

export interface FreezeParams {
  account: string;
  shares: string | bigint;
  token?: string;
}

/** The arbiter sets how many of an account's shares are frozen (0 unfreezes). */
export async function freeze(ctx: Context, p: FreezeParams): Promise<FreezeResult> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const account = ctx.account(p.account, "account");
  const amount = parseShares(p.shares, facts.totalSupply, "shares", { allowZero: true });
  const { tx } = await sendTx(ctx, "setFrozenTokens", token, () => facts.contract.setFrozenTokens(account, amount));
  return { token, account, frozen: await facts.contract.getFrozenTokens(account), txs: [tx] };
}

export default cliAction(freeze, (r, ctx) => [`${ctx.label(r.account)} now has ${sharesText(r.frozen)} frozen`]);
