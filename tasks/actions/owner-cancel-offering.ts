import { cliAction, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface CancelOfferingResult {
  offeringId: bigint;
  txs: TxInfo[];
}

export interface CancelOfferingParams {
  offeringId: string | bigint;
}

/** The owner cancels an offering before its end; pending all-or-nothing purchases become refunds. */
export async function cancelOffering(ctx: Context, p: CancelOfferingParams): Promise<CancelOfferingResult> {
  const offeringId = BigInt(p.offeringId);
  const market = ctx.market();
  const { tx } = await sendTx(ctx, "cancelOffering", await market.getAddress(), () => market.cancelOffering(offeringId));
  return { offeringId, txs: [tx] };
}

export default cliAction(cancelOffering, (r) => [`Cancelled offering ${r.offeringId}`],);
