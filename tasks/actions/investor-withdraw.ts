import { ZeroAddress } from "ethers";
import {
  CliError,
  cliAction,
  moneyText,
  resolveAsset,
  sendTx,
  tokenFacts,
  type AssetInfo,
  type Context,
  type TxInfo,
} from "../lib/index.js";

export interface WithdrawParams {
  /** "quote" (needs --token), "eth" or an address; default: every asset with a withdrawable balance. */
  asset?: string;
  /** Recipient (default the signer). */
  to?: string;
  token?: string;
}

export interface Withdrawn {
  asset: string;
  symbol: string;
  amount: bigint;
  display: string;
}

export interface WithdrawResult {
  holder: string;
  to: string;
  withdrawals: Withdrawn[];
  txs: TxInfo[];
}

/** Assets the market may hold for someone: ETH and every personal token's quote asset (or one token's). */
export async function candidateAssets(ctx: Context, token?: string): Promise<string[]> {
  const found = new Set<string>([ZeroAddress]);
  if (token !== undefined) {
    found.add(await ctx.token(token).quoteAsset());
    return [...found];
  }
  const factory = ctx.factory();
  const count = await factory.allTokensLength();
  for (let i = 0n; i < count; i++) found.add(await ctx.token(await factory.allTokens(i)).quoteAsset());
  return [...found];
}

/** Withdraws a buyback, a refund or an ETH payment escrowed in the market. */
export async function withdraw(ctx: Context, p: WithdrawParams): Promise<WithdrawResult> {
  const market = ctx.market();
  const marketAddress = await market.getAddress();
  const holder = ctx.signerAddress;
  const to = p.to === undefined || p.to === "" ? holder : ctx.account(p.to, "--to");
  const token = p.token === undefined || p.token === "" ? undefined : ctx.account(p.token, "--token");
  let assets: AssetInfo[];
  if (p.asset !== undefined && p.asset !== "") {
    assets = [await resolveAsset(ctx, p.asset, token === undefined ? undefined : await tokenFacts(ctx, token))];
  } else {
    assets = [];
    for (const address of await candidateAssets(ctx, token)) {
      if ((await market.withdrawable(holder, address)) > 0n) assets.push(await ctx.asset(address));
    }
    if (assets.length === 0) throw new CliError(`${ctx.label(holder)} has nothing to withdraw from the market`);
  }
  const withdrawals: Withdrawn[] = [];
  const txs: TxInfo[] = [];
  for (const asset of assets) {
    const amount = await market.withdrawable(holder, asset.address);
    const { tx } = await sendTx(ctx, `withdraw ${asset.symbol}`, marketAddress, () =>
      market.withdraw(asset.address, to),
    );
    txs.push(tx);
    withdrawals.push({ asset: asset.address, symbol: asset.symbol, amount, display: moneyText(asset, amount) });
  }
  return { holder, to, withdrawals, txs };
}

export default cliAction(withdraw, (r, ctx) =>
  r.withdrawals.map(
    (w) => `${ctx.label(r.holder)} withdrew ${w.display}${r.to === r.holder ? "" : ` to ${ctx.label(r.to)}`}`,
  ),
);
