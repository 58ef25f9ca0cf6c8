import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { FigureCheck, tellSeedStory } from "../../scripts/seed-story.js";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");
// Hardhat's CLI, run with this process's Node (22): `npx` may not be on the PATH of every test runner.
const hardhatCli = path.join(path.dirname(require.resolve("hardhat/package.json")), "dist", "src", "cli.js");

/** Runs `hardhat run --no-compile scripts/demo.ts` (the test run has built the project) as `npm run demo` would. */
function runDemo(env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [hardhatCli, "run", "--no-compile", "scripts/demo.ts"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

/** A cap-table line: holder, shares, % of supply, claimable, aligned by spaces. */
const row = (...cells: string[]) => new RegExp(cells.map((c) => c.replace(/[$().]/g, "\\$&")).join("\\s+"));

/**
 * The seed story of scripts/seed-story.ts (Alice raises from three mentors, shares a gain, lets a mentor sell, kicks
 * one and has a forged move reversed; then a gain realized in Elon's Holdings flows up through USA, owned by a
 * multisig, to a citizen), settled on-chain in a USD stablecoin: the figures are the story's own, checked as the demo
 * checks them.
 */
describe("the seed story: Alice raises from mentors, shares gains, lets a mentor cash out and kicks an investor; a gain flows up a chain of tokens to a citizen", function () {
  this.timeout(120_000);

  let checked = 0;

  it("tells the whole story with exact figures", async function () {
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);
    const checks = new FigureCheck(print);
    await tellSeedStory({ connection: await hre.network.create(), print, checks });
    const out = lines.join("\n");
    expect(checks.failures, out).to.deep.equal([]);
    expect(checks.count).to.be.greaterThan(250);
    checked = checks.count;

    // What it tells, as `npm run demo` prints it.
    for (let step = 1; step <= 8; step++) expect(out).to.contain(`Step ${step} · `);
    expect(out).to.match(/Mentor 1 buys 10,000 shares \(1%\) for \$66,666\.67/);
    expect(out).to.contain("raised $200,000.01");
    expect(out).to.contain("ERC7943CannotReceive(account=Bad actor)");
    expect(out).to.contain("Mentor 3 can claim exactly $5,000.00");
    expect(out).to.contain("Later investor fills it with Alice's signature: 5,000 shares for $40,000.00");
    expect(out).to.contain("Mentor 3 withdraws $80,000.00 and still claims his $5,000.00");
    // The final cap table, after the arbiter's reversal.
    const last = out.slice(out.lastIndexOf("Cap table of ALICE after the reversal"));
    expect(last).to.match(row("Alice (owner)", "975,000", "97.5%", "$482,500.00"));
    expect(last).to.match(row("Mentor 2", "10,000", "1%", "$0.00"));
    expect(last).to.match(row("Mentor 1", "5,000", "0.5%", "$0.00"));
    expect(last).to.match(row("Collaborator", "5,000", "0.5%", "$2,500.00", "5,000 unvested"));
    expect(last).to.match(row("Later investor", "5,000", "0.5%", "$0.00"));
    expect(last).not.to.contain("Mentor 3");
    expect(out).not.to.match(/^ +0x[0-9a-fA-F]{40} {2,}/m); // names, not addresses, in the tables

    // The chain: a sale in Elon's Holdings reaches a citizen who holds only USA, owned by a multisig.
    for (let step = 9; step <= 13; step++) expect(out).to.contain(`Step ${step} · `);
    expect(out).to.contain("they carry his purchase record, a basis of $50,000.00");
    expect(out).to.contain("$40,000.00 back to capital, a $60,000.00 gain into ELON's distributor");
    const elon = out.slice(out.lastIndexOf("Cap table of ELON after the sale"));
    expect(elon).to.match(row("Elon (owner)", "900,000", "90%", "$54,000.00"));
    expect(elon).to.match(row("USA Holdings", "100,000", "10%", "$6,000.00"));
    const usa = out.slice(out.lastIndexOf("Cap table of USA after the gain flowed up"));
    expect(usa).to.match(row("USA multisig (owner)", "990,000", "99%", "$5,940.00"));
    expect(usa).to.match(row("Citizen", "10,000", "1%", "$60.00"));
    expect(out).to.contain("the citizen, who never held ELON or ACME, claims $60.00");
  });

  it("is what npm run demo tells, which reports a figure that does not match and exits 1", async function () {
    const { code, out } = await runDemo({ DEMO_SELF_TEST_MISMATCH: "1" });
    expect(code, out).to.equal(1);
    expect(out).to.contain("Step 13 · ");
    expect(out).to.contain("✗ MISMATCH Mentor 1: claimable: expected $5,000.01, got $5,000.00");
    const failed = /✗ DEMO FAILED: \d+ of (\d+) checks did not match/.exec(out);
    expect(failed, out).not.to.equal(null);
    if (checked > 0) expect(Number(failed![1])).to.equal(checked); // the same story, figure for figure
  });
});
