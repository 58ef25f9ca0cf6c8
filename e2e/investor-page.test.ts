// Story: anyone opens a mentor's public track record and reads the seed story's figures: Mentor 3 paid $66,666.67 for
// 1%, was credited $5,000 of the gain and $80,000 for the kick buyback: $85,000 out, a 1.27× multiple; the kick is on
// record. (Mentor 3 is left alone by the other stories.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { CAST, deployment, openApp, screenshot, useBrowser } from "./helpers/session.ts";

const browser = useBrowser();

test("the investor page shows a mentor's money in and out, multiple and return", async () => {
  const mentor3 = deployment.cast.mentor3;
  const { page } = await openApp(browser(), CAST.admin, `#/investor/${mentor3}`);
  const row = page.getByTestId("record-tokens").locator(`tr[data-token="${deployment.token.toLowerCase()}"]`);
  // Figures show once the asset's symbol and decimals are read from the chain ("…" until then).
  await row.getByTestId("money-in").filter({ hasNotText: "…" }).waitFor();
  assert.equal(await row.getByTestId("money-in").textContent(), "$66,666.67");
  assert.equal(await row.getByTestId("money-out").textContent(), "$85,000.00");
  assert.match((await row.textContent()) ?? "", /1\.27×/);
  const flows = (await page.getByTestId("flows").textContent()) ?? "";
  assert.match(flows, /gain credited\$5,000\.00/);
  assert.match(flows, /kick buyback\$80,000\.00/);
  assert.match((await page.getByTestId("verification").textContent()) ?? "", /Kicked out of 1 token\b/);
  await screenshot(page, "investor");
});
