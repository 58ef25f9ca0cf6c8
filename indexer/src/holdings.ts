// Event handlers of the Holdings (contracts/Holdings.sol): each token's positions in other personal tokens, their
// basis, realized gains and losses, and its capital and pending gains per asset. The shares themselves are the
// Holdings' rows in `holding` (the held token's Transfer events); a realized gain reaches the token's holders as an
// ordinary GainDistributed of the token's distributor (index.ts credits it to each holder's record), as does a gain
// forwarded along a chain by `claimFor`.
//
// A Holdings is an investor in the tokens it holds, and its record is kept as any investor's: purchases and fills it
// pays, sales, gains credited. Two moves need more than the market's events say:
// - a pledge moves shares with the purchase record they carry: the pledger's record lets the position go at that
//   cost and the Holdings' record takes it in at the same cost (shares carrying no record stay unpriced on both);
// - the Holdings' own purchases do not run through a transaction sent to the market, so index.ts counts their shares
//   as unpriced: Bought corrects that, for the Holdings and for a listing's seller.
import { ponder, type Context } from "ponder:registry";
import {
  fill,
  holding,
  holdingsAccount,
  holdingsAsset,
  holdingsPosition,
  kick,
  realization,
  token,
} from "ponder:schema";
import { and, eq } from "ponder";
import { addCashFlow, eventId, lc, type Hex } from "./rows.ts";

ponder.on("PersonalTokenFactory:HoldingsCreated", async ({ event, context }) => {
  await context.db
    .insert(holdingsAccount)
    .values({ address: lc(event.args.holdings), token: lc(event.args.token), createdAt: event.block.timestamp });
});

type PositionTotals = Omit<typeof holdingsPosition.$inferSelect, "holdings" | "heldToken">;
const NO_POSITION: PositionTotals = {
  basis: 0n,
  pledged: 0n,
  bought: 0n,
  cost: 0n,
  sold: 0n,
  proceeds: 0n,
  gains: 0n,
  losses: 0n,
  forcedOut: 0n,
};

/** Adds `delta` (each field may be negative) to a Holdings' position in `heldToken`. */
async function movePosition(context: Context, holdings: Hex, heldToken: Hex, delta: Partial<PositionTotals>) {
  const key = { holdings, heldToken };
  const row = (await context.db.find(holdingsPosition, key)) ?? { ...key, ...NO_POSITION };
  const next = { ...row };
  for (const [field, value] of Object.entries(delta) as [keyof PositionTotals, bigint][]) next[field] += value;
  await context.db.insert(holdingsPosition).values(next).onConflictDoUpdate(next);
}

/** Adds to a Holdings' capital and pending in `asset`. */
async function moveMoney(context: Context, holdings: Hex, asset: Hex, capital: bigint, pending: bigint) {
  await context.db
    .insert(holdingsAsset)
    .values({ holdings, asset, capital, pending })
    .onConflictDoUpdate((row) => ({ capital: row.capital + capital, pending: row.pending + pending }));
}

/** Moves `shares` of `token` held by `holder` between unpriced and priced (positive: they become priced). */
async function price(context: Context, token: Hex, holder: Hex, shares: bigint) {
  const row = await context.db.find(holding, { token, holder });
  if (row !== null) await context.db.update(holding, { token, holder }).set({ unpriced: row.unpriced - shares });
}

ponder.on("Holdings:CapitalDeposited", async ({ event, context }) => {
  await moveMoney(context, lc(event.log.address), lc(event.args.asset), event.args.amount, 0n);
});

ponder.on("Holdings:CapitalWithdrawn", async ({ event, context }) => {
  await moveMoney(context, lc(event.log.address), lc(event.args.asset), -event.args.amount, 0n);
});

ponder.on("Holdings:Pledged", async ({ event, context }) => {
  const { shares, basis } = event.args;
  await movePosition(context, lc(event.log.address), lc(event.args.heldToken), { pledged: shares, basis });
});

// Emitted by the held token inside `pledge` (the only move that carries a purchase record), after its Transfer: the
// carried purchases are the priced part of the move.
ponder.on("PersonalToken:PurchaseRecordCarried", async ({ event, context }) => {
  const heldToken = await context.db.find(token, { address: lc(event.log.address) });
  if (heldToken === null) return;
  const from = lc(event.args.from);
  const to = lc(event.args.to);
  const { paid, bought } = event.args;
  await price(context, heldToken.address, from, -bought);
  await price(context, heldToken.address, to, bought);
  if (paid === 0n) return;
  const flow = { token: heldToken.address, asset: heldToken.quoteAsset };
  await addCashFlow(context, event, { ...flow, investor: from, kind: "pledged", amount: paid }, "-from");
  await addCashFlow(context, event, { ...flow, investor: to, kind: "pledge", amount: -paid }, "-to");
});

// The market's Purchased or ListingFilled of this transaction already booked the cash flows.
ponder.on("Holdings:Bought", async ({ event, context }) => {
  const holdings = lc(event.log.address);
  const heldToken = lc(event.args.heldToken);
  const { shares, cost } = event.args;
  await movePosition(context, holdings, heldToken, { bought: shares, cost, basis: cost });
  await moveMoney(context, holdings, lc(event.args.asset), -cost, 0n);
  await price(context, heldToken, holdings, shares);
  const [sale] = await context.db.sql
    .select()
    .from(fill)
    .where(and(eq(fill.token, heldToken), eq(fill.txHash, event.transaction.hash), eq(fill.buyer, holdings)));
  // The held token's owner selling her own shares was never counted unpriced (index.ts: moves of the owner).
  const owner = (await context.db.find(token, { address: heldToken }))?.owner;
  if (sale !== undefined && sale.seller !== owner) await price(context, heldToken, sale.seller, -shares);
});

ponder.on("Holdings:Realized", async ({ event, context }) => {
  const holdings = lc(event.log.address);
  const heldToken = lc(event.args.heldToken);
  const asset = lc(event.args.asset);
  const { shares, proceeds, basisSold, gain, loss } = event.args;
  await movePosition(context, holdings, heldToken, {
    basis: -basisSold,
    sold: shares,
    proceeds,
    gains: gain,
    losses: loss,
  });
  await moveMoney(context, holdings, asset, proceeds - gain, 0n);
  await context.db.insert(realization).values({
    id: eventId(event),
    holdings,
    heldToken,
    asset,
    shares,
    proceeds,
    basisSold,
    gain,
    loss,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});

ponder.on("Holdings:ForcedOut", async ({ event, context }) => {
  const { shares, basis } = event.args;
  await movePosition(context, lc(event.log.address), lc(event.args.heldToken), { forcedOut: shares, basis: -basis });
});

ponder.on("Holdings:GainPending", async ({ event, context }) => {
  await moveMoney(context, lc(event.log.address), lc(event.args.asset), 0n, event.args.amount);
});

ponder.on("Holdings:PendingSettled", async ({ event, context }) => {
  const { amount, distributed } = event.args;
  await moveMoney(context, lc(event.log.address), lc(event.args.asset), distributed ? 0n : amount, -amount);
});

// A kicked Holdings is paid at once (no Credited event, nothing to withdraw): the buyback is its cash flow here, and
// the kick's price and amount complete the row the token's Kicked started.
ponder.on("ShareMarket:KickPaid", async ({ event, context }) => {
  const tokenAddress = lc(event.args.token);
  const holder = lc(event.args.holdings);
  const { pricePerShare, amount } = event.args;
  await context.db
    .insert(kick)
    .values({
      id: `${event.transaction.hash}-${holder}`,
      token: tokenAddress,
      holder,
      sharesBoughtBack: 0n,
      unvestedReturned: 0n,
      pricePerShare,
      amount,
      timestamp: event.block.timestamp,
    })
    .onConflictDoUpdate({ pricePerShare, amount });
  const asset = (await context.db.find(token, { address: tokenAddress }))?.quoteAsset;
  if (asset !== undefined && amount > 0n) {
    await addCashFlow(context, event, { investor: holder, token: tokenAddress, asset, kind: "buyback", amount });
  }
});
