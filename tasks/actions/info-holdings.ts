import { getAddress } from "ethers";
import {
  cliAction,
  codeBlock,
  fetchLogs,
  holdingsAssets,
  holdingsOf,
  moneyText,
  sharesText,
  table,
  tokenFacts,
  type Context,
} from "../lib/index.js";
import { listings } from "./info-listings.js";

const SHARE = 10n ** 18n;

export interface HoldingsPosition {
  held: string;
  symbol: string;
  shares: bigint;
  /** Cost basis of the shares held. */
  basis: bigint;
  /** basis per whole share, rounded down (0 without shares). */
  averagePrice: bigint;
  /** Gains realized so far (sum of the Realized events), sent to the token's holders or pending. */
  gains: bigint;
  /** Losses realized so far (never netted against later gains). */
  losses: bigint;
  /** Listings of this position still open or awaiting the held token's owner's approval. */
  openListings: { listingId: bigint; remaining: bigint; price: bigint; status: string }[];
  display: { shares: string; basis: string; averagePrice: string; gains: string; losses: string };
}

export interface HoldingsBalance {
  asset: string;
  symbol: string;
  capital: bigint;
  pending: bigint;
  display: { capital: string; pending: string };
}

export interface HoldingsInfo {
  token: string;
  symbol: string;
  owner: string;
  holdings: string;
  positions: HoldingsPosition[];
  balances: HoldingsBalance[];
}

export interface HoldingsInfoParams {
  token?: string;
}

/** The first block of `holdings`: its HoldingsCreated event, else a search over its code. */
async function createdIn(ctx: Context, token: string, holdings: string, latest: number): Promise<number> {
  try {
    const factory = ctx.factory();
    const logs = await factory.queryFilter(factory.filters.HoldingsCreated(token), 0, latest);
    if (logs.length > 0) return logs[0].blockNumber;
  } catch {
    // The node limits the range: search the code instead.
  }
  return codeBlock(ctx, holdings, latest);
}

/**
 * A token's Holdings: each position (shares, basis, average price, realized gains and losses, open listings) and
 * the capital and pending gains per asset.
 */
export async function holdingsInfo(ctx: Context, p: HoldingsInfoParams): Promise<HoldingsInfo> {
  const h = await holdingsOf(ctx, p.token);
  const latest = await ctx.provider.getBlockNumber();
  const realized = h.contract.interface.getEvent("Realized");
  const logs = await fetchLogs(
    ctx,
    "Realized logs",
    { address: h.address, topics: [realized.topicHash] },
    await createdIn(ctx, h.token.address, h.address, latest),
    latest,
  );
  const gains = new Map<string, bigint>();
  for (const log of logs) {
    const event = h.contract.interface.parseLog(log)!;
    const held = getAddress(event.args.heldToken as string);
    gains.set(held, (gains.get(held) ?? 0n) + (event.args.gain as bigint));
  }
  const open = (await listings(ctx, {})).listings.filter(
    (l) => getAddress(l.seller) === h.address && (l.status === "open" || l.status === "awaiting approval"),
  );
  const factory = ctx.factory();
  const positions: HoldingsPosition[] = [];
  const count = await factory.allTokensLength();
  for (let i = 0n; i < count; i++) {
    const address = getAddress(await factory.allTokens(i));
    const shares = await ctx.token(address).balanceOf(h.address);
    const [basis, losses] = await h.contract.position(address);
    const gain = gains.get(address) ?? 0n;
    if (shares === 0n && basis === 0n && losses === 0n && gain === 0n) continue;
    const held = await tokenFacts(ctx, address);
    const averagePrice = shares === 0n ? 0n : (basis * SHARE) / shares;
    positions.push({
      held: address,
      symbol: held.symbol,
      shares,
      basis,
      averagePrice,
      gains: gain,
      losses,
      openListings: open
        .filter((l) => getAddress(l.token) === address)
        .map((l) => ({ listingId: l.listingId, remaining: l.remaining, price: l.price, status: l.status })),
      display: {
        shares: sharesText(shares),
        basis: moneyText(held.quote, basis),
        averagePrice: moneyText(held.quote, averagePrice),
        gains: moneyText(held.quote, gain),
        losses: moneyText(held.quote, losses),
      },
    });
  }
  const balances: HoldingsBalance[] = [];
  for (const asset of await holdingsAssets(ctx)) {
    const [capital, pending] = await Promise.all([h.contract.capital(asset), h.contract.pending(asset)]);
    if (capital === 0n && pending === 0n && asset !== h.token.quote.address) continue;
    const info = await ctx.asset(asset);
    balances.push({
      asset,
      symbol: info.symbol,
      capital,
      pending,
      display: { capital: moneyText(info, capital), pending: moneyText(info, pending) },
    });
  }
  return {
    token: h.token.address,
    symbol: h.token.symbol,
    owner: h.token.owner,
    holdings: h.address,
    positions,
    balances,
  };
}

export default cliAction(
  holdingsInfo,
  (r, ctx) => [
    `Holdings of ${r.symbol} at ${ctx.explorerAddress(r.holdings) ?? r.holdings}, acting for ${ctx.label(r.owner)}`,
    ...(r.positions.length === 0
      ? ["  no positions"]
      : table(
          ["held", "shares", "basis", "average price", "realized gains", "realized losses", "open listings"],
          r.positions.map((x) => [
            x.symbol,
            x.display.shares.replace(/ shares$/, ""),
            x.display.basis,
            x.display.averagePrice,
            x.display.gains,
            x.display.losses,
            x.openListings
              .map(
                (l) =>
                  `#${l.listingId} ${sharesText(l.remaining).replace(/ shares$/, "")}${l.status === "open" ? "" : ` (${l.status})`}`,
              )
              .join(", ") || "–",
          ]),
          [1, 2, 3, 4, 5],
        )),
    ...table(
      ["asset", "capital", "pending gains"],
      r.balances.map((b) => [b.symbol, b.display.capital, b.display.pending]),
      [1, 2],
    ),
    ...(r.balances.some((b) => b.pending > 0n) ? ["  pending gains wait for the owner: holdings settle"] : []),
  ],
  { readOnly: true },
);
