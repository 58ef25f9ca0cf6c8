// The indexer's chain, contracts and database. The deployment (addresses, chain id, first block) comes from the JSON
// file at DEPLOYMENT_FILE (written by scripts/seed-local.ts for a local chain; write one by hand for Sepolia), the RPC
// from PONDER_RPC_URL. The database is an embedded PGlite in PGLITE_DIR (default .ponder/pglite) unless DATABASE_URL
// names a Postgres server. A fresh chain needs a fresh database: a new PGlite folder or a new `--schema`.
import { readFileSync } from "node:fs";
import { createConfig, factory } from "ponder";
import { getAbiItem } from "viem";
import {
  gainsDistributorAbi,
  holdingsAbi,
  investorRegistryAbi,
  personalTokenAbi,
  personalTokenFactoryAbi,
  shareMarketAbi,
} from "../client/generated/abis.ts";

interface Deployment {
  chainId: number;
  startBlock: number;
  registry: `0x${string}`;
  factory: `0x${string}`;
  market: `0x${string}`;
}

const file = process.env.DEPLOYMENT_FILE || "../.local/deployment.json";
const deployment = JSON.parse(readFileSync(file, "utf8")) as Deployment;
const rpc = process.env.PONDER_RPC_URL || "http://127.0.0.1:8545";
const local = deployment.chainId === 31337;
const startBlock = deployment.startBlock;
const tokenCreated = getAbiItem({ abi: personalTokenFactoryAbi, name: "TokenCreated" });
const holdingsCreated = getAbiItem({ abi: personalTokenFactoryAbi, name: "HoldingsCreated" });

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: process.env.PGLITE_DIR || ".ponder/pglite" },
  chains: {
    // A local chain restarts with the same id and block numbers: never cache its RPC answers.
    chain: { id: deployment.chainId, rpc, disableCache: local, pollingInterval: local ? 500 : 2_000 },
  },
  contracts: {
    InvestorRegistry: { chain: "chain", abi: investorRegistryAbi, address: deployment.registry, startBlock },
    PersonalTokenFactory: { chain: "chain", abi: personalTokenFactoryAbi, address: deployment.factory, startBlock },
    ShareMarket: { chain: "chain", abi: shareMarketAbi, address: deployment.market, startBlock },
    PersonalToken: {
      chain: "chain",
      abi: personalTokenAbi,
      address: factory({ address: deployment.factory, event: tokenCreated, parameter: "token" }),
      startBlock,
    },
    GainsDistributor: {
      chain: "chain",
      abi: gainsDistributorAbi,
      address: factory({ address: deployment.factory, event: tokenCreated, parameter: "distributor" }),
      startBlock,
    },
    Holdings: {
      chain: "chain",
      abi: holdingsAbi,
      address: factory({ address: deployment.factory, event: holdingsCreated, parameter: "holdings" }),
      startBlock,
    },
  },
});
