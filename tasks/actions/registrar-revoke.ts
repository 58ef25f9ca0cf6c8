import { cliAction, sendTx, toBytes32, type Context, type TxInfo } from "../lib/index.js";

export interface RevokeParams {
  investor: string;
  reason?: string;
}

export interface RevokeResult {
  investor: string;
  reason: string;
  txs: TxInfo[];
}

/** The registrar's `revoke` or `ban` of `investor`, with the reason's bytes32 reference. */
export async function markInvestor(ctx: Context, p: RevokeParams, method: "revoke" | "ban"): Promise<RevokeResult> {
  const investor = ctx.account(p.investor, "investor");
  const reason = toBytes32(p.reason);
  const registry = ctx.registry();
  const { tx } = await sendTx(ctx, method, await registry.getAddress(), () => registry[method](investor, reason));
  return { investor, reason, txs: [tx] };
}

/** The registrar ends `investor`'s verification early. */
export const revokeInvestor = (ctx: Context, p: RevokeParams): Promise<RevokeResult> => markInvestor(ctx, p, "revoke");

export default cliAction(revokeInvestor, (r, ctx) => [`Revoked the verification of ${ctx.label(r.investor)}`]);
