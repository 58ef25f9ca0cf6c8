import { cliAction, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface UnbanParams {
  investor: string;
}

export interface UnbanResult {
  investor: string;
  txs: TxInfo[];
}

/** The registrar lifts a ban; an unexpired verification applies again. */
export async function unbanInvestor(ctx: Context, p: UnbanParams): Promise<UnbanResult> {
  const investor = ctx.account(p.investor, "investor");
  const registry = ctx.registry();
  const { tx } = await sendTx(ctx, "unban", await registry.getAddress(), () => registry.unban(investor));
  return { investor, txs: [tx] };
}

export default cliAction(unbanInvestor, (r, ctx) => [`Lifted the ban on ${ctx.label(r.investor)}`]);
