import { cliAction, sendTx, type CommonArgs, type Context, type TxInfo } from "../lib/index.js";

export interface TransferOwnershipResult {
  token: string;
  pendingOwner: string;
  txs: TxInfo[];
}

/** The owner starts moving her token to another verified wallet of hers; that wallet runs `investor accept-ownership`. */
export async function transferOwnership(ctx: Context, p: { newOwner: string; token?: string }): Promise<TransferOwnershipResult> {
  const token = await ctx.resolveToken(p.token);
  const newOwner = ctx.account(p.newOwner);
  const contract = ctx.token(token);
  const { tx } = await sendTx(ctx, "transferOwnership", token, () => contract.transferOwnership(newOwner));
  return { token, pendingOwner: await contract.pendingOwner(), txs: [tx] };
}

interface Args extends CommonArgs {
  newOwner: string;
  token?: string;
}

export default cliAction(
  (ctx, a: Args) => transferOwnership(ctx, { newOwner: a.newOwner, token: a.token }),
  (r, ctx) => [`${ctx.label(r.pendingOwner)} may now accept ownership (investor accept-ownership --token ${r.token})`],
);
