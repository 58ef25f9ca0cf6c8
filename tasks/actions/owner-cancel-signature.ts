import { cliAction, sendTx, type CommonArgs, type Context, type TxInfo } from "../lib/index.js";

export interface CancelSignatureResult {
  token: string;
  nonce: bigint;
  txs: TxInfo[];
}

/** The owner makes an unused signed approval (transfer or listing) unusable by cancelling its nonce. */
export async function cancelSignature(ctx: Context, p: { nonce: string | bigint; token?: string }): Promise<CancelSignatureResult> {
  const token = await ctx.resolveToken(p.token);
  const nonce = BigInt(p.nonce);
  const { tx } = await sendTx(ctx, "cancelApproval", token, () => ctx.token(token).cancelApproval(nonce));
  return { token, nonce, txs: [tx] };
}

interface Args extends CommonArgs {
  nonce: string;
  token?: string;
}

export default cliAction(
  (ctx, a: Args) => cancelSignature(ctx, { nonce: a.nonce, token: a.token }),
  (r) => [`Cancelled the signed approval with nonce ${r.nonce}`],
);
