import {
  CliError,
  cliAction,
  costOf,
  eventsOf,
  fields,
  moneyText,
  parseMoney,
  sendTx,
  sharesText,
  tokenFacts,
  type Context,
  type TxInfo,
} from "../lib/index.js";

export interface KickParams {
  token?: string;
  holder: string;
  /** Price per whole share in human quote units; default max(last price, the holder's average purchase price). */
  price?: string | bigint;
}

export interface KickResult {
  token: string;
  holder: string;
  sharesBoughtBack: bigint;
  pricePerShare: bigint;
  paid: bigint;
  unvestedReturned: bigint;
  quoteAsset: string;
  display: { price: string; paid: string };
  txs: TxInfo[];
}

/**
 * The owner kicks a holder through the market, at no less than the token's `kickFloor` (max(last price, its average
 * purchase price)); the payment waits in the market for the holder to withdraw (approves the market first for an
 * ERC-20 quote asset).
 */
export async function kick(ctx: Context, p: KickParams): Promise<KickResult> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const holder = ctx.account(p.holder, "holder");
  const [minimum, balance, locked] = await Promise.all([
    facts.contract.kickFloor(holder),
    facts.contract.balanceOf(holder),
    facts.contract.lockedOf(holder),
  ]);
  const price = p.price === undefined || p.price === "" ? minimum : parseMoney(p.price, facts.quote, "--price");
  if (price === 0n && balance - locked > 0n) {
    throw new CliError("No last price and no purchase record for this holder: pass --price <per share>");
  }
  const due = costOf(balance - locked, price);
  const market = ctx.market();
  const marketAddress = await market.getAddress();
  ctx.confirmBeforeSending(
    `Kick ${ctx.label(holder)} out of ${facts.symbol}: buy back ${sharesText(balance - locked)} at ` +
      `${moneyText(facts.quote, price)} per share (${moneyText(facts.quote, due)} in total)? This cannot be undone`,
  );
  const txs: TxInfo[] = [];
  if (!facts.quote.isEth && due > 0n) {
    ctx.needAllowance(facts.quote.address, marketAddress, due);
  }
  const { tx, receipt, approval } = await sendTx(ctx, "kick", marketAddress, () =>
    market.kick(token, holder, price, { value: facts.quote.isEth ? due : 0n }),
  );
  if (approval !== undefined) txs.push(approval);
  txs.push(tx);
  const kicked = eventsOf(receipt, facts.contract, "Kicked")[0];
  const escrowed = eventsOf(receipt, market, "KickEscrowed")[0];
  const paid = (escrowed?.args.amount as bigint | undefined) ?? due;
  return {
    token,
    holder,
    sharesBoughtBack: (kicked?.args.sharesBoughtBack as bigint | undefined) ?? balance - locked,
    pricePerShare: price,
    paid,
    unvestedReturned: (kicked?.args.unvestedReturned as bigint | undefined) ?? locked,
    quoteAsset: facts.quote.address,
    display: { price: moneyText(facts.quote, price), paid: moneyText(facts.quote, paid) },
    txs,
  };
}

export default cliAction(kick, (r, ctx) => [
  `Kicked ${ctx.label(r.holder)}`,
  ...fields([
    ["bought back", sharesText(r.sharesBoughtBack)],
    ["price", `${r.display.price} per share`],
    ["escrowed", `${r.display.paid} (the holder withdraws it with: investor withdraw)`],
    ["unvested returned", sharesText(r.unvestedReturned)],
  ]),
]);
