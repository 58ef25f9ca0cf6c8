// The app and the indexer are built for one deployment, described by a small JSON file (chain id, first block,
// addresses). On a local chain scripts/seed-local.ts writes it; for a public chain this script derives it from the
// Ignition record the deployment left (deploy/deployments/<id>/: deployed_addresses.json and journal.jsonl), so
// nothing is copied by hand:
//
//   node_modules/.bin/node scripts/web-deployment.ts chain-11155111 .local/sepolia.json
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { IGNITION_RECORD_KEYS } from "../client/chains.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** What the app (app/vite.config.ts) and the indexer (indexer/ponder.config.ts) read. */
export interface WebDeployment {
  chainId: number;
  /** The block of the first deployment transaction: the indexer starts there. */
  startBlock: number;
  registry: `0x${string}`;
  factory: `0x${string}`;
  market: `0x${string}`;
  /** The mock stablecoin, when the deployment has one (testnets). */
  stablecoin?: `0x${string}`;
}

/** Reads the deployment from an Ignition record folder; throws with what is missing and how to get it. */
export function readWebDeployment(folder: string): WebDeployment {
  const addressesFile = join(folder, "deployed_addresses.json");
  const journalFile = join(folder, "journal.jsonl");
  if (!existsSync(addressesFile) || !existsSync(journalFile))
    throw new Error(
      `${folder} holds no Ignition deployment (deployed_addresses.json and journal.jsonl); deploy the system first ` +
        "(docs/DEPLOYMENT.md) or pass the record's folder",
    );
  const record = JSON.parse(readFileSync(addressesFile, "utf8")) as Record<string, `0x${string}`>;
  const missing = Object.values(IGNITION_RECORD_KEYS).filter((key) => record[key] === undefined);
  if (missing.length > 0) throw new Error(`${addressesFile} lacks ${missing.join(", ")}: the system is not deployed`);

  let chainId: number | undefined;
  let startBlock: number | undefined;
  for (const line of readFileSync(journalFile, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const message = JSON.parse(line) as { type: string; chainId?: number; receipt?: { blockNumber: number } };
    if (message.type === "DEPLOYMENT_INITIALIZE" && message.chainId !== undefined) chainId = message.chainId;
    if (message.type === "TRANSACTION_CONFIRM" && message.receipt !== undefined)
      startBlock = Math.min(startBlock ?? Infinity, message.receipt.blockNumber);
  }
  if (chainId === undefined || startBlock === undefined)
    throw new Error(`${journalFile} records no confirmed transaction: the deployment did not finish`);
  return {
    chainId,
    startBlock,
    registry: record[IGNITION_RECORD_KEYS.registry],
    factory: record[IGNITION_RECORD_KEYS.factory],
    market: record[IGNITION_RECORD_KEYS.market],
    ...(record["MockUSD#MockUSD"] !== undefined ? { stablecoin: record["MockUSD#MockUSD"] } : {}),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [id, out] = process.argv.slice(2);
  if (id === undefined || out === undefined) {
    console.error(
      "usage: node scripts/web-deployment.ts <deployment id (chain-11155111) or record folder> <output file>",
    );
    process.exit(2);
  }
  try {
    // An id names a record under deploy/deployments/; a path names a record folder anywhere.
    const deployment = readWebDeployment(id.includes("/") ? id : join(ROOT, "deploy", "deployments", id));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(deployment, null, 2) + "\n");
    console.log(`${out}: chain ${deployment.chainId} from block ${deployment.startBlock}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
