import { cliAction, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface RecoverOwnerResult {
  token: string;
  previousOwner: string;
  owner: string;
  txs: TxInfo[];
}

export interface RecoverOwnerParams {
  newWallet: string;
  token?: string;
}

/** The arbiter moves ownership and the owner's shares to the person's new verified wallet after a lost key. */
export async function recoverOwner(ctx: Context, p: RecoverOwnerParams): Promise<RecoverOwnerResult> {
  const token = await ctx.resolveToken(p.token);
  const contract = ctx.token(token);
  const newWallet = ctx.account(p.newWallet, "newWallet");
  const previousOwner = await contract.owner();
  const { tx } = await sendTx(ctx, "recoverOwnership", token, () => contract.recoverOwnership(newWallet));
  return { token, previousOwner, owner: await contract.owner(), txs: [tx] };
}

export default cliAction(recoverOwner, (r, ctx) => [
  `Ownership of ${ctx.label(r.token)} moved from ${ctx.label(r.previousOwner)} to ${ctx.label(r.owner)}`,
]);
