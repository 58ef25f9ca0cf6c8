// Story: an investor lists some of its shares for sale from the portfolio (10 shares at $12, awaiting the owner's
// approval) and cancels the listing; the page's status lines and the chain follow.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { parseEventLogs } from "viem";
import { shareMarketAbi } from "../client/generated/abis.ts";
import {
  CAST,
  activityConfirmed,
  confirmed,
  connect,
  deployment,
  indexed,
  launch,
  openApp,
  publicClient,
} from "./helpers/session.ts";
import { SHARE, usd } from "./helpers/story.ts";

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("an investor lists shares from the portfolio and cancels the listing", async () => {
  const market = { address: deployment.market, abi: shareMarketAbi } as const;
  await indexed();
  const { page } = await openApp(browser, CAST.mentor2, "#/portfolio");
  await connect(page);
  const form = page.getByTestId("list-shares");
  await form.getByLabel("Shares").fill("10");
  await form.getByLabel(/^Price a share/).fill("12");
  await form.getByLabel("Days").fill("30");
  const from = await publicClient.getBlockNumber();
  await form.getByTestId("list").click();
  await confirmed(page, "Listing");
  const [event] = parseEventLogs({
    abi: shareMarketAbi,
    eventName: "Listed",
    logs: await publicClient.getLogs({ address: deployment.market, fromBlock: from }),
  });
  const id = event.args.listingId;
  const listed = await publicClient.readContract({ ...market, functionName: "listing", args: [id] });
  assert.equal(listed.seller, deployment.cast.mentor2);
  assert.equal(listed.amount, 10n * SHARE);
  assert.equal(listed.price, usd("12"));

  const row = page.getByTestId(`own-listing-${id}`);
  await row.filter({ hasText: "awaiting the owner's approval" }).waitFor();
  await row.getByTestId("cancel-listing").click();
  // The cancelled listing leaves the list; its status stays on the page.
  await activityConfirmed(page, `Cancel listing #${id}`);
  await confirmed(page, "Cancel");
  assert.equal((await publicClient.readContract({ ...market, functionName: "listing", args: [id] })).cancelled, true);
  await row.waitFor({ state: "detached" });
});
