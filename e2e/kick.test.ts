// Story: Alice kicks Mentor 1 out: the page shows the floor (the higher of the last price and the mentor's average
// price) before she pays; she approves the buyback and kicks; Mentor 1 then withdraws the escrowed buyback from the
// portfolio, and the chain records the kick.
import assert from "node:assert/strict";
import { test } from "node:test";
import { erc20Abi } from "viem";
import { personalTokenAbi, shareMarketAbi } from "../client/generated/abis.ts";
import { formatMoneyOf } from "../client/format.ts";
import {
  CAST,
  confirmed,
  connect,
  deployment,
  indexed,
  openApp,
  openCard,
  publicClient,
  screenshot,
  useBrowser,
} from "./helpers/session.ts";

const browser = useBrowser();

test("a kick shows the floor first, and the kicked holder withdraws the buyback", async () => {
  const mentor = deployment.cast.mentor1;
  const token = { address: deployment.token, abi: personalTokenAbi } as const;
  const [floor, balance, locked] = await Promise.all([
    publicClient.readContract({ ...token, functionName: "kickFloor", args: [mentor] }),
    publicClient.readContract({ ...token, functionName: "balanceOf", args: [mentor] }),
    publicClient.readContract({ ...token, functionName: "lockedOf", args: [mentor] }),
  ]);
  const due = ((balance - locked) * floor + 10n ** 18n - 1n) / 10n ** 18n;
  await indexed();

  const owner = await openApp(browser(), CAST.alice, `#/token/${deployment.token}`);
  await connect(owner.page);
  const panel = await openCard(owner.page, "kick-panel");
  await panel.getByTestId("kick-holder").selectOption(mentor.toLowerCase());
  const floorText = (await panel.getByTestId("kick-floor").textContent()) ?? "";
  assert.ok(
    floorText.includes(formatMoneyOf("mUSD", 6, floor)),
    `${floorText} shows the floor ${formatMoneyOf("mUSD", 6, floor)}`,
  );
  assert.ok(((await panel.getByTestId("kick-cost").textContent()) ?? "").includes(formatMoneyOf("mUSD", 6, due)));
  await panel.getByTestId("kick-approve").click();
  await confirmed(owner.page, "Approval");
  await panel.getByTestId("kick").click();
  await confirmed(owner.page, "Kick");
  await owner.context.close();
  assert.equal(await publicClient.readContract({ ...token, functionName: "isKicked", args: [mentor] }), true);
  assert.equal(await publicClient.readContract({ ...token, functionName: "balanceOf", args: [mentor] }), 0n);
  assert.equal(
    await publicClient.readContract({
      address: deployment.market,
      abi: shareMarketAbi,
      functionName: "withdrawable",
      args: [mentor, deployment.stablecoin],
    }),
    due,
  );

  const investor = await openApp(browser(), CAST.mentor1, "#/portfolio");
  await connect(investor.page);
  const waiting = investor.page.getByTestId("withdrawables");
  await waiting.filter({ hasText: formatMoneyOf("mUSD", 6, due) }).waitFor();
  await screenshot(investor.page, "kick-withdraw");
  const cashBefore = await publicClient.readContract({
    address: deployment.stablecoin,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [mentor],
  });
  await waiting.getByTestId("withdraw").click();
  await confirmed(investor.page, "Withdrawal");
  const cashAfter = await publicClient.readContract({
    address: deployment.stablecoin,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [mentor],
  });
  assert.equal(cashAfter - cashBefore, due);
  assert.equal(
    await publicClient.readContract({
      address: deployment.market,
      abi: shareMarketAbi,
      functionName: "withdrawable",
      args: [mentor, deployment.stablecoin],
    }),
    0n,
  );
});
