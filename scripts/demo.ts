// The seed story, end to end: `npm run demo`.
//
// Tells the story of scripts/seed-story.ts on the in-process Hardhat chain (nothing to start, no keys): it deploys the
// system with Ignition and a mock USD stablecoin, then drives every step through the command line's in-process API,
// printing a cap table and what changed after each step. Every figure it prints is checked against the story's
// figures: any mismatch is reported and the exit code is 1.
import hre from "hardhat";
import { decodeError } from "../tasks/api.js";
import { FIGURES, FigureCheck, tellSeedStory, usd } from "./seed-story.js";

const started = Date.now();
// DEMO_SELF_TEST_MISMATCH=1 expects one cent more per mentor: test/cli/SeedStory.ts uses it to see a mismatch fail the run.
const expected =
  process.env.DEMO_SELF_TEST_MISMATCH === "1"
    ? { ...FIGURES, MENTOR_GAIN: FIGURES.MENTOR_GAIN + usd("0.01") }
    : FIGURES;
const print = (line: string): void => console.log(line);
const checks = new FigureCheck(print);

try {
  await tellSeedStory({ connection: await hre.network.getOrCreate(), print, checks, expected });
} catch (error) {
  const decoded = decodeError(error);
  checks.failures.push(`the story stopped: ${decoded.message}`);
  print(`\n✗ The story stopped: ${decoded.message}`);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (checks.failures.length > 0) {
  print(`\n✗ DEMO FAILED: ${checks.failures.length} of ${checks.count} checks did not match:`);
  for (const line of checks.failures) print(`  - ${line}`);
  process.exitCode = 1;
} else {
  print(`\n✓ All ${checks.count} figures match the story (${seconds} s).`);
}
