import {
  CliError,
  cliAction,
  costOf,
  eventsOf,
  moneyText,
  parseShares,
  sendTx,
  sharesText,
  tokenFacts,
  type Context,
  type TxInfo,
  parseId,
} from "../lib/index.js";

export interface BuyResult {
  offeringId: bigint;
  token: string;
  buyer: string;
  shares: bigint;
  paid: bigint;
  settled: boolean;
  display: { shares: string; paid: string };
  txs: TxInfo[];
}

export interface BuyParams {
  offeringId: string | bigint;
  shares: string | bigint;
}

/** Buys shares in an open offering (approves the market for an ERC-20 quote asset, or sends ETH). */
export async function buy(ctx: Context, p: BuyParams): Promise<BuyResult> {
  const offeringId = parseId(p.offeringId, "offeringId");
  const market = ctx.market();
  const marketAddress = await market.getAddress();
  const offering = await market.offering(offeringId);
  if (offering.terms.token === "0x0000000000000000000000000000000000000000") {
    throw new CliError(`There is no offering ${offeringId}`);
  }
  const facts = await tokenFacts(ctx, offering.terms.token);
  const shares = parseShares(p.shares, facts.totalSupply, "shares");
  const cost = costOf(shares, offering.terms.price);
  const txs: TxInfo[] = [];
  if (!facts.quote.isEth) {
    ctx.needAllowance(facts.quote.address, marketAddress, cost);
  }
  const { tx, receipt, approval } = await sendTx(ctx, "buy", marketAddress, () =>
    market.buy(offeringId, shares, { value: facts.quote.isEth ? cost : 0n }),
  );
  if (approval !== undefined) txs.push(approval);
  txs.push(tx);
  const purchased = eventsOf(receipt, market, "Purchased")[0];
  const paid = (purchased?.args.paid as bigint | undefined) ?? cost;
  return {
    offeringId,
    token: facts.address,
    buyer: ctx.signerAddress,
    shares,
    paid,
    settled: (purchased?.args.settled as boolean | undefined) ?? true,
    display: { shares: sharesText(shares), paid: moneyText(facts.quote, paid) },
    txs,
  };
}

export default cliAction(buy, (r, ctx) => [
  `${ctx.label(r.buyer)} bought ${r.display.shares} of ${ctx.label(r.token)} for ${r.display.paid}` +
    (r.settled ? "" : " (pending: all-or-nothing, settles after the end)"),
]);
