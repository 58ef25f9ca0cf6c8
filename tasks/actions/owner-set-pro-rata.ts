import { cliAction, parseBool, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface SetProRataResult {
  token: string;
  holder: string;
  hasRight: boolean;
  txs: TxInfo[];
}

export interface SetProRataParams {
  holder: string;
  hasRight: string | boolean;
  token?: string;
}

/** The owner gives or revokes a holder's pro-rata right (priority in dilutive offerings). */
export async function setProRata(ctx: Context, p: SetProRataParams): Promise<SetProRataResult> {
  const token = await ctx.resolveToken(p.token);
  const holder = ctx.account(p.holder);
  const hasRight = parseBool(p.hasRight);
  const { tx } = await sendTx(ctx, "setProRataRight", token, () => ctx.token(token).setProRataRight(holder, hasRight));
  return { token, holder, hasRight, txs: [tx] };
}

export default cliAction(
  setProRata,
  (r, ctx) => [`${ctx.label(r.holder)} ${r.hasRight ? "has" : "no longer has"} a pro-rata right`],
);
