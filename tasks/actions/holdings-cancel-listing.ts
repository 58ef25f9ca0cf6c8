import { ZeroAddress, getAddress } from "ethers";
import { CliError, cliAction, holdingsOf, parseId, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface HoldingsCancelListingParams {
  listingId: string | bigint;
}

export interface HoldingsCancelListingResult {
  listingId: bigint;
  holdings: string;
  txs: TxInfo[];
}

/** The owner cancels a listing of her token's Holdings (the listing's seller names the Holdings). */
export async function holdingsCancelListing(
  ctx: Context,
  p: HoldingsCancelListingParams,
): Promise<HoldingsCancelListingResult> {
  const listingId = parseId(p.listingId, "listingId");
  const listing = await ctx.market().listing(listingId);
  if (listing.seller === ZeroAddress) throw new CliError(`There is no listing ${listingId}`);
  const token = await ctx.factory().tokenOfHoldings(listing.seller);
  if (token === ZeroAddress) {
    throw new CliError(
      `Listing ${listingId} is ${ctx.label(listing.seller)}'s, not a Holdings': its seller cancels it with investor cancel-listing ${listingId}`,
    );
  }
  const h = await holdingsOf(ctx, token);
  const { tx } = await sendTx(ctx, "cancelListing", h.address, () => h.contract.cancelListing(listingId));
  return { listingId, holdings: getAddress(h.address), txs: [tx] };
}

export default cliAction(holdingsCancelListing, (r, ctx) => [
  `Cancelled listing ${r.listingId} of ${ctx.label(r.holdings)}`,
]);
