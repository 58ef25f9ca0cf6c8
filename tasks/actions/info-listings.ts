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

export type ListingStatus = "open" | "awaiting approval" | "filled" | "expired" | "cancelled";

export interface ListingRow {
  listingId: bigint;
  token: string;
  symbol: string;
  seller: string;
  /** The only buyer allowed, or absent for anyone. */
  buyer?: string;
  status: ListingStatus;
  remaining: bigint;
  price: bigint;
  expiry: bigint;
  youMay: string[];
  display: { remaining: string; price: string; expiry: string };
}

export interface ListingsResult {
  caller?: string;
  listings: ListingRow[];
}

export interface ListingsParams {
  /** Only this token's listings (default: every token's). */
  token?: string;
}

const ORDER: Record<ListingStatus, number> = { open: 0, "awaiting approval": 1, filled: 2, expired: 3, cancelled: 4 };

/** Every listing of the market (or of one token), open ones first, with what the caller may do with each. */
export async function listings(ctx: Context, p: ListingsParams): Promise<ListingsResult> {
  const market = ctx.market();
  const only = p.token !== undefined && p.token !== "" ? ctx.account(p.token, "--token") : undefined;
  const caller = ctx.signers.length > 0 ? getAddress(ctx.signerAddress) : undefined;
  const now = await ctx.now();
  const facts = new Map<string, TokenFacts>();
  const rows: ListingRow[] = [];
  for (let id = 1n; ; id++) {
    const l = await market.listing(id);
    if (l.seller === ZeroAddress) break;
    const token = getAddress(l.token);
    if (only !== undefined && token !== only) continue;
    if (!facts.has(token)) facts.set(token, await tokenFacts(ctx, token));
    const f = facts.get(token)!;
    const remaining = l.amount - l.filled;
    const status: ListingStatus = l.cancelled
      ? "cancelled"
      : remaining === 0n
        ? "filled"
        : now > l.expiry
          ? "expired"
          : l.approved
            ? "open"
            : "awaiting approval";
    const youMay: string[] = [];
    if (caller !== undefined) {
      const seller = getAddress(l.seller) === caller;
      const mayBuy = !seller && (l.buyer === ZeroAddress || getAddress(l.buyer) === caller);
      if (status === "open" && mayBuy) youMay.push(`investor fill ${id} <shares>`);
      if (status === "awaiting approval" && mayBuy)
        youMay.push(`investor fill ${id} <shares> --approval <the owner's signature>`);
      if (status === "awaiting approval" && getAddress(f.owner) === caller) {
        youMay.push(`owner approve-listing ${id}`, `owner sign-listing ${id}`);
      }
      if (seller && (status === "open" || status === "awaiting approval")) youMay.push(`investor cancel-listing ${id}`);
    }
    rows.push({
      listingId: id,
      token,
      symbol: f.symbol,
      seller: l.seller,
      ...(l.buyer !== ZeroAddress ? { buyer: l.buyer } : {}),
      status,
      remaining,
      price: l.price,
      expiry: l.expiry,
      youMay,
      display: {
        remaining: sharesText(remaining),
        price: moneyText(f.quote, l.price),
        expiry: formatWhen(l.expiry, now),
      },
    });
  }
  rows.sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.listingId < b.listingId ? 1 : -1));
  return { ...(caller !== undefined ? { caller } : {}), listings: rows };
}

export default cliAction(
  listings,
  (r, ctx) =>
    r.listings.length === 0
      ? ["No listings"]
      : table(
          ["id", "token", "seller", "status", "shares left", "price/share", "expires", "you may"],
          r.listings.map((l) => [
            l.listingId.toString(),
            l.symbol,
            ctx.label(l.seller, true) + (l.buyer !== undefined ? ` → ${ctx.label(l.buyer, true)} only` : ""),
            l.status,
            l.display.remaining.replace(/ shares$/, ""),
            l.display.price,
            l.display.expiry,
            l.youMay.join("; ") || "–",
          ]),
          [0, 4],
        ),
  { readOnly: true },
);
