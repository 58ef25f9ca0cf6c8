import { cliAction, sendTx, type CommonArgs, type Context, type TxInfo } from "../lib/index.js";

export interface CancelListingResult {
  listingId: bigint;
  txs: TxInfo[];
}

/** The seller cancels its listing. */
export async function cancelListing(ctx: Context, p: { listingId: string | bigint }): Promise<CancelListingResult> {
  const listingId = BigInt(p.listingId);
  const market = ctx.market();
  const { tx } = await sendTx(ctx, "cancelListing", await market.getAddress(), () => market.cancelListing(listingId));
  return { listingId, txs: [tx] };
}

interface Args extends CommonArgs {
  listingId: string;
}

export default cliAction(
  (ctx, a: Args) => cancelListing(ctx, { listingId: a.listingId }),
  (r) => [`Cancelled listing ${r.listingId}`],
);
