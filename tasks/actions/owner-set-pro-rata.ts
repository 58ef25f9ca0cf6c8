import { CliError, cliAction, parseBool, sendTx, type Context, type TxInfo } from "../lib/index.js";

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
  const holder = ctx.account(p.holder, "holder");
  const hasRight = parseBool(p.hasRight, "hasRight");
  if ((await ctx.token(token).hasProRataRight(holder)) === hasRight) {
    throw new CliError(
      `${ctx.label(holder)} ${hasRight ? "already has" : "has no"} pro-rata right: nothing to change, nothing was sent`,
    );
  }
  const { tx } = await sendTx(ctx, "setProRataRight", token, () => ctx.token(token).setProRataRight(holder, hasRight));
  return { token, holder, hasRight, txs: [tx] };
}

export default cliAction(setProRata, (r, ctx) => [
  `${ctx.label(r.holder)} ${r.hasRight ? "has" : "no longer has"} a pro-rata right`,
]);
