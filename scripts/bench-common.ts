// What the gas benchmarks share: a pinned clock, so that every time a benchmark writes into calldata is a constant and
// two runs measure the same bytes, and the committed snapshot that review diffs (as Uniswap v4 keeps its gas).
import { mkdirSync, writeFileSync } from "node:fs";

/** 2033-05-18T03:33:20Z: every benchmark moves its fresh chain here first and derives all times from it. */
export const BENCH_EPOCH = 2_000_000_000n;
export const DAY = 24n * 3600n;
export const YEAR = 365n * DAY;

/** Moves the chain's clock to `BENCH_EPOCH`; afterwards times in calldata are constants, never read from the chain. */
export async function pinClock(time: { increaseTo(timestamp: bigint): Promise<unknown> }) {
  await time.increaseTo(BENCH_EPOCH);
}

/** Writes `snapshots/<name>.json`: one figure per line, in the order measured, so a change shows as a one-line diff. */
export function writeSnapshot(name: string, figures: Record<string, bigint | number>) {
  const dir = new URL("../snapshots/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const lines = Object.entries(figures).map(([key, value]) => `  ${JSON.stringify(key)}: ${value.toString()}`);
  writeFileSync(new URL(`${name}.json`, dir), `{\n${lines.join(",\n")}\n}\n`);
  console.log(`\nwrote snapshots/${name}.json`);
}
