// Test times must not depend on how much wall-clock time passes between two blocks. The simulated chain stamps each
// block by the wall clock (and runs ahead of `time.latest()` once a fixture's snapshot is restored), so a window,
// deadline or expiry of `latest() + N` seconds may already have passed when the next transaction is mined on a busy
// machine. Flags, in test/**/*.ts, a time of `time.latest()` plus less than a day written as a number of seconds:
//   BigInt(await time.latest()) + 60n              and   const now = BigInt(await time.latest()); … now + 10n
// unless that time is given to `setNextBlockTimestamp` right away. Use `pinNextBlock()` from test/helpers/fixtures.ts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const DAY = 86_400;
const LOOKAHEAD = 8; // lines after `const now = …latest()` in which `now + N` counts as derived from it
const LATEST = String.raw`BigInt\(await (?:networkHelpers\.)?time\.latest\(\)\)`;
// A number of seconds not multiplied by a unit (`30n * DAY` is a duration, not a number of seconds).
const seconds = (name: string) => new RegExp(String.raw`${name}\s*\+\s*(\d[\d_]*)n\b(?!\s*\*)`);

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (path.endsWith(".ts")) yield path;
  }
}

const small = (match: RegExpExecArray | null) => match !== null && Number(match[1].replaceAll("_", "")) < DAY;
/** Whether `name` is given to setNextBlockTimestamp on one of `lines`: the block then has that time exactly. */
const pinned = (name: string, lines: string[]) =>
  lines.some((line) => new RegExp(String.raw`setNextBlockTimestamp\(\s*${name}\b`).test(line));

const problems: string[] = [];
for (const path of files("test")) {
  const lines = readFileSync(path, "utf8").split("\n");
  lines.forEach((line, i) => {
    const next = lines.slice(i + 1, i + 1 + LOOKAHEAD);
    const assigned = new RegExp(String.raw`(?:const|let)\s+(\w+)\s*=\s*${LATEST}`).exec(line)?.[1];
    if (small(seconds(LATEST).exec(line)) && !(assigned !== undefined && pinned(assigned, next))) {
      problems.push(`${path}:${i + 1}: ${line.trim()}`);
    }
    if (assigned !== undefined && new RegExp(String.raw`=\s*${LATEST}\s*;`).test(line)) {
      next.forEach((later, j) => {
        if (small(seconds(String.raw`\b${assigned}`).exec(later)) && !later.includes("setNextBlockTimestamp(")) {
          problems.push(`${path}:${i + j + 2}: ${later.trim()}`);
        }
      });
    }
  });
}

for (const problem of problems) console.error(`wall-clock-sensitive test time: ${problem}`);
if (problems.length > 0) {
  console.error(
    "A time of time.latest() + N seconds may have passed by the time the next block is mined on a busy machine: " +
      "derive it from pinNextBlock() (test/helpers/fixtures.ts) or set the block's timestamp explicitly.",
  );
  process.exit(1);
}
console.log("test time checks: no window, deadline or expiry of time.latest() + N seconds");
