// Stories of the registrar's console: verifying a new investor for 30 days (the evidence text stays off-chain, only its
// hash is recorded), revoking that verification, and banning and unbanning another wallet, where a second ban is
// refused in words before anything is sent.
import assert from "node:assert/strict";
import { test } from "node:test";
import { keccak256, parseEventLogs, stringToHex, toBytes } from "viem";
import { explanationOf } from "../client/errors.ts";
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

const registry = { address: deployment.registry, abi: investorRegistryAbi } as const;

test("the registrar verifies an investor for 30 days with the hash of the evidence", async () => {
  const { address } = testAccount(13);
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

test("the registrar revokes that verification with a reason", async () => {
  const { address } = testAccount(13);
  const { page } = await openApp(browser(), CAST.registrar, "#/console");
  await connect(page);
  const panel = page.getByTestId("registrar");
  await panel.getByTestId("registrar-address").fill(address);
  await panel.getByTestId("registrar-status").filter({ hasText: "Verified until" }).waitFor();
  await panel.getByTestId("registrar-reason").fill("documents expired");
  await panel.getByTestId("revoke").click();
  await confirmed(page, "Registrar");
  assert.equal(await publicClient.readContract({ ...registry, functionName: "isVerified", args: [address] }), false);
});

test("the registrar bans a wallet, a second ban is refused in words without sending, and unbans it", async () => {
  const { address } = testAccount(11);
  const isBanned = () => publicClient.readContract({ ...registry, functionName: "isBanned", args: [address] });
  const { page } = await openApp(browser(), CAST.registrar, "#/console");
  await connect(page);
  const panel = page.getByTestId("registrar");
  await panel.getByTestId("registrar-address").fill(address);
  await panel.getByTestId("registrar-reason").fill("forged documents");
  const from = await publicClient.getBlockNumber();
  await panel.getByTestId("ban").click();
  await confirmed(page, "Registrar");
  assert.equal(await isBanned(), true);
  const [banned] = parseEventLogs({
    abi: investorRegistryAbi,
    eventName: "InvestorBanned",
    logs: await publicClient.getLogs({ address: deployment.registry, fromBlock: from }),
  });
  assert.equal(banned.args.reason, stringToHex("forged documents", { size: 32 }), "a short reason is stored as is");
  await panel.getByTestId("registrar-status").filter({ hasText: "Banned." }).waitFor();

  const registrar = testAccount(CAST.registrar).address;
  const nonce = await publicClient.getTransactionCount({ address: registrar });
  await panel.getByTestId("ban").click();
  const refused = page.locator("[data-testid=tx-status][data-status=failed]").filter({ hasText: "Registrar" });
  await refused.waitFor();
  assert.equal(await refused.getAttribute("data-error"), "InvestorAlreadyBanned");
  assert.ok((await refused.textContent())?.includes(explanationOf("InvestorAlreadyBanned")!), "the rule in words");
  assert.equal(await publicClient.getTransactionCount({ address: registrar }), nonce, "nothing was sent");

  await panel.getByTestId("unban").click();
  await confirmed(page, "Registrar");
  assert.equal(await isBanned(), false);
});
