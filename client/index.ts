// The client code every TypeScript consumer shares — the command line, the scripts, the web app, the indexer and the
// tests: the contracts' ABIs (generated from the artifacts), chains, EIP-712 types, the market's enums, units and
// formatting, and each error's one explanation (generated from the contracts' NatSpec). Nothing here depends on
// Hardhat, ethers or a browser.
export * from "./chains.ts";
export * from "./eip712.ts";
export * from "./errors.ts";
export * from "./format.ts";
export * from "./market.ts";
export * from "./generated/abis.ts";
export * from "./roles.ts";
export * from "./words.ts";
