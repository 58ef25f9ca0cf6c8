import { cliAction, sendTx, type CommonArgs, type Context, type TxInfo } from "../lib/index.js";

export interface PauseResult {
  token: string;
  paused: boolean;
  txs: TxInfo[];
}

/** The arbiter pauses ordinary share movements, issuance and trades of a token. */
export async function pause(ctx: Context, p: { token?: string }): Promise<PauseResult> {
  const token = await ctx.resolveToken(p.token);
  const contract = ctx.token(token);
  const { tx } = await sendTx(ctx, "pause", token, () => contract.pause());
  return { token, paused: await contract.paused(), txs: [tx] };
}

interface Args extends CommonArgs {
  token?: string;
}

export default cliAction((ctx, a: Args) => pause(ctx, { token: a.token }), (r, ctx) => [`Paused ${ctx.label(r.token)}`]);
