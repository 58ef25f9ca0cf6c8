import { cliAction, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface PauseResult {
  token: string;
  paused: boolean;
  txs: TxInfo[];
}

export interface PauseParams {
  token?: string;
}

/** The arbiter pauses (`paused` true) or unpauses a token; reports the state it leaves. */
export async function setPaused(ctx: Context, p: PauseParams, paused: boolean): Promise<PauseResult> {
  const token = await ctx.resolveToken(p.token);
  const contract = ctx.token(token);
  const method = paused ? "pause" : "unpause";
  const { tx } = await sendTx(ctx, method, token, () => contract[method]());
  return { token, paused: await contract.paused(), txs: [tx] };
}

/** The arbiter pauses ordinary share movements, issuance and trades of a token. */
export const pause = (ctx: Context, p: PauseParams): Promise<PauseResult> => setPaused(ctx, p, true);

export default cliAction(pause, (r, ctx) => [`Paused ${ctx.label(r.token)}`]);
