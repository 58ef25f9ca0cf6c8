// The deployment this build talks to (compiled in by vite.config.ts from DEPLOYMENT_FILE and the environment).
import { defineChain, type Address } from "viem";

interface AppConfig {
  chainId: number;
  chainName: string;
  /** The chain's block explorer, for links (public chains only). */
  explorer: string | null;
  rpcUrl: string;
  indexerUrl: string;
  registry: Address | null;
  factory: Address | null;
  market: Address | null;
}

declare const __APP_CONFIG__: AppConfig;

export const config: AppConfig = __APP_CONFIG__;

export const chain = defineChain({
  id: config.chainId,
  name: config.chainName,
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [config.rpcUrl] } },
  ...(config.explorer !== null
    ? { blockExplorers: { default: { name: config.chainName, url: config.explorer } } }
    : {}),
});

/** The system's addresses; the app cannot work without them. */
export const addresses = {
  registry: config.registry as Address,
  factory: config.factory as Address,
  market: config.market as Address,
};
