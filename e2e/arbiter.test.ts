// Story: the arbiter reverses a move from the console: a forced transfer of 100 of the later investor's shares to a
// fresh verified wallet, shown in shares and confirmed before sending; then freezes 40 of them. The chain holds both.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { personalTokenAbi } from "../client/generated/abis.ts";
import { CAST, confirmed, connect, deployment, launch, openApp, publicClient, testAccount } from "./helpers/session.ts";
import { SHARE, verifyInvestor } from "./helpers/story.ts";

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const token = { address: deployment.token, abi: personalTokenAbi } as const;
const balanceOf = (who: `0x${string}`) =>
  publicClient.readContract({ ...token, functionName: "balanceOf", args: [who] });

test("the arbiter forces a transfer and freezes shares, each after a confirmation", async () => {
  const from = deployment.cast.later;
  const { address: to } = testAccount(14);
  await verifyInvestor(to);
  const fromBefore = await balanceOf(from);
  const { page } = await openApp(browser, CAST.arbiter, "#/console");
  await connect(page);

  const transfer = page.getByTestId("forced-transfer");
  await transfer.getByLabel("From").fill(from);
  await transfer.getByLabel("To").fill(to);
  await transfer.getByLabel("Shares").fill("100");
  await transfer.getByTestId("forced-transfer-action").click();
  const review = transfer.getByTestId("forced-transfer-action-review");
  assert.match((await review.textContent()) ?? "", /Move 100 shares of ALICE from 0x/);
  assert.equal(await balanceOf(to), 0n, "nothing is sent before the confirmation");
  await review.getByTestId("forced-transfer-action-confirm").click();
  await confirmed(page, "Forced transfer");
  assert.equal(await balanceOf(to), 100n * SHARE);
  assert.equal(await balanceOf(from), fromBefore - 100n * SHARE);

  const freeze = page.getByTestId("freeze");
  await freeze.getByLabel("Account").fill(to);
  await freeze.getByLabel("Frozen shares").fill("40");
  await freeze.getByTestId("freeze-action").click();
  assert.match((await freeze.getByTestId("freeze-action-review").textContent()) ?? "", /Freeze 40 shares of 0x/);
  await freeze.getByTestId("freeze-action-confirm").click();
  await confirmed(page, "Freeze");
  assert.equal(await publicClient.readContract({ ...token, functionName: "getFrozenTokens", args: [to] }), 40n * SHARE);
  await freeze.filter({ hasText: "holds 100 shares, 40 frozen" }).waitFor();
});
