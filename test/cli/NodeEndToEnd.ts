import { expect } from "chai";
import hre from "hardhat";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { JsonRpcProvider, Wallet, ZeroAddress, getAddress, parseEther } from "ethers";
import {
  InvestorRegistry__factory,
  PersonalTokenFactory__factory,
  PersonalToken__factory,
} from "../../types/ethers-contracts/index.js";

/**
 * The whole life of a deployment as on a public testnet, against a real JSON-RPC node: `npx hardhat node` runs as its
 * own process, Ignition deploys both modules with private keys (one per role, as each person would hold their own),
 * and every step is a separate `hardhat` process of the command line with that person's key in
 * `LOCALHOST_PRIVATE_KEY`. Nothing runs in-process except reading the chain to check the results.
 */

const ROOT = hre.config.paths.root;
// The project's Node 22 runs this test (Hardhat refuses older ones): the children use the same binary and Hardhat's CLI.
const HARDHAT_CLI = path.join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");
const DEPLOYMENTS = path.join(ROOT, "deploy", "deployments");
const SHARE = 10n ** 18n;
const PROCESS_TIMEOUT_MS = 90_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Roles by the node's account index: each gets the private key the node prints for it. */
const ROLE_INDEX = {
  deployer: 0,
  admin: 1,
  registrar: 2,
  arbiter: 3,
  alice: 4,
  bob: 5,
  mallory: 6,
  adminSafe: 7,
} as const;
type Role = keyof typeof ROLE_INDEX;

function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  delete env.LOCALHOST_PRIVATE_KEY;
  delete env.LOCALHOST_RPC_URL;
  delete env.SEPOLIA_RPC_URL;
  delete env.SEPOLIA_PRIVATE_KEY;
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined) env[key] = value;
  }
  return env;
}

describe("end to end on a hardhat node: Ignition with private keys, then the command line as separate processes", function () {
  this.timeout(180_000);

  const runId = `e2e-${process.pid}-${Date.now().toString(36)}`;
  const systemId = runId;
  const tokenId = `${runId}-token-ALICE`;
  let tmp: string | undefined;

  let node: ChildProcess | undefined;
  let nodeExited: Promise<void> | undefined;
  let nodeLog = "";
  let rpcUrl = "";
  let provider: JsonRpcProvider | undefined;
  const keys = {} as Record<Role, string>;
  const addr = {} as Record<Role, string>;
  let system: { registry: string; factory: string; market: string };
  let token: string;

  const killNode = () => {
    if (node?.pid !== undefined && node.exitCode === null && node.signalCode === null) {
      try {
        process.kill(-node.pid, "SIGTERM"); // the node runs in its own process group
      } catch {
        // already gone
      }
    }
  };

  /** Runs `hardhat <args>` as its own process, signing with `as`'s key (none: the node's accounts). */
  function hardhat(args: string[], as?: Role, env: Record<string, string> = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [HARDHAT_CLI, ...args], {
        cwd: ROOT,
        env: childEnv({
          LOCALHOST_RPC_URL: rpcUrl,
          LOCALHOST_PRIVATE_KEY: as === undefined ? undefined : keys[as],
          ...env,
        }),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`hardhat ${args.join(" ")} timed out\n${stdout}\n${stderr}`));
      }, PROCESS_TIMEOUT_MS);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** A CLI task on the node with `--json` and the system's deployment record; it must succeed. */
  async function cli(as: Role, task: string[], ...args: string[]): Promise<Record<string, unknown>> {
    const run = await hardhat(["--network", "localhost", ...task, ...args, "--deployment", systemId, "--json"], as);
    const what =
      `${task.join(" ")} (as ${as}) exited ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}\n` +
      `node (tail): ${nodeLog.slice(-2_000)}`;
    expect(run.code, what).to.equal(0);
    try {
      return JSON.parse(run.stdout) as Record<string, unknown>;
    } catch {
      expect.fail(`${what}\nstdout is not one JSON object`);
    }
  }

  /** An Ignition deployment to the node with `as`'s key; returns its deployed addresses. */
  async function ignitionDeploy(
    as: Role,
    module: string,
    id: string,
    parameters: object,
  ): Promise<Record<string, string>> {
    const file = path.join(tmp!, `${id}.json`);
    writeFileSync(file, JSON.stringify(parameters, null, 2));
    const run = await hardhat(
      [
        "ignition",
        "deploy",
        `deploy/modules/${module}.ts`,
        "--network",
        "localhost",
        "--deployment-id",
        id,
        "--parameters",
        file,
        // As a user deploys: Ignition builds with the `production` profile (test "keeps the demo and a fresh node
        // working after a deployment" checks that this leaves the checkout usable).
      ],
      as,
    );
    const what = `ignition deploy ${module}\nstdout: ${run.stdout}\nstderr: ${run.stderr}\nnode (tail): ${nodeLog.slice(-2_000)}`;
    expect(run.code, what).to.equal(0);
    expect(run.stdout).to.contain(`[ ${module} ] successfully deployed`);
    return JSON.parse(readFileSync(path.join(DEPLOYMENTS, id, "deployed_addresses.json"), "utf8")) as Record<
      string,
      string
    >;
  }

  before(async function () {
    // Instrumented contracts exceed the EIP-170 size limit on a real node.
    if (hre.globalOptions.coverage) this.skip();
    tmp = mkdtempSync(path.join(tmpdir(), "personal-tokens-e2e-"));

    const child = spawn(process.execPath, [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", "0"], {
      cwd: ROOT,
      env: childEnv({}),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    node = child;
    nodeExited = new Promise((resolve) => child.on("exit", () => resolve()));
    process.once("exit", killNode);

    // Read the banner: the URL and the accounts' private keys. Keep draining the output afterwards (the node logs
    // every request; a full pipe would stall it), keeping only its tail for failure messages.
    const wanted = Math.max(...Object.values(ROLE_INDEX)) + 1;
    await new Promise<void>((resolve, reject) => {
      let banner = "";
      let done = false;
      const timer = setTimeout(() => reject(new Error(`hardhat node printed no banner in 60 s:\n${banner}`)), 60_000);
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        if (done) {
          nodeLog = (nodeLog + text).slice(-20_000);
          return;
        }
        banner += text;
        const url = /Started HTTP.* at (http:\/\/127\.0\.0\.1:(\d+))\//.exec(banner);
        const accounts = [
          ...banner.matchAll(/Account #(\d+):\s+(0x[0-9a-fA-F]{40})[^\n]*\n\s*Private Key:\s+(0x[0-9a-fA-F]{64})/g),
        ];
        if (url === null || accounts.length < wanted) return;
        done = true;
        clearTimeout(timer);
        rpcUrl = url[1];
        for (const [role, index] of Object.entries(ROLE_INDEX) as [Role, number][]) {
          const match = accounts.find((a) => Number(a[1]) === index);
          if (match === undefined || new Wallet(match[3]).address !== getAddress(match[2])) {
            reject(new Error(`the node's banner has no valid key for account #${index}:\n${banner}`));
            return;
          }
          keys[role] = match[3];
          addr[role] = getAddress(match[2]);
        }
        resolve();
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", (chunk: Buffer) => (nodeLog = (nodeLog + chunk.toString()).slice(-20_000)));
      child.on("exit", (code) =>
        reject(new Error(`hardhat node exited (${code}) before its banner:\n${banner}${nodeLog}`)),
      );
    });
    provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
  });

  after(async function () {
    provider?.destroy();
    if (node !== undefined) {
      killNode();
      const stopped = await Promise.race([
        nodeExited!.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000).unref()),
      ]);
      if (!stopped && node.pid !== undefined) {
        try {
          process.kill(-node.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      process.removeListener("exit", killNode);
    }
    // Records of test deployments never stay in the repository.
    for (const id of [systemId, tokenId]) rmSync(path.join(DEPLOYMENTS, id), { recursive: true, force: true });
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  });

  it("deploys the system with the deployer's key, handing admin, registrar and arbiter to their own accounts", async function () {
    const deployed = await ignitionDeploy("deployer", "PersonalTokenSystem", systemId, {
      PersonalTokenSystem: { admin: addr.admin, registrar: addr.registrar, arbiter: addr.arbiter },
    });
    system = {
      registry: deployed["PersonalTokenSystem#InvestorRegistry"],
      factory: deployed["PersonalTokenSystem#PersonalTokenFactory"],
      market: deployed["PersonalTokenSystem#ShareMarket"],
    };
    for (const address of Object.values(system)) expect(address).to.match(/^0x[0-9a-fA-F]{40}$/);

    const registry = InvestorRegistry__factory.connect(system.registry, provider);
    const [admin, registrar, arbiter] = await Promise.all([
      registry.DEFAULT_ADMIN_ROLE(),
      registry.REGISTRAR_ROLE(),
      registry.ARBITER_ROLE(),
    ]);
    expect(await registry.hasRole(admin, addr.admin)).to.equal(true);
    expect(await registry.hasRole(registrar, addr.registrar)).to.equal(true);
    expect(await registry.hasRole(arbiter, addr.arbiter)).to.equal(true);
    for (const role of [admin, registrar, arbiter]) expect(await registry.hasRole(role, addr.deployer)).to.equal(false);
  });

  it("the registrar verifies Alice from the command line", async function () {
    const verified = await cli("registrar", ["registrar", "verify"], addr.alice, "--evidence", "kyc:alice");
    expect(verified.investor).to.equal(addr.alice);
    expect((verified.txs as unknown[]).length).to.equal(1);
  });

  it("Alice creates her token with the PersonalToken module and her own key while the registrar verifies Bob and bans Mallory", async function () {
    const [deployed] = await Promise.all([
      ignitionDeploy("alice", "PersonalToken", tokenId, {
        PersonalToken: {
          factory: system.factory,
          name: "Alice",
          symbol: "ALICE",
          initialSupply: (1_000_000n * SHARE).toString(),
          capBps: 2_000,
          quoteAsset: ZeroAddress,
        },
      }),
      (async () => {
        await cli("registrar", ["registrar", "verify"], addr.bob, "--days", "30");
        await cli("registrar", ["registrar", "ban"], addr.mallory, "--reason", "fraud");
      })(),
    ]);
    token = deployed["PersonalToken#Token"];
    const factory = PersonalTokenFactory__factory.connect(system.factory, provider);
    expect(await factory.tokenOf(addr.alice)).to.equal(token);
    const contract = PersonalToken__factory.connect(token, provider);
    expect(await contract.owner()).to.equal(addr.alice);
    expect(await contract.balanceOf(addr.alice)).to.equal(1_000_000n * SHARE);
  });

  it("keeps the demo and a fresh hardhat node working after the deployments (Ignition's production build)", async function () {
    const demo = await hardhat(["run", "--no-compile", "scripts/demo.ts"]);
    expect(demo.code, `${demo.stdout}\n${demo.stderr}`).to.equal(0);
    expect(demo.stdout).to.match(/✓ All \d+ figures match the story/);
    // A second node starts (it reads every build-info) and prints its banner; then it is stopped.
    const second = spawn(process.execPath, [HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", "0"], {
      cwd: ROOT,
      env: childEnv({}),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    const started = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Started HTTP/.test(output)) {
          clearTimeout(timer);
          resolve(true);
        }
      };
      second.stdout.on("data", onData);
      second.stderr.on("data", onData);
      second.on("exit", () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    try {
      process.kill(-second.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    expect(started, output.slice(-2_000)).to.equal(true);
    expect(output).to.not.contain("Failed to parse build info");
  });

  it("reads with no key on a network whose key is unset; says who signs, and refuses a negative value plainly", async function () {
    // `sepolia` pointed at this node, with SEPOLIA_PRIVATE_KEY unset: a read-only task needs no key.
    const read = await hardhat(
      ["--network", "sepolia", "info", "token", "--token", token, "--deployment", systemId, "--json"],
      undefined,
      { SEPOLIA_RPC_URL: rpcUrl },
    );
    expect(read.code, read.stderr).to.equal(0);
    expect(JSON.parse(read.stdout)).to.deep.include({ token, symbol: "ALICE" });
    // Without LOCALHOST_PRIVATE_KEY a sending task says it signs as the node's account #0 (here refused: not a registrar).
    const registry = InvestorRegistry__factory.connect(system.registry, provider);
    const nonce = await provider!.getTransactionCount(addr.deployer);
    const unkeyed = await hardhat([
      "--network",
      "localhost",
      "registrar",
      "verify",
      addr.mallory,
      "--deployment",
      systemId,
    ]);
    expect(unkeyed.code).to.equal(1);
    expect(unkeyed.stderr).to.contain(
      `signing as ${addr.deployer} (the node's account #0, the default: choose with --as or LOCALHOST_PRIVATE_KEY) on localhost`,
    );
    expect(unkeyed.stderr).to.match(/Refused: AccessControlUnauthorizedAccount/);
    expect(await provider!.getTransactionCount(addr.deployer)).to.equal(nonce);
    expect(await registry.isVerified(addr.mallory)).to.equal(false);
    const negative = await hardhat(
      ["--network", "localhost", "investor", "buy", "1", "-5", "--deployment", systemId],
      "bob",
    );
    expect(negative.code).to.equal(1);
    expect(negative.stderr).to.contain('"-5" is negative').and.not.contain("HHE504");
  });

  it("Alice opens a sell-down offering priced in ETH; the registry shows Mallory's ban; the admin hands over its role", async function () {
    const [opened, mallory, [granted, revoked]] = await Promise.all([
      cli(
        "alice",
        ["owner", "open-offering"],
        "--shares",
        "30000",
        "--price",
        "0.001",
        "--max-per-investor",
        "10000",
        "--start",
        "now",
        "--duration",
        "1d",
      ),
      cli("bob", ["info", "investor"], addr.mallory),
      (async () => [
        await cli("admin", ["admin", "grant-role"], "admin", addr.adminSafe),
        await cli("admin", ["admin", "revoke-role"], "admin", addr.admin),
      ])(),
    ]);
    expect(granted).to.deep.include({ role: "admin", account: addr.adminSafe, hasRole: true });
    expect(revoked).to.deep.include({ role: "admin", account: addr.admin, hasRole: false });
    const registry = InvestorRegistry__factory.connect(system.registry, provider);
    const adminRole = await registry.DEFAULT_ADMIN_ROLE();
    expect(await registry.hasRole(adminRole, addr.adminSafe)).to.equal(true);
    expect(await registry.hasRole(adminRole, addr.admin)).to.equal(false);

    expect(opened.offeringId).to.equal("1");
    expect(opened.token).to.equal(token);
    expect(opened.shares).to.equal((30_000n * SHARE).toString());
    expect((opened.display as Record<string, string>).raiseIfSold).to.equal("30.00 ETH");
    expect(mallory).to.deep.include({ verified: false, banned: true });
  });

  it("Bob buys 1%; Mallory, banned, is refused with the decoded reason and a non-zero exit code", async function () {
    const [bought, refused] = await Promise.all([
      cli("bob", ["investor", "buy"], "1", "1%"),
      hardhat(["--network", "localhost", "investor", "buy", "1", "100", "--deployment", systemId], "mallory"),
    ]);
    expect(bought.buyer).to.equal(addr.bob);
    expect(bought.shares).to.equal((10_000n * SHARE).toString());
    expect(bought.paid).to.equal(parseEther("10").toString());
    expect((bought.display as Record<string, string>).paid).to.equal("10.00 ETH");

    expect(refused.code).to.not.equal(0);
    expect(refused.stderr).to.contain(`signing as ${addr.mallory} (the key configured for localhost) on localhost`);
    expect(refused.stderr).to.match(
      new RegExp(
        `Refused: ERC7943CannotReceive\\(account=${addr.mallory}\\): The receiver is neither the owner nor an investor verified`,
      ),
    );
    expect(refused.stderr).to.not.match(/0x[0-9a-f]{72,}/i); // never a raw revert blob
  });

  it("Alice distributes a 100 ETH gain; Bob claims exactly his 1 ETH", async function () {
    const distributed = await cli("alice", ["owner", "distribute"], "100", "--memo", "exit of company X");
    expect(distributed.amount).to.equal(parseEther("100").toString());
    expect(distributed.token).to.equal(token);

    const before = await provider!.getBalance(addr.bob);
    const claimed = await cli("bob", ["investor", "claim"], "--token", token);
    expect(claimed.holder).to.equal(addr.bob);
    expect(claimed.claims).to.deep.equal([
      { token, asset: ZeroAddress, symbol: "ETH", amount: parseEther("1").toString(), display: "1.00 ETH" },
    ]);
    const gas = (claimed.txs as { gasUsed: string }[]).reduce((sum, tx) => sum + BigInt(tx.gasUsed), 0n);
    const after = await provider!.getBalance(addr.bob);
    expect(after - before).to.be.greaterThan(parseEther("1") - gas * 10n ** 11n); // 1 ETH minus at most 100 gwei/gas
    expect(after).to.be.greaterThan(before);
  });

  it("prints the cap table rebuilt from Transfer logs, as JSON and as an aligned table", async function () {
    const names = JSON.stringify({ [addr.alice]: "Alice", [addr.bob]: "Bob" });
    const [json, text] = await Promise.all([
      cli("bob", ["info", "cap-table"], "--token", token),
      hardhat([
        "--network",
        "localhost",
        "info",
        "cap-table",
        "--token",
        token,
        "--deployment",
        systemId,
        "--names",
        names,
      ]),
    ]);
    expect(json.symbol).to.equal("ALICE");
    expect(json.owner).to.equal(addr.alice);
    expect(json.totalSupply).to.equal((1_000_000n * SHARE).toString());
    const rows = json.rows as {
      holder: string;
      isOwner: boolean;
      shares: string;
      percent: string;
      claimable: Record<string, string>;
    }[];
    expect(rows.map((r) => [r.holder, r.isOwner, r.shares, r.percent, r.claimable[ZeroAddress]])).to.deep.equal([
      [addr.alice, true, (990_000n * SHARE).toString(), "99%", parseEther("99").toString()],
      [addr.bob, false, (10_000n * SHARE).toString(), "1%", "0"],
    ]);

    expect(text.code, text.stderr).to.equal(0);
    const lines = text.stdout.split("\n");
    expect(lines[0]).to.match(/^Cap table of ALICE .*1,000,000 shares, 2 holders/);
    expect(lines[1]).to.match(/^holder\s+shares\s+% of supply\s+claimable ETH$/);
    expect(lines.find((l) => l.startsWith("Alice (owner)"))).to.match(/990,000\s+99%\s+99\.00 ETH$/);
    expect(lines.find((l) => l.startsWith("Bob "))).to.match(/10,000\s+1%\s+0\.00 ETH$/);
  });

  it("left its deployment records where the CLI reads them (removed after the test)", function () {
    expect(existsSync(path.join(DEPLOYMENTS, systemId, "journal.jsonl"))).to.equal(true);
    expect(existsSync(path.join(DEPLOYMENTS, tokenId, "deployed_addresses.json"))).to.equal(true);
  });
});
