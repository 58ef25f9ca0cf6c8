import {
  CliError,
  checkBundleChain,
  cliAction,
  costOf,
  eventsOf,
  moneyText,
  parseShares,
  readBundle,
  sendTx,
  sharesText,
  tokenFacts,
  type Context,
  type ListingApprovalBundle,
  type TxInfo,
  parseId,
} from "../lib/index.js";

export interface FillParams {
  listingId: string | bigint;
  shares: string | bigint;
  /** The owner's signed approval (from `owner sign-listing`): object, inline JSON or a file. */
  approval?: string | ListingApprovalBundle;
}

export interface FillResult {
  listingId: bigint;
  token: string;
  seller: string;
  buyer: string;
  shares: bigint;
  paid: bigint;
  withSignature: boolean;
  display: { shares: string; paid: string };
  txs: TxInfo[];
}

/** Buys shares of an approved listing, or of one the owner approved by signature (`--approval`). */
export async function fill(ctx: Context, p: FillParams): Promise<FillResult> {
  const listingId = parseId(p.listingId, "listingId");
  const market = ctx.market();
  const marketAddress = await market.getAddress();
  const listing = await market.listing(listingId);
  if (listing.seller === "0x0000000000000000000000000000000000000000")
    throw new CliError(`There is no listing ${listingId}`);
  const facts = await tokenFacts(ctx, listing.token);
  const shares = parseShares(p.shares, facts.totalSupply, "shares");
  const cost = costOf(shares, listing.price);
  const bundle =
    p.approval === undefined || p.approval === ""
      ? undefined
      : readBundle<ListingApprovalBundle>(p.approval, "ListingApproval");
  if (bundle !== undefined) {
    checkBundleChain(ctx, bundle);
    if (BigInt(bundle.listingId) !== listingId) {
      throw new CliError(`--approval is for listing ${bundle.listingId}, not ${listingId}`);
    }
  }
  const txs: TxInfo[] = [];
  if (!facts.quote.isEth) {
    ctx.needAllowance(facts.quote.address, marketAddress, cost);
  }
  const value = facts.quote.isEth ? cost : 0n;
  const { tx, receipt, approval } = await sendTx(
    ctx,
    bundle === undefined ? "fill" : "fillWithApproval",
    marketAddress,
    () =>
      bundle === undefined || listing.approved
        ? market.fill(listingId, shares, { value })
        : market.fillWithApproval(listingId, shares, BigInt(bundle.nonce), BigInt(bundle.deadline), bundle.signature, {
            value,
          }),
  );
  if (approval !== undefined) txs.push(approval);
  txs.push(tx);
  const filled = eventsOf(receipt, market, "ListingFilled")[0];
  const paid = (filled?.args.paid as bigint | undefined) ?? cost;
  return {
    listingId,
    token: listing.token,
    seller: listing.seller,
    buyer: ctx.signerAddress,
    shares,
    paid,
    withSignature: bundle !== undefined && !listing.approved,
    display: { shares: sharesText(shares), paid: moneyText(facts.quote, paid) },
    txs,
  };
}

export default cliAction(fill, (r, ctx) => [
  `${ctx.label(r.buyer)} bought ${r.display.shares} from ${ctx.label(r.seller)} for ${r.display.paid} (listing ${r.listingId})`,
]);
