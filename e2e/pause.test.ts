// Story: the arbiter pauses Alice's token from the console, after a confirmation step; the token page says so and an
// investor is told why nothing can be bought; the arbiter unpauses it and the pages follow.
import assert from "node:assert/strict";
import { test } from "node:test";
import { personalTokenAbi } from "../client/generated/abis.ts";
import {
  CAST,
  confirmed,
  connect,
  deployment,
  openApp,
  publicClient,
  screenshot,
  useBrowser,
} from "./helpers/session.ts";
import { openOffering } from "./helpers/story.ts";

const browser = useBrowser();

const paused = () =>
  publicClient.readContract({ address: deployment.token, abi: personalTokenAbi, functionName: "paused" });

test("the arbiter pauses a token, the pages say so, and unpauses it", async () => {
  const offeringId = await openOffering();
  const arbiter = await openApp(browser(), CAST.arbiter, "#/console");
  await connect(arbiter.page);
  const panel = arbiter.page.getByTestId("arbiter");
  await panel.getByTestId("arbiter-state").filter({ hasText: "running" }).waitFor();
  await panel.getByTestId("arbiter-pause").click();
  assert.equal(await paused(), false, "nothing is sent before the confirmation");
  await panel.getByTestId("arbiter-pause-confirm").click();
  await confirmed(arbiter.page, "Pause");
  assert.equal(await paused(), true);

  const investor = await openApp(browser(), CAST.mentor2, `#/token/${deployment.token}`);
  await connect(investor.page);
  await investor.page.getByTestId("paused").waitFor();
  const refusal = investor.page.getByTestId(`offering-${offeringId}`).getByTestId("buy-refusal");
  assert.match((await refusal.textContent()) ?? "", /paused by the arbiter/);
  await screenshot(investor.page, "paused");

  await panel.getByTestId("arbiter-state").filter({ hasText: "paused" }).waitFor();
  await panel.getByTestId("arbiter-pause").click();
  await panel.getByTestId("arbiter-pause-confirm").click();
  await confirmed(arbiter.page, "Pause");
  assert.equal(await paused(), false);
  await investor.page.getByTestId("paused").waitFor({ state: "detached" });
});
