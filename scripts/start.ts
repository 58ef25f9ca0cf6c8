// `npm start`: the whole product on this machine. Starts a `hardhat node` on 127.0.0.1, deploys the system and tells
// the seed story on it over simulated months, starts the indexer (PGlite, or Postgres if DATABASE_URL is set) and
// serves the app, then prints the URLs, the chain id and a funded test key per role. Ctrl-C stops everything.
//
// Ports: CHAIN_PORT (8545), INDEXER_PORT (42069), APP_PORT (5173).
import { join } from "node:path";
import { toHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { LOCAL, freshDatabase, startApp, startChain, seedChain, startIndexer, type Proc } from "./local-stack.ts";

// The test accounts of a hardhat node: Hardhat's public mnemonic (never use these keys on a real chain).
const MNEMONIC = "test test test test test test test test test test test junk";
/** Role → account index on the node (the seed story's cast). */
const ACCOUNTS: Record<string, number> = { alice: 3, mentor1: 4, mentor2: 5, registrar: 1, arbiter: 2, admin: 0 };
function testKey(index: number): { address: string; key: string } {
  const account = mnemonicToAccount(MNEMONIC, { addressIndex: index });
  return { address: account.address, key: toHex(account.getHdKey().privateKey!) };
}
const ROLES: Record<string, string> = {
  alice: "Alice, the owner of ALICE",
  mentor1: "Mentor 1, an investor",
  mentor2: "Mentor 2, an investor",
  registrar: "the registrar",
  arbiter: "the arbiter",
  admin: "the admin",
};

const procs: Proc[] = [];
let stopping = false;
async function stopAll(code: number): Promise<void> {
  if (stopping) return; // the first call stops everything and exits
  stopping = true;
  console.log("\nStopping…");
  for (const p of [...procs].reverse()) await p.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

const chainPort = Number(process.env.CHAIN_PORT ?? 8545);
const indexerPort = Number(process.env.INDEXER_PORT ?? 42069);
const appPort = Number(process.env.APP_PORT ?? 5173);
const deploymentFile = join(LOCAL, "deployment.json");

try {
  console.log(`Starting a hardhat node on 127.0.0.1:${chainPort}…`);
  const chain = await startChain(chainPort);
  procs.push(chain.proc);
  console.log("Deploying the system and telling the seed story over nine simulated months…");
  const deployment = await seedChain(chain.rpcUrl, deploymentFile, process.env.SEED_VERBOSE === "1");
  console.log("Starting the indexer…");
  // A fresh chain needs a fresh database: a new PGlite folder, or a new database on the Postgres server.
  const schema = `local_${Date.now()}`;
  const indexer = await startIndexer({
    rpcUrl: chain.rpcUrl,
    deploymentFile,
    port: indexerPort,
    schema,
    ...(process.env.DATABASE_URL
      ? { databaseUrl: await freshDatabase(process.env.DATABASE_URL, schema) }
      : { pgliteDir: join(LOCAL, "pglite") }),
  });
  procs.push(indexer.proc);
  console.log("Starting the app…");
  const app = await startApp({ deploymentFile, rpcUrl: chain.rpcUrl, indexerUrl: indexer.url, port: appPort });
  procs.push(app.proc);

  console.log(`
Personal tokens is running.

  App        ${app.url}
  RPC URL    ${chain.rpcUrl}
  Chain id   ${deployment.chainId}
  Indexer    ${indexer.url} (GraphQL at /graphql)
  ALICE      ${deployment.token}

Test keys to import into a wallet (well-known Hardhat keys, funded with test ETH; investors also hold mUSD):`);
  for (const [role, index] of Object.entries(ACCOUNTS)) {
    const { address, key } = testKey(index);
    if (address !== deployment.cast[role]) throw new Error(`account #${index} is not ${role}: the seed's cast changed`);
    console.log(`  ${ROLES[role].padEnd(27)} ${address}  (account #${index})\n  ${"".padEnd(27)} ${key}`);
  }
  console.log(`
Add the network to the wallet: RPC ${chain.rpcUrl}, chain id ${deployment.chainId}, currency ETH. After a fresh
start, reset the wallet's account nonce (MetaMask: Settings → Advanced → Clear activity tab data).
Ctrl-C stops everything.`);
  // Stay up until Ctrl-C; if a part dies, say so and stop the rest.
  const died = await Promise.race(procs.map((p) => p.exited.then(() => p)));
  if (stopping) await new Promise(() => {}); // stopped by Ctrl-C: stopAll exits
  console.error(`\n${died.name} stopped unexpectedly:\n${died.text().slice(-3000)}`);
  await stopAll(1);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
