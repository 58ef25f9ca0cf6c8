import { ZeroAddress } from "ethers";
import { CliError, cliAction, formatWhen, sendTx, type Context, type TxInfo, parseId } from "../lib/index.js";

export interface CancelOfferingResult {
  offeringId: bigint;
  txs: TxInfo[];
}

export interface CancelOfferingParams {
  offeringId: string | bigint;
}

/** The owner cancels an offering before its end; pending all-or-nothing purchases become refunds. */
export async function cancelOffering(ctx: Context, p: CancelOfferingParams): Promise<CancelOfferingResult> {
  const offeringId = parseId(p.offeringId, "offeringId");
  const market = ctx.market();
  const offering = await market.offering(offeringId);
  if (offering.terms.token === ZeroAddress)
    throw new CliError(`offeringId "${p.offeringId}": there is no offering ${offeringId}`);
  if (offering.cancelled) throw new CliError(`Offering ${offeringId} is already cancelled: nothing was sent`);
  const now = await ctx.now();
  if (now >= offering.terms.end) {
    throw new CliError(
      `Offering ${offeringId} already ended ${formatWhen(offering.terms.end, now)}: nothing to cancel, nothing was sent`,
    );
  }
  const { tx } = await sendTx(ctx, "cancelOffering", await market.getAddress(), () =>
    market.cancelOffering(offeringId),
  );
  return { offeringId, txs: [tx] };
}

export default cliAction(cancelOffering, (r) => [`Cancelled offering ${r.offeringId}`]);
