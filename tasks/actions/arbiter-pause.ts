import { cliAction, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface PauseResult {
  token: string;
  paused: boolean;
  txs: TxInfo[];
}

export interface PauseParams {
  token?: string;
}

/** The arbiter pauses ordinary share movements, issuance and trades of a token. */
export async function pause(ctx: Context, p: PauseParams): Promise<PauseResult> {
  const token = await ctx.resolveToken(p.token);
  const contract = ctx.token(token);
  const { tx } = await sendTx(ctx, "pause", token, () => contract.pause());
  return { token, paused: await contract.paused(), txs: [tx] };
}

export default cliAction(pause, (r, ctx) => [`Paused ${ctx.label(r.token)}`]);
