// The indexer benchmark's chain: many tokens, investors and events, seeded fast. Every action is a real transaction
// from the account that would send it (the node impersonates generated addresses, so no keys are needed), sent in
// bulk with automine off and mined in a few large blocks: thousands of transactions take seconds, not minutes.
import type { NetworkConnection } from "hardhat/types/network";
import { encodeFunctionData, type Abi } from "viem";
import {
  gainsDistributorAbi,
  investorRegistryAbi,
  personalTokenAbi,
  personalTokenFactoryAbi,
  shareMarketAbi,
} from "../client/generated/abis.ts";
import PersonalTokenSystem from "../deploy/modules/PersonalTokenSystem.js";

type Hex = `0x${string}`;
const ETH: Hex = "0x0000000000000000000000000000000000000000";
const SHARE = 10n ** 18n;
const DAY = 86_400;

/** What the benchmark seeds. */
export const SCALE = {
  tokens: 100,
  investors: 2_000,
  /** The investor whose portfolio is measured holds this many positions. */
  positions: 50,
  listings: 50,
  claimers: 1_000,
};

export interface BenchChain {
  chainId: number;
  startBlock: number;
  registry: Hex;
  factory: Hex;
  market: Hex;
  tokens: { address: Hex; distributor: Hex; owner: Hex }[];
  /** The token every investor bought: the largest cap table. */
  largest: Hex;
  /** The investor with `SCALE.positions` positions. */
  whale: Hex;
  transactions: number;
}

interface Tx {
  from: Hex;
  to: Hex;
  data: Hex;
  value?: bigint;
  gas: bigint;
}

/** Generated addresses (no code, no key): `prefix` tells owners from investors. */
const generated = (prefix: string, i: number): Hex => `0x${prefix}${i.toString(16).padStart(40 - prefix.length, "0")}`;

/** JSON-RPC batches of at most 500 calls, answers in call order. */
async function batch<T = unknown>(url: string, calls: [string, unknown[]][]): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < calls.length; i += 500) {
    const body = calls.slice(i, i + 500).map(([method, params], id) => ({ jsonrpc: "2.0", id, method, params }));
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answers = (await response.json()) as { id: number; result?: T; error?: { message: string } }[];
    answers.sort((a, b) => a.id - b.id);
    for (const answer of answers) {
      if (answer.error) throw new Error(`${body[answer.id].method}: ${answer.error.message}`);
      results.push(answer.result as T);
    }
  }
  return results;
}

const hex = (n: bigint | number): Hex => `0x${n.toString(16)}`;
const call = (abi: Abi, functionName: string, args: readonly unknown[]): Hex =>
  encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]);

/**
 * Sends `txs` and mines them, 200 to a block (the node slows down as its mempool grows), then fails on the first
 * revert.
 */
async function sendAll(url: string, what: string, txs: Tx[], impersonated: Set<string>): Promise<void> {
  const fresh = [...new Set(txs.map((t) => t.from))].filter((a) => !impersonated.has(a));
  await batch(
    url,
    fresh.map((a) => ["hardhat_impersonateAccount", [a]]),
  );
  for (const a of fresh) impersonated.add(a);
  const hashes: Hex[] = [];
  for (let i = 0; i < txs.length; i += 200) {
    const chunk = txs.slice(i, i + 200);
    hashes.push(
      ...(await batch<Hex>(
        url,
        chunk.map((t) => [
          "eth_sendTransaction",
          [{ from: t.from, to: t.to, data: t.data, value: hex(t.value ?? 0n), gas: hex(t.gas) }],
        ]),
      )),
    );
    await batch(url, [["evm_mine", []]]);
  }
  for (;;) {
    const receipts = await batch<{ status: Hex } | null>(
      url,
      hashes.map((h) => ["eth_getTransactionReceipt", [h]]),
    );
    if (receipts.some((r) => r === null)) {
      await batch(url, [["evm_mine", []]]);
      continue;
    }
    const failed = receipts.findIndex((r) => r!.status !== "0x1");
    if (failed >= 0) throw new Error(`${what}: transaction ${hashes[failed]} from ${txs[failed].from} reverted`);
    return;
  }
}

/** Moves the clock `days` on, in a block of its own. */
async function wait(url: string, days: number): Promise<void> {
  await batch(url, [
    ["evm_increaseTime", [days * DAY]],
    ["evm_mine", []],
  ]);
}

async function latestTime(url: string): Promise<number> {
  const [block] = await batch<{ timestamp: Hex }>(url, [["eth_getBlockByNumber", ["latest", false]]]);
  return Number(block.timestamp);
}

/** Reads one address from each `[contract, calldata]`. */
async function readAddresses(url: string, reads: [Hex, Hex][]): Promise<Hex[]> {
  const words = await batch<Hex>(
    url,
    reads.map(([to, data]) => ["eth_call", [{ to, data }, "latest"]]),
  );
  return words.map((w) => `0x${w.slice(26)}` as Hex);
}

/**
 * Seeds the chain behind `connection` (a `hardhat node` at `url`): deploys the system with its Ignition module, then
 * verifies every owner and investor, creates the tokens (priced in ETH, so buyers need no ERC-20 approval), opens an
 * offering in each, and has every investor buy into the largest token and one other, the whale into
 * `SCALE.positions` tokens; 100 days later investors sell on listings the owner approves, each owner distributes a
 * gain, and investors claim. Ends with the chain's clock at the present.
 */
export async function seedBenchChain(
  connection: NetworkConnection,
  url: string,
  progress: (line: string) => void,
): Promise<BenchChain> {
  const { ethers, ignition } = connection;
  const [deployer] = await ethers.getSigners();
  const startBlock = await ethers.provider.getBlockNumber();
  const system = await ignition.deploy(PersonalTokenSystem, {});
  const registry = (await system.registry.getAddress()).toLowerCase() as Hex;
  const factory = (await system.factory.getAddress()).toLowerCase() as Hex;
  const market = (await system.market.getAddress()).toLowerCase() as Hex;
  const registrar = deployer.address.toLowerCase() as Hex;

  const owners = Array.from({ length: SCALE.tokens }, (_, i) => generated("a11ce", i));
  const investors = Array.from({ length: SCALE.investors }, (_, i) => generated("b0b", i));
  const whale = investors[0];
  await batch(url, [
    ["evm_setAutomine", [false]],
    ["evm_setBlockGasLimit", [hex(2_000_000_000)]],
    ...[...owners, ...investors].map((a): [string, unknown[]] => ["hardhat_setBalance", [a, hex(1000n * SHARE)]]),
  ]);
  const impersonated = new Set<string>();
  let transactions = 0;
  const send = async (what: string, txs: Tx[]): Promise<void> => {
    await sendAll(url, what, txs, impersonated);
    transactions += txs.length;
    progress(`${txs.length} ${what}`);
  };

  let now = await latestTime(url);
  const year = BigInt(now + 365 * DAY);
  await send(
    "verifications",
    [...owners, ...investors].map((a) => ({
      from: registrar,
      to: registry,
      data: call(investorRegistryAbi, "verify", [a, year, `0x${"00".repeat(32)}`]),
      gas: 100_000n,
    })),
  );
  await send(
    "token creations",
    owners.map((owner, i) => ({
      from: owner,
      to: factory,
      data: call(personalTokenFactoryAbi, "createToken", [`Bench ${i}`, `B${i}`, 1_000_000n * SHARE, 5_000, ETH]),
      gas: 1_000_000n,
    })),
  );
  const tokenAddresses = await readAddresses(
    url,
    owners.map((o) => [factory, call(personalTokenFactoryAbi, "tokenOf", [o])]),
  );
  const distributors = await readAddresses(
    url,
    tokenAddresses.map((t) => [t, call(personalTokenAbi, "distributor", [])]),
  );
  const tokens = tokenAddresses.map((address, i) => ({ address, distributor: distributors[i], owner: owners[i] }));
  const largest = tokens[0];

  now = await latestTime(url);
  const price = 10n ** 15n; // 0.001 ETH a share
  await send(
    "offerings",
    tokens.map((t, i) => ({
      from: t.owner,
      to: market,
      data: call(shareMarketAbi, "openOffering", [
        {
          token: t.address,
          shares: (i === 0 ? 400_000n : 100_000n) * SHARE,
          price,
          minPerInvestor: 0n,
          maxPerInvestor: 0n,
          start: BigInt(now),
          end: BigInt(now + 60 * DAY),
          priorityWindow: 0n,
          minRaise: 0n,
          dilutive: false,
        },
        [],
      ]),
      gas: 500_000n,
    })),
  );
  const buy = (from: Hex, offeringId: number, shares: bigint): Tx => ({
    from,
    to: market,
    data: call(shareMarketAbi, "buy", [BigInt(offeringId), shares * SHARE]),
    value: (shares * SHARE * price) / SHARE,
    gas: 600_000n,
  });
  // Offering ids follow token order from 1. Every investor buys into the largest token and one other; the whale
  // into the first `positions` tokens.
  await send("purchases in the largest token", [...investors.map((a, i) => buy(a, 1, BigInt(10 + (i % 90))))]);
  await send("purchases in the other tokens", [
    ...investors.slice(1).map((a, i) => buy(a, 2 + (i % (SCALE.tokens - 1)), BigInt(5 + (i % 20)))),
    ...Array.from({ length: SCALE.positions - 1 }, (_, i) => buy(whale, 2 + i, 7n)),
  ]);

  await wait(url, 100);
  now = await latestTime(url);
  const sellers = investors.slice(1, 1 + SCALE.listings);
  const fillers = investors.slice(1 + SCALE.listings, 1 + 2 * SCALE.listings);
  const listPrice = 2n * price;
  await send(
    "listings",
    sellers.map((a) => ({
      from: a,
      to: market,
      data: call(shareMarketAbi, "list", [largest.address, 5n * SHARE, listPrice, ETH, BigInt(now + 30 * DAY)]),
      gas: 400_000n,
    })),
  );
  await send(
    "listing approvals",
    sellers.map((_, i) => ({
      from: largest.owner,
      to: market,
      data: call(shareMarketAbi, "approveListing", [BigInt(i + 1)]),
      gas: 200_000n,
    })),
  );
  await send(
    "fills",
    fillers.map((a, i) => ({
      from: a,
      to: market,
      data: call(shareMarketAbi, "fill", [BigInt(i + 1), 5n * SHARE]),
      value: 5n * listPrice,
      gas: 600_000n,
    })),
  );
  await send(
    "distributions",
    tokens.map((t, i) => ({
      from: t.owner,
      to: t.distributor,
      data: call(gainsDistributorAbi, "distribute", [ETH, 10n * SHARE, `0x${i.toString(16).padStart(64, "0")}`]),
      value: 10n * SHARE,
      gas: 400_000n,
    })),
  );
  await wait(url, 10);
  const claim = (from: Hex, distributor: Hex): Tx => ({
    from,
    to: distributor,
    data: call(gainsDistributorAbi, "claim", [ETH]),
    gas: 300_000n,
  });
  await send("claims", [
    ...investors.slice(0, SCALE.claimers).map((a) => claim(a, largest.distributor)),
    ...tokens.slice(1, SCALE.positions).map((t) => claim(whale, t.distributor)),
  ]);

  // Back to the present, so that the indexer's "now" (track records) is the chain's.
  const present = Math.floor(Date.now() / 1000);
  if (present > (await latestTime(url))) await batch(url, [["evm_setNextBlockTimestamp", [present]]]);
  // Then past Ponder's 30-block finality, so that the seeded events are history the indexer backfills (a chain's
  // past), not blocks it follows live one at a time.
  // (`hardhat_mine` would reserve those blocks lazily, and Ponder would see their hashes change: a reorg.)
  await batch(url, [
    ...Array.from({ length: 64 }, (): [string, unknown[]] => ["evm_mine", []]),
    ["evm_setAutomine", [true]],
  ]);
  const { chainId } = await ethers.provider.getNetwork();
  return {
    chainId: Number(chainId),
    startBlock,
    registry,
    factory,
    market,
    tokens,
    largest: largest.address,
    whale,
    transactions,
  };
}
