// What the indexer keeps: one table per thing a page lists. Amounts are base units (bigint); times are block
// timestamps in seconds. Addresses are lower-case hex (Ponder's `hex`).
import { index, onchainTable, primaryKey } from "ponder";

/** A personal token (factory TokenCreated), with what its page and the directory show. */
export const token = onchainTable("token", (t) => ({
  address: t.hex().primaryKey(),
  distributor: t.hex().notNull(),
  owner: t.hex().notNull(),
  name: t.text().notNull(),
  symbol: t.text().notNull(),
  quoteAsset: t.hex().notNull(),
  capBps: t.integer().notNull(),
  supply: t.bigint().notNull(),
  ownerBalance: t.bigint().notNull(),
  holders: t.integer().notNull(),
  lastPrice: t.bigint().notNull(),
  /** Quote units paid in this token's offerings (purchases, less refunds of all-or-nothing offerings). */
  raised: t.bigint().notNull(),
  paused: t.boolean().notNull(),
  createdAt: t.bigint().notNull(),
}));

/** The distributor clone of each token, to find the token of a distributor's event. */
export const distributor = onchainTable("distributor", (t) => ({
  address: t.hex().primaryKey(),
  token: t.hex().notNull(),
}));

/** A holder's balance in a token (rows with balance 0 are kept: a former holder). */
export const holding = onchainTable(
  "holding",
  (t) => ({
    token: t.hex().notNull(),
    holder: t.hex().notNull(),
    balance: t.bigint().notNull(),
    /**
     * Shares received without a price (grants, issuance, transfers and forced moves outside the market) minus those
     * sent so; negative when more left than came that way. The track record values balance − clamp(this, 0, balance).
     */
    unpriced: t.bigint().notNull(),
    kicked: t.boolean().notNull(),
    firstAt: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.token, table.holder] }), holderIdx: index().on(table.holder) }),
);

/**
 * The distributor's book of one asset, mirrored exactly (GainsDistributor._credit): `perShare` scaled by 10^36 and
 * the scaled remainder `carry`.
 */
export const gainBook = onchainTable(
  "gain_book",
  (t) => ({
    token: t.hex().notNull(),
    asset: t.hex().notNull(),
    perShare: t.numeric({ mode: "bigint" }).notNull(),
    carry: t.numeric({ mode: "bigint" }).notNull(),
    deposited: t.bigint().notNull(),
    claimed: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.token, table.asset] }) }),
);

/**
 * The assets each token's distributor keeps a book of, so that a balance change finds its books by key (through the
 * store's cache: a raw SQL query in a handler flushes the cache and made indexing some 50× slower).
 */
export const bookAssets = onchainTable("book_assets", (t) => ({
  token: t.hex().primaryKey(),
  assets: t.hex().array().notNull(),
}));

/**
 * A holder's gains in one asset: `correction` as the distributor keeps it (an exact integer here, not wrapping), so
 * that claimable = floor((perShare × balance + correction) / 10^36); `credited` is everything ever credited to it.
 */
export const gainAccount = onchainTable(
  "gain_account",
  (t) => ({
    token: t.hex().notNull(),
    holder: t.hex().notNull(),
    asset: t.hex().notNull(),
    correction: t.numeric({ mode: "bigint" }).notNull(),
    claimed: t.bigint().notNull(),
    credited: t.bigint().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.token, table.holder, table.asset] }),
    holderIdx: index().on(table.holder),
  }),
);

/** A gain the owner (or anyone adding to a book) distributed. */
export const distribution = onchainTable(
  "distribution",
  (t) => ({
    id: t.text().primaryKey(),
    token: t.hex().notNull(),
    asset: t.hex().notNull(),
    depositor: t.hex().notNull(),
    amount: t.bigint().notNull(),
    memo: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ tokenIdx: index().on(table.token) }),
);

/** A holder's claim of gains. */
export const claim = onchainTable(
  "claim",
  (t) => ({
    id: t.text().primaryKey(),
    token: t.hex().notNull(),
    holder: t.hex().notNull(),
    asset: t.hex().notNull(),
    recipient: t.hex().notNull(),
    amount: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ holderIdx: index().on(table.holder) }),
);

/** An offering (ShareMarket OfferingOpened), with its running totals. */
export const offering = onchainTable(
  "offering",
  (t) => ({
    id: t.bigint().primaryKey(),
    token: t.hex().notNull(),
    shares: t.bigint().notNull(),
    price: t.bigint().notNull(),
    minPerInvestor: t.bigint().notNull(),
    maxPerInvestor: t.bigint().notNull(),
    start: t.bigint().notNull(),
    end: t.bigint().notNull(),
    priorityWindow: t.bigint().notNull(),
    minRaise: t.bigint().notNull(),
    dilutive: t.boolean().notNull(),
    allowlist: t.hex().array().notNull(),
    sold: t.bigint().notNull(),
    raised: t.bigint().notNull(),
    cancelled: t.boolean().notNull(),
    openedAt: t.bigint().notNull(),
  }),
  (table) => ({ tokenIdx: index().on(table.token) }),
);

/** A purchase in an offering; an all-or-nothing one is `settled` later (delivered or refunded). */
export const purchase = onchainTable(
  "purchase",
  (t) => ({
    id: t.text().primaryKey(),
    offeringId: t.bigint().notNull(),
    token: t.hex().notNull(),
    buyer: t.hex().notNull(),
    shares: t.bigint().notNull(),
    paid: t.bigint().notNull(),
    settled: t.boolean().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    buyerIdx: index().on(table.buyer),
    offeringIdx: index().on(table.offeringId),
    tokenIdx: index().on(table.token),
  }),
);

/** A settlement of an all-or-nothing purchase: the shares delivered, or the payment refunded. */
export const settlement = onchainTable("settlement", (t) => ({
  id: t.text().primaryKey(),
  offeringId: t.bigint().notNull(),
  token: t.hex().notNull(),
  buyer: t.hex().notNull(),
  shares: t.bigint().notNull(),
  paid: t.bigint().notNull(),
  delivered: t.boolean().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** A listing for a secondary sale. */
export const listing = onchainTable(
  "listing",
  (t) => ({
    id: t.bigint().primaryKey(),
    token: t.hex().notNull(),
    seller: t.hex().notNull(),
    amount: t.bigint().notNull(),
    filled: t.bigint().notNull(),
    price: t.bigint().notNull(),
    buyer: t.hex().notNull(),
    expiry: t.bigint().notNull(),
    approved: t.boolean().notNull(),
    cancelled: t.boolean().notNull(),
    listedAt: t.bigint().notNull(),
  }),
  (table) => ({ tokenIdx: index().on(table.token), sellerIdx: index().on(table.seller) }),
);

/** A fill of a listing. */
export const fill = onchainTable(
  "fill",
  (t) => ({
    id: t.text().primaryKey(),
    listingId: t.bigint().notNull(),
    token: t.hex().notNull(),
    seller: t.hex().notNull(),
    buyer: t.hex().notNull(),
    shares: t.bigint().notNull(),
    paid: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ tokenIdx: index().on(table.token) }),
);

/** A kick: the token's Kicked and the market's KickEscrowed, joined by transaction. */
export const kick = onchainTable(
  "kick",
  (t) => ({
    id: t.text().primaryKey(),
    token: t.hex().notNull(),
    holder: t.hex().notNull(),
    sharesBoughtBack: t.bigint().notNull(),
    unvestedReturned: t.bigint().notNull(),
    pricePerShare: t.bigint().notNull(),
    amount: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ tokenIdx: index().on(table.token), holderIdx: index().on(table.holder) }),
);

/** An investor in the registry: verification, ban, kick count. */
export const investor = onchainTable("investor", (t) => ({
  address: t.hex().primaryKey(),
  verifiedUntil: t.bigint().notNull(),
  evidence: t.hex(),
  banned: t.boolean().notNull(),
  banReason: t.hex(),
  kickCount: t.integer().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** The registry's record of an investor, event by event (verified, revoked, banned, unbanned, kick). */
export const registryEvent = onchainTable(
  "registry_event",
  (t) => ({
    id: t.text().primaryKey(),
    investor: t.hex().notNull(),
    kind: t.text().notNull(),
    expiresAt: t.bigint(),
    data: t.hex(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ investorIdx: index().on(table.investor) }),
);

/**
 * An investor's dated cash flow in one token and asset, on a cash basis and dated when credited: negative is money
 * the investor put in (purchase, fill), positive money it got back (refund, gain credited, sale, buyback).
 */
export const cashFlow = onchainTable(
  "cash_flow",
  (t) => ({
    id: t.text().primaryKey(),
    investor: t.hex().notNull(),
    token: t.hex().notNull(),
    asset: t.hex().notNull(),
    kind: t.text().notNull(),
    amount: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ investorIdx: index().on(table.investor) }),
);

/**
 * The market's withdrawals (proceeds, refunds, buybacks pulled): a holder's whole balance of one asset, pooled across
 * tokens, so no token; the cash flows were dated when credited.
 */
export const withdrawal = onchainTable("withdrawal", (t) => ({
  id: t.text().primaryKey(),
  holder: t.hex().notNull(),
  asset: t.hex().notNull(),
  to: t.hex().notNull(),
  amount: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** A token's Holdings (factory HoldingsCreated): its positions in other personal tokens (contracts/Holdings.sol). */
export const holdingsAccount = onchainTable("holdings_account", (t) => ({
  address: t.hex().primaryKey(),
  token: t.hex().notNull(),
  createdAt: t.bigint().notNull(),
}));

/**
 * A Holdings' position in one held token (the shares are its row in `holding`): the cost basis as the contract keeps
 * it, and the running totals of how shares came (pledged, bought) and left (sold by a fill or a kick, forced out).
 */
export const holdingsPosition = onchainTable(
  "holdings_position",
  (t) => ({
    holdings: t.hex().notNull(),
    heldToken: t.hex().notNull(),
    basis: t.bigint().notNull(),
    pledged: t.bigint().notNull(),
    bought: t.bigint().notNull(),
    cost: t.bigint().notNull(),
    sold: t.bigint().notNull(),
    proceeds: t.bigint().notNull(),
    gains: t.bigint().notNull(),
    losses: t.bigint().notNull(),
    forcedOut: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.holdings, table.heldToken] }) }),
);

/** A Holdings' money in one asset: `capital` (withdrawable by the owner) and `pending` (gains awaiting settlement). */
export const holdingsAsset = onchainTable(
  "holdings_asset",
  (t) => ({
    holdings: t.hex().notNull(),
    asset: t.hex().notNull(),
    capital: t.bigint().notNull(),
    pending: t.bigint().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.holdings, table.asset] }) }),
);

/** A sale of a Holdings position realized at average cost (Realized): by a listing fill or a kick. */
export const realization = onchainTable(
  "realization",
  (t) => ({
    id: t.text().primaryKey(),
    holdings: t.hex().notNull(),
    heldToken: t.hex().notNull(),
    asset: t.hex().notNull(),
    shares: t.bigint().notNull(),
    proceeds: t.bigint().notNull(),
    basisSold: t.bigint().notNull(),
    gain: t.bigint().notNull(),
    loss: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ holdingsIdx: index().on(table.holdings) }),
);
