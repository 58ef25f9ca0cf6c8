import { ZeroAddress } from "ethers";
import {
  CliError,
  cliAction,
  eventsOf,
  moneyText,
  sendTx,
  sharesText,
  tokenFacts,
  type Context,
  type TxInfo,
  parseId,
} from "../lib/index.js";

export interface SettleResult {
  offeringId: bigint;
  buyer: string;
  shares: bigint;
  paid: bigint;
  delivered: boolean;
  display: { shares: string; paid: string };
  txs: TxInfo[];
}

export interface SettleParams {
  offeringId: string | bigint;
  buyer?: string;
}

/** Settles a pending all-or-nothing purchase after the end: shares delivered, or the payment refunded. */
export async function settle(ctx: Context, p: SettleParams): Promise<SettleResult> {
  const offeringId = parseId(p.offeringId, "offeringId");
  const buyer = p.buyer === undefined || p.buyer === "" ? ctx.signerAddress : ctx.account(p.buyer, "--buyer");
  const market = ctx.market();
  const offering = await market.offering(offeringId);
  if (offering.terms.token === ZeroAddress)
    throw new CliError(`offeringId "${p.offeringId}": there is no offering ${offeringId}`);
  if (offering.terms.minRaise === 0n) {
    throw new CliError(
      `Offering ${offeringId} is not all-or-nothing (no minimum raise): its purchases were delivered at once, there is nothing to settle`,
    );
  }
  const position = await market.position(offeringId, buyer);
  if (position.pendingShares === 0n) {
    throw new CliError(
      `${ctx.label(buyer)} has no pending purchase in offering ${offeringId}: nothing to settle, nothing was sent`,
    );
  }
  const { tx, receipt } = await sendTx(ctx, "settle", await market.getAddress(), () =>
    market.settle(offeringId, buyer),
  );
  const event = eventsOf(receipt, market, "PurchaseSettled")[0];
  const shares = (event?.args.shares as bigint | undefined) ?? 0n;
  const paid = (event?.args.paid as bigint | undefined) ?? 0n;
  const quote = (await tokenFacts(ctx, offering.terms.token)).quote;
  return {
    offeringId,
    buyer,
    shares,
    paid,
    delivered: (event?.args.delivered as boolean | undefined) ?? false,
    display: { shares: sharesText(shares), paid: moneyText(quote, paid) },
    txs: [tx],
  };
}

export default cliAction(settle, (r, ctx) => [
  r.delivered
    ? `Settled: ${ctx.label(r.buyer)} received ${r.display.shares} (${r.display.paid} paid)`
    : `Settled: refund of ${r.display.paid} credited to ${ctx.label(r.buyer)} (withdraw it with: investor withdraw)`,
]);
