import { cliAction, sendTx, type CommonArgs, type Context } from "../lib/index.js";
import type { PauseResult } from "./arbiter-pause.js";

/** The arbiter ends a pause. */
export async function unpause(ctx: Context, p: { token?: string }): Promise<PauseResult> {
  const token = await ctx.resolveToken(p.token);
  const contract = ctx.token(token);
  const { tx } = await sendTx(ctx, "unpause", token, () => contract.unpause());
  return { token, paused: await contract.paused(), txs: [tx] };
}

interface Args extends CommonArgs {
  token?: string;
}

export default cliAction((ctx, a: Args) => unpause(ctx, { token: a.token }), (r, ctx) => [`Unpaused ${ctx.label(r.token)}`]);
