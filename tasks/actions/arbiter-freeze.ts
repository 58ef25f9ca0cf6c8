import {
  cliAction, parseShares, sendTx, sharesText, tokenFacts, type CommonArgs, type Context, type TxInfo,
} from "../lib/index.js";

export interface FreezeResult {
  token: string;
  account: string;
  frozen: bigint;
  txs: TxInfo[];
}

/** The arbiter sets how many of an account's shares are frozen (0 unfreezes). */
export async function freeze(ctx: Context, p: { account: string; shares: string | bigint; token?: string }): Promise<FreezeResult> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const account = ctx.account(p.account);
  const amount = parseShares(p.shares, facts.totalSupply);
  const { tx } = await sendTx(ctx, "setFrozenTokens", token, () => facts.contract.setFrozenTokens(account, amount));
  return { token, account, frozen: await facts.contract.getFrozenTokens(account), txs: [tx] };
}

interface Args extends CommonArgs {
  account: string;
  shares: string;
  token?: string;
}

export default cliAction(
  (ctx, a: Args) => freeze(ctx, { account: a.account, shares: a.shares, token: a.token }),
  (r, ctx) => [`${ctx.label(r.account)} now has ${sharesText(r.frozen)} frozen`],
);
