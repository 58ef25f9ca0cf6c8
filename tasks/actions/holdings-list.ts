import { ZeroAddress } from "ethers";
import {
  CliError,
  cliAction,
  costOf,
  eventsOf,
  fields,
  holdingsOf,
  moneyText,
  parseDeadline,
  parseMoney,
  parseShares,
  sendTx,
  sharesText,
  tokenFacts,
  type Context,
  type TxInfo,
} from "../lib/index.js";

export interface HoldingsListParams {
  /** The held personal token: address or known name. */
  held: string;
  shares: string | bigint;
  /** Price per whole share in human quote units. */
  price: string | bigint;
  /** The only buyer allowed (default: anyone but the owner). */
  buyer?: string;
  /** A duration from now (default 30d) or an absolute time. */
  expiry?: string | bigint;
  token?: string;
}

export interface HoldingsListResult {
  listingId: bigint;
  token: string;
  holdings: string;
  held: string;
  amount: bigint;
  price: bigint;
  buyer: string;
  expiry: bigint;
  display: { amount: string; price: string; total: string; expiry: string };
  txs: TxInfo[];
}

/**
 * The owner lists a position of her token's Holdings; the held token's owner approves it like any listing. A fill
 * realizes the sale at average cost: the gain goes to her token's holders, the basis sold back to capital.
 */
export async function holdingsList(ctx: Context, p: HoldingsListParams): Promise<HoldingsListResult> {
  const h = await holdingsOf(ctx, p.token);
  const held = await tokenFacts(ctx, ctx.account(p.held, "held token"));
  const amount = parseShares(p.shares, held.totalSupply, "shares");
  const price = parseMoney(p.price, held.quote, "price");
  const buyer = p.buyer === undefined || p.buyer === "" ? ZeroAddress : ctx.account(p.buyer, "--buyer");
  const expiry = parseDeadline(p.expiry ?? "30d", await ctx.now(), "--expiry");
  const market = ctx.market();
  const { tx, receipt } = await sendTx(ctx, "list", h.address, () =>
    h.contract.list(held.address, amount, price, buyer, expiry),
  );
  const listed = eventsOf(receipt, market, "Listed")[0];
  if (listed === undefined) throw new CliError("list: no Listed event in the receipt");
  return {
    listingId: listed.args.listingId as bigint,
    token: h.token.address,
    holdings: h.address,
    held: held.address,
    amount,
    price,
    buyer,
    expiry,
    display: {
      amount: sharesText(amount),
      price: moneyText(held.quote, price),
      total: moneyText(held.quote, costOf(amount, price)),
      expiry: ctx.when(expiry),
    },
    txs: [tx],
  };
}

export default cliAction(holdingsList, (r, ctx) => [
  `${ctx.label(r.holdings)} listed ${r.display.amount} of ${ctx.label(r.held)} as listing ${r.listingId} ` +
    `(needs the approval of ${ctx.label(r.held)}'s owner: owner approve-listing ${r.listingId})`,
  ...fields([
    ["price", `${r.display.price} per share`],
    ["total", r.display.total],
    ["buyer", r.buyer === ZeroAddress ? "anyone verified but you" : ctx.label(r.buyer)],
    ["expiry", r.display.expiry],
  ]),
]);
