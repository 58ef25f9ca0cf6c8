// Every custom error declared in our production contracts must be proven by a test: named in a
// `revertedWithCustomError(…, "Name")` assertion (mocha) or a `vm.expectRevert(….Name.selector …)` (Solidity).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

function* files(dir: string, suffix: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* files(path, suffix);
    else if (path.endsWith(suffix)) yield path;
  }
}

const EXCLUDED = ["contracts/mocks/", "contracts/bench/"];
const declared = new Map<string, string>();
for (const path of files("contracts", ".sol")) {
  if (EXCLUDED.some((prefix) => path.startsWith(prefix))) continue;
  const code = readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  for (const match of code.matchAll(/\berror\s+(\w+)\s*\(/g)) declared.set(match[1], path);
}

const proven = new Set<string>();
for (const path of files("test", ".ts")) {
  const source = readFileSync(path, "utf8");
  for (const match of source.matchAll(/revertedWithCustomError\(\s*[^,]+,\s*"(\w+)"/g)) proven.add(match[1]);
}
for (const path of files("test", ".sol")) {
  const source = readFileSync(path, "utf8");
  for (const match of source.matchAll(/expectRevert\([^;]*?\b(\w+)\.selector/gs)) proven.add(match[1]);
}

const missing = [...declared].filter(([name]) => !proven.has(name));
for (const [name, path] of missing) console.error(`error ${name} (${path}) is never asserted by a test`);
if (missing.length > 0) process.exit(1);
console.log(`error checks: all ${declared.size} declared errors are asserted by tests`);
