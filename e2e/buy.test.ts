// Story: a mentor buys in an offering from the token page: the page shows the limits that apply to the wallet, asks
// for the stablecoin approval first, then the purchase; the chain holds the shares and the indexer's cap table shows them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { erc20Abi } from "viem";
import { personalTokenAbi } from "../client/generated/abis.ts";
import {
  CAST,
  confirmed,
  connect,
  deployment,
  openApp,
  publicClient,
  screenshot,
  testAccount,
  useBrowser,
} from "./helpers/session.ts";
import { SHARE, openOffering, usd } from "./helpers/story.ts";

const browser = useBrowser();

test("a mentor buys 1,000 shares: approval, then purchase", async () => {
  const { address } = testAccount(CAST.mentor2);
  const offeringId = await openOffering();
  const sharesBefore = await publicClient.readContract({
    address: deployment.token,
    abi: personalTokenAbi,
    functionName: "balanceOf",
    args: [address],
  });
  const cashBefore = await publicClient.readContract({
    address: deployment.stablecoin,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [address],
  });
  const { page } = await openApp(browser(), CAST.mentor2, `#/token/${deployment.token}`);
  await connect(page);
  const panel = page.getByTestId(`offering-${offeringId}`);
  await panel.getByTestId("buy-panel").waitFor();
  assert.match((await panel.getByTestId("your-max").textContent()) ?? "", /up to 5,000 shares/);
  await panel.getByTestId("buy-shares").fill("1000");
  assert.match((await panel.getByTestId("buy-cost").textContent()) ?? "", /\$10,000\.00/);
  await panel.getByTestId("approve").click();
  await confirmed(page, "Approval");
  await panel.getByTestId("buy").click();
  await confirmed(page, "Purchase");
  await screenshot(page, "buy");
  const sharesAfter = await publicClient.readContract({
    address: deployment.token,
    abi: personalTokenAbi,
    functionName: "balanceOf",
    args: [address],
  });
  const cashAfter = await publicClient.readContract({
    address: deployment.stablecoin,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [address],
  });
  assert.equal(sharesAfter - sharesBefore, 1_000n * SHARE);
  assert.equal(cashBefore - cashAfter, usd("10000"));
  // The indexer's cap table follows: 10,000 from the seed plus 1,000.
  const row = page.getByTestId("cap-table").locator(`tr[data-holder="${address.toLowerCase()}"]`);
  await row.filter({ hasText: "11,000" }).waitFor();
});
