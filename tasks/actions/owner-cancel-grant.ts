import { cliAction, eventsOf, sendTx, sharesText, type Context, type TxInfo } from "../lib/index.js";

export interface CancelGrantResult {
  token: string;
  holder: string;
  returned: bigint;
  txs: TxInfo[];
}

export interface CancelGrantParams {
  holder: string;
  token?: string;
}

/** The owner takes back a holder's unvested granted shares; vested shares and earned gains stay. */
export async function cancelGrant(ctx: Context, p: CancelGrantParams): Promise<CancelGrantResult> {
  const token = await ctx.resolveToken(p.token);
  const contract = ctx.token(token);
  const holder = ctx.account(p.holder, "holder");
  const { tx, receipt } = await sendTx(ctx, "cancelGrant", token, () => contract.cancelGrant(holder));
  const returned = (eventsOf(receipt, contract, "GrantCancelled")[0]?.args.returned as bigint | undefined) ?? 0n;
  return { token, holder, returned, txs: [tx] };
}

export default cliAction(cancelGrant, (r, ctx) => [
  `Cancelled the grant of ${ctx.label(r.holder)}: ${sharesText(r.returned)} returned`,
]);
