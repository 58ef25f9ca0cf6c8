import { cliAction, formatBps, parseBps, sendTx, type CommonArgs, type Context, type TxInfo } from "../lib/index.js";

export interface LowerCapResult {
  token: string;
  previousCapBps: number;
  capBps: number;
  txs: TxInfo[];
}

/** The owner lowers the cap on outside shares (it can never be raised). */
export async function lowerCap(ctx: Context, p: { cap: string | number; token?: string }): Promise<LowerCapResult> {
  const token = await ctx.resolveToken(p.token);
  const contract = ctx.token(token);
  const previousCapBps = Number(await contract.capBps());
  const capBps = parseBps(p.cap);
  const { tx } = await sendTx(ctx, "lowerCap", token, () => contract.lowerCap(capBps));
  return { token, previousCapBps, capBps, txs: [tx] };
}

interface Args extends CommonArgs {
  cap: string;
  token?: string;
}

export default cliAction(
  (ctx, a: Args) => lowerCap(ctx, { cap: a.cap, token: a.token }),
  (r) => [`Cap lowered from ${formatBps(r.previousCapBps)} to ${formatBps(r.capBps)}`],
);
