import { cliAction, type Context } from "../lib/index.js";
import { sendListingCall, type ApproveListingParams, type ApproveListingResult } from "./owner-approve-listing.js";

export type CancelListingParams = ApproveListingParams;
export type CancelListingResult = ApproveListingResult;

/** The seller cancels its listing. */
export const cancelListing = (ctx: Context, p: CancelListingParams): Promise<CancelListingResult> =>
  sendListingCall(ctx, p, "cancelListing");

export default cliAction(cancelListing, (r) => [`Cancelled listing ${r.listingId}`]);
