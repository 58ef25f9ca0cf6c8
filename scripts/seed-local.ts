// Tells the seed story on a running `hardhat node` for the web app (`npm start`, `npm run test:web`), with the node's
// clock advanced between steps so that purchases, gains and sales are months apart, then brings the chain's clock to
// the present and writes the deployment (addresses, chain id, first block, the cast) to SEED_OUT as JSON.
//
//   LOCALHOST_RPC_URL=http://127.0.0.1:PORT SEED_OUT=.local/deployment.json \
//     npx hardhat run --no-compile --network localhost scripts/seed-local.ts
import { rmSync, writeFileSync } from "node:fs";
import hre from "hardhat";
import { decodeError } from "../tasks/api.js";
import { FigureCheck, tellSeedStory } from "./seed-story.js";
import { DAYS_BEFORE_STEP } from "./seed-span.ts";

const DAY = 86_400;

/** The story's figures, except the collaborator's unvested shares, which shrink as the clock moves. */
class TimedFigureCheck extends FigureCheck {
  override check<T>(what: string, actual: T, expected: T, format?: (value: T) => string): T {
    return what.endsWith(": unvested") ? actual : super.check(what, actual, expected, format);
  }
}

const out = process.env.SEED_OUT;
if (out === undefined) throw new Error("SEED_OUT (where to write the deployment) is not set");
const quiet = process.env.SEED_QUIET === "1";
const print = (line: string): void => {
  if (!quiet) console.log(line);
};
// Ignition keeps a journal per chain id: a fresh node is a fresh chain.
rmSync("deploy/deployments/chain-31337", { recursive: true, force: true });

const connection = await hre.network.getOrCreate();
const { networkHelpers, ethers } = connection;
const checks = new TimedFigureCheck(print);
const firstBlock = await ethers.provider.getBlockNumber();
try {
  const told = await tellSeedStory({
    connection,
    print,
    checks,
    beforeStep: async (step) => {
      const days = DAYS_BEFORE_STEP[step] ?? 0;
      if (days > 0) await networkHelpers.time.increase(days * DAY);
    },
  });
  // Bring the chain to the present so that the app's dates read as real ones (the node started SEED_SPAN_DAYS ago).
  const now = Math.floor(Date.now() / 1000);
  if (now > (await networkHelpers.time.latest())) await networkHelpers.time.increaseTo(now);
  const { chainId } = await ethers.provider.getNetwork();
  writeFileSync(out, JSON.stringify({ chainId: Number(chainId), startBlock: firstBlock, ...told }, null, 2) + "\n");
} catch (error) {
  console.error(`The seed story stopped: ${decodeError(error).message}`);
  process.exitCode = 1;
}
if (checks.failures.length > 0) {
  console.error(
    `${checks.failures.length} of ${checks.count} figures did not match:\n  ${checks.failures.join("\n  ")}`,
  );
  process.exitCode = 1;
}
