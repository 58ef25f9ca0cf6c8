// The API's Holdings routes: a token's Holdings (positions, capital, pending, listings, realizations), and what an
// address is in the chain of tokens (a Holdings, a token) with the gains that reached it through chains.
import { db } from "ponder:api";
import {
  cashFlow,
  distribution,
  distributor,
  holding,
  holdingsAccount,
  holdingsAsset,
  holdingsPosition,
  listing,
  realization,
  token,
} from "ponder:schema";
import type { Hono } from "hono";
import { and, desc, eq, inArray } from "ponder";

type Hex = `0x${string}`;
type Json = (value: unknown) => Response;

export function holdingsRoutes(app: Hono, json: Json): void {
  /** The Holdings of `token`: null until someone creates it. */
  app.get("/api/holdings/:token", async (c) => {
    const tokenAddress = c.req.param("token").toLowerCase() as Hex;
    const [account] = await db.select().from(holdingsAccount).where(eq(holdingsAccount.token, tokenAddress));
    if (account === undefined) return json({ token: tokenAddress, holdings: null });
    const h = account.address;
    const rows = await db.select().from(holdingsPosition).where(eq(holdingsPosition.holdings, h));
    const held = rows.map((r) => r.heldToken);
    const [tokens, balances] = held.length
      ? await Promise.all([
          db.select().from(token).where(inArray(token.address, held)),
          db
            .select()
            .from(holding)
            .where(and(eq(holding.holder, h), inArray(holding.token, held))),
        ])
      : [[], []];
    return json({
      token: tokenAddress,
      holdings: account,
      positions: rows.map((r) => ({
        ...r,
        token: tokens.find((t) => t.address === r.heldToken)!,
        shares: balances.find((b) => b.token === r.heldToken)?.balance ?? 0n,
      })),
      assets: await db.select().from(holdingsAsset).where(eq(holdingsAsset.holdings, h)),
      listings: await db.select().from(listing).where(eq(listing.seller, h)).orderBy(desc(listing.id)),
      realizations: await db
        .select()
        .from(realization)
        .where(eq(realization.holdings, h))
        .orderBy(desc(realization.timestamp)),
    });
  });

  /**
   * What `address` is besides an investor (the Holdings of a token, or a token holding shares), and the gains credited
   * to it that came through a chain: distributions deposited by a Holdings (a realized gain) or by another token's
   * distributor (a gain forwarded by `claimFor`). They are ordinary gains of the record; this tells them apart.
   */
  app.get("/api/chains/:address", async (c) => {
    const who = c.req.param("address").toLowerCase() as Hex;
    const [account] = await db.select().from(holdingsAccount).where(eq(holdingsAccount.address, who));
    const [holdingsOf] = account ? await db.select().from(token).where(eq(token.address, account.token)) : [];
    const [asToken] = await db.select().from(token).where(eq(token.address, who));
    const gains = await db
      .select()
      .from(cashFlow)
      .where(and(eq(cashFlow.investor, who), eq(cashFlow.kind, "gain")));
    // A gain's cash flow id is its distribution's id followed by "-" and the holder.
    const ids = gains.map((g) => g.id.slice(0, -who.length - 1));
    const deposits = ids.length ? await db.select().from(distribution).where(inArray(distribution.id, ids)) : [];
    const depositors = [...new Set(deposits.map((d) => d.depositor))];
    const [byHoldings, byDistributors] = depositors.length
      ? await Promise.all([
          db.select().from(holdingsAccount).where(inArray(holdingsAccount.address, depositors)),
          db.select().from(distributor).where(inArray(distributor.address, depositors)),
        ])
      : [[], []];
    const chained = [];
    for (const g of gains) {
      const d = deposits.find((x) => g.id.startsWith(`${x.id}-`));
      if (d === undefined) continue;
      const viaHoldings = byHoldings.some((x) => x.address === d.depositor);
      const viaToken = byDistributors.find((x) => x.address === d.depositor)?.token;
      if (!viaHoldings && viaToken === undefined) continue;
      chained.push({
        token: g.token,
        asset: g.asset,
        amount: g.amount,
        timestamp: g.timestamp,
        txHash: g.txHash,
        via: viaHoldings ? "sale" : "claim",
        // The memo names the token the gain came from: the one sold, or the one paying out along the chain.
        source: `0x${d.memo.slice(-40)}` as Hex,
      });
    }
    const named = [...new Set(chained.flatMap((g) => [g.token, g.source]))];
    const symbols = named.length ? await db.select().from(token).where(inArray(token.address, named)) : [];
    const symbol = (a: Hex) => symbols.find((t) => t.address === a)?.symbol ?? null;
    return json({
      address: who,
      holdingsOf: holdingsOf ?? null,
      token: asToken ?? null,
      chainGains: chained.map((g) => ({ ...g, tokenSymbol: symbol(g.token), sourceSymbol: symbol(g.source) })),
    });
  });
}
