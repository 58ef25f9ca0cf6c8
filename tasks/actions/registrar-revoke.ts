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

/** The registrar ends `investor`'s verification early. */
export async function revokeInvestor(ctx: Context, p: RevokeParams): Promise<RevokeResult> {
  const investor = ctx.account(p.investor, "investor");
  const reason = toBytes32(p.reason);
  const registry = ctx.registry();
  const { tx } = await sendTx(ctx, "revoke", await registry.getAddress(), () => registry.revoke(investor, reason));
  return { investor, reason, txs: [tx] };
}

export default cliAction(revokeInvestor, (r, ctx) => [`Revoked the verification of ${ctx.label(r.investor)}`]);
