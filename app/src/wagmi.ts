// Wallets: every wallet that announces itself through EIP-6963 (wagmi's discovery), plus the legacy injected one.
import { createConfig, http } from "wagmi";
import { injected } from "wagmi/connectors";
import { chain, config } from "./config.ts";

export const wagmiConfig = createConfig({
  chains: [chain],
  connectors: [injected()],
  multiInjectedProviderDiscovery: true,
  transports: { [chain.id]: http(config.rpcUrl, { batch: true, timeout: 10_000 }) },
  pollingInterval: 1_000,
});

declare module "wagmi" {
  interface Register {
    config: typeof wagmiConfig;
  }
}
