// Story: Alice cancels the open offering from her token's page and opens a new one from the form (20,000 shares at $12,
// at most 2,000 each, from a minute from now for 10 days); the chain holds the new terms.
import assert from "node:assert/strict";
import { test } from "node:test";
import { shareMarketAbi } from "../client/generated/abis.ts";
import {
  CAST,
  activityConfirmed,
  confirmed,
  connect,
  deployment,
  increaseTime,
  indexed,
  openApp,
  publicClient,
  useBrowser,
} from "./helpers/session.ts";
import { SHARE, openOffering, usd } from "./helpers/story.ts";

const browser = useBrowser();

test("the owner cancels an offering and opens another from the page", async () => {
  const market = { address: deployment.market, abi: shareMarketAbi } as const;
  const current = await openOffering();
  await indexed();
  const { page } = await openApp(browser(), CAST.alice, `#/token/${deployment.token}`);
  await connect(page);
  await page.getByTestId(`offering-${current}`).getByTestId("cancel-offering").click();
  // The cancelled offering leaves the open ones, and its card with it: its status stays in the page's activity list.
  await activityConfirmed(page, "Cancel offering");
  assert.equal(
    (await publicClient.readContract({ ...market, functionName: "offering", args: [current] })).cancelled,
    true,
  );

  const form = page.getByTestId("open-offering");
  await form.locator("summary").click();
  await form.getByLabel("Shares", { exact: true }).fill("20000");
  await form.getByLabel(/^Price a share/).fill("12");
  await form.getByLabel("at most").fill("2000");
  await form.getByLabel(/^Runs/).fill("10");
  await form.getByRole("button", { name: "Open the offering" }).click();
  await confirmed(page, "Offering");
  const id = await publicClient.readContract({ ...market, functionName: "latestOffering", args: [deployment.token] });
  assert.equal(id, current + 1n);
  const opened = await publicClient.readContract({ ...market, functionName: "offering", args: [id] });
  assert.equal(opened.terms.shares, 20_000n * SHARE);
  assert.equal(opened.terms.price, usd("12"));
  assert.equal(opened.terms.maxPerInvestor, 2_000n * SHARE);
  assert.equal(opened.terms.dilutive, false);
  await increaseTime(61); // open now, for the stories after this one
  await page.getByTestId(`offering-${id}`).waitFor();
});
