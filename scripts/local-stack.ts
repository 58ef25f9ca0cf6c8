// The web app's local stack, one piece at a time: a `hardhat node`, the seed story told on it, the Ponder indexer and
// the Vite server. `npm start` (scripts/start.ts) and the browser tests (e2e/run.ts) both start it through here.
// Every process runs in its own process group, so stopping one stops its children too.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SEED_SPAN_DAYS } from "./seed-span.ts";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Local chains' data: deployments, PGlite folders, logs (git-ignored). */
export const LOCAL = join(ROOT, ".local");

/** What the seed story leaves on a chain (written by scripts/seed-local.ts). */
export interface Deployment {
  chainId: number;
  startBlock: number;
  registry: `0x${string}`;
  factory: `0x${string}`;
  market: `0x${string}`;
  stablecoin: `0x${string}`;
  token: `0x${string}`;
  distributor: `0x${string}`;
  cast: Record<string, `0x${string}`>;
}

/** A started process: its output so far, and how to stop it (and its children). */
export class Proc {
  readonly output: string[] = [];
  readonly exited: Promise<number | null>;
  readonly name: string;
  readonly child: ChildProcess;
  constructor(name: string, child: ChildProcess, echo: boolean) {
    this.name = name;
    this.child = child;
    const collect = (chunk: Buffer): void => {
      const text = chunk.toString();
      this.output.push(text);
      if (this.output.length > 2000) this.output.splice(0, 1000);
      if (echo)
        for (const line of text.split("\n")) if (line.trim() !== "") process.stdout.write(`[${name}] ${line}\n`);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  }

  text(): string {
    return this.output.join("");
  }

  /** SIGTERM to the process group, SIGKILL after 5 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null || this.child.pid === undefined) return;
    const pid = this.child.pid;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }, 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Starts `node <script> …args` on this Node (22, through npm scripts) in its own process group. */
export function startNodeScript(
  name: string,
  script: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; echo?: boolean } = {},
): Proc {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  return new Proc(name, child, options.echo ?? false);
}

/** A package's command-line script, found through Node's lookup (workspaces hoist packages to the root). */
export function binOf(pkg: string, bin = pkg): string {
  const require = createRequire(join(ROOT, "package.json"));
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const manifest = join(dir, pkg, "package.json");
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(readFileSync(manifest, "utf8"));
    const entry = typeof json.bin === "string" ? json.bin : json.bin?.[bin];
    if (entry !== undefined) return join(dir, pkg, entry);
  }
  throw new Error(`${pkg} is not installed (run npm install)`);
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  proc?: Proc,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc !== undefined && proc.child.exitCode !== null) {
      throw new Error(
        `${proc.name} exited (code ${proc.child.exitCode}) while waiting for ${what}:\n${proc.text().slice(-4000)}`,
      );
    }
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}${proc ? `:\n${proc.text().slice(-4000)}` : ""}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** One JSON-RPC call. */
export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/**
 * Starts `hardhat node` on 127.0.0.1 (port 0: a free one), its clock set SEED_SPAN_DAYS (+1) in the past so that the
 * seed story ends near today. Returns the process and the RPC URL.
 */
export async function startChain(port = 0, echo = false): Promise<{ proc: Proc; rpcUrl: string }> {
  const start = new Date(Date.now() - (SEED_SPAN_DAYS + 1) * 86_400_000).toISOString();
  const proc = startNodeScript(
    "chain",
    binOf("hardhat"),
    ["node", "--network", "webapp", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      env: { WEBAPP_CHAIN_START: start },
      echo,
    },
  );
  const rpcUrl = await waitFor(
    "the hardhat node",
    async () => {
      const match = /Started HTTP and WebSocket JSON-RPC server at (http:\/\/127\.0\.0\.1:\d+)/.exec(proc.text());
      return match?.[1];
    },
    60_000,
    proc,
  );
  return { proc, rpcUrl };
}

/** Tells the seed story on the chain at `rpcUrl` (scripts/seed-local.ts) and returns what it deployed. */
export async function seedChain(rpcUrl: string, out: string, echo = false): Promise<Deployment> {
  mkdirSync(dirname(out), { recursive: true });
  rmSync(out, { force: true });
  const proc = startNodeScript(
    "seed",
    binOf("hardhat"),
    ["run", "--no-compile", "--network", "localhost", "scripts/seed-local.ts"],
    {
      env: { LOCALHOST_RPC_URL: rpcUrl, SEED_OUT: out, SEED_QUIET: echo ? "0" : "1" },
      echo,
    },
  );
  const code = await proc.exited;
  if (code !== 0 || !existsSync(out))
    throw new Error(`the seed story failed (exit ${code}):\n${proc.text().slice(-4000)}`);
  return JSON.parse(readFileSync(out, "utf8")) as Deployment;
}

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}

/**
 * Creates database `name` on the Postgres server of `url` and returns its URL. A fresh local chain needs a fresh
 * database, not only a fresh schema: Ponder keeps the RPC data it synced in a `ponder_sync` schema shared by every
 * schema of a database, and a new chain reuses the old one's chain id and block numbers.
 */
export async function freshDatabase(url: string, name: string): Promise<string> {
  const { Client } = createRequire(import.meta.url)("pg") as {
    Client: new (config: { connectionString: string }) => PgClient;
  };
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/[^a-z0-9_]/g, "_")}"`);
  } finally {
    await client.end();
  }
  const fresh = new URL(url);
  fresh.pathname = `/${name.replace(/[^a-z0-9_]/g, "_")}`;
  return fresh.toString();
}

/** Which database the indexer uses: a fresh PGlite folder, or a fresh schema on a Postgres server. */
export interface IndexerOptions {
  rpcUrl: string;
  deploymentFile: string;
  port: number;
  /** A PGlite folder (emptied first), unless `databaseUrl` is given. */
  pgliteDir?: string;
  databaseUrl?: string;
  /** The Postgres schema (and Ponder's instance name). A fresh chain needs a fresh schema. */
  schema: string;
  echo?: boolean;
  /** How long indexing the chain may take (default 120 s). */
  timeoutMs?: number;
}

/** Starts the Ponder indexer and waits until it has indexed the chain's current head. */
export async function startIndexer(options: IndexerOptions): Promise<{ proc: Proc; url: string }> {
  if (options.pgliteDir !== undefined) rmSync(options.pgliteDir, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    PONDER_TELEMETRY_DISABLED: "true",
    PONDER_RPC_URL: options.rpcUrl,
    DEPLOYMENT_FILE: options.deploymentFile,
    DATABASE_URL: options.databaseUrl ?? "",
    PGLITE_DIR: options.pgliteDir ?? "",
  };
  const proc = startNodeScript(
    "indexer",
    binOf("ponder"),
    ["start", "--schema", options.schema, "--port", String(options.port)],
    {
      cwd: join(ROOT, "indexer"),
      env,
      echo: options.echo,
    },
  );
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForIndexer(url, options.rpcUrl, proc, options.timeoutMs);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { proc, url };
}

/**
 * Waits until the indexer has indexed the chain's head as it is now. `/ready` turns 200 thirty blocks early (Ponder's
 * finality for unknown chains), so this compares `/status` with `eth_blockNumber`.
 */
export async function waitForIndexer(url: string, rpcUrl: string, proc?: Proc, timeoutMs = 120_000): Promise<void> {
  const head = Number(await rpc<string>(rpcUrl, "eth_blockNumber"));
  await waitFor(
    `the indexer to reach block ${head}`,
    async () => {
      const status = (await (await fetch(`${url}/status`)).json()) as Record<string, { block?: { number: number } }>;
      return Object.values(status).some((chain) => (chain.block?.number ?? -1) >= head) ? true : undefined;
    },
    timeoutMs,
    proc,
  );
}

/** Starts the Vite server of the app, configured for `deployment` on `rpcUrl` with the indexer at `indexerUrl`. */
export async function startApp(options: {
  deploymentFile: string;
  rpcUrl: string;
  indexerUrl: string;
  port: number;
  echo?: boolean;
}): Promise<{ proc: Proc; url: string }> {
  const proc = startNodeScript(
    "app",
    binOf("vite"),
    ["--host", "127.0.0.1", "--port", String(options.port), "--strictPort"],
    {
      cwd: join(ROOT, "app"),
      env: {
        DEPLOYMENT_FILE: options.deploymentFile,
        APP_RPC_URL: options.rpcUrl,
        APP_INDEXER_URL: options.indexerUrl,
      },
      echo: options.echo,
    },
  );
  const url = `http://127.0.0.1:${options.port}/`;
  await waitFor("the app's server", async () => ((await fetch(url)).ok ? true : undefined), 60_000, proc);
  return { proc, url };
}

/**
 * Starts Debian's Postgres server as .ci/run does: on loopback, as the `postgres` user (it refuses root), in a temporary
 * folder, installing the package first if it is missing. Returns the server's URL and how to stop it (and remove the
 * folder). Throws with the reason if it cannot start.
 */
export async function startPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  const binDir = (): string | undefined => {
    const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql") : [];
    const latest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
    return latest === undefined ? undefined : `/usr/lib/postgresql/${latest}/bin`;
  };
  if (binDir() === undefined && userInfo().uid === 0) {
    try {
      execFileSync("apt-get", ["install", "-y", "postgresql"], { stdio: "ignore" });
    } catch {
      execFileSync("sh", ["-c", "apt-get update && apt-get install -y postgresql"], { stdio: "ignore" });
    }
  }
  const bin = binDir();
  if (bin === undefined) throw new Error("Postgres is not installed (apt-get install -y postgresql)");
  const dir = mkdtempSync(join(tmpdir(), "bench-pg-"));
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  chownSync(dir, uid, uid);
  const port = 50_000 + Math.floor(Math.random() * 10_000);
  const asPostgres = (command: string): void => {
    execFileSync("su", ["postgres", "-c", command], { stdio: "ignore" });
  };
  asPostgres(`${bin}/initdb -D ${dir}/data --auth=trust -U postgres`);
  asPostgres(
    `${bin}/pg_ctl -D ${dir}/data -o '-p ${port} -k ${dir} -c listen_addresses=127.0.0.1' -l ${dir}/log -w start`,
  );
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        asPostgres(`${bin}/pg_ctl -D ${dir}/data -m fast stop`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
