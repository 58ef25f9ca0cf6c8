import { CliError, cliAction, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface EnableAssetResult {
  token: string;
  distributor: string;
  asset: string;
  symbol: string;
  acceptedAssets: string[];
  txs: TxInfo[];
}

export interface EnableAssetParams {
  asset: string;
  token?: string;
}

/** The owner accepts an extra ERC-20 for gains distributions. */
export async function enableAsset(ctx: Context, p: EnableAssetParams): Promise<EnableAssetResult> {
  const token = await ctx.resolveToken(p.token);
  const distributor = ctx.distributor(await ctx.token(token).distributor());
  const asset = ctx.account(p.asset, "asset");
  if ((await ctx.provider.getCode(asset)) === "0x") {
    throw new CliError(`asset "${p.asset}": ${asset} is not a contract on this chain; expected an ERC-20 address`);
  }
  const info = await ctx.asset(asset);
  // Enabling cannot be undone: every later distribution may use the asset.
  ctx.confirmBeforeSending(`Accept ${info.symbol} (${asset}) for ${ctx.label(token)}'s distributions, for good?`);
  const { tx } = await sendTx(ctx, "enableAsset", await distributor.getAddress(), () => distributor.enableAsset(asset));
  return {
    token,
    distributor: await distributor.getAddress(),
    asset,
    symbol: (await ctx.asset(asset)).symbol,
    acceptedAssets: [...(await distributor.acceptedAssets())],
    txs: [tx],
  };
}

export default cliAction(enableAsset, (r) => [`Distributions now accept ${r.symbol} (${r.asset})`]);
