// The app is built for one deployment: DEPLOYMENT_FILE (the JSON scripts/seed-local.ts writes, or one written by hand
// for Sepolia) gives the chain id and addresses, APP_RPC_URL the chain's RPC and APP_INDEXER_URL the indexer. They are
// compiled in as __APP_CONFIG__ (src/config.ts).
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const file = resolve(__dirname, process.env.DEPLOYMENT_FILE || "../.local/deployment.json");
const deployment = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
const config = {
  chainId: deployment.chainId ?? 31337,
  chainName:
    process.env.APP_CHAIN_NAME ||
    (deployment.chainId === 31337 || deployment.chainId === undefined
      ? "Hardhat (local)"
      : `Chain ${deployment.chainId}`),
  rpcUrl: process.env.APP_RPC_URL || "http://127.0.0.1:8545",
  indexerUrl: process.env.APP_INDEXER_URL || "http://127.0.0.1:42069",
  registry: deployment.registry ?? null,
  factory: deployment.factory ?? null,
  market: deployment.market ?? null,
};

export default defineConfig({
  plugins: [react()],
  define: { __APP_CONFIG__: JSON.stringify(config) },
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
});
