import { expect } from "chai";
import hre from "hardhat";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Every way of running tests builds the changed contracts first. `hardhat test solidity <file>` alone compiles only
 * <file> and its imports and rewrites only that file's artifacts, while the runner links libraries from the artifacts
 * on disk; the deployer libraries of `test/solidity/SystemFixture.sol` carry the contracts' creation code, so without
 * the config's `buildBeforeSolidityTests` such a run tested the old contracts (a removed cap check stayed green).
 *
 * A miniature project in a temporary folder, configured by this project's own `hardhat.config.ts`, has the same shape:
 * a contract with a cap check, a fixture file whose external library deploys it, a Solidity test that links that
 * library, and a mocha test. It is built, the cap check is removed, and each command must then test the new code and
 * fail. A control run with the override taken out shows the stale run still passes, i.e. this test can catch it.
 */

const ROOT = hre.config.paths.root;
const HARDHAT_CLI = path.join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");
const PROCESS_TIMEOUT_MS = 120_000;

// The project's own config, as a module specifier for the miniature project's config files.
const PROJECT_CONFIG = JSON.stringify(pathToFileURL(path.join(ROOT, "hardhat.config.ts")).href);
const CAP_CHECK = '        require(total <= 100, "cap");\n';

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "build-first-check", private: true, type: "module" }),
  "hardhat.config.ts": `export { default } from ${PROJECT_CONFIG};\n`,
  // The project's config without the override: what Hardhat alone does.
  "hardhat.without-override.ts": [
    `import * as project from ${PROJECT_CONFIG};`,
    "const tasks = project.default.tasks?.filter((t) => t !== project.buildBeforeSolidityTests);",
    "export default { ...project.default, tasks };",
    "",
  ].join("\n"),
  "contracts/Capped.sol": [
    "// SPDX-License-Identifier: MIT",
    "pragma solidity 0.8.30;",
    "",
    "contract Capped {",
    "    uint256 public total;",
    "",
    "    function add(uint256 amount) external {",
    "        total += amount;",
    CAP_CHECK + "    }",
    "}",
    "",
  ].join("\n"),
  "test/Fixture.sol": [
    "// SPDX-License-Identifier: MIT",
    "pragma solidity 0.8.30;",
    "",
    'import {Capped} from "../contracts/Capped.sol";',
    "",
    "library CappedDeployer {",
    "    function deploy() external returns (Capped) {",
    "        return new Capped();",
    "    }",
    "}",
    "",
  ].join("\n"),
  "test/Capped.t.sol": [
    "// SPDX-License-Identifier: MIT",
    "pragma solidity 0.8.30;",
    "",
    'import {Capped} from "../contracts/Capped.sol";',
    'import {CappedDeployer} from "./Fixture.sol";',
    "",
    "contract CappedTest {",
    "    function test_capHolds() external {",
    "        Capped capped = CappedDeployer.deploy();",
    "        capped.add(100);",
    "        try capped.add(1) {",
    '            revert("cap not enforced");',
    "        } catch {}",
    "    }",
    "}",
    "",
  ].join("\n"),
  "test/Capped.ts": [
    'import { expect } from "chai";',
    'import { network } from "hardhat";',
    "",
    'describe("Capped", function () {',
    '  it("holds the cap", async function () {',
    "    const { ethers } = await network.create();",
    '    const capped = await ethers.deployContract("Capped");',
    "    await capped.add(100);",
    '    await expect(capped.add(1)).to.be.revertedWith("cap");',
    "  });",
    "});",
    "",
  ].join("\n"),
};

interface Run {
  code: number | null;
  output: string;
}

/** Runs `hardhat <args>` in `cwd`, with none of this run's Hardhat settings (HARDHAT_CONFIG, HARDHAT_NETWORK, …). */
function hardhat(cwd: string, args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  for (const key of Object.keys(env)) if (key.startsWith("HARDHAT_")) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HARDHAT_CLI, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`hardhat ${args.join(" ")} timed out\n${output}`));
    }, PROCESS_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("every way of running tests builds the changed contracts first", function () {
  this.timeout(300_000);

  let tmp: string | undefined;
  let built: string;
  const runs = new Map<string, Promise<Run>>();

  /** A copy of the built miniature project with the cap check removed; returns its folder. */
  function mutantCopy(name: string): string {
    const dir = path.join(tmp!, name);
    cpSync(built, dir, { recursive: true, verbatimSymlinks: true });
    const source = path.join(dir, "contracts", "Capped.sol");
    const mutated = readFileSync(source, "utf8").replace(CAP_CHECK, "");
    expect(mutated).to.not.contain("require");
    writeFileSync(source, mutated);
    return dir;
  }

  before(async function () {
    // Under coverage every child would build instrumented contracts again: skip (the plain run covers it).
    if (hre.globalOptions.coverage) this.skip();
    tmp = mkdtempSync(path.join(tmpdir(), "personal-tokens-build-first-"));
    built = path.join(tmp, "built");
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(built, file)), { recursive: true });
      writeFileSync(path.join(built, file), text);
    }
    symlinkSync(path.join(ROOT, "node_modules"), path.join(built, "node_modules"), "dir");
    const build = await hardhat(built, ["build"]);
    expect(build.code, build.output).to.equal(0);

    const commands: Record<string, string[]> = {
      control: ["--config", "hardhat.without-override.ts", "test", "solidity", "test/Capped.t.sol"],
      solidityFile: ["test", "solidity", "test/Capped.t.sol"],
      mochaFile: ["test", "mocha", "test/Capped.ts"],
      all: ["test"],
    };
    // Copies first, then the runs: independent processes, started together; each `it` awaits its own.
    const dirs = Object.keys(commands).map(mutantCopy);
    Object.entries(commands).forEach(([name, args], i) => {
      const run = hardhat(dirs[i], args);
      run.catch(() => {}); // awaited by its `it`; no unhandled rejection meanwhile
      runs.set(name, run);
    });
  });

  after(async function () {
    await Promise.allSettled(runs.values());
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  });

  it("control: without the override, `hardhat test solidity <file>` tests the old contract and passes", async function () {
    const run = await runs.get("control")!;
    expect(run.code, run.output).to.equal(0);
    expect(run.output).to.contain("1 passing");
  });

  it("`hardhat test solidity <file>` builds first and fails on the removed cap check", async function () {
    const run = await runs.get("solidityFile")!;
    expect(run.code, run.output).to.equal(1);
    expect(run.output).to.contain("cap not enforced");
  });

  it("`hardhat test mocha <file>` builds first and fails on the removed cap check", async function () {
    const run = await runs.get("mochaFile")!;
    expect(run.code, run.output).to.equal(1);
    expect(run.output).to.match(/\b0 passing/);
    expect(run.output).to.match(/\b1 failing/);
  });

  it("`hardhat test` builds first and fails on the removed cap check, in both runners", async function () {
    const run = await runs.get("all")!;
    expect(run.code, run.output).to.equal(1);
    expect(run.output).to.contain("2 failing (1 solidity, 1 mocha)");
    expect(run.output).to.contain("cap not enforced");
  });
});
