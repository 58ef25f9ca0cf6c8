import {
  cliAction,
  holdingsOf,
  moneyText,
  parseMoney,
  resolveAsset,
  sendTx,
  sentTxs,
  type Context,
  type TxInfo,
} from "../lib/index.js";

export interface DepositCapitalParams {
  /** Human units of the asset ("50000"), or base units. */
  amount: string | bigint;
  /** "quote" (the token's quote asset, default) or an ERC-20 address. */
  asset?: string;
  token?: string;
}

export interface CapitalResult {
  token: string;
  holdings: string;
  asset: string;
  symbol: string;
  amount: bigint;
  /** The Holdings' capital in the asset afterwards. */
  capital: bigint;
  display: { amount: string; capital: string };
  txs: TxInfo[];
}

/** The owner deposits capital into her token's Holdings, to buy with (approves the Holdings first). */
export async function depositCapital(ctx: Context, p: DepositCapitalParams): Promise<CapitalResult> {
  const h = await holdingsOf(ctx, p.token);
  const asset = await resolveAsset(ctx, p.asset, h.token);
  const amount = parseMoney(p.amount, asset, "amount");
  ctx.needAllowance(asset.address, h.address, amount);
  const sent = await sendTx(ctx, "depositCapital", h.address, () => h.contract.depositCapital(asset.address, amount));
  const capital = await h.contract.capital(asset.address);
  return {
    token: h.token.address,
    holdings: h.address,
    asset: asset.address,
    symbol: asset.symbol,
    amount,
    capital,
    display: { amount: moneyText(asset, amount), capital: moneyText(asset, capital) },
    txs: sentTxs(sent),
  };
}

export default cliAction(depositCapital, (r, ctx) => [
  `Deposited ${r.display.amount} into ${ctx.label(r.holdings)}: its ${r.symbol} capital is now ${r.display.capital}`,
]);
