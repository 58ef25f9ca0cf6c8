import { cliAction, sendTx, type Context } from "../lib/index.js";
import type { PauseParams, PauseResult } from "./arbiter-pause.js";

/** The arbiter ends a pause. */
export async function unpause(ctx: Context, p: PauseParams): Promise<PauseResult> {
  const token = await ctx.resolveToken(p.token);
  const contract = ctx.token(token);
  const { tx } = await sendTx(ctx, "unpause", token, () => contract.unpause());
  return { token, paused: await contract.paused(), txs: [tx] };
}

export default cliAction(unpause, (r, ctx) => [`Unpaused ${ctx.label(r.token)}`]);
