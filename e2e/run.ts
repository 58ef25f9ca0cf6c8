// `npm run test:web`: starts the local stack once (a hardhat node with the seed story told over months, the indexer on
// PGlite, the app's Vite server), runs the browser stories (node:test, one file at a time: they share the chain), and
// stops everything. Stories find the stack through E2E_* variables.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { LOCAL, ROOT, startApp, startChain, seedChain, startIndexer, type Proc } from "../scripts/local-stack.ts";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

const procs: Proc[] = [];
let code = 1;
const started = Date.now();
const run = `e2e-${process.pid}`;
const deploymentFile = join(LOCAL, `${run}.json`);
const pgliteDir = join(LOCAL, `${run}-pglite`);
try {
  const chain = await startChain(0);
  procs.push(chain.proc);
  const deployment = await seedChain(chain.rpcUrl, deploymentFile);
  const indexer = await startIndexer({
    rpcUrl: chain.rpcUrl,
    deploymentFile,
    port: await freePort(),
    schema: run.replace(/-/g, "_"),
    pgliteDir,
  });
  procs.push(indexer.proc);
  const app = await startApp({ deploymentFile, rpcUrl: chain.rpcUrl, indexerUrl: indexer.url, port: await freePort() });
  procs.push(app.proc);
  console.log(
    `# stack up in ${((Date.now() - started) / 1000).toFixed(0)} s: chain ${chain.rpcUrl}, indexer ${indexer.url}, app ${app.url}, ALICE ${deployment.token}`,
  );
  // `--screenshots` runs e2e/screenshots.ts on the stack instead of the tests; otherwise the given test files, or all.
  const args = process.argv.slice(2);
  const command =
    args[0] === "--screenshots"
      ? ["e2e/screenshots.ts"]
      : ["--test", "--test-concurrency=1", ...(args.length ? args : ["e2e/**/*.test.ts"])];
  const tests = spawn(process.execPath, command, {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      E2E_RPC_URL: chain.rpcUrl,
      E2E_INDEXER_URL: indexer.url,
      E2E_APP_URL: app.url,
      E2E_DEPLOYMENT: deploymentFile,
    },
  });
  code = await new Promise<number>((resolve) => tests.on("exit", (c) => resolve(c ?? 1)));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.log("# tests 1\n# pass 0\n# fail 1");
} finally {
  for (const p of procs.reverse()) await p.stop();
  // A test run leaves a clean clone (screenshots stay in the git-ignored e2e/screenshots/).
  rmSync(deploymentFile, { force: true });
  rmSync(pgliteDir, { recursive: true, force: true });
}
process.exit(code);
