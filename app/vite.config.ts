// The app is built for one deployment: DEPLOYMENT_FILE (the JSON scripts/seed-local.ts writes for a local chain, or
// scripts/web-deployment.ts derives from a public chain's Ignition record) gives the chain id and addresses,
// APP_RPC_URL the chain's RPC and APP_INDEXER_URL the indexer. They are compiled in as __APP_CONFIG__ (src/config.ts).
// A local chain has defaults; a public one must name all three, or the build stops saying which is missing.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { KNOWN_CHAINS, LOCAL_CHAIN_ID } from "../client/chains.ts";

function appConfig(building: boolean) {
  const file = resolve(__dirname, process.env.DEPLOYMENT_FILE || "../.local/deployment.json");
  if (building && !existsSync(file))
    throw new Error(`DEPLOYMENT_FILE: ${file} does not exist (see docs/WEBAPP.md, "Against Sepolia")`);
  const deployment = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const chainId: number = deployment.chainId ?? LOCAL_CHAIN_ID;
  const local = chainId === LOCAL_CHAIN_ID;
  const setting = (name: string, localDefault: string): string => {
    const value = process.env[name];
    if (value) return value;
    if (local) return localDefault;
    throw new Error(`${name} is not set: a build for chain ${chainId} needs it`);
  };
  return {
    chainId,
    chainName:
      process.env.APP_CHAIN_NAME || (local ? "Hardhat (local)" : (KNOWN_CHAINS[chainId]?.name ?? `Chain ${chainId}`)),
    explorer: KNOWN_CHAINS[chainId]?.explorer ?? null,
    rpcUrl: setting("APP_RPC_URL", "http://127.0.0.1:8545"),
    indexerUrl: setting("APP_INDEXER_URL", "http://127.0.0.1:42069"),
    registry: deployment.registry ?? null,
    factory: deployment.factory ?? null,
    market: deployment.market ?? null,
  };
}

export default defineConfig(({ command }) => ({
  plugins: [react()],
  define: { __APP_CONFIG__: JSON.stringify(appConfig(command === "build")) },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
  optimizeDeps: {
    include: [
      "react",
      "react-dom/client",
      "react/jsx-runtime",
      "wagmi",
      "viem",
      "@tanstack/react-query",
      "wagmi/connectors",
    ],
  },
}));
