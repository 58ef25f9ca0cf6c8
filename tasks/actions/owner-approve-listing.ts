import { cliAction, sendTx, type Context, type TxInfo, parseId } from "../lib/index.js";

export interface ApproveListingResult {
  listingId: bigint;
  txs: TxInfo[];
}

export interface ApproveListingParams {
  listingId: string | bigint;
}

/** Sends a market call that takes only a listing id: the owner's approval or the seller's cancellation. */
export async function sendListingCall(
  ctx: Context,
  p: ApproveListingParams,
  method: "approveListing" | "cancelListing",
): Promise<ApproveListingResult> {
  const listingId = parseId(p.listingId, "listingId");
  const market = ctx.market();
  const { tx } = await sendTx(ctx, method, await market.getAddress(), () => market[method](listingId));
  return { listingId, txs: [tx] };
}

/** The owner approves a listing on-chain. */
export const approveListing = (ctx: Context, p: ApproveListingParams): Promise<ApproveListingResult> =>
  sendListingCall(ctx, p, "approveListing");

export default cliAction(approveListing, (r) => [`Approved listing ${r.listingId}`]);
