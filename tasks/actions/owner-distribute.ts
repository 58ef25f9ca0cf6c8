import {
  cliAction, ensureAllowance, moneyText, parseMoney, resolveAsset, sendTx, toBytes32, tokenFacts,
  type Context, type TxInfo,
} from "../lib/index.js";

export interface DistributeParams {
  token?: string;
  /** Human units of the asset ("500000"), or base units. */
  amount: string | bigint;
  /** "quote" (default), "eth", or an ERC-20 address. */
  asset?: string;
  memo?: string;
}

export interface DistributeResult {
  token: string;
  distributor: string;
  asset: string;
  symbol: string;
  amount: bigint;
  memo: string;
  display: { amount: string; perPercent: string };
  txs: TxInfo[];
}

/** Deposits a realized gain into the token's distributor, split pro rata among holders (approves it first). */
export async function distribute(ctx: Context, p: DistributeParams): Promise<DistributeResult> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const asset = await resolveAsset(ctx, p.asset, facts);
  const amount = parseMoney(p.amount, asset.decimals);
  const distributorAddress = await facts.contract.distributor();
  const distributor = ctx.distributor(distributorAddress);
  const memo = toBytes32(p.memo);
  const txs: TxInfo[] = [];
  if (!asset.isEth) {
    const approval = await ensureAllowance(ctx, asset.address, distributorAddress, amount);
    if (approval !== undefined) txs.push(approval);
  }
  const { tx } = await sendTx(ctx, "distribute", distributorAddress, () =>
    distributor.distribute(asset.address, amount, memo, { value: asset.isEth ? amount : 0n }),
  );
  txs.push(tx);
  return {
    token, distributor: distributorAddress, asset: asset.address, symbol: asset.symbol, amount, memo,
    display: { amount: moneyText(asset, amount), perPercent: moneyText(asset, amount / 100n) },
    txs,
  };
}

export default cliAction(
  distribute,
  (r, ctx) => [
    `Distributed ${r.display.amount} to the holders of ${ctx.label(r.token)} (${r.display.perPercent} per 1% held)`,
  ],
);
