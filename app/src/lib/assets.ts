// Symbol and decimals of the assets a page shows (ETH is address 0), read once from the chain.
import { erc20Abi, type Address } from "viem";
import { useReadContracts } from "wagmi";
import { ZERO_ADDRESS, formatMoneyOf } from "./format.ts";

export interface Asset {
  address: Address;
  symbol: string;
  decimals: number;
}

export function useAssets(list: readonly string[]): Map<string, Asset> {
  const unique = [...new Set(list.map((a) => a.toLowerCase()))].filter((a) => a !== ZERO_ADDRESS) as Address[];
  const { data } = useReadContracts({
    contracts: unique.flatMap((address) => [
      { address, abi: erc20Abi, functionName: "symbol" } as const,
      { address, abi: erc20Abi, functionName: "decimals" } as const,
    ]),
    query: { staleTime: Infinity },
  });
  const result = new Map<string, Asset>();
  result.set(ZERO_ADDRESS, { address: ZERO_ADDRESS, symbol: "ETH", decimals: 18 });
  unique.forEach((address, i) => {
    const symbol = data?.[2 * i]?.result as string | undefined;
    const decimals = data?.[2 * i + 1]?.result as number | undefined;
    if (symbol !== undefined && decimals !== undefined)
      result.set(address, { address, symbol, decimals: Number(decimals) });
  });
  return result;
}

/** The placeholder while an asset's symbol and decimals load: never a figure in the wrong unit. */
export const LOADING = "…";

/** Money in an asset's units, or LOADING while its decimals load. */
export function money(assets: Map<string, Asset>, asset: string, amount: bigint | string): string {
  const info = assets.get(asset.toLowerCase());
  return info === undefined ? LOADING : formatMoneyOf(info.symbol, info.decimals, BigInt(amount));
}

/** Money in one known asset. */
export function moneyIn(asset: Asset, amount: bigint | string): string {
  return formatMoneyOf(asset.symbol, asset.decimals, BigInt(amount));
}
