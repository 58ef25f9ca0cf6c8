import { cliAction, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface ReadmitResult {
  token: string;
  holder: string;
  txs: TxInfo[];
}

export interface ReadmitParams {
  holder: string;
  token?: string;
}

/** The owner lets a kicked address hold shares again (its pro-rata right stays revoked). */
export async function readmit(ctx: Context, p: ReadmitParams): Promise<ReadmitResult> {
  const token = await ctx.resolveToken(p.token);
  const holder = ctx.account(p.holder, "holder");
  const { tx } = await sendTx(ctx, "readmit", token, () => ctx.token(token).readmit(holder));
  return { token, holder, txs: [tx] };
}

export default cliAction(readmit, (r, ctx) => [`${ctx.label(r.holder)} may hold shares again`]);
