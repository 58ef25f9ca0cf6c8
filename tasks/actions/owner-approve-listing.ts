import { cliAction, sendTx, type CommonArgs, type Context, type TxInfo } from "../lib/index.js";

export interface ApproveListingResult {
  listingId: bigint;
  txs: TxInfo[];
}

/** The owner approves a listing on-chain. */
export async function approveListing(ctx: Context, p: { listingId: string | bigint }): Promise<ApproveListingResult> {
  const listingId = BigInt(p.listingId);
  const market = ctx.market();
  const { tx } = await sendTx(ctx, "approveListing", await market.getAddress(), () => market.approveListing(listingId));
  return { listingId, txs: [tx] };
}

interface Args extends CommonArgs {
  listingId: string;
}

export default cliAction(
  (ctx, a: Args) => approveListing(ctx, { listingId: a.listingId }),
  (r) => [`Approved listing ${r.listingId}`],
);
