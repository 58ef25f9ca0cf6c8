import { cliAction, sendTx, type CommonArgs, type Context, type TxInfo } from "../lib/index.js";

export interface RecoverOwnerResult {
  token: string;
  previousOwner: string;
  owner: string;
  txs: TxInfo[];
}

/** The arbiter moves ownership and the owner's shares to the person's new verified wallet after a lost key. */
export async function recoverOwner(ctx: Context, p: { newWallet: string; token?: string }): Promise<RecoverOwnerResult> {
  const token = await ctx.resolveToken(p.token);
  const contract = ctx.token(token);
  const newWallet = ctx.account(p.newWallet);
  const previousOwner = await contract.owner();
  const { tx } = await sendTx(ctx, "recoverOwnership", token, () => contract.recoverOwnership(newWallet));
  return { token, previousOwner, owner: await contract.owner(), txs: [tx] };
}

interface Args extends CommonArgs {
  newWallet: string;
  token?: string;
}

export default cliAction(
  (ctx, a: Args) => recoverOwner(ctx, { newWallet: a.newWallet, token: a.token }),
  (r, ctx) => [`Ownership of ${ctx.label(r.token)} moved from ${ctx.label(r.previousOwner)} to ${ctx.label(r.owner)}`],
);
