// The indexer on a real Postgres server (E2E_POSTGRES_URL, started by .ci/run) indexes the same chain as the PGlite one
// the other stories use, and its API answers the same, byte for byte. Skipped without a server. It creates a database
// of its own (see freshDatabase).
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { test } from "node:test";
import { freshDatabase, startIndexer, waitForIndexer } from "../scripts/local-stack.ts";
import { deployment, env } from "./helpers/session.ts";

const databaseUrl = process.env.E2E_POSTGRES_URL;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

test(
  "the indexer on Postgres answers as the one on PGlite",
  { skip: databaseUrl ? false : "E2E_POSTGRES_URL is not set" },
  async () => {
    const name = `e2e_${process.pid}_${Date.now()}`;
    const indexer = await startIndexer({
      rpcUrl: env.rpcUrl,
      deploymentFile: process.env.E2E_DEPLOYMENT!,
      port: await freePort(),
      databaseUrl: await freshDatabase(databaseUrl!, name),
      schema: "e2e",
    });
    try {
      await waitForIndexer(env.indexerUrl, env.rpcUrl);
      const now = Math.floor(Date.now() / 1000);
      for (const path of [
        "/api/tokens",
        `/api/tokens/${deployment.token}`,
        `/api/investors/${deployment.cast.mentor3}?now=${now}`,
        `/api/portfolio/${deployment.cast.mentor2}`,
        `/api/leaderboard?now=${now}`,
      ]) {
        const [onPglite, onPostgres] = await Promise.all(
          [env.indexerUrl, indexer.url].map(async (base) => (await fetch(base + path)).text()),
        );
        assert.equal(onPostgres, onPglite, path);
      }
    } finally {
      await indexer.proc.stop();
    }
  },
);
