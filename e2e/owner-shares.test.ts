// Story: on a fresh token, the owner issues new shares to an investor, grants another investor shares vesting over a
// year after a 30-day cliff (the page shows the schedule), then cancels the grant: the unvested shares come back.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseEventLogs } from "viem";
import { personalTokenAbi } from "../client/generated/abis.ts";
import { confirmed, connect, indexed, openApp, openCard, publicClient, useBrowser } from "./helpers/session.ts";
import { SHARE, tokenOf, verified } from "./helpers/story.ts";

const browser = useBrowser();
const OWNER = 15;

test("the owner issues shares, grants shares with vesting and cancels the grant", async () => {
  const token = await tokenOf(OWNER);
  const [investor, helper] = [await verified(16), await verified(19)];
  const read = <T>(functionName: string, args: unknown[] = []) =>
    publicClient.readContract({ address: token, abi: personalTokenAbi, functionName, args } as never) as Promise<T>;
  const [supplyBefore, investorBefore] = [
    await read<bigint>("totalSupply"),
    await read<bigint>("balanceOf", [investor]),
  ];
  await indexed();
  const { page, context } = await openApp(browser(), OWNER, `#/token/${token}`);
  await connect(page);

  const issue = await openCard(page, "issue-panel");
  await issue.getByTestId("issue-to").fill(investor);
  await issue.getByTestId("issue-shares").fill("10000");
  await issue.getByTestId("issue").click();
  await confirmed(page, "Issue");
  assert.equal(await read<bigint>("totalSupply"), supplyBefore + 10_000n * SHARE);
  assert.equal(await read<bigint>("balanceOf", [investor]), investorBefore + 10_000n * SHARE);

  const grant = await openCard(page, "grant-panel");
  await grant.getByTestId("grant-to").fill(helper);
  await grant.getByTestId("grant-shares").fill("2000");
  await grant.getByTestId("grant-cliff").fill("30");
  await grant.getByTestId("grant-days").fill("365");
  assert.match((await grant.getByTestId("grant-schedule").textContent()) ?? "", /^2,000 shares: nothing before/);
  await grant.getByTestId("grant").click();
  await confirmed(page, "Grant");
  const [amount, , cliff, duration] = await read<[bigint, bigint, bigint, bigint]>("grantOf", [helper]);
  assert.deepEqual([amount, cliff, duration], [2_000n * SHARE, 30n * 86_400n, 365n * 86_400n]);
  assert.equal(await read<bigint>("lockedOf", [helper]), 2_000n * SHARE);

  const cancel = await openCard(page, "cancel-grant-panel");
  await cancel.getByTestId("cancel-grant-holder").fill(helper);
  await cancel.getByTestId("grant-state").filter({ hasText: "2,000 unvested return to you" }).waitFor();
  await cancel.getByTestId("cancel-grant").click();
  await confirmed(page, "Cancel grant");
  await context.close();
  assert.equal(await read<bigint>("balanceOf", [helper]), 0n);
  const block = await publicClient.getBlock({ includeTransactions: false });
  const logs = await publicClient.getLogs({ address: token, fromBlock: block.number, toBlock: block.number });
  const [cancelled] = parseEventLogs({ abi: personalTokenAbi, eventName: "GrantCancelled", logs });
  assert.equal(cancelled.args.holder, helper);
  assert.equal(cancelled.args.returned, 2_000n * SHARE);
});
