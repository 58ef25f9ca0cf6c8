// Build checks run by `npm test` after `hardhat build`:
// 1. zero compiler warnings, OpenZeppelin's included (read from the build-info output, since a cached build is silent);
// 2. every contract's runtime bytecode within the EIP-170 limit of 24,576 bytes.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const EIP170_LIMIT = 24_576;
let failed = false;

const buildInfoDir = "artifacts/build-info";
for (const file of readdirSync(buildInfoDir).filter((f) => f.endsWith(".output.json"))) {
  const output = JSON.parse(readFileSync(join(buildInfoDir, file), "utf8"));
  for (const error of output.output?.errors ?? []) {
    if (error.severity === "warning") {
      failed = true;
      console.error(`compiler warning: ${error.formattedMessage ?? error.message}`);
    }
  }
}

function* artifacts(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* artifacts(path);
    else if (entry.endsWith(".json") && !entry.endsWith(".dbg.json") && entry !== "artifacts.d.ts") yield path;
  }
}

for (const path of artifacts("artifacts/contracts")) {
  const artifact = JSON.parse(readFileSync(path, "utf8"));
  const hex: string | undefined = artifact.deployedBytecode;
  if (typeof hex !== "string") continue;
  const size = (hex.length - 2) / 2;
  if (size > EIP170_LIMIT) {
    failed = true;
    console.error(`${artifact.contractName}: runtime bytecode ${size} bytes exceeds EIP-170 (${EIP170_LIMIT})`);
  }
}

if (failed) process.exit(1);
console.log("build checks: no compiler warnings; every contract within EIP-170");
