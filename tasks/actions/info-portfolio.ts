import { cliAction, formatPercent, moneyText, sharesText, table, type AssetInfo, type Context } from "../lib/index.js";
import { candidateAssets } from "./investor-withdraw.js";

export interface Holding {
  token: string;
  symbol: string;
  shares: bigint;
  percent: string;
  /** Shares the arbiter froze (only the arbiter moves them). */
  frozen: bigint;
  /** Unvested granted shares (not movable yet). */
  locked: bigint;
  kicked: boolean;
  claimable: { asset: string; symbol: string; amount: bigint; display: string }[];
  display: { shares: string };
}

export interface Portfolio {
  address: string;
  holdings: Holding[];
  withdrawable: { asset: string; symbol: string; amount: bigint; display: string }[];
}

export interface PortfolioParams {
  address: string;
}

/** An address's shares across every personal token, its claimable gains per asset and what it can withdraw. */
export async function portfolio(ctx: Context, p: PortfolioParams): Promise<Portfolio> {
  const address = ctx.account(p.address, "address");
  const factory = ctx.factory();
  const count = await factory.allTokensLength();
  const holdings: Holding[] = [];
  for (let i = 0n; i < count; i++) {
    if (count > 10n && i % 10n === 0n) ctx.progress(`  reading tokens: ${i} of ${count}`);
    const tokenAddress = await factory.allTokens(i);
    const token = ctx.token(tokenAddress);
    const [symbol, shares, supply, kicked, distributorAddress, frozen, locked] = await Promise.all([
      token.symbol(),
      token.balanceOf(address),
      token.totalSupply(),
      token.isKicked(address),
      token.distributor(),
      token.getFrozenTokens(address),
      token.lockedOf(address),
    ]);
    const distributor = ctx.distributor(distributorAddress);
    const claimable: Holding["claimable"] = [];
    for (const asset of await distributor.acceptedAssets()) {
      const amount = await distributor.claimable(address, asset);
      if (amount > 0n) {
        const info = await ctx.asset(asset);
        claimable.push({ asset, symbol: info.symbol, amount, display: moneyText(info, amount) });
      }
    }
    if (shares === 0n && claimable.length === 0) continue;
    holdings.push({
      token: tokenAddress,
      symbol,
      shares,
      percent: formatPercent(shares, supply),
      frozen,
      locked,
      kicked,
      claimable,
      display: { shares: sharesText(shares) },
    });
  }
  const withdrawable: Portfolio["withdrawable"] = [];
  if (ctx.addresses.market !== undefined) {
    const market = ctx.market();
    for (const asset of await candidateAssets(ctx)) {
      const amount = await market.withdrawable(address, asset);
      if (amount > 0n) {
        const info: AssetInfo = await ctx.asset(asset);
        withdrawable.push({ asset, symbol: info.symbol, amount, display: moneyText(info, amount) });
      }
    }
  }
  return { address, holdings, withdrawable };
}

export default cliAction(
  portfolio,
  (r, ctx) => [
    `Portfolio of ${ctx.label(r.address)}`,
    ...(r.holdings.length === 0
      ? ["  no shares and nothing to claim"]
      : table(
          ["token", "address", "shares", "% of supply", "frozen", "locked", "claimable"],
          r.holdings.map((h) => [
            `${h.symbol}${h.kicked ? " (kicked)" : ""}`,
            ctx.explorerAddress(h.token) ?? h.token,
            h.display.shares.replace(/ shares$/, ""),
            h.percent,
            h.frozen === 0n ? "–" : sharesText(h.frozen).replace(/ shares$/, ""),
            h.locked === 0n ? "–" : sharesText(h.locked).replace(/ shares$/, ""),
            h.claimable.map((c) => c.display).join(", ") || "–",
          ]),
          [2, 3, 4, 5],
        )),
    `Withdrawable from the market: ${r.withdrawable.length === 0 ? "nothing" : r.withdrawable.map((w) => w.display).join(", ")}`,
  ],
  { readOnly: true },
);
