import { cliAction, sendTx, toBytes32, type Context, type TxInfo } from "../lib/index.js";

export interface BanParams {
  investor: string;
  reason?: string;
}

export interface BanResult {
  investor: string;
  reason: string;
  txs: TxInfo[];
}

/** The registrar bans a known bad actor from every personal token. */
export async function banInvestor(ctx: Context, p: BanParams): Promise<BanResult> {
  const investor = ctx.account(p.investor, "investor");
  const reason = toBytes32(p.reason);
  const registry = ctx.registry();
  const { tx } = await sendTx(ctx, "ban", await registry.getAddress(), () => registry.ban(investor, reason));
  return { investor, reason, txs: [tx] };
}

export default cliAction(banInvestor, (r, ctx) => [`Banned ${ctx.label(r.investor)}`]);
