import { ZeroAddress } from "ethers";
import {
  cliAction,
  fields,
  formatBps,
  formatPercent,
  moneyText,
  sharesText,
  tokenFacts,
  type Context,
} from "../lib/index.js";

export interface AcceptedAsset {
  asset: string;
  symbol: string;
  deposited: bigint;
  claimed: bigint;
  display: { deposited: string; claimed: string };
}

export interface OfferingSummary {
  offeringId: bigint;
  status: "upcoming" | "open" | "ended" | "cancelled";
  finished: boolean;
  shares: bigint;
  sold: bigint;
  price: bigint;
  raised: bigint;
  start: bigint;
  end: bigint;
  dilutive: boolean;
  minRaise: bigint;
  display: { shares: string; sold: string; price: string; raised: string; start: string; end: string };
}

export interface TokenInfo {
  token: string;
  name: string;
  symbol: string;
  owner: string;
  pendingOwner: string;
  totalSupply: bigint;
  capBps: number;
  outsideShares: bigint;
  maxOutsideShares: bigint;
  quoteAsset: string;
  quoteSymbol: string;
  lastPrice: bigint;
  paused: boolean;
  distributor: string;
  acceptedAssets: AcceptedAsset[];
  latestOffering?: OfferingSummary;
  display: Record<string, string>;
}

export interface TokenInfoParams {
  token?: string;
}

/** Everything about one token: supply, cap, quote asset, last price, pause, distributor assets, latest offering. */
export async function tokenInfo(ctx: Context, p: TokenInfoParams): Promise<TokenInfo> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const c = facts.contract;
  const [pendingOwner, capBps, outsideShares, lastPrice, paused, distributorAddress] = await Promise.all([
    c.pendingOwner(),
    c.capBps(),
    c.outsideShares(),
    c.lastPrice(),
    c.paused(),
    c.distributor(),
  ]);
  const distributor = ctx.distributor(distributorAddress);
  const acceptedAssets: AcceptedAsset[] = [];
  for (const address of await distributor.acceptedAssets()) {
    const info = await ctx.asset(address);
    const [deposited, claimed] = await distributor.totals(address);
    acceptedAssets.push({
      asset: address,
      symbol: info.symbol,
      deposited,
      claimed,
      display: { deposited: moneyText(info, deposited), claimed: moneyText(info, claimed) },
    });
  }
  let latestOffering: OfferingSummary | undefined;
  if (ctx.addresses.market !== undefined) {
    const market = ctx.market();
    const id = await market.latestOffering(token);
    if (id !== 0n) {
      const o = await market.offering(id);
      const now = await ctx.now();
      const t = o.terms;
      const status = o.cancelled ? "cancelled" : now < t.start ? "upcoming" : now <= t.end ? "open" : "ended";
      latestOffering = {
        offeringId: id,
        status,
        finished: await market.isFinished(id),
        shares: t.shares,
        sold: o.sold,
        price: t.price,
        raised: o.raised,
        start: t.start,
        end: t.end,
        dilutive: t.dilutive,
        minRaise: t.minRaise,
        display: {
          shares: sharesText(t.shares),
          sold: sharesText(o.sold),
          price: moneyText(facts.quote, t.price),
          raised: moneyText(facts.quote, o.raised),
          start: ctx.when(t.start),
          end: ctx.when(t.end),
        },
      };
    }
  }
  const maxOutsideShares = (facts.totalSupply * BigInt(capBps)) / 10_000n;
  return {
    token,
    name: facts.name,
    symbol: facts.symbol,
    owner: facts.owner,
    pendingOwner,
    totalSupply: facts.totalSupply,
    capBps: Number(capBps),
    outsideShares,
    maxOutsideShares,
    quoteAsset: facts.quote.address,
    quoteSymbol: facts.quote.symbol,
    lastPrice,
    paused,
    distributor: distributorAddress,
    acceptedAssets,
    latestOffering,
    display: {
      supply: sharesText(facts.totalSupply),
      cap: formatBps(capBps),
      outside: `${sharesText(outsideShares)} (${formatPercent(outsideShares, facts.totalSupply)}; at most ${sharesText(maxOutsideShares)})`,
      lastPrice: lastPrice === 0n ? "none yet" : `${moneyText(facts.quote, lastPrice)} per share`,
      quote: facts.quote.isEth
        ? "ETH"
        : `${facts.quote.symbol} (${facts.quote.address}, ${facts.quote.decimals} decimals)`,
    },
  };
}

export default cliAction(
  tokenInfo,
  (r, ctx) => {
    const o = r.latestOffering;
    return [
      `${r.name} (${r.symbol}) at ${r.token}` +
        (ctx.explorerAddress(r.token) !== undefined ? ` — ${ctx.explorerAddress(r.token)}` : ""),
      ...fields([
        [
          "owner",
          ctx.label(r.owner) + (r.pendingOwner !== ZeroAddress ? ` (pending: ${ctx.label(r.pendingOwner)})` : ""),
        ],
        ["supply", r.display.supply],
        ["cap", r.display.cap],
        ["outside", r.display.outside],
        ["quote asset", r.display.quote],
        ["last price", r.display.lastPrice],
        ["paused", r.paused ? "yes" : "no"],
        ["distributor", r.distributor],
        [
          "assets",
          r.acceptedAssets
            .map((a) => `${a.symbol} (${a.display.deposited} distributed, ${a.display.claimed} claimed)`)
            .join(", "),
        ],
        [
          "latest offering",
          o === undefined
            ? "none"
            : `#${o.offeringId} ${o.status}${o.finished ? ", finished" : ""}: ${o.display.sold} of ${o.display.shares} sold at ` +
              `${o.display.price}, ${o.display.raised} raised; ${o.display.start} → ${o.display.end}` +
              (o.dilutive ? " (dilutive)" : ""),
        ],
      ]),
    ];
  },
  { readOnly: true },
);
