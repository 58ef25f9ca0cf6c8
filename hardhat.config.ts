import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig, overrideTask } from "hardhat/config";
import { tasks } from "./tasks/index.js";

const require = createRequire(import.meta.url);

// Hardhat cannot download compilers on this machine: use the wasm build from the pinned npm `solc`.
const compiler = {
  version: "0.8.30",
  path: require.resolve("solc/soljson.js"),
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
};

// `hardhat test solidity <file>` alone compiles only <file> and its imports and rewrites only that file's artifacts, yet
// the runner links libraries from the artifacts on disk: SystemFixture.sol's deployer libraries, which carry the
// contracts' creation code, would keep the old contracts. So it builds the whole project first (unchanged files are
// cached), as `hardhat test` and `hardhat test mocha` already do, then runs with `noCompile`; `hardhat test` calls it
// with `noCompile` after its own build, so nothing builds twice. test/BuildBeforeTests.ts checks every way.
export const buildBeforeSolidityTests = overrideTask(["test", "solidity"])
  .setInlineAction(async (args, hre, runSuper) => {
    if (args.noCompile === true) return runSuper(args);
    await hre.tasks.getTask("build").run({});
    return runSuper({ ...args, noCompile: true });
  })
  .build();

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  tasks: [...tasks, buildBeforeSolidityTests],
  solidity: {
    // Ignition builds with `production` (isolated builds) unless given `--build-profile default`, which the
    // end-to-end test passes to skip that rebuild; both profiles use the same compiler settings.
    profiles: { default: compiler, production: compiler },
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
    // The chain `npm start` and the browser tests run (`hardhat node --network webapp`): a plain simulated chain that
    // starts at WEBAPP_CHAIN_START (an ISO date), so that the seed story, told over simulated months, ends near today.
    webapp: { type: "edr-simulated", chainType: "l1", initialDate: process.env.WEBAPP_CHAIN_START },
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
