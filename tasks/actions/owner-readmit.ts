import { cliAction, sendTx, type CommonArgs, type Context, type TxInfo } from "../lib/index.js";

export interface ReadmitResult {
  token: string;
  holder: string;
  txs: TxInfo[];
}

/** The owner lets a kicked address hold shares again (its pro-rata right stays revoked). */
export async function readmit(ctx: Context, p: { holder: string; token?: string }): Promise<ReadmitResult> {
  const token = await ctx.resolveToken(p.token);
  const holder = ctx.account(p.holder);
  const { tx } = await sendTx(ctx, "readmit", token, () => ctx.token(token).readmit(holder));
  return { token, holder, txs: [tx] };
}

interface Args extends CommonArgs {
  holder: string;
  token?: string;
}

export default cliAction(
  (ctx, a: Args) => readmit(ctx, { holder: a.holder, token: a.token }),
  (r, ctx) => [`${ctx.label(r.holder)} may hold shares again`],
);
