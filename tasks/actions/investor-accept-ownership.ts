import { CliError, cliAction, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface AcceptOwnershipResult {
  token: string;
  owner: string;
  txs: TxInfo[];
}

export interface AcceptOwnershipParams {
  token?: string;
}

/** The new wallet completes an ownership move started with `owner transfer-ownership`; the owner's shares follow. */
export async function acceptOwnership(ctx: Context, p: AcceptOwnershipParams): Promise<AcceptOwnershipResult> {
  if (p.token === undefined || p.token === "") throw new CliError("Pass --token <address> of the token to accept");
  const token = ctx.account(p.token, "--token");
  const contract = ctx.token(token);
  const { tx } = await sendTx(ctx, "acceptOwnership", token, () => contract.acceptOwnership());
  return { token, owner: await contract.owner(), txs: [tx] };
}

export default cliAction(acceptOwnership, (r, ctx) => [`${ctx.label(r.owner)} now owns ${ctx.label(r.token)}`]);
