// Story: Mentor 2 lists 500 shares at $9; Alice signs the listing's approval in her wallet (EIP-712, no gas) and gets a
// link; the later investor opens it and fills the listing, and the contract accepts Alice's signature.
import assert from "node:assert/strict";
import { test } from "node:test";
import { erc20Abi, parseEventLogs } from "viem";
import { personalTokenAbi, shareMarketAbi } from "../client/generated/abis.ts";
import {
  CAST,
  confirmed,
  connect,
  deployment,
  indexed,
  openApp,
  publicClient,
  screenshot,
  useBrowser,
  walletOf,
} from "./helpers/session.ts";
import { SHARE, usd } from "./helpers/story.ts";

const browser = useBrowser();

test("the owner signs a listing approval in the wallet and another investor fills it", async () => {
  const { mentor2: seller, later: buyer } = deployment.cast;
  const now = (await publicClient.getBlock()).timestamp;
  const hash = await walletOf(CAST.mentor2).writeContract({
    address: deployment.market,
    abi: shareMarketAbi,
    functionName: "list",
    args: [deployment.token, 500n * SHARE, usd("9"), "0x0000000000000000000000000000000000000000", now + 30n * 86_400n],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  const [listed] = parseEventLogs({ abi: shareMarketAbi, eventName: "Listed", logs: receipt.logs });
  const listingId = listed.args.listingId;
  await indexed();

  const owner = await openApp(browser(), CAST.alice, `#/token/${deployment.token}`);
  await connect(owner.page);
  const row = owner.page.getByTestId(`listing-${listingId}`);
  await row.getByTestId("sign-listing").click();
  const link = await row.getByTestId("approval-link").inputValue();
  assert.match(link, /#\/fill\/[A-Za-z0-9_-]+$/);
  assert.equal(
    (
      await publicClient.readContract({
        address: deployment.market,
        abi: shareMarketAbi,
        functionName: "listing",
        args: [listingId],
      })
    ).approved,
    false,
    "signing sent nothing",
  );
  await owner.context.close();

  const read = (address: `0x${string}`, who: `0x${string}`) =>
    publicClient.readContract({
      address,
      abi: address === deployment.token ? personalTokenAbi : erc20Abi,
      functionName: "balanceOf",
      args: [who],
    }) as Promise<bigint>;
  const [sharesBefore, sellerCashBefore] = await Promise.all([
    read(deployment.token, buyer),
    read(deployment.stablecoin, seller),
  ]);
  const investor = await openApp(browser(), CAST.later, `#/fill/${link.split("#/fill/")[1]}`);
  await connect(investor.page);
  await investor.page.getByTestId("fill-page").waitFor();
  assert.match((await investor.page.getByTestId("fill-page").textContent()) ?? "", /\$4,500\.00 in all/);
  await investor.page.getByTestId("fill-approve").click();
  await confirmed(investor.page, "Approval");
  await investor.page.getByTestId("fill-signed").click();
  await confirmed(investor.page, "Purchase");
  await screenshot(investor.page, "signed-listing");
  assert.equal((await read(deployment.token, buyer)) - sharesBefore, 500n * SHARE);
  assert.equal((await read(deployment.stablecoin, seller)) - sellerCashBefore, usd("4500"));
  const filled = await publicClient.readContract({
    address: deployment.market,
    abi: shareMarketAbi,
    functionName: "listing",
    args: [listingId],
  });
  assert.equal(filled.filled, 500n * SHARE);
});
