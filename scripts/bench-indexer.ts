// `npm run bench:indexer`: the indexer at scale. Seeds a local `hardhat node` with SCALE's tokens, investors and events
// (scripts/bench-indexer-seed.ts), indexes it on PGlite and on a Postgres server, and prints:
// - indexing throughput: events indexed ÷ seconds from the indexer's start to `/status` reaching the chain head;
// - p50/p95 latency of the indexer's cap table of the largest token, a portfolio of SCALE.positions positions, a
//   track record and the leaderboard (sequential requests after a warm-up);
// - the same cap table and portfolio computed by the CLI's log scan over RPC (`npx hardhat info cap-table` and
//   `info portfolio`), the ratio to the indexer's p95, and whether both answers agree to the unit.
// It writes the table to docs/INDEXER-BENCH.md and into README.md between the bench:indexer markers.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import hre from "hardhat";
import { capTable, makeContext, portfolio } from "../tasks/api.js";
import { SCALE, seedBenchChain, type BenchChain } from "./bench-indexer-seed.ts";
import { LOCAL, ROOT, freshDatabase, startChain, startIndexer, startPostgres, type Proc } from "./local-stack.ts";

const REQUESTS = 200;
const SCANS = 3;
const WORK = join(LOCAL, "bench-indexer");
const started = Date.now();
const log = (line: string): void =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

type Query = "capTable" | "portfolio" | "trackRecord" | "leaderboard";
interface IndexerRun {
  events: number;
  seconds: number;
  latency: Record<Query, { p50: number; p95: number }>;
  capTable: Map<string, string>;
  portfolio: Map<string, string>;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (n: number): string => (n < 10 ? n.toFixed(1) : n.toFixed(0));

/** The indexed events: Ponder's count of handled events, from its Prometheus metrics. */
async function indexedEvents(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let total = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("ponder_indexing_completed_events")) total += Number(line.split(" ").at(-1));
  }
  return total;
}

async function latency(url: string): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await (await fetch(url)).text();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    const response = await fetch(url);
    await response.text();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** holder or token → "shares/claimable" in base units, the form both answers are compared in. */
type Answer = Map<string, string>;

async function runIndexer(
  chain: BenchChain,
  rpcUrl: string,
  deploymentFile: string,
  db: { pgliteDir: string } | { databaseUrl: string },
): Promise<IndexerRun & { proc: Proc }> {
  const t = performance.now();
  const { proc, url } = await startIndexer({
    rpcUrl,
    deploymentFile,
    port: 42_000 + Math.floor(Math.random() * 1000),
    schema: "bench",
    timeoutMs: 600_000,
    ...db,
  });
  const seconds = (performance.now() - t) / 1000;
  const events = await indexedEvents(url);
  const now = Math.floor(Date.now() / 1000);
  const paths: Record<Query, string> = {
    capTable: `/api/tokens/${chain.largest}/cap-table`,
    portfolio: `/api/portfolio/${chain.whale}`,
    trackRecord: `/api/investors/${chain.whale}?now=${now}`,
    leaderboard: `/api/leaderboard?now=${now}`,
  };
  const result = {} as Record<Query, { p50: number; p95: number }>;
  for (const [query, path] of Object.entries(paths) as [Query, string][]) result[query] = await latency(url + path);
  const token = (await (await fetch(url + paths.capTable)).json()) as {
    capTable: { holder: string; balance: string; claimable: Record<string, string> }[];
  };
  const folio = (await (await fetch(url + paths.portfolio)).json()) as {
    positions: { token: { address: string }; balance: string; claimable: Record<string, string> }[];
  };
  return {
    proc,
    events,
    seconds,
    latency: result,
    capTable: new Map(token.capTable.map((r) => [r.holder, `${r.balance}/${claimableOf(r.claimable)}`])),
    portfolio: new Map(folio.positions.map((p) => [p.token.address, `${p.balance}/${claimableOf(p.claimable)}`])),
  };
}

/** Claimable amounts by lower-case asset, non-zero only, sorted: comparable across the two sources. */
function claimableOf(byAsset: Record<string, string | bigint>): string {
  return Object.entries(byAsset)
    .filter(([, v]) => BigInt(v) !== 0n)
    .map(([a, v]) => `${a.toLowerCase()}=${v}`)
    .sort()
    .join(",");
}

function sameAnswer(a: Answer, b: Answer): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

const procs: Proc[] = [];
let stopPostgres: (() => Promise<void>) | undefined;
try {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  log("starting a hardhat node…");
  const node = await startChain();
  procs.push(node.proc);
  const connection = await hre.network.create({ network: "localhost", override: { url: node.rpcUrl } });
  // Ignition keeps a journal per chain id: a fresh node is a fresh chain.
  rmSync(join(ROOT, "deploy/deployments/chain-31337"), { recursive: true, force: true });
  log(`seeding ${SCALE.tokens} tokens and ${SCALE.investors} investors…`);
  const chain = await seedBenchChain(connection, node.rpcUrl, log);
  const seedSeconds = (Date.now() - started) / 1000;
  log(`seeded: ${chain.transactions} transactions`);
  const deploymentFile = join(WORK, "deployment.json");
  writeFileSync(deploymentFile, JSON.stringify(chain, null, 2));

  const runs: Record<string, IndexerRun | string> = {};
  log("indexing on PGlite…");
  const pglite = await runIndexer(chain, node.rpcUrl, deploymentFile, { pgliteDir: join(WORK, "pglite") });
  await pglite.proc.stop();
  runs.PGlite = pglite;
  log("indexing on Postgres…");
  try {
    const server = await startPostgres();
    stopPostgres = server.stop;
    const databaseUrl = await freshDatabase(server.url, `bench_${Date.now()}`);
    const postgres = await runIndexer(chain, node.rpcUrl, deploymentFile, { databaseUrl });
    await postgres.proc.stop();
    runs.Postgres = postgres;
  } catch (error) {
    runs.Postgres = `skipped: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }

  log("the same answers from the CLI's log scan over RPC…");
  const ctx = await makeContext(connection.ethers, undefined, {
    addresses: { registry: chain.registry, factory: chain.factory, market: chain.market },
  });
  const scan = async <T>(compute: () => Promise<T>): Promise<{ seconds: number; answer: T }> => {
    const times: number[] = [];
    let answer: T | undefined;
    for (let i = 0; i < SCANS; i++) {
      const t = performance.now();
      answer = await compute();
      times.push((performance.now() - t) / 1000);
    }
    return { seconds: times.sort((a, b) => a - b)[Math.floor(SCANS / 2)], answer: answer! };
  };
  const scannedTable = await scan(() => capTable(ctx, { token: chain.largest }));
  const scannedFolio = await scan(() => portfolio(ctx, { address: chain.whale }));
  const scanTable: Answer = new Map(
    scannedTable.answer.rows.map((r) => [r.holder.toLowerCase(), `${r.shares}/${claimableOf(r.claimable)}`]),
  );
  const scanFolio: Answer = new Map(
    scannedFolio.answer.holdings.map((h) => [
      h.token.toLowerCase(),
      `${h.shares}/${claimableOf(Object.fromEntries(h.claimable.map((c) => [c.asset, c.amount])))}`,
    ]),
  );

  // ── the table ──
  const events = (runs.PGlite as IndexerRun).events;
  const lines = [
    `Seeded: ${SCALE.tokens} tokens, ${SCALE.investors} verified investors, ${events.toLocaleString("en-US")} indexed ` +
      `events from ${chain.transactions.toLocaleString("en-US")} transactions; the largest cap table has ` +
      `${pglite.capTable.size} holders, the measured portfolio ${pglite.portfolio.size} positions. ` +
      `${cpus().length} CPU cores, ${REQUESTS} sequential requests per query after 5 warm-up ones.`,
    "",
    "| | PGlite | Postgres |",
    "|---|---:|---:|",
  ];
  const cell = (db: string, f: (r: IndexerRun) => string): string =>
    typeof runs[db] === "string" ? (runs[db] as string) : f(runs[db] as IndexerRun);
  const row = (label: string, f: (r: IndexerRun) => string): string =>
    `| ${label} | ${cell("PGlite", f)} | ${cell("Postgres", f)} |`;
  lines.push(
    row(
      "indexing throughput",
      (r) => `${Math.round(r.events / r.seconds).toLocaleString("en-US")} events/s (${r.seconds.toFixed(0)} s)`,
    ),
  );
  const queries: [Query, string][] = [
    ["capTable", `cap table of the largest token (${pglite.capTable.size} holders), p50 / p95`],
    ["portfolio", `portfolio of ${pglite.portfolio.size} positions, p50 / p95`],
    ["trackRecord", "track record of that investor, p50 / p95"],
    ["leaderboard", `leaderboard (${SCALE.investors} investors), p50 / p95`],
  ];
  for (const [q, label] of queries) {
    lines.push(row(label, (r) => `${ms(r.latency[q].p50)} / ${ms(r.latency[q].p95)} ms`));
  }
  const versus = (label: string, seconds: number, q: Query, scanned: Answer, key: "capTable" | "portfolio") =>
    row(
      `${label}: CLI log scan ${seconds.toFixed(1)} s; × faster (scan ÷ p95); same answer`,
      (r) =>
        `${Math.round((seconds * 1000) / r.latency[q].p95).toLocaleString("en-US")}×; ` +
        `${sameAnswer(r[key], scanned) ? "yes" : "NO"}`,
    );
  lines.push(versus("cap table", scannedTable.seconds, "capTable", scanTable, "capTable"));
  lines.push(versus("portfolio", scannedFolio.seconds, "portfolio", scanFolio, "portfolio"));
  const total = (Date.now() - started) / 1000;
  lines.push(
    "",
    `Targets: p95 ≤ 100 ms per indexed query and ≥ 20× faster than the log scan. Seeding took ` +
      `${seedSeconds.toFixed(0)} s, the whole benchmark ${total.toFixed(0)} s.`,
  );
  console.log(`\n${lines.join("\n")}\n`);

  const table = lines.join("\n");
  writeFileSync(
    join(ROOT, "docs/INDEXER-BENCH.md"),
    `# Indexer performance\n\nGenerated by \`npm run bench:indexer\` (scripts/bench-indexer.ts) on ` +
      `${new Date().toISOString().slice(0, 10)}; do not edit by hand.\n\n${table}\n`,
  );
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const marked = /(<!-- bench:indexer -->\n)[\s\S]*?(<!-- \/bench:indexer -->)/;
  if (marked.test(readme)) writeFileSync(join(ROOT, "README.md"), readme.replace(marked, `$1${table}\n$2`));
  const failed = Object.values(runs).some(
    (r) => typeof r !== "string" && (!sameAnswer(r.capTable, scanTable) || !sameAnswer(r.portfolio, scanFolio)),
  );
  if (failed) {
    console.error("The indexer's answers differ from the CLI's log scan.");
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  for (const p of procs.reverse()) await p.stop();
  await stopPostgres?.();
}
