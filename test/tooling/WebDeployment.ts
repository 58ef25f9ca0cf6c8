import { expect } from "chai";
import hre from "hardhat";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { IGNITION_RECORD_KEYS } from "../../client/chains.ts";
import { readWebDeployment } from "../../scripts/web-deployment.ts";

/**
 * Running the app against a public chain: the deployment file comes from the Ignition record the deployment left, and
 * a production build carries that chain and its addresses (and refuses to build without its RPC and indexer URLs
 * rather than quietly pointing a public site at 127.0.0.1).
 */

const ROOT = hre.config.paths.root;
const VITE = path.join(path.dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin", "vite.js");
const SEPOLIA = 11_155_111;
const ADDRESSES = {
  registry: "0x1111111111111111111111111111111111111111",
  factory: "0x3333333333333333333333333333333333333333",
  market: "0x2222222222222222222222222222222222222222",
} as const;

/** An Ignition record as a Sepolia deployment leaves it: addresses, and a journal with the confirmed transactions. */
function writeRecord(folder: string, options: { omit?: string; confirmedBlocks?: number[] } = {}): void {
  mkdirSync(folder, { recursive: true });
  const record: Record<string, string> = {};
  for (const [key, futureId] of Object.entries(IGNITION_RECORD_KEYS))
    if (futureId !== options.omit) record[futureId] = ADDRESSES[key as keyof typeof ADDRESSES];
  writeFileSync(path.join(folder, "deployed_addresses.json"), JSON.stringify(record));
  const journal = [{ type: "DEPLOYMENT_INITIALIZE", chainId: SEPOLIA }];
  for (const blockNumber of options.confirmedBlocks ?? [7_000_125, 7_000_123, 7_000_124])
    journal.push({ type: "TRANSACTION_CONFIRM", receipt: { blockNumber, status: "SUCCESS" } } as never);
  writeFileSync(path.join(folder, "journal.jsonl"), journal.map((line) => JSON.stringify(line)).join("\n") + "\n");
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: path.join(ROOT, "app"), env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("Running the app against a public chain", function () {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "web-deployment-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("derives the deployment file from the Ignition record, starting at the first confirmed block", function () {
    writeRecord(dir);
    expect(readWebDeployment(dir)).to.deep.equal({ chainId: SEPOLIA, startBlock: 7_000_123, ...ADDRESSES });
  });

  it("refuses a folder without a deployment, a record missing a contract and a journal with nothing confirmed", function () {
    expect(() => readWebDeployment(dir)).to.throw(/holds no Ignition deployment/);
    writeRecord(dir, { omit: IGNITION_RECORD_KEYS.market });
    expect(() => readWebDeployment(dir)).to.throw(/lacks PersonalTokenSystem#ShareMarket/);
    writeRecord(dir, { confirmedBlocks: [] });
    expect(() => readWebDeployment(dir)).to.throw(/records no confirmed transaction/);
  });

  it("builds the app for Sepolia with its chain, addresses and explorer, and refuses a build without its URLs", async function () {
    this.timeout(120_000);
    writeRecord(path.join(dir, "record"));
    const deploymentFile = path.join(dir, "sepolia.json");
    writeFileSync(deploymentFile, JSON.stringify(readWebDeployment(path.join(dir, "record"))));

    const refused = await run([VITE, "build", "--outDir", path.join(dir, "refused")], {
      DEPLOYMENT_FILE: deploymentFile,
      APP_RPC_URL: "",
      APP_INDEXER_URL: "https://indexer.example",
    });
    expect(refused.code).to.not.equal(0);
    expect(refused.output).to.contain(`APP_RPC_URL is not set: a build for chain ${SEPOLIA} needs it`);

    const outDir = path.join(dir, "dist");
    const built = await run([VITE, "build", "--outDir", outDir, "--logLevel", "error"], {
      DEPLOYMENT_FILE: deploymentFile,
      APP_RPC_URL: "https://rpc.example/sepolia",
      APP_INDEXER_URL: "https://indexer.example",
    });
    expect(built.code, built.output).to.equal(0);
    const bundle = readdirSync(path.join(outDir, "assets"))
      .filter((file) => file.endsWith(".js"))
      .map((file) => readFileSync(path.join(outDir, "assets", file), "utf8"))
      .join("\n");
    for (const address of Object.values(ADDRESSES)) expect(bundle).to.contain(address);
    expect(bundle).to.contain("https://rpc.example/sepolia").and.contain("https://indexer.example");
    expect(bundle)
      .to.contain("https://sepolia.etherscan.io")
      .and.match(/chainName:`Sepolia`/);
  });
});
