import { cliAction, sendTx, type CommonArgs, type Context, type TxInfo } from "../lib/index.js";

export interface CancelOfferingResult {
  offeringId: bigint;
  txs: TxInfo[];
}

/** The owner cancels an offering before its end; pending all-or-nothing purchases become refunds. */
export async function cancelOffering(ctx: Context, p: { offeringId: string | bigint }): Promise<CancelOfferingResult> {
  const offeringId = BigInt(p.offeringId);
  const market = ctx.market();
  const { tx } = await sendTx(ctx, "cancelOffering", await market.getAddress(), () => market.cancelOffering(offeringId));
  return { offeringId, txs: [tx] };
}

interface Args extends CommonArgs {
  offeringId: string;
}

export default cliAction(
  (ctx, a: Args) => cancelOffering(ctx, { offeringId: a.offeringId }),
  (r) => [`Cancelled offering ${r.offeringId}`],
);
