import { cliAction, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface TransferOwnershipResult {
  token: string;
  pendingOwner: string;
  txs: TxInfo[];
}

export interface TransferOwnershipParams {
  newOwner: string;
  token?: string;
}

/** The owner starts moving her token to another verified wallet of hers; that wallet runs `investor accept-ownership`. */
export async function transferOwnership(ctx: Context, p: TransferOwnershipParams): Promise<TransferOwnershipResult> {
  const token = await ctx.resolveToken(p.token);
  const newOwner = ctx.account(p.newOwner, "newOwner");
  const contract = ctx.token(token);
  const { tx } = await sendTx(ctx, "transferOwnership", token, () => contract.transferOwnership(newOwner));
  return { token, pendingOwner: await contract.pendingOwner(), txs: [tx] };
}

export default cliAction(transferOwnership, (r, ctx) => [
  `${ctx.label(r.pendingOwner)} may now accept ownership (investor accept-ownership --token ${r.token})`,
]);
