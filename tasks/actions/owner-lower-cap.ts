import { cliAction, formatBps, parseBps, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface LowerCapResult {
  token: string;
  previousCapBps: number;
  capBps: number;
  txs: TxInfo[];
}

export interface LowerCapParams {
  cap: string | number;
  token?: string;
}

/** The owner lowers the cap on outside shares (it can never be raised). */
export async function lowerCap(ctx: Context, p: LowerCapParams): Promise<LowerCapResult> {
  const token = await ctx.resolveToken(p.token);
  const contract = ctx.token(token);
  const previousCapBps = Number(await contract.capBps());
  const capBps = parseBps(p.cap, "cap");
  const { tx } = await sendTx(ctx, "lowerCap", token, () => contract.lowerCap(capBps));
  return { token, previousCapBps, capBps, txs: [tx] };
}

export default cliAction(lowerCap, (r) => [
  `Cap lowered from ${formatBps(r.previousCapBps)} to ${formatBps(r.capBps)}`,
]);
