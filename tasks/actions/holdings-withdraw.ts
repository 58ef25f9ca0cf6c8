import { cliAction, holdingsOf, moneyText, parseMoney, resolveAsset, sendTx, type Context } from "../lib/index.js";
import type { CapitalResult } from "./holdings-deposit.js";

export interface WithdrawCapitalParams {
  /** Human units of the asset, base units, or "all" (the whole capital). */
  amount: string | bigint;
  /** "quote" (the token's quote asset, default) or an ERC-20 address. */
  asset?: string;
  token?: string;
}

/**
 * The owner withdraws capital from her token's Holdings: deposits not spent, basis returned by sales, loss proceeds.
 * Gains never become capital: they went to the token's holders.
 */
export async function withdrawCapital(ctx: Context, p: WithdrawCapitalParams): Promise<CapitalResult> {
  const h = await holdingsOf(ctx, p.token);
  const asset = await resolveAsset(ctx, p.asset, h.token);
  const amount =
    typeof p.amount === "string" && p.amount.trim().toLowerCase() === "all"
      ? await h.contract.capital(asset.address)
      : parseMoney(p.amount, asset, "amount");
  const { tx } = await sendTx(ctx, "withdrawCapital", h.address, () =>
    h.contract.withdrawCapital(asset.address, amount),
  );
  const capital = await h.contract.capital(asset.address);
  return {
    token: h.token.address,
    holdings: h.address,
    asset: asset.address,
    symbol: asset.symbol,
    amount,
    capital,
    display: { amount: moneyText(asset, amount), capital: moneyText(asset, capital) },
    txs: [tx],
  };
}

export default cliAction(withdrawCapital, (r, ctx) => [
  `Withdrew ${r.display.amount} of capital from ${ctx.label(r.holdings)} to ${ctx.label(ctx.signerAddress)}: ${r.display.capital} left`,
]);
