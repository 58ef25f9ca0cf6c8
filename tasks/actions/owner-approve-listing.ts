import { cliAction, sendTx, type Context, type TxInfo, parseId } from "../lib/index.js";

export interface ApproveListingResult {
  listingId: bigint;
  txs: TxInfo[];
}

export interface ApproveListingParams {
  listingId: string | bigint;
}

/** The owner approves a listing on-chain. */
export async function approveListing(ctx: Context, p: ApproveListingParams): Promise<ApproveListingResult> {
  const listingId = parseId(p.listingId, "listingId");
  const market = ctx.market();
  const { tx } = await sendTx(ctx, "approveListing", await market.getAddress(), () => market.approveListing(listingId));
  return { listingId, txs: [tx] };
}

export default cliAction(approveListing, (r) => [`Approved listing ${r.listingId}`]);
