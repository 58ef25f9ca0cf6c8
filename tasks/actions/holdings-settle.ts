import {
  CliError,
  cliAction,
  eventsOf,
  holdingsAssets,
  holdingsOf,
  moneyText,
  resolveAsset,
  sendTx,
  type AssetInfo,
  type Context,
  type TxInfo,
} from "../lib/index.js";

export interface SettlePendingParams {
  /** "quote", an ERC-20 address (default: every asset with a pending gain). */
  asset?: string;
  token?: string;
}

export interface Settled {
  asset: string;
  symbol: string;
  amount: bigint;
  /** True: distributed to the token's holders; false: credited to capital (the distributor still refuses it). */
  distributed: boolean;
  display: string;
}

export interface SettlePendingResult {
  token: string;
  holdings: string;
  settled: Settled[];
  txs: TxInfo[];
}

/**
 * The owner settles gains her token's distributor could not take: each is distributed if the distributor accepts
 * the asset now (owner enable-asset first), otherwise credited to capital.
 */
export async function settlePending(ctx: Context, p: SettlePendingParams): Promise<SettlePendingResult> {
  const h = await holdingsOf(ctx, p.token);
  let assets: AssetInfo[];
  if (p.asset !== undefined && p.asset !== "") assets = [await resolveAsset(ctx, p.asset, h.token)];
  else {
    assets = [];
    for (const address of await holdingsAssets(ctx)) {
      if ((await h.contract.pending(address)) > 0n) assets.push(await ctx.asset(address));
    }
    if (assets.length === 0) throw new CliError(`${ctx.label(h.address)} has no pending gain to settle`);
  }
  const settled: Settled[] = [];
  const txs: TxInfo[] = [];
  for (const asset of assets) {
    const { tx, receipt } = await sendTx(ctx, `settlePending ${asset.symbol}`, h.address, () =>
      h.contract.settlePending(asset.address),
    );
    txs.push(tx);
    const event = eventsOf(receipt, h.contract, "PendingSettled")[0];
    const amount = event.args.amount as bigint;
    settled.push({
      asset: asset.address,
      symbol: asset.symbol,
      amount,
      distributed: event.args.distributed as boolean,
      display: moneyText(asset, amount),
    });
  }
  return { token: h.token.address, holdings: h.address, settled, txs };
}

export default cliAction(settlePending, (r, ctx) =>
  r.settled.map(
    (s) =>
      `${ctx.label(r.holdings)} settled ${s.display}: ` +
      (s.distributed
        ? `distributed to ${ctx.label(r.token)}'s holders`
        : "credited to capital (not accepted by the distributor)"),
  ),
);
