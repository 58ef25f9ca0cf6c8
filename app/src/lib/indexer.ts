// Lists and history from the indexer's JSON API (indexer/src/api/index.ts); amounts arrive as decimal strings.
import { useQuery } from "@tanstack/react-query";
import { config } from "../config.ts";

type Hex = `0x${string}`;

export interface TokenRow {
  address: Hex;
  distributor: Hex;
  owner: Hex;
  name: string;
  symbol: string;
  quoteAsset: Hex;
  capBps: number;
  supply: string;
  ownerBalance: string;
  outsideShares: string;
  holders: number;
  lastPrice: string;
  raised: string;
  paused: boolean;
  createdAt: string;
}
export interface HoldingRow {
  token: Hex;
  holder: Hex;
  balance: string;
  unpriced: string;
  kicked: boolean;
  firstAt: string;
}
export interface OfferingRow {
  id: string;
  token: Hex;
  shares: string;
  price: string;
  minPerInvestor: string;
  maxPerInvestor: string;
  start: string;
  end: string;
  priorityWindow: string;
  minRaise: string;
  dilutive: boolean;
  allowlist: Hex[];
  sold: string;
  raised: string;
  cancelled: boolean;
  openedAt: string;
}
export interface ListingRow {
  id: string;
  token: Hex;
  seller: Hex;
  amount: string;
  filled: string;
  price: string;
  buyer: Hex;
  expiry: string;
  approved: boolean;
  cancelled: boolean;
  listedAt: string;
}
export interface DistributionRow {
  id: string;
  asset: Hex;
  depositor: Hex;
  amount: string;
  memo: Hex;
  timestamp: string;
}
export interface KickRow {
  id: string;
  token: Hex;
  holder: Hex;
  sharesBoughtBack: string;
  pricePerShare: string;
  amount: string;
  timestamp: string;
}
export interface PurchaseRow {
  id: string;
  offeringId: string;
  token: Hex;
  buyer: Hex;
  shares: string;
  paid: string;
  settled: boolean;
  timestamp: string;
}
export interface FillRow {
  id: string;
  listingId: string;
  seller: Hex;
  buyer: Hex;
  shares: string;
  paid: string;
  timestamp: string;
}

export interface TokenPageData {
  token: TokenRow;
  /** forwardsTo: the token whose holders this holder's gains reach (a token itself, or a Holdings' token), else null. */
  capTable: (HoldingRow & { claimable: Record<string, string>; forwardsTo: Hex | null })[];
  books: { asset: Hex; deposited: string; claimed: string }[];
  distributions: DistributionRow[];
  offerings: OfferingRow[];
  purchases: PurchaseRow[];
  listings: ListingRow[];
  fills: FillRow[];
  kicks: KickRow[];
}

export interface PortfolioData {
  positions: (HoldingRow & { token: TokenRow; value: string; claimable: Record<string, string> })[];
  listings: ListingRow[];
  purchases: PurchaseRow[];
}

export interface FlowRow {
  kind: string;
  amount: string;
  timestamp: string;
  txHash: Hex;
  token: Hex;
  asset: Hex;
}
export interface RecordFigures {
  moneyIn: string;
  moneyOut: string;
  holdingsValue: string;
  multiple: number | null;
  irr: number | null;
  firstFlow: string | null;
  lastFlow: string | null;
}
export interface InvestorData {
  address: Hex;
  registry: { verifiedUntil: string; banned: boolean; kickCount: number; evidence: Hex | null } | null;
  history: { kind: string; expiresAt: string | null; data: Hex | null; timestamp: string }[];
  kicks: KickRow[];
  perToken: (RecordFigures & { token: TokenRow; asset: Hex; shares: string; flows: FlowRow[] })[];
  perAsset: (RecordFigures & { asset: Hex })[];
  unpriced: { token: TokenRow; shares: string; value: string }[];
}

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${config.indexerUrl}${path}`);
  if (!response.ok) throw new Error(`indexer: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A read from the indexer, refreshed every 2 s (a slow indexer leaves the last answer on the page). */
export function useIndexer<T>(path: string | null) {
  return useQuery({
    queryKey: ["indexer", path],
    queryFn: () => get<T>(path!),
    enabled: path !== null,
    refetchInterval: 2_000,
  });
}

export interface HoldingsPositionRow {
  heldToken: Hex;
  token: TokenRow;
  shares: string;
  basis: string;
  pledged: string;
  bought: string;
  cost: string;
  sold: string;
  proceeds: string;
  gains: string;
  losses: string;
  forcedOut: string;
}
export interface RealizationRow {
  id: string;
  heldToken: Hex;
  asset: Hex;
  shares: string;
  proceeds: string;
  basisSold: string;
  gain: string;
  loss: string;
  timestamp: string;
}
/** A token's Holdings (indexer/src/api/holdings.ts); `holdings` is null until someone creates it. */
export interface HoldingsData {
  token: Hex;
  holdings: { address: Hex; token: Hex; createdAt: string } | null;
  positions?: HoldingsPositionRow[];
  assets?: { asset: Hex; capital: string; pending: string }[];
  listings?: ListingRow[];
  realizations?: RealizationRow[];
}
/** What an address is in the chain of tokens, and the gains that reached it through chains. */
export interface ChainsData {
  holdingsOf: TokenRow | null;
  token: TokenRow | null;
  chainGains: {
    token: Hex;
    asset: Hex;
    amount: string;
    timestamp: string;
    txHash: Hex;
    via: "sale" | "claim";
    source: Hex;
    tokenSymbol: string | null;
    sourceSymbol: string | null;
  }[];
}
