// Event handlers: each contract event updates the tables of ponder.schema.ts. Ponder runs them in chain order, so
// a handler sees the state every earlier event left (e.g. the supply at a distribution is the token's totalSupply then).
import { ponder, type Context } from "ponder:registry";
import {
  bookAssets,
  cashFlow,
  claim,
  distribution,
  distributor,
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
  settlement,
  token,
  withdrawal,
} from "ponder:schema";
import { and, eq, gt } from "ponder";
import { CreditReason } from "../../client/market.ts";
import { ZERO, addCashFlow, eventId, lc, type Hex, type LoggedEvent } from "./rows.ts";
import "./holdings.ts";

/** GainsDistributor.SCALE. */
const SCALE = 10n ** 36n;

// ───────────────────────────── factory ─────────────────────────────

// TokenCreated comes before the token's initialize (and its mint), so the token starts empty and the mint's Transfer
// fills it (the event's initialSupply is that mint).
ponder.on("PersonalTokenFactory:TokenCreated", async ({ event, context }) => {
  const address = lc(event.args.token);
  await context.db.insert(token).values({
    address,
    distributor: lc(event.args.distributor),
    owner: lc(event.args.owner),
    name: event.args.name,
    symbol: event.args.symbol,
    quoteAsset: lc(event.args.quoteAsset),
    capBps: event.args.capBps,
    supply: 0n,
    ownerBalance: 0n,
    holders: 0,
    lastPrice: 0n,
    raised: 0n,
    paused: false,
    createdAt: event.block.timestamp,
  });
  await context.db.insert(distributor).values({ address: lc(event.args.distributor), token: address });
});

ponder.on("PersonalTokenFactory:TokenOwnerChanged", async ({ event, context }) => {
  const row = await context.db.find(token, { address: lc(event.args.token) });
  if (row === null) return;
  const newOwner = lc(event.args.newOwner);
  const balance = (await context.db.find(holding, { token: row.address, holder: newOwner }))?.balance ?? 0n;
  await context.db.update(token, { address: row.address }).set({ owner: newOwner, ownerBalance: balance });
});

// ───────────────────────────── token: shares ─────────────────────────────

/** Adds `delta` to a holder's balance (creating the row), keeping the token's holder count and owner balance. */
async function moveBalance(
  context: Context,
  tok: typeof token.$inferSelect,
  holder: Hex,
  delta: bigint,
  unpriced: bigint,
  timestamp: bigint,
) {
  const existing = await context.db.find(holding, { token: tok.address, holder });
  const before = existing?.balance ?? 0n;
  const after = before + delta;
  if (existing === null) {
    await context.db.insert(holding).values({
      token: tok.address,
      holder,
      balance: after,
      unpriced,
      kicked: false,
      firstAt: timestamp,
    });
  } else {
    await context.db
      .update(holding, { token: tok.address, holder })
      .set({ balance: after, unpriced: existing.unpriced + unpriced });
  }
  const holders = tok.holders + (before === 0n && after > 0n ? 1 : 0) - (before > 0n && after === 0n ? 1 : 0);
  return { holders, after };
}

// Every balance change: balances, supply, holder count, shares received without a price, and the distributor's
// corrections (perShare × value moves from the receiver's correction to the sender's, as onBalanceChange does).
ponder.on("PersonalToken:Transfer", async ({ event, context }) => {
  const address = lc(event.log.address);
  const tok = await context.db.find(token, { address });
  if (tok === null) return;
  const from = lc(event.args.from);
  const to = lc(event.args.to);
  const value = event.args.value;
  // A move the market made is priced (a purchase, a fill, a kick); any other move of shares between a holder and
  // someone other than the owner's mint is received without a price (grants, issuance, transfers, forced moves).
  const priced = lc(event.transaction.to ?? ZERO) === lc(context.contracts.ShareMarket.address as string);
  let { supply, ownerBalance, holders } = tok;
  if (from === ZERO) supply += value;
  else {
    const moved = await moveBalance(
      context,
      { ...tok, holders },
      from,
      -value,
      priced || from === tok.owner ? 0n : -value,
      event.block.timestamp,
    );
    holders = moved.holders;
    if (from === tok.owner) ownerBalance = moved.after;
  }
  if (to === ZERO) supply -= value;
  else {
    const moved = await moveBalance(
      context,
      { ...tok, holders },
      to,
      value,
      priced || to === tok.owner ? 0n : value,
      event.block.timestamp,
    );
    holders = moved.holders;
    if (to === tok.owner) ownerBalance = moved.after;
  }
  await context.db.update(token, { address }).set({ supply, ownerBalance, holders });

  for (const asset of (await context.db.find(bookAssets, { token: address }))?.assets ?? []) {
    const book = (await context.db.find(gainBook, { token: address, asset }))!;
    const delta = book.perShare * value;
    if (from !== ZERO) await addCorrection(context, address, from, asset, delta);
    if (to !== ZERO) await addCorrection(context, address, to, asset, -delta);
  }
});

async function addCorrection(context: Context, tokenAddress: Hex, holder: Hex, asset: Hex, delta: bigint) {
  await context.db
    .insert(gainAccount)
    .values({ token: tokenAddress, holder, asset, correction: delta, claimed: 0n, credited: 0n })
    .onConflictDoUpdate((row) => ({ correction: row.correction + delta }));
}

ponder.on("PersonalToken:LastPriceUpdated", async ({ event, context }) => {
  await context.db.update(token, { address: lc(event.log.address) }).set({ lastPrice: event.args.price });
});

ponder.on("PersonalToken:CapLowered", async ({ event, context }) => {
  await context.db.update(token, { address: lc(event.log.address) }).set({ capBps: Number(event.args.newCapBps) });
});

ponder.on("PersonalToken:Paused", async ({ event, context }) => {
  await context.db.update(token, { address: lc(event.log.address) }).set({ paused: true });
});

ponder.on("PersonalToken:Unpaused", async ({ event, context }) => {
  await context.db.update(token, { address: lc(event.log.address) }).set({ paused: false });
});

ponder.on("PersonalToken:OwnershipTransferred", async ({ event, context }) => {
  const address = lc(event.log.address);
  const tok = await context.db.find(token, { address });
  if (tok === null) return;
  const owner = lc(event.args.newOwner);
  const balance = (await context.db.find(holding, { token: address, holder: owner }))?.balance ?? 0n;
  await context.db.update(token, { address }).set({ owner, ownerBalance: balance });
});

ponder.on("PersonalToken:Kicked", async ({ event, context }) => {
  const address = lc(event.log.address);
  const holder = lc(event.args.holder);
  await context.db
    .insert(kick)
    .values({
      id: `${event.transaction.hash}-${holder}`,
      token: address,
      holder,
      sharesBoughtBack: event.args.sharesBoughtBack,
      unvestedReturned: event.args.unvestedReturned,
      pricePerShare: 0n,
      amount: 0n,
      timestamp: event.block.timestamp,
    })
    .onConflictDoUpdate({
      sharesBoughtBack: event.args.sharesBoughtBack,
      unvestedReturned: event.args.unvestedReturned,
    });
  await context.db
    .insert(holding)
    .values({ token: address, holder, balance: 0n, unpriced: 0n, kicked: true, firstAt: event.block.timestamp })
    .onConflictDoUpdate({ kicked: true });
});

ponder.on("PersonalToken:Readmitted", async ({ event, context }) => {
  const holder = lc(event.args.holder);
  const row = await context.db.find(holding, { token: lc(event.log.address), holder });
  if (row !== null) await context.db.update(holding, { token: row.token, holder }).set({ kicked: false });
});

// ───────────────────────────── gains ─────────────────────────────

// A deposit: the book's accumulator moves exactly as GainsDistributor._credit moves it, and every holder's newly
// credited gain becomes a dated cash flow (credited when distributed, not when claimed).
ponder.on("GainsDistributor:GainDistributed", async ({ event, context }) => {
  const dist = await context.db.find(distributor, { address: lc(event.log.address) });
  if (dist === null) return;
  const tok = (await context.db.find(token, { address: dist.token }))!;
  const asset = lc(event.args.asset);
  const amount = event.args.amount;
  const book = await context.db.find(gainBook, { token: tok.address, asset });
  const oldPerShare = book?.perShare ?? 0n;
  const scaled = amount * SCALE + (book?.carry ?? 0n);
  const increase = scaled / tok.supply;
  const perShare = oldPerShare + increase;
  const carry = scaled - increase * tok.supply;
  await context.db
    .insert(gainBook)
    .values({ token: tok.address, asset, perShare, carry, deposited: amount, claimed: 0n })
    .onConflictDoUpdate((row) => ({ perShare, carry, deposited: row.deposited + amount }));
  if (book === null) {
    await context.db
      .insert(bookAssets)
      .values({ token: tok.address, assets: [asset] })
      .onConflictDoUpdate((row) => ({ assets: [...row.assets, asset] }));
  }
  await context.db.insert(distribution).values({
    id: eventId(event),
    token: tok.address,
    asset,
    depositor: lc(event.args.depositor),
    amount,
    memo: event.args.memo,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });

  const holders = await context.db.sql
    .select()
    .from(holding)
    .where(and(eq(holding.token, tok.address), gt(holding.balance, 0n)));
  for (const h of holders) {
    const account = await context.db.find(gainAccount, { token: tok.address, holder: h.holder, asset });
    const correction = account?.correction ?? 0n;
    const credited = (perShare * h.balance + correction) / SCALE - (oldPerShare * h.balance + correction) / SCALE;
    if (credited === 0n) continue;
    await context.db
      .insert(gainAccount)
      .values({ token: tok.address, holder: h.holder, asset, correction: 0n, claimed: 0n, credited })
      .onConflictDoUpdate((row) => ({ credited: row.credited + credited }));
    if (h.holder === tok.owner) continue;
    await context.db.insert(cashFlow).values({
      id: `${eventId(event)}-${h.holder}`,
      investor: h.holder,
      token: tok.address,
      asset,
      kind: "gain",
      amount: credited,
      timestamp: event.block.timestamp,
      txHash: event.transaction.hash,
    });
  }
});

ponder.on("GainsDistributor:GainClaimed", async ({ event, context }) => {
  const dist = await context.db.find(distributor, { address: lc(event.log.address) });
  if (dist === null) return;
  const holder = lc(event.args.holder);
  const asset = lc(event.args.asset);
  const amount = event.args.amount;
  await context.db
    .insert(gainAccount)
    .values({ token: dist.token, holder, asset, correction: -amount * SCALE, claimed: amount, credited: 0n })
    .onConflictDoUpdate((row) => ({ correction: row.correction - amount * SCALE, claimed: row.claimed + amount }));
  await context.db.update(gainBook, { token: dist.token, asset }).set((row) => ({ claimed: row.claimed + amount }));
  await context.db.insert(claim).values({
    id: eventId(event),
    token: dist.token,
    holder,
    asset,
    recipient: lc(event.args.recipient),
    amount,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});

// ───────────────────────────── market ─────────────────────────────

ponder.on("ShareMarket:OfferingOpened", async ({ event, context }) => {
  const { terms } = event.args;
  await context.db.insert(offering).values({
    id: event.args.offeringId,
    token: lc(event.args.token),
    shares: terms.shares,
    price: terms.price,
    minPerInvestor: terms.minPerInvestor,
    maxPerInvestor: terms.maxPerInvestor,
    start: terms.start,
    end: terms.end,
    priorityWindow: terms.priorityWindow,
    minRaise: terms.minRaise,
    dilutive: terms.dilutive,
    allowlist: event.args.allowlist.map(lc),
    sold: 0n,
    raised: 0n,
    cancelled: false,
    openedAt: event.block.timestamp,
  });
});

ponder.on("ShareMarket:OfferingCancelled", async ({ event, context }) => {
  await context.db.update(offering, { id: event.args.offeringId }).set({ cancelled: true });
});

ponder.on("ShareMarket:Purchased", async ({ event, context }) => {
  const { offeringId, shares, paid, settled } = event.args;
  const address = lc(event.args.token);
  const buyer = lc(event.args.buyer);
  await context.db
    .update(offering, { id: offeringId })
    .set((row) => ({ sold: row.sold + shares, raised: row.raised + paid }));
  await context.db.update(token, { address }).set((row) => ({ raised: row.raised + paid }));
  await context.db.insert(purchase).values({
    id: eventId(event),
    offeringId,
    token: address,
    buyer,
    shares,
    paid,
    settled,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await addCashFlow(context, event, {
    investor: buyer,
    token: address,
    asset: lc(event.args.quoteAsset),
    kind: "purchase",
    amount: -paid,
  });
});

// A refund's cash flow comes from its Credited event.
ponder.on("ShareMarket:PurchaseSettled", async ({ event, context }) => {
  const { offeringId, shares, paid, delivered } = event.args;
  const address = lc(event.args.token);
  const buyer = lc(event.args.buyer);
  await context.db.insert(settlement).values({
    id: eventId(event),
    offeringId,
    token: address,
    buyer,
    shares,
    paid,
    delivered,
    timestamp: event.block.timestamp,
  });
  if (delivered) return;
  await context.db
    .update(offering, { id: offeringId })
    .set((row) => ({ sold: row.sold - shares, raised: row.raised - paid }));
  await context.db.update(token, { address }).set((row) => ({ raised: row.raised - paid }));
});

ponder.on("ShareMarket:Listed", async ({ event, context }) => {
  await context.db.insert(listing).values({
    id: event.args.listingId,
    token: lc(event.args.token),
    seller: lc(event.args.seller),
    amount: event.args.amount,
    filled: 0n,
    price: event.args.price,
    buyer: lc(event.args.buyer),
    expiry: event.args.expiry,
    approved: false,
    cancelled: false,
    listedAt: event.block.timestamp,
  });
});

ponder.on("ShareMarket:ListingApproved", async ({ event, context }) => {
  await context.db.update(listing, { id: event.args.listingId }).set({ approved: true });
});

ponder.on("ShareMarket:ListingApprovalRevoked", async ({ event, context }) => {
  await context.db.update(listing, { id: event.args.listingId }).set({ approved: false });
});

ponder.on("ShareMarket:ListingCancelled", async ({ event, context }) => {
  await context.db.update(listing, { id: event.args.listingId }).set({ cancelled: true });
});

// The seller's proceeds are dated here, whether paid straight (an ERC-20) or credited in this transaction (ETH).
ponder.on("ShareMarket:ListingFilled", async ({ event, context }) => {
  const { listingId, shares, paid } = event.args;
  const address = lc(event.args.token);
  const asset = lc(event.args.quoteAsset);
  const buyer = lc(event.args.buyer);
  const seller = lc(event.args.seller);
  await context.db.update(listing, { id: listingId }).set((l) => ({ filled: l.filled + shares }));
  await context.db.insert(fill).values({
    id: eventId(event),
    listingId,
    token: address,
    seller,
    buyer,
    shares,
    paid,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await addCashFlow(context, event, { investor: buyer, token: address, asset, kind: "fill", amount: -paid }, "-buyer");
  await addCashFlow(context, event, { investor: seller, token: address, asset, kind: "sale", amount: paid }, "-seller");
});

ponder.on("ShareMarket:KickEscrowed", async ({ event, context }) => {
  const address = lc(event.args.token);
  const holder = lc(event.args.holder);
  await context.db
    .insert(kick)
    .values({
      id: `${event.transaction.hash}-${holder}`,
      token: address,
      holder,
      sharesBoughtBack: 0n,
      unvestedReturned: 0n,
      pricePerShare: event.args.pricePerShare,
      amount: event.args.amount,
      timestamp: event.block.timestamp,
    })
    .onConflictDoUpdate({ pricePerShare: event.args.pricePerShare, amount: event.args.amount });
});

// Money is the holder's once credited, so refunds and buybacks are dated here, not at the withdrawal (which pools
// every token's credits in one asset). Sale proceeds are dated by their sale: ListingFilled for a seller (an ERC-20
// seller is paid without a credit), and an offering's proceeds are the owner's, not an investor's.
const CREDIT_KINDS: Partial<Record<number, string>> = {
  [CreditReason.Refund]: "refund",
  [CreditReason.Buyback]: "buyback",
};

ponder.on("ShareMarket:Credited", async ({ event, context }) => {
  const kind = CREDIT_KINDS[event.args.reason];
  if (kind === undefined) return;
  await addCashFlow(context, event, {
    investor: lc(event.args.holder),
    token: lc(event.args.token),
    asset: lc(event.args.asset),
    kind,
    amount: event.args.amount,
  });
});

ponder.on("ShareMarket:Withdrawn", async ({ event, context }) => {
  await context.db.insert(withdrawal).values({
    id: eventId(event),
    holder: lc(event.args.holder),
    asset: lc(event.args.asset),
    to: lc(event.args.to),
    amount: event.args.amount,
    timestamp: event.block.timestamp,
  });
});

// ───────────────────────────── registry ─────────────────────────────

async function upsertInvestor(
  context: Context,
  address: Hex,
  timestamp: bigint,
  set: Partial<typeof investor.$inferInsert>,
) {
  await context.db
    .insert(investor)
    .values({ address, verifiedUntil: 0n, banned: false, kickCount: 0, updatedAt: timestamp, ...set })
    .onConflictDoUpdate({ ...set, updatedAt: timestamp });
}

async function logRegistry(
  context: Context,
  event: LoggedEvent,
  who: Hex,
  kind: string,
  expiresAt: bigint | null,
  data: Hex | null,
) {
  await context.db
    .insert(registryEvent)
    .values({ id: eventId(event), investor: who, kind, expiresAt, data, timestamp: event.block.timestamp });
}

ponder.on("InvestorRegistry:InvestorVerified", async ({ event, context }) => {
  const who = lc(event.args.investor);
  await upsertInvestor(context, who, event.block.timestamp, {
    verifiedUntil: event.args.expiresAt,
    evidence: event.args.evidence,
  });
  await logRegistry(context, event, who, "verified", event.args.expiresAt, event.args.evidence);
});

ponder.on("InvestorRegistry:VerificationRevoked", async ({ event, context }) => {
  const who = lc(event.args.investor);
  await upsertInvestor(context, who, event.block.timestamp, { verifiedUntil: 0n });
  await logRegistry(context, event, who, "revoked", null, event.args.reason);
});

ponder.on("InvestorRegistry:InvestorBanned", async ({ event, context }) => {
  const who = lc(event.args.investor);
  await upsertInvestor(context, who, event.block.timestamp, { banned: true, banReason: event.args.reason });
  await logRegistry(context, event, who, "banned", null, event.args.reason);
});

ponder.on("InvestorRegistry:InvestorUnbanned", async ({ event, context }) => {
  const who = lc(event.args.investor);
  await upsertInvestor(context, who, event.block.timestamp, { banned: false, banReason: null });
  await logRegistry(context, event, who, "unbanned", null, null);
});

ponder.on("InvestorRegistry:KickRecorded", async ({ event, context }) => {
  const who = lc(event.args.investor);
  await upsertInvestor(context, who, event.block.timestamp, { kickCount: Number(event.args.kickCount) });
  await logRegistry(context, event, who, "kick", null, null);
});
