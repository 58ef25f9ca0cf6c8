// Every custom error declared in our production contracts must be declared once and proven by a test: named in a
// `revertedWithCustomError(…, "Name")` assertion (mocha) or a `vm.expectRevert(….Name.selector …)` (Solidity).
// Every error in the production ABIs (ours and inherited) must have exactly one explanation: its `@notice`, or a line
// in client/inherited-errors.ts (read from the last build's output: run after `hardhat build`).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { collectErrorDocs } from "./generate-client.ts";

function* files(dir: string, suffix: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path, suffix);
    else if (path.endsWith(suffix)) yield path;
  }
}

const EXCLUDED = ["contracts/mocks/", "contracts/bench/"];
const declared = new Map<string, string>();
const duplicates: string[] = [];
for (const path of files("contracts", ".sol")) {
  if (EXCLUDED.some((prefix) => path.startsWith(prefix))) continue;
  const code = readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "");
  for (const match of code.matchAll(/\berror\s+(\w+)\s*\(/g)) {
    if (declared.has(match[1]))
      duplicates.push(`error ${match[1]} is declared in ${declared.get(match[1])} and ${path}`);
    declared.set(match[1], path);
  }
}

const proven = new Set<string>();
for (const path of files("test", ".ts")) {
  const source = readFileSync(path, "utf8");
  for (const match of source.matchAll(/revertedWithCustomError\(\s*[^,]+,\s*"(\w+)"/g)) proven.add(match[1]);
  // A table-driven block (`for (const c of cases) it(…, … revertedWithCustomError(contract, c.error) …)`) names its
  // errors as string literals in the table: in a file with such an assertion, a literal naming an error counts.
  if (/revertedWithCustomError\(\s*[^,]+,\s*[\w.]+\s*\)/.test(source)) {
    for (const match of source.matchAll(/"(\w+)"/g)) if (declared.has(match[1])) proven.add(match[1]);
  }
}
for (const path of files("test", ".sol")) {
  const source = readFileSync(path, "utf8");
  for (const match of source.matchAll(/expectRevert\([^;]*?\b(\w+)\.selector/gs)) proven.add(match[1]);
}

const missing = [...declared].filter(([name]) => !proven.has(name));
for (const [name, path] of missing) console.error(`error ${name} (${path}) is never asserted by a test`);
for (const duplicate of duplicates) console.error(`${duplicate}: declare each error once`);

const { errors, problems } = collectErrorDocs();
for (const problem of problems) console.error(problem);

if (missing.length > 0 || duplicates.length > 0 || problems.length > 0) process.exit(1);
const inherited = errors.filter((e) => e.source === "inherited").length;
console.log(
  `error checks: all ${declared.size} declared errors are declared once and asserted by tests; all ${errors.length} ` +
    `errors in the ABIs have exactly one explanation (${errors.length - inherited} @notice, ${inherited} inherited)`,
);
