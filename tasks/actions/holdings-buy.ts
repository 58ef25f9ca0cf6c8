import { ZeroAddress, type TransactionReceipt } from "ethers";
import {
  CliError,
  cliAction,
  eventsOf,
  holdingsOf,
  moneyText,
  parseId,
  parseShares,
  sendTx,
  sharesText,
  tokenFacts,
  type Context,
  type TxInfo,
} from "../lib/index.js";

export interface HoldingsBuyParams {
  offeringId: string | bigint;
  shares: string | bigint;
  token?: string;
}

export interface HoldingsFillParams {
  listingId: string | bigint;
  shares: string | bigint;
  token?: string;
}

export interface HoldingsPurchaseResult {
  token: string;
  holdings: string;
  held: string;
  shares: bigint;
  /** Quote units paid from the Holdings' capital: the exact cost basis of the shares bought. */
  cost: bigint;
  /** Capital left in the quote asset. */
  capital: bigint;
  display: { shares: string; cost: string; capital: string };
  txs: TxInfo[];
}

/** The owner buys shares in a plain offering for her token's Holdings, paid from its capital. */
export async function holdingsBuy(ctx: Context, p: HoldingsBuyParams): Promise<HoldingsPurchaseResult> {
  const h = await holdingsOf(ctx, p.token);
  const offeringId = parseId(p.offeringId, "offeringId");
  const offering = await ctx.market().offering(offeringId);
  if (offering.terms.token === ZeroAddress) throw new CliError(`There is no offering ${offeringId}`);
  const held = await tokenFacts(ctx, offering.terms.token);
  const shares = parseShares(p.shares, held.totalSupply, "shares");
  const sent = await sendTx(ctx, "buyOffering", h.address, () => h.contract.buyOffering(offeringId, shares));
  return purchased(ctx, h, held, shares, sent);
}

/** The owner fills a listing for her token's Holdings, paid from its capital (never a listing of her own). */
export async function holdingsFill(ctx: Context, p: HoldingsFillParams): Promise<HoldingsPurchaseResult> {
  const h = await holdingsOf(ctx, p.token);
  const listingId = parseId(p.listingId, "listingId");
  const listing = await ctx.market().listing(listingId);
  if (listing.seller === ZeroAddress) throw new CliError(`There is no listing ${listingId}`);
  const held = await tokenFacts(ctx, listing.token);
  const shares = parseShares(p.shares, held.totalSupply, "shares");
  const sent = await sendTx(ctx, "buyListing", h.address, () => h.contract.buyListing(listingId, shares));
  return purchased(ctx, h, held, shares, sent);
}

async function purchased(
  ctx: Context,
  h: Awaited<ReturnType<typeof holdingsOf>>,
  held: Awaited<ReturnType<typeof tokenFacts>>,
  shares: bigint,
  { tx, receipt }: { tx: TxInfo; receipt: TransactionReceipt },
): Promise<HoldingsPurchaseResult> {
  const cost = eventsOf(receipt, h.contract, "Bought")[0]?.args.cost as bigint;
  const capital = await h.contract.capital(held.quote.address);
  return {
    token: h.token.address,
    holdings: h.address,
    held: held.address,
    shares,
    cost,
    capital,
    display: { shares: sharesText(shares), cost: moneyText(held.quote, cost), capital: moneyText(held.quote, capital) },
    txs: [tx],
  };
}

export const renderPurchase = (r: HoldingsPurchaseResult, ctx: Context): string[] => [
  `${ctx.label(r.holdings)} bought ${r.display.shares} of ${ctx.label(r.held)} for ${r.display.cost} (its cost basis); ` +
    `capital left ${r.display.capital}`,
];

export default cliAction(holdingsBuy, renderPurchase);
