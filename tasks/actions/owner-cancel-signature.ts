import { cliAction, sendTx, type Context, type TxInfo, parseId } from "../lib/index.js";

export interface CancelSignatureResult {
  token: string;
  nonce: bigint;
  txs: TxInfo[];
}

export interface CancelSignatureParams {
  nonce: string | bigint;
  token?: string;
}

/** The owner makes an unused signed approval (transfer or listing) unusable by cancelling its nonce. */
export async function cancelSignature(ctx: Context, p: CancelSignatureParams): Promise<CancelSignatureResult> {
  const token = await ctx.resolveToken(p.token);
  const nonce = parseId(p.nonce, "nonce", { allowZero: true });
  const { tx } = await sendTx(ctx, "cancelApproval", token, () => ctx.token(token).cancelApproval(nonce));
  return { token, nonce, txs: [tx] };
}

export default cliAction(cancelSignature, (r) => [`Cancelled the signed approval with nonce ${r.nonce}`]);
