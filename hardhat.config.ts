import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig, overrideTask } from "hardhat/config";
import { tasks } from "./tasks/index.js";

const require = createRequire(import.meta.url);

// Hardhat's parser takes a value such as "-5" for an option it does not know and stops with HHE504. No value this
// command line takes is negative (amounts, prices, ids, durations, counts): refuse it plainly before Hardhat does.
const negative = process.argv.slice(2).find((arg, i, all) => /^-\d/.test(arg) && !all.slice(0, i).includes("--"));
if (negative !== undefined) {
  console.error(
    `Error: "${negative}" is negative: amounts, prices, ids, durations and counts are never negative here; nothing was sent`,
  );
  process.exit(1);
}

// Hardhat cannot download compilers on this machine: use the wasm build from the pinned npm `solc`.
// `userdoc` joins the output Hardhat always asks for (it appends its own selection, ABI and bytecode included, to ours):
// each error's NatSpec `@notice` is the explanation the command line and the clients show (scripts/generate-client.ts).
// The output selection does not enter the metadata, so the bytecode is the same with or without it.
const compiler = {
  version: "0.8.30",
  path: require.resolve("solc/soljson.js"),
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
    outputSelection: { "*": { "*": ["userdoc"] } },
  },
};

// `hardhat test solidity <file>` alone compiles only <file> and its imports and rewrites only that file's artifacts, yet
// the runner links libraries from the artifacts on disk: SystemFixture.sol's deployer libraries, which carry the
// contracts' creation code, would keep the old contracts. So it builds the whole project first (unchanged files are
// cached), as `hardhat test` and `hardhat test mocha` already do, then runs with `noCompile`; `hardhat test` calls it
// with `noCompile` after its own build, so nothing builds twice. test/tooling/BuildBeforeTests.ts checks every way.
export const buildBeforeSolidityTests = overrideTask(["test", "solidity"])
  .setInlineAction(async (args, hre, runSuper) => {
    if (args.noCompile === true) return runSuper(args);
    await hre.tasks.getTask("build").run({});
    return runSuper({ ...args, noCompile: true });
  })
  .build();

// Every build also writes the client's generated files (client/generated/, gitignored) from what it compiled: the
// ABIs as `as const` TypeScript and the error explanations from each error's `@notice` and client/inherited-errors.ts. A fresh clone has them after its first
// build, before anything (the type check, the command line) imports them. Only for this project: a project that
// borrows this config (test/BuildBeforeTests.ts) has no client.
const PROJECT_ROOT = path.dirname(fileURLToPath(import.meta.url));
export const generateClientAfterBuild = overrideTask("build")
  .setInlineAction(async (args, hre, runSuper) => {
    const result = await runSuper(args);
    if (path.resolve(hre.config.paths.root) === PROJECT_ROOT) {
      const { generateClient } = await import("./scripts/generate-client.ts");
      await generateClient(hre.config.paths.artifacts);
    }
    return result;
  })
  .build();

const SEED_ACCOUNTS = 28;

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  tasks: [...tasks, buildBeforeSolidityTests, generateClientAfterBuild],
  solidity: {
    // `ignition deploy` builds with `production`, which Hardhat makes isolated (one compilation per file) and stamps
    // with its version unless told otherwise. An isolated build recompiles everything, overwrites the default build,
    // and leaves contracts/Limits.sol (constants only) a build-info without contracts, which EDR then refuses
    // ("missing field `contracts`") in the demo, the node and every task until `hardhat clean`. So production is the
    // default profile exactly: the same compilation, served from the cache, and deploying never breaks the checkout
    // (test/NodeEndToEnd.ts deploys this way, then runs the demo and starts a node).
    profiles: { default: compiler, production: { ...compiler, isolated: false, toolVersionsInBuildInfo: false } },
  },
  paths: { ignition: "deploy" },
  // Test doubles and benchmark wrappers are not production code.
  coverage: { skipFiles: ["contracts/mocks/**", "contracts/bench/**"] },
  test: {
    solidity: {
      fuzz: { runs: 256 },
      invariant: { runs: 128, depth: 64, failOnRevert: true },
    },
  },
  networks: {
    // The seed story's cast is accounts 0–9 and 24–27 (scripts/seed-story.ts); each browser story takes its own
    // fresh wallets among 10–23 (e2e/helpers/session.ts).
    default: { type: "edr-simulated", accounts: { count: SEED_ACCOUNTS } },
    // The chain `npm start` and the browser tests run (`hardhat node --network webapp`): a plain simulated chain that
    // starts at WEBAPP_CHAIN_START (an ISO date), so that the seed story, told over simulated months, ends near today.
    webapp: {
      type: "edr-simulated",
      chainType: "l1",
      initialDate: process.env.WEBAPP_CHAIN_START,
      accounts: { count: SEED_ACCOUNTS },
    },
    // A `npx hardhat node` (or any local JSON-RPC chain): its own accounts unless LOCALHOST_PRIVATE_KEY is set.
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.LOCALHOST_RPC_URL ?? "http://127.0.0.1:8545",
      accounts: process.env.LOCALHOST_PRIVATE_KEY ? [process.env.LOCALHOST_PRIVATE_KEY] : "remote",
    },
    // Public testnets: RPC URL and the deployer's key come from environment variables or the hardhat-keystore.
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
    baseSepolia: {
      type: "http",
      chainType: "op",
      url: configVariable("BASE_SEPOLIA_RPC_URL"),
      accounts: [configVariable("BASE_SEPOLIA_PRIVATE_KEY")],
    },
  },
  // `npx hardhat ignition verify <deployment-id> --network <name>` tries each enabled provider in turn, per contract.
  verify: {
    // Etherscan's V2 API (hardhat-verify 3 talks only to it): one key serves Sepolia and Base Sepolia (Basescan) alike.
    etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") },
    // Fallbacks that need no key: Blockscout (eth-sepolia / base-sepolia.blockscout.com) and Sourcify.
    blockscout: { enabled: true },
    sourcify: { enabled: true },
  },
});
