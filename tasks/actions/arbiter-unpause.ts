import { cliAction, type Context } from "../lib/index.js";
import { setPaused, type PauseParams, type PauseResult } from "./arbiter-pause.js";

/** The arbiter ends a pause. */
export const unpause = (ctx: Context, p: PauseParams): Promise<PauseResult> => setPaused(ctx, p, false);

export default cliAction(unpause, (r, ctx) => [`Unpaused ${ctx.label(r.token)}`]);
