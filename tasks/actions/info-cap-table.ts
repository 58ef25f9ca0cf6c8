import { getAddress, id, ZeroAddress } from "ethers";
import {
  CliError,
  cliAction,
  codeBlock,
  fetchLogs,
  formatPercent,
  moneyText,
  parseBlock,
  parsePositiveInt,
  sharesText,
  table,
  tokenFacts,
  type AssetInfo,
  type Context,
} from "../lib/index.js";

const TRANSFER_TOPIC = id("Transfer(address,address,uint256)");

export interface CapTableRow {
  holder: string;
  name?: string;
  isOwner: boolean;
  shares: bigint;
  percent: string;
  /** Unvested granted shares. */
  locked: bigint;
  /** Shares the arbiter froze. */
  frozen: bigint;
  /** Claimable gains by asset address. */
  claimable: Record<string, bigint>;
  display: { shares: string; claimable: Record<string, string> };
}

export interface CapTable {
  token: string;
  symbol: string;
  owner: string;
  totalSupply: bigint;
  fromBlock: number;
  toBlock: number;
  transferLogs: number;
  assets: { asset: string; symbol: string }[];
  rows: CapTableRow[];
}

export interface CapTableParams {
  token?: string;
  /** First block to scan (default: the token's creation block). */
  fromBlock?: string | number;
  /** Blocks per log query (default 2000). */
  chunk?: string | number;
}

/** The block where `token` was created: the factory's TokenCreated event, else a binary search over its code. */
export async function creationBlock(ctx: Context, token: string, latest: number): Promise<number> {
  if (ctx.addresses.factory !== undefined) {
    try {
      const factory = ctx.factory();
      const logs = await factory.queryFilter(factory.filters.TokenCreated(undefined, token), 0, latest);
      if (logs.length > 0) return logs[0].blockNumber;
    } catch {
      // The node limits the range: fall back to the code search.
    }
  }
  try {
    ctx.progress("  finding the token's creation block…");
    return await codeBlock(ctx, token, latest);
  } catch {
    throw new CliError("Could not find the token's creation block on this node: pass --from-block <block>");
  }
}

/** Rebuilds the cap table from `Transfer` logs since the token's creation, with claimable gains per asset. */
export async function capTable(ctx: Context, p: CapTableParams): Promise<CapTable> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const latest = await ctx.provider.getBlockNumber();
  const chunk = p.chunk !== undefined && p.chunk !== "" ? parsePositiveInt(p.chunk, "--chunk", 1_000_000) : 2000;
  const given =
    p.fromBlock !== undefined && p.fromBlock !== "" ? parseBlock(p.fromBlock, latest, "--from-block") : undefined;
  let created: number | undefined;
  try {
    created = await creationBlock(ctx, token, latest);
  } catch (error) {
    if (given === undefined) throw error; // the node cannot tell: --from-block is taken as given
  }
  if (given !== undefined && created !== undefined && given > created) {
    throw new CliError(
      `--from-block "${p.fromBlock}": the token was created in block ${created}, so a scan from block ${given} would ` +
        `miss its first transfers and print a wrong table; expected a block number up to ${created}`,
    );
  }
  const fromBlock = given ?? created!;
  const logs = await fetchLogs(
    ctx,
    "Transfer logs",
    { address: token, topics: [TRANSFER_TOPIC] },
    fromBlock,
    latest,
    chunk,
  );
  const seen = new Set<string>([getAddress(facts.owner)]);
  for (const log of logs) {
    for (const topic of [log.topics[1], log.topics[2]]) {
      const address = getAddress("0x" + topic.slice(26));
      if (address !== ZeroAddress) seen.add(address);
    }
  }
  const distributor = ctx.distributor(await facts.contract.distributor());
  const accepted = await distributor.acceptedAssets();
  const infos: AssetInfo[] = [];
  for (const address of accepted) {
    const [deposited] = await distributor.totals(address);
    if (deposited > 0n || address === facts.quote.address) infos.push(await ctx.asset(address));
  }
  const rows: CapTableRow[] = [];
  for (const holder of seen) {
    const [shares, locked, frozen] = await Promise.all([
      facts.contract.balanceOf(holder),
      facts.contract.lockedOf(holder),
      facts.contract.getFrozenTokens(holder),
    ]);
    const claimable: Record<string, bigint> = {};
    const claimableText: Record<string, string> = {};
    let anyClaimable = false;
    for (const info of infos) {
      const amount = await distributor.claimable(holder, info.address);
      claimable[info.address] = amount;
      claimableText[info.symbol] = moneyText(info, amount);
      if (amount > 0n) anyClaimable = true;
    }
    if (shares === 0n && !anyClaimable) continue;
    rows.push({
      holder,
      name: ctx.names.nameOf(holder),
      isOwner: holder === getAddress(facts.owner),
      shares,
      percent: formatPercent(shares, facts.totalSupply),
      locked,
      frozen,
      claimable,
      display: { shares: sharesText(shares), claimable: claimableText },
    });
  }
  rows.sort((a, b) =>
    a.isOwner !== b.isOwner ? (a.isOwner ? -1 : 1) : a.shares === b.shares ? 0 : a.shares > b.shares ? -1 : 1,
  );
  return {
    token,
    symbol: facts.symbol,
    owner: facts.owner,
    totalSupply: facts.totalSupply,
    fromBlock,
    toBlock: latest,
    transferLogs: logs.length,
    assets: infos.map((i) => ({ asset: i.address, symbol: i.symbol })),
    rows,
  };
}

/** The cap table as aligned text lines. */
export function renderCapTable(r: CapTable, ctx: Context): string[] {
  const symbols = r.assets.map((a) => a.symbol);
  const headers = ["holder", "shares", "% of supply", ...symbols.map((s) => `claimable ${s}`)];
  const body = r.rows.map((row) => [
    `${ctx.label(row.holder)}${row.isOwner ? " (owner)" : ""}`,
    row.shares === 0n
      ? "0"
      : row.display.shares.replace(/ shares$/, "") +
        (row.locked > 0n ? ` (${sharesText(row.locked).replace(/ shares$/, "")} locked)` : "") +
        (row.frozen > 0n ? ` (${sharesText(row.frozen).replace(/ shares$/, "")} frozen)` : ""),
    row.percent,
    ...symbols.map((s) => row.display.claimable[s] ?? ""),
  ]);
  return [
    `Cap table of ${r.symbol} (${r.token}): ${sharesText(r.totalSupply)}, ${r.rows.length} holders ` +
      `(from ${r.transferLogs} transfers, blocks ${r.fromBlock}–${r.toBlock})`,
    ...table(headers, body, [1, 2, ...symbols.map((_, i) => 3 + i)]),
  ];
}

export default cliAction(capTable, renderCapTable, { readOnly: true });
