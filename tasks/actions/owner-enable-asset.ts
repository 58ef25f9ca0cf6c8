import { cliAction, sendTx, type CommonArgs, type Context, type TxInfo } from "../lib/index.js";

export interface EnableAssetResult {
  token: string;
  distributor: string;
  asset: string;
  symbol: string;
  acceptedAssets: string[];
  txs: TxInfo[];
}

/** The owner accepts an extra ERC-20 for gains distributions. */
export async function enableAsset(ctx: Context, p: { asset: string; token?: string }): Promise<EnableAssetResult> {
  const token = await ctx.resolveToken(p.token);
  const distributor = ctx.distributor(await ctx.token(token).distributor());
  const asset = ctx.account(p.asset);
  const { tx } = await sendTx(ctx, "enableAsset", await distributor.getAddress(), () => distributor.enableAsset(asset));
  return {
    token, distributor: await distributor.getAddress(), asset, symbol: (await ctx.asset(asset)).symbol,
    acceptedAssets: [...(await distributor.acceptedAssets())], txs: [tx],
  };
}

interface Args extends CommonArgs {
  asset: string;
  token?: string;
}

export default cliAction(
  (ctx, a: Args) => enableAsset(ctx, { asset: a.asset, token: a.token }),
  (r) => [`Distributions now accept ${r.symbol} (${r.asset})`],
);
