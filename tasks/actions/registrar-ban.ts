import { cliAction, type Context } from "../lib/index.js";
import { markInvestor, type RevokeParams, type RevokeResult } from "./registrar-revoke.js";

export type BanParams = RevokeParams;
export type BanResult = RevokeResult;

/** The registrar bans a known bad actor from every personal token. */
export const banInvestor = (ctx: Context, p: BanParams): Promise<BanResult> => markInvestor(ctx, p, "ban");

export default cliAction(banInvestor, (r, ctx) => [`Banned ${ctx.label(r.investor)}`]);
