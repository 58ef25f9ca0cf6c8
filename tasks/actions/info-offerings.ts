import { ZeroAddress, getAddress } from "ethers";
import {
  cliAction,
  formatWhen,
  moneyText,
  sharesText,
  table,
  tokenFacts,
  type Context,
  type TokenFacts,
} from "../lib/index.js";

export type OfferingStatus = "open" | "upcoming" | "awaiting settlement" | "ended" | "cancelled";

export interface OfferingRow {
  offeringId: bigint;
  token: string;
  symbol: string;
  status: OfferingStatus;
  kind: "sell-down" | "dilutive";
  allOrNothing: boolean;
  shares: bigint;
  sold: bigint;
  price: bigint;
  start: bigint;
  end: bigint;
  /** What the caller may do with it now, as commands. */
  youMay: string[];
  display: { shares: string; sold: string; price: string; start: string; end: string };
}

export interface OfferingsResult {
  caller?: string;
  offerings: OfferingRow[];
}

export interface OfferingsParams {
  /** Only this token's offerings (default: every token's). */
  token?: string;
}

const ORDER: Record<OfferingStatus, number> = {
  open: 0,
  upcoming: 1,
  "awaiting settlement": 2,
  ended: 3,
  cancelled: 4,
};

/** Every offering of the market (or of one token), open ones first, with what the caller may do with each. */
export async function offerings(ctx: Context, p: OfferingsParams): Promise<OfferingsResult> {
  const market = ctx.market();
  const only = p.token !== undefined && p.token !== "" ? ctx.account(p.token, "--token") : undefined;
  const caller = ctx.signers.length > 0 ? ctx.signerAddress : undefined;
  const now = await ctx.now();
  const facts = new Map<string, TokenFacts>();
  const rows: OfferingRow[] = [];
  for (let id = 1n; ; id++) {
    const o = await market.offering(id);
    if (o.terms.token === ZeroAddress) break;
    const token = getAddress(o.terms.token);
    if (only !== undefined && token !== only) continue;
    if (!facts.has(token)) facts.set(token, await tokenFacts(ctx, token));
    const f = facts.get(token)!;
    const status: OfferingStatus = o.cancelled
      ? "cancelled"
      : now < o.terms.start
        ? "upcoming"
        : now <= o.terms.end
          ? "open"
          : o.unsettled > 0n
            ? "awaiting settlement"
            : "ended";
    const youMay: string[] = [];
    if (caller !== undefined) {
      const isOwner = getAddress(f.owner) === getAddress(caller);
      if (status === "open" && !isOwner) youMay.push(`investor buy ${id} <shares>`);
      if ((status === "open" || status === "upcoming") && isOwner) youMay.push(`owner cancel-offering ${id}`);
      if (o.terms.minRaise > 0n && (status === "awaiting settlement" || status === "cancelled")) {
        if ((await market.position(id, caller)).pendingShares > 0n) youMay.push(`investor settle ${id}`);
      }
    }
    rows.push({
      offeringId: id,
      token,
      symbol: f.symbol,
      status,
      kind: o.terms.dilutive ? "dilutive" : "sell-down",
      allOrNothing: o.terms.minRaise > 0n,
      shares: o.terms.shares,
      sold: o.sold,
      price: o.terms.price,
      start: o.terms.start,
      end: o.terms.end,
      youMay,
      display: {
        shares: sharesText(o.terms.shares),
        sold: sharesText(o.sold),
        price: moneyText(f.quote, o.terms.price),
        start: formatWhen(o.terms.start, now),
        end: formatWhen(o.terms.end, now),
      },
    });
  }
  rows.sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.offeringId < b.offeringId ? 1 : -1));
  return { ...(caller !== undefined ? { caller } : {}), offerings: rows };
}

export default cliAction(
  offerings,
  (r) =>
    r.offerings.length === 0
      ? ["No offerings"]
      : table(
          ["id", "token", "status", "offered", "sold", "price/share", "ends", "you may"],
          r.offerings.map((o) => [
            o.offeringId.toString(),
            o.symbol,
            o.status + (o.allOrNothing ? " (all-or-nothing)" : ""),
            o.display.shares.replace(/ shares$/, ""),
            o.display.sold.replace(/ shares$/, ""),
            o.display.price,
            o.status === "upcoming" ? `starts ${o.display.start}` : o.display.end,
            o.youMay.join("; ") || "–",
          ]),
          [0, 3, 4],
        ),
  { readOnly: true },
);
