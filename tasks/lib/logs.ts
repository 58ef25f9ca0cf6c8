import type { Log, TopicFilter } from "ethers";
import type { Context } from "./context.js";
import { CliError } from "./errors.js";

/**
 * Fetches logs in bounded block ranges (public RPCs cap the range), reporting progress; a chunk the node refuses is
 * split in halves and retried.
 */
export async function fetchLogs(
  ctx: Context,
  what: string,
  filter: { address: string; topics: TopicFilter },
  fromBlock: number,
  toBlock: number,
  chunk = 2000,
): Promise<Log[]> {
  if (chunk < 1) throw new CliError("--chunk must be at least 1");
  const logs: Log[] = [];
  const total = toBlock - fromBlock + 1;
  let start = fromBlock;
  let size = chunk;
  let last = Date.now();
  while (start <= toBlock) {
    const end = Math.min(start + size - 1, toBlock);
    try {
      logs.push(...(await ctx.provider.getLogs({ ...filter, fromBlock: start, toBlock: end })));
    } catch (error) {
      if (size === 1) throw error;
      size = Math.max(1, Math.floor(size / 2));
      ctx.progress(`  ${what}: the node refused blocks ${start}–${end}; retrying with ${size}-block chunks`);
      continue;
    }
    const done = end - fromBlock + 1;
    if (end === toBlock || Date.now() - last > 500 || total > size) {
      ctx.progress(
        `  ${what}: blocks ${fromBlock}–${end} of ${toBlock} (${Math.floor((done * 100) / total)}%), ${logs.length} logs`,
      );
      last = Date.now();
    }
    start = end + 1;
  }
  return logs;
}

/** The block in which a contract got its code: a binary search over `eth_getCode` (needs state at old blocks). */
export async function codeBlock(ctx: Context, address: string, latest: number): Promise<number> {
  let low = 0;
  let high = latest;
  if ((await ctx.provider.getCode(address, latest)) === "0x") throw new CliError(`${address} has no code`);
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const code = await ctx.provider.getCode(address, mid);
    if (code === "0x") low = mid + 1;
    else high = mid;
  }
  return low;
}
