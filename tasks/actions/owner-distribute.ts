import { getAddress } from "ethers";
import {
  cliAction,
  moneyText,
  parseMoney,
  resolveAsset,
  sendTx,
  toBytes32,
  tokenFacts,
  type Context,
  type TxInfo,
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
  const amount = parseMoney(p.amount, asset, "amount");
  const distributorAddress = await facts.contract.distributor();
  const distributor = ctx.distributor(distributorAddress);
  const memo = toBytes32(p.memo);
  const txs: TxInfo[] = [];
  if (getAddress(ctx.signerAddress) !== getAddress(facts.owner)) {
    ctx.confirmBeforeSending(
      `${ctx.label(ctx.signerAddress)} is not the owner of ${facts.symbol}: give away ${moneyText(asset, amount)} to its ` +
        `holders, for good?`,
    );
  }
  if (!asset.isEth) {
    ctx.needAllowance(asset.address, distributorAddress, amount);
  }
  const { tx, approval } = await sendTx(ctx, "distribute", distributorAddress, () =>
    distributor.distribute(asset.address, amount, memo, { value: asset.isEth ? amount : 0n }),
  );
  if (approval !== undefined) txs.push(approval);
  txs.push(tx);
  return {
    token,
    distributor: distributorAddress,
    asset: asset.address,
    symbol: asset.symbol,
    amount,
    memo,
    display: { amount: moneyText(asset, amount), perPercent: moneyText(asset, amount / 100n) },
    txs,
  };
}

export default cliAction(distribute, (r, ctx) => [
  `Distributed ${r.display.amount} to the holders of ${ctx.label(r.token)} (${r.display.perPercent} per 1% held)`,
]);
