// Story: the registrar verifies a new investor from the console for 30 days; the evidence text stays off-chain and
// only its hash is recorded; the investor is then verified on the chain.
import assert from "node:assert/strict";
import { test } from "node:test";
import { keccak256, parseEventLogs, toBytes } from "viem";
import { investorRegistryAbi } from "../client/generated/abis.ts";
import {
  CAST,
  confirmed,
  connect,
  deployment,
  openApp,
  publicClient,
  testAccount,
  useBrowser,
} from "./helpers/session.ts";

const browser = useBrowser();

test("the registrar verifies an investor for 30 days with the hash of the evidence", async () => {
  const { address } = testAccount(13);
  const registry = { address: deployment.registry, abi: investorRegistryAbi } as const;
  assert.equal(await publicClient.readContract({ ...registry, functionName: "isVerified", args: [address] }), false);
  const { page } = await openApp(browser(), CAST.registrar, "#/console");
  await connect(page);
  const panel = page.getByTestId("registrar");
  await panel.getByTestId("registrar-address").fill(address);
  await panel.getByTestId("registrar-status").filter({ hasText: "Not verified" }).waitFor();
  await panel.getByTestId("registrar-days").fill("30");
  await panel.getByTestId("registrar-text").fill("passport NL-123 checked by Registrar");
  const from = await publicClient.getBlockNumber();
  await panel.getByTestId("verify").click();
  await confirmed(page, "Registrar");
  await panel.getByTestId("registrar-status").filter({ hasText: "Verified until" }).waitFor();

  assert.equal(await publicClient.readContract({ ...registry, functionName: "isVerified", args: [address] }), true);
  const now = (await publicClient.getBlock()).timestamp;
  const until = await publicClient.readContract({ ...registry, functionName: "verifiedUntil", args: [address] });
  assert.ok(until > now + 29n * 86_400n && until <= now + 30n * 86_400n, "verified for 30 days");
  const logs = await publicClient.getLogs({ address: deployment.registry, fromBlock: from });
  const [verified] = parseEventLogs({ abi: investorRegistryAbi, eventName: "InvestorVerified", logs });
  assert.equal(verified.args.investor, address);
  assert.equal(verified.args.evidence, keccak256(toBytes("passport NL-123 checked by Registrar")));
});
