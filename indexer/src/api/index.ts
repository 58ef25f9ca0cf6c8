// The indexer's HTTP API for the app: lists and history as JSON (amounts as decimal strings of base units), plus
// Ponder's GraphQL at /graphql and read-only SQL at /sql/*. What a transaction depends on, the app reads from the chain.
import { db } from "ponder:api";
import schema, {
  cashFlow,
  claim,
  distribution,
  fill,
  gainAccount,
  gainBook,
  holding,
  holdingsAccount,
  investor,
  kick,
  listing,
  offering,
  purchase,
  registryEvent,
  token,
} from "ponder:schema";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { and, asc, client, desc, eq, gt, gte, graphql, inArray, lte, replaceBigInts, sql } from "ponder";
import { trackRecord, type Flow, type TrackRecord } from "../track-record.ts";
import { holdingsRoutes } from "./holdings.ts";

type Hex = `0x${string}`;
const SCALE = 10n ** 36n;
const ONE_SHARE = 10n ** 18n;
/** Records with less history than this between first and last cash flow stay off the leaderboard. */
export const LEADERBOARD_MIN_DAYS = 90;

const app = new Hono();
app.use("/*", cors());
app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

const json = (value: unknown): Response =>
  new Response(JSON.stringify(replaceBigInts(value, (v) => v.toString())), {
    headers: { "content-type": "application/json" },
  });
const address = (text: string): Hex => text.toLowerCase() as Hex;
holdingsRoutes(app, json);

type Book = typeof gainBook.$inferSelect;
type Account = typeof gainAccount.$inferSelect;
type Token = typeof token.$inferSelect;
type Holding = typeof holding.$inferSelect;

/** Gain accounts by token, holder and asset. */
const accountKey = (tokenAddress: Hex, holder: Hex, asset: Hex): string => `${tokenAddress}-${holder}-${asset}`;
const byAccount = (accounts: Account[]): Map<string, Account> =>
  new Map(accounts.map((a) => [accountKey(a.token, a.holder, a.asset), a]));

/** A holder's claimable gains per asset of its token's `books`, exactly as the distributor computes them. */
function claimableOf(books: Book[], accounts: Map<string, Account>, holder: Hex, balance: bigint) {
  const perAsset: Record<string, bigint> = {};
  for (const book of books) {
    const correction = accounts.get(accountKey(book.token, holder, book.asset))?.correction ?? 0n;
    perAsset[book.asset] = (book.perShare * balance + correction) / SCALE;
  }
  return perAsset;
}

app.get("/api/tokens", async () => {
  const tokens = await db.select().from(token).orderBy(asc(token.createdAt));
  return json(tokens.map((t) => ({ ...t, outsideShares: t.supply - t.ownerBalance })));
});

/**
 * A token's cap table: every holder with a balance, its claimable gains per asset (computed from the books as the
 * distributor does) and, for a holder that is a token or a token's Holdings, the token its gains go on to (claimFor).
 */
async function capTableOf(a: Hex) {
  const [holders, books, accountRows] = await Promise.all([
    db
      .select()
      .from(holding)
      .where(and(eq(holding.token, a), gt(holding.balance, 0n)))
      .orderBy(desc(holding.balance)),
    db.select().from(gainBook).where(eq(gainBook.token, a)),
    db.select().from(gainAccount).where(eq(gainAccount.token, a)),
  ]);
  const accounts = byAccount(accountRows);
  // Joined on the holder's key rather than filtered by a list of every holder (slow on PGlite for large tables).
  const holdersOfToken = and(eq(holding.token, a), gt(holding.balance, 0n));
  const [tokenHolders, holdingsHolders] = await Promise.all([
    db
      .select({ address: token.address })
      .from(holding)
      .innerJoin(token, eq(token.address, holding.holder))
      .where(holdersOfToken),
    db
      .select({ address: holdingsAccount.address, token: holdingsAccount.token })
      .from(holding)
      .innerJoin(holdingsAccount, eq(holdingsAccount.address, holding.holder))
      .where(holdersOfToken),
  ]);
  const forwardsTo = new Map<string, Hex>([
    ...tokenHolders.map((x): [string, Hex] => [x.address, x.address]),
    ...holdingsHolders.map((x): [string, Hex] => [x.address, x.token]),
  ]);
  const capTable = holders.map((h) => ({
    ...h,
    claimable: claimableOf(books, accounts, h.holder, h.balance),
    forwardsTo: forwardsTo.get(h.holder) ?? null,
  }));
  return { capTable, books };
}

app.get("/api/tokens/:address/cap-table", async (c) => {
  const a = address(c.req.param("address"));
  const [[t], { capTable }] = await Promise.all([db.select().from(token).where(eq(token.address, a)), capTableOf(a)]);
  if (t === undefined) return c.json({ error: "unknown token" }, 404);
  return json({ token: { ...t, outsideShares: t.supply - t.ownerBalance }, capTable });
});

app.get("/api/tokens/:address", async (c) => {
  const a = address(c.req.param("address"));
  const [[t], { capTable, books }, distributions, offerings, purchases, listings, fills, kicks] = await Promise.all([
    db.select().from(token).where(eq(token.address, a)),
    capTableOf(a),
    db.select().from(distribution).where(eq(distribution.token, a)).orderBy(desc(distribution.timestamp)),
    db.select().from(offering).where(eq(offering.token, a)).orderBy(desc(offering.id)),
    db.select().from(purchase).where(eq(purchase.token, a)).orderBy(desc(purchase.timestamp)),
    db.select().from(listing).where(eq(listing.token, a)).orderBy(desc(listing.id)),
    db.select().from(fill).where(eq(fill.token, a)).orderBy(desc(fill.timestamp)),
    db.select().from(kick).where(eq(kick.token, a)).orderBy(desc(kick.timestamp)),
  ]);
  if (t === undefined) return c.json({ error: "unknown token" }, 404);
  return json({
    token: { ...t, outsideShares: t.supply - t.ownerBalance },
    capTable,
    books,
    distributions,
    offerings,
    purchases,
    listings,
    fills,
    kicks,
  });
});

app.get("/api/portfolio/:address", async (c) => {
  const a = address(c.req.param("address"));
  const rows = await db.select().from(holding).where(eq(holding.holder, a));
  const held = rows.map((r) => r.token);
  const [tokens, books, accounts] = rows.length
    ? await Promise.all([
        db.select().from(token).where(inArray(token.address, held)),
        db.select().from(gainBook).where(inArray(gainBook.token, held)),
        db.select().from(gainAccount).where(eq(gainAccount.holder, a)),
      ])
    : [[], [], []];
  const tokenOf = new Map(tokens.map((t) => [t.address, t]));
  const booksOf = new Map<Hex, Book[]>();
  for (const b of books) booksOf.set(b.token, [...(booksOf.get(b.token) ?? []), b]);
  const accountOf = byAccount(accounts);
  const positions = [];
  for (const r of rows) {
    const t = tokenOf.get(r.token)!;
    const owed = claimableOf(booksOf.get(r.token) ?? [], accountOf, a, r.balance);
    if (r.balance === 0n && Object.values(owed).every((v) => v === 0n)) continue;
    positions.push({ ...r, token: t, value: (r.balance * t.lastPrice) / ONE_SHARE, claimable: owed });
  }
  return json({
    positions,
    listings: await db.select().from(listing).where(eq(listing.seller, a)).orderBy(desc(listing.id)),
    purchases: await db.select().from(purchase).where(eq(purchase.buyer, a)).orderBy(desc(purchase.timestamp)),
  });
});

/** An investor's money in one token and asset: its dated flows and, in the token's quote asset, its priced shares. */
interface Position {
  token: Token;
  asset: Hex;
  shares: bigint;
  holdingsValue: bigint;
  flows: Flow[];
}

/**
 * An investor's positions from its cash flows (by time), holdings and `tokens` (the tokens of both, in the order the
 * record lists them); shares received without a price are set apart.
 */
function positionsOf(flows: (Flow & { token: Hex; asset: Hex })[], holdings: Holding[], tokens: Token[]) {
  const byKey = new Map<string, { token: Hex; asset: Hex; flows: Flow[] }>();
  for (const f of flows) {
    const key = `${f.token}-${f.asset}`;
    if (!byKey.has(key)) byKey.set(key, { token: f.token, asset: f.asset, flows: [] });
    byKey.get(key)!.flows.push(f);
  }
  const positions: Position[] = [];
  const unpriced: { token: Token; shares: bigint; value: bigint }[] = [];
  for (const t of tokens) {
    const h = holdings.find((x) => x.token === t.address);
    const balance = h?.balance ?? 0n;
    const unpricedShares = h === undefined || h.unpriced <= 0n ? 0n : h.unpriced < balance ? h.unpriced : balance;
    const pricedShares = balance - unpricedShares;
    if (unpricedShares > 0n)
      unpriced.push({ token: t, shares: unpricedShares, value: (unpricedShares * t.lastPrice) / ONE_SHARE });
    const key = `${t.address}-${t.quoteAsset}`;
    if (!byKey.has(key) && pricedShares > 0n) byKey.set(key, { token: t.address, asset: t.quoteAsset, flows: [] });
    for (const [k, group] of byKey) {
      if (group.token !== t.address) continue;
      const quoted = k === key;
      positions.push({
        token: t,
        asset: group.asset,
        shares: quoted ? pricedShares : 0n,
        holdingsValue: quoted ? (pricedShares * t.lastPrice) / ONE_SHARE : 0n,
        flows: group.flows,
      });
    }
  }
  return { positions, unpriced };
}

/** The record per quote asset: every position in that asset taken together. */
function perAssetOf(positions: Position[], now: bigint) {
  return [...new Set(positions.map((p) => p.asset))].map((asset) => {
    const rows = positions.filter((p) => p.asset === asset);
    return {
      asset,
      ...trackRecord(
        rows.flatMap((r) => r.flows),
        rows.reduce((s, r) => s + r.holdingsValue, 0n),
        now,
      ),
    };
  });
}

/** Tokens in the order records list them. */
const tokenOrder = [asc(token.createdAt), asc(token.address)];

/** The track record of `who`: per token and asset, then per asset. */
async function record(who: Hex, now: bigint) {
  const [flows, holdings] = await Promise.all([
    db.select().from(cashFlow).where(eq(cashFlow.investor, who)).orderBy(asc(cashFlow.timestamp), asc(cashFlow.id)),
    db.select().from(holding).where(eq(holding.holder, who)),
  ]);
  const tokenAddresses = [...new Set([...flows.map((f) => f.token), ...holdings.map((h) => h.token)])];
  const tokens = tokenAddresses.length
    ? await db
        .select()
        .from(token)
        .where(inArray(token.address, tokenAddresses))
        .orderBy(...tokenOrder)
    : [];
  const { positions, unpriced } = positionsOf(flows, holdings, tokens);
  const perToken: (TrackRecord & Omit<Position, "holdingsValue">)[] = positions.map(
    ({ holdingsValue, flows: own, ...p }) => ({ ...p, ...trackRecord(own, holdingsValue, now), flows: own }),
  );
  return { perToken, perAsset: perAssetOf(positions, now), unpriced };
}

/** Verified, unbanned investors whose verification ends within `days` (default 30) of `now`, soonest first. */
app.get("/api/investors", async (c) => {
  const now = BigInt(c.req.query("now") ?? Math.floor(Date.now() / 1000));
  const days = BigInt(Math.max(1, Number(c.req.query("expiringWithin") ?? 30) || 30));
  return json(
    await db
      .select()
      .from(investor)
      .where(
        and(
          eq(investor.banned, false),
          gte(investor.verifiedUntil, now),
          lte(investor.verifiedUntil, now + days * 86_400n),
        ),
      )
      .orderBy(asc(investor.verifiedUntil)),
  );
});

app.get("/api/investors/:address", async (c) => {
  const who = address(c.req.param("address"));
  const now = BigInt(c.req.query("now") ?? Math.floor(Date.now() / 1000));
  const [registry] = await db.select().from(investor).where(eq(investor.address, who));
  return json({
    address: who,
    registry: registry ?? null,
    history: await db
      .select()
      .from(registryEvent)
      .where(eq(registryEvent.investor, who))
      .orderBy(asc(registryEvent.timestamp)),
    kicks: await db.select().from(kick).where(eq(kick.holder, who)),
    claims: await db.select().from(claim).where(eq(claim.holder, who)).orderBy(asc(claim.timestamp)),
    ...(await record(who, now)),
  });
});

// Every record on the board in three queries: the investors with enough history in some asset (by SQL), then their
// flows, holdings and the tokens, grouped here; each record is computed as the investor page computes it.
app.get("/api/leaderboard", async (c) => {
  const now = BigInt(c.req.query("now") ?? Math.floor(Date.now() / 1000));
  const minSeconds = LEADERBOARD_MIN_DAYS * 86_400;
  const qualified = db
    .selectDistinct({ investor: cashFlow.investor })
    .from(cashFlow)
    .groupBy(cashFlow.investor, cashFlow.asset)
    .having(sql`max(${cashFlow.timestamp}) - min(${cashFlow.timestamp}) >= ${minSeconds}`);
  const [flows, holdings, tokens] = await Promise.all([
    db
      .select()
      .from(cashFlow)
      .where(inArray(cashFlow.investor, qualified))
      .orderBy(asc(cashFlow.investor), asc(cashFlow.timestamp), asc(cashFlow.id)),
    db.select().from(holding).where(inArray(holding.holder, qualified)),
    db
      .select()
      .from(token)
      .orderBy(...tokenOrder),
  ]);
  const holdingsOf = new Map<Hex, Holding[]>();
  for (const h of holdings) holdingsOf.set(h.holder, [...(holdingsOf.get(h.holder) ?? []), h]);
  const rows = [];
  for (let i = 0; i < flows.length;) {
    const who = flows[i].investor;
    let j = i;
    while (j < flows.length && flows[j].investor === who) j++;
    const own = flows.slice(i, j);
    i = j;
    const held = holdingsOf.get(who) ?? [];
    const involved = new Set([...own.map((f) => f.token), ...held.map((h) => h.token)]);
    const { positions } = positionsOf(
      own,
      held,
      tokens.filter((t) => involved.has(t.address)),
    );
    for (const a of perAssetOf(positions, now)) {
      if (a.firstFlow === null || a.lastFlow === null || a.irr === null) continue;
      if (Number(a.lastFlow - a.firstFlow) < minSeconds) continue;
      rows.push({ investor: who, ...a });
    }
  }
  rows.sort((x, y) => (y.irr ?? 0) - (x.irr ?? 0));
  return json({ minDays: LEADERBOARD_MIN_DAYS, rows });
});

export default app;
