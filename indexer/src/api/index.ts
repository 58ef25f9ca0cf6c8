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
import { and, asc, client, desc, eq, gt, gte, graphql, inArray, lte, replaceBigInts } from "ponder";
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

/** Each holder's claimable gains per asset, exactly as the distributor computes it. */
async function claimables(tokenAddress: Hex, holders: Hex[]): Promise<Map<string, Record<string, bigint>>> {
  const result = new Map<string, Record<string, bigint>>();
  if (holders.length === 0) return result;
  const books = await db.select().from(gainBook).where(eq(gainBook.token, tokenAddress));
  const accounts = await db
    .select()
    .from(gainAccount)
    .where(and(eq(gainAccount.token, tokenAddress), inArray(gainAccount.holder, holders)));
  const balances = await db
    .select()
    .from(holding)
    .where(and(eq(holding.token, tokenAddress), inArray(holding.holder, holders)));
  for (const h of holders) {
    const balance = balances.find((b) => b.holder === h)?.balance ?? 0n;
    const perAsset: Record<string, bigint> = {};
    for (const book of books) {
      const correction = accounts.find((a) => a.holder === h && a.asset === book.asset)?.correction ?? 0n;
      perAsset[book.asset] = (book.perShare * balance + correction) / SCALE;
    }
    result.set(h, perAsset);
  }
  return result;
}

app.get("/api/tokens", async () => {
  const tokens = await db.select().from(token).orderBy(asc(token.createdAt));
  return json(tokens.map((t) => ({ ...t, outsideShares: t.supply - t.ownerBalance })));
});

app.get("/api/tokens/:address", async (c) => {
  const a = address(c.req.param("address"));
  const [t] = await db.select().from(token).where(eq(token.address, a));
  if (t === undefined) return c.json({ error: "unknown token" }, 404);
  const holders = await db
    .select()
    .from(holding)
    .where(and(eq(holding.token, a), gt(holding.balance, 0n)))
    .orderBy(desc(holding.balance));
  const owed = await claimables(
    a,
    holders.map((h) => h.holder),
  );
  const capTable = holders.map((h) => ({ ...h, claimable: owed.get(h.holder) ?? {} }));
  return json({
    token: { ...t, outsideShares: t.supply - t.ownerBalance },
    capTable,
    books: await db.select().from(gainBook).where(eq(gainBook.token, a)),
    distributions: await db
      .select()
      .from(distribution)
      .where(eq(distribution.token, a))
      .orderBy(desc(distribution.timestamp)),
    offerings: await db.select().from(offering).where(eq(offering.token, a)).orderBy(desc(offering.id)),
    purchases: await db.select().from(purchase).where(eq(purchase.token, a)).orderBy(desc(purchase.timestamp)),
    listings: await db.select().from(listing).where(eq(listing.token, a)).orderBy(desc(listing.id)),
    fills: await db.select().from(fill).where(eq(fill.token, a)).orderBy(desc(fill.timestamp)),
    kicks: await db.select().from(kick).where(eq(kick.token, a)).orderBy(desc(kick.timestamp)),
  });
});

app.get("/api/portfolio/:address", async (c) => {
  const a = address(c.req.param("address"));
  const rows = await db.select().from(holding).where(eq(holding.holder, a));
  const tokens = rows.length
    ? await db
        .select()
        .from(token)
        .where(
          inArray(
            token.address,
            rows.map((r) => r.token),
          ),
        )
    : [];
  const positions = [];
  for (const r of rows) {
    const t = tokens.find((x) => x.address === r.token)!;
    const owed = (await claimables(r.token, [a])).get(a) ?? {};
    if (r.balance === 0n && Object.values(owed).every((v) => v === 0n)) continue;
    positions.push({ ...r, token: t, value: (r.balance * t.lastPrice) / ONE_SHARE, claimable: owed });
  }
  return json({
    positions,
    listings: await db.select().from(listing).where(eq(listing.seller, a)).orderBy(desc(listing.id)),
    purchases: await db.select().from(purchase).where(eq(purchase.buyer, a)).orderBy(desc(purchase.timestamp)),
  });
});

/** The track record of `who`: per token and asset, then per asset. */
async function record(who: Hex, now: bigint) {
  const flows = await db.select().from(cashFlow).where(eq(cashFlow.investor, who)).orderBy(asc(cashFlow.timestamp));
  const holdings = await db.select().from(holding).where(eq(holding.holder, who));
  const tokenAddresses = [...new Set([...flows.map((f) => f.token), ...holdings.map((h) => h.token)])];
  const tokens = tokenAddresses.length
    ? await db.select().from(token).where(inArray(token.address, tokenAddresses))
    : [];
  const byKey = new Map<string, { token: Hex; asset: Hex; flows: Flow[] }>();
  for (const f of flows) {
    const key = `${f.token}-${f.asset}`;
    if (!byKey.has(key)) byKey.set(key, { token: f.token, asset: f.asset, flows: [] });
    byKey.get(key)!.flows.push(f);
  }
  type Row = TrackRecord & { token: typeof token.$inferSelect; asset: Hex; shares: bigint; flows: Flow[] };
  const perToken: Row[] = [];
  const unpriced: { token: typeof token.$inferSelect; shares: bigint; value: bigint }[] = [];
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
      const holdingsValue = k === key ? (pricedShares * t.lastPrice) / ONE_SHARE : 0n;
      perToken.push({
        token: t,
        asset: group.asset,
        shares: k === key ? pricedShares : 0n,
        ...trackRecord(group.flows, holdingsValue, now),
        flows: group.flows,
      });
    }
  }
  const perAsset = [...new Set(perToken.map((r) => r.asset))].map((asset) => {
    const rows = perToken.filter((r) => r.asset === asset);
    return {
      asset,
      ...trackRecord(
        rows.flatMap((r) => r.flows),
        rows.reduce((s, r) => s + r.holdingsValue, 0n),
        now,
      ),
    };
  });
  return { perToken, perAsset, unpriced };
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

app.get("/api/leaderboard", async (c) => {
  const now = BigInt(c.req.query("now") ?? Math.floor(Date.now() / 1000));
  const investors = await db.selectDistinct({ investor: cashFlow.investor }).from(cashFlow);
  const rows = [];
  for (const { investor: who } of investors) {
    const r = await record(who, now);
    for (const a of r.perAsset) {
      if (a.firstFlow === null || a.lastFlow === null || a.irr === null) continue;
      if (Number(a.lastFlow - a.firstFlow) < LEADERBOARD_MIN_DAYS * 86_400) continue;
      rows.push({ investor: who, ...a });
    }
  }
  rows.sort((x, y) => (y.irr ?? 0) - (x.irr ?? 0));
  return json({ minDays: LEADERBOARD_MIN_DAYS, rows });
});

export default app;
