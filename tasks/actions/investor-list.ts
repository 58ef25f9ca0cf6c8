import { ZeroAddress } from "ethers";
import {
  CliError,
  cliAction,
  eventsOf,
  fields,
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

export interface ListParams {
  token?: string;
  shares: string | bigint;
  /** Price per whole share in human quote units. */
  price: string | bigint;
  /** The only buyer allowed (default: anyone). */
  buyer?: string;
  /** A duration from now (default 30d) or an absolute time. */
  expiry?: string | bigint;
}

export interface ListResult {
  listingId: bigint;
  token: string;
  seller: string;
  amount: bigint;
  price: bigint;
  buyer: string;
  expiry: bigint;
  display: { amount: string; price: string; total: string; expiry: string };
  txs: TxInfo[];
}

/** A holder lists shares for sale; the owner approves the listing (on-chain or by signature) before anyone fills it. */
export async function list(ctx: Context, p: ListParams): Promise<ListResult> {
  if (p.token === undefined || p.token === "") throw new CliError("Pass --token <address> of the shares to list");
  const token = ctx.account(p.token, "--token");
  const facts = await tokenFacts(ctx, token);
  const amount = parseShares(p.shares, facts.totalSupply, "shares");
  const price = parseMoney(p.price, facts.quote, "price");
  const buyer = p.buyer === undefined || p.buyer === "" ? ZeroAddress : ctx.account(p.buyer, "--buyer");
  const expiry = parseDeadline(p.expiry ?? "30d", await ctx.now(), "--expiry");
  const market = ctx.market();
  const { tx, receipt } = await sendTx(ctx, "list", await market.getAddress(), () =>
    market.list(token, amount, price, buyer, expiry),
  );
  const listed = eventsOf(receipt, market, "Listed")[0];
  if (listed === undefined) throw new CliError("list: no Listed event in the receipt");
  return {
    listingId: listed.args.listingId as bigint,
    token,
    seller: ctx.signerAddress,
    amount,
    price,
    buyer,
    expiry,
    display: {
      amount: sharesText(amount),
      price: moneyText(facts.quote, price),
      total: moneyText(facts.quote, (amount * price + 10n ** 18n - 1n) / 10n ** 18n),
      expiry: ctx.when(expiry),
    },
    txs: [tx],
  };
}

export default cliAction(list, (r, ctx) => [
  `Listed as listing ${r.listingId} (needs the owner's approval: owner approve-listing ${r.listingId} or sign-listing)`,
  ...fields([
    ["shares", r.display.amount],
    ["price", `${r.display.price} per share`],
    ["total", r.display.total],
    ["buyer", r.buyer === ZeroAddress ? "anyone verified" : ctx.label(r.buyer)],
    ["expiry", r.display.expiry],
  ]),
]);
