// The public chains the project is deployed to: their names and block explorers (none for local chains). One table
// for the CLI's links and the app's build.

export interface KnownChain {
  name: string;
  explorer: string;
}

export const KNOWN_CHAINS: Readonly<Record<number, KnownChain>> = {
  1: { name: "Ethereum", explorer: "https://etherscan.io" },
  11155111: { name: "Sepolia", explorer: "https://sepolia.etherscan.io" },
  8453: { name: "Base", explorer: "https://basescan.org" },
  84532: { name: "Base Sepolia", explorer: "https://sepolia.basescan.org" },
};

/** The chain id of Hardhat's local chains (`hardhat node`, the in-process chain). */
export const LOCAL_CHAIN_ID = 31337;

/** Where the system's addresses sit in an Ignition record (`deploy/deployments/<id>/deployed_addresses.json`). */
export const IGNITION_RECORD_KEYS = {
  registry: "PersonalTokenSystem#InvestorRegistry",
  factory: "PersonalTokenSystem#PersonalTokenFactory",
  market: "PersonalTokenSystem#ShareMarket",
} as const;
