import { cliAction, sendTx, type Context, type TxInfo, parseId } from "../lib/index.js";

export interface CancelListingResult {
  listingId: bigint;
  txs: TxInfo[];
}

export interface CancelListingParams {
  listingId: string | bigint;
}

/** The seller cancels its listing. */
export async function cancelListing(ctx: Context, p: CancelListingParams): Promise<CancelListingResult> {
  const listingId = parseId(p.listingId, "listingId");
  const market = ctx.market();
  const { tx } = await sendTx(ctx, "cancelListing", await market.getAddress(), () => market.cancelListing(listingId));
  return { listingId, txs: [tx] };
}

export default cliAction(cancelListing, (r) => [`Cancelled listing ${r.listingId}`]);
