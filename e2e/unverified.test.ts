// Story: a wallet the registrar never verified opens an offering's page; the app tells it why it cannot buy before
// anything is sent, and nothing reaches the chain.
import assert from "node:assert/strict";
import { test } from "node:test";
import { investorRegistryAbi, shareMarketAbi } from "../client/generated/abis.ts";
import {
  connect,
  deployment,
  indexed,
  openApp,
  publicClient,
  screenshot,
  testAccount,
  useBrowser,
} from "./helpers/session.ts";
import { openOffering } from "./helpers/story.ts";

const browser = useBrowser();

test("an unverified wallet is told it cannot buy, before sending anything", async () => {
  const stranger = 12;
  const { address } = testAccount(stranger);
  assert.equal(
    await publicClient.readContract({
      address: deployment.registry,
      abi: investorRegistryAbi,
      functionName: "isVerified",
      args: [address],
    }),
    false,
  );
  const offeringId = await openOffering();
  await indexed();
  const nonceBefore = await publicClient.getTransactionCount({ address });
  const { page, wallet } = await openApp(browser(), stranger, `#/token/${deployment.token}`);
  await connect(page);
  const panel = page.getByTestId(`offering-${offeringId}`);
  await panel.waitFor();
  const refusal = panel.getByTestId("buy-refusal");
  await refusal.waitFor();
  assert.match((await refusal.textContent()) ?? "", /not verified by the registrar/);
  assert.equal(await panel.getByTestId("buy").count(), 0, "no buy button");
  assert.equal(await panel.getByTestId("approve").count(), 0, "no approval button");
  await screenshot(page, "unverified");
  assert.ok(!wallet.requests.includes("eth_sendTransaction"));
  assert.equal(await publicClient.getTransactionCount({ address }), nonceBefore);
  const position = await publicClient.readContract({
    address: deployment.market,
    abi: shareMarketAbi,
    functionName: "position",
    args: [offeringId, address],
  });
  assert.equal(position.bought, 0n);
});
