// Story: the owner of a fresh token (quoted in the stablecoin, one outside investor) creates its Holdings from the
// token page, pledges the 100 ALICE shares she bought at $10, and lists them at $20; Alice approves the listing and a
// verified investor fills it. The sale realizes $1,000 of gain at once: the chain's distributor of her token got it,
// the page shows it on the position, and her investor's page shows his third as a gain that came through a chain.
import assert from "node:assert/strict";
import { test } from "node:test";
import { erc20Abi, parseAbi, parseEventLogs, type Address } from "viem";
import {
  gainsDistributorAbi,
  holdingsAbi,
  personalTokenAbi,
  personalTokenFactoryAbi,
  shareMarketAbi,
} from "../client/generated/abis.ts";
import {
  CAST,
  confirmed,
  connect,
  deployment,
  env,
  indexed,
  openApp,
  openCard,
  publicClient,
  screenshot,
  testAccount,
  useBrowser,
} from "./helpers/session.ts";
import { SHARE, openOffering, send, usd, verified } from "./helpers/story.ts";

const browser = useBrowser();
const [OWNER, BUYER, INVESTOR] = [20, 21, 22];
const mint = parseAbi(["function mint(address to, uint256 amount)"]);
const stablecoin = deployment.stablecoin;
const market = deployment.market;

/** The owner's token, quoted in the stablecoin, with INVESTOR holding a third of it; the owner holds 100 ALICE. */
async function setUp(): Promise<Address> {
  const owner = await verified(OWNER);
  const [buyer, investor] = [await verified(BUYER), await verified(INVESTOR)];
  await send(CAST.admin, { address: stablecoin, abi: mint, functionName: "mint", args: [owner, usd("1000")] });
  await send(CAST.admin, { address: stablecoin, abi: mint, functionName: "mint", args: [buyer, usd("2000")] });
  const factory = { address: deployment.factory, abi: personalTokenFactoryAbi } as const;
  await send(OWNER, {
    ...factory,
    functionName: "createToken",
    args: ["Chain Owner", "CHAIN", 10_000n * SHARE, 5_000, stablecoin],
  });
  const token = await publicClient.readContract({ ...factory, functionName: "tokenOf", args: [owner] });
  await send(OWNER, { address: token, abi: personalTokenAbi, functionName: "issue", args: [investor, 5_000n * SHARE] });
  const offeringId = await openOffering();
  await send(OWNER, { address: stablecoin, abi: erc20Abi, functionName: "approve", args: [market, usd("1000")] });
  await send(OWNER, { address: market, abi: shareMarketAbi, functionName: "buy", args: [offeringId, 100n * SHARE] });
  return token;
}

test("a token's Holdings sells pledged shares and the gain reaches the token's holders", async () => {
  const token = await setUp();
  const distributor = await publicClient.readContract({
    address: token,
    abi: personalTokenAbi,
    functionName: "distributor",
  });
  await indexed();
  const { page, context } = await openApp(browser(), OWNER, `#/token/${token}`);
  await connect(page);

  await page.getByTestId("create-holdings").click();
  await confirmed(page, "Holdings");
  const holdings = await publicClient.readContract({
    address: deployment.factory,
    abi: personalTokenFactoryAbi,
    functionName: "holdingsOf",
    args: [token],
  });
  await page.getByTestId("holdings-address").filter({ hasText: holdings }).waitFor();

  const pledge = await openCard(page, "holdings-pledge-panel");
  await pledge.getByTestId("pledge-shares").fill("100");
  await pledge.getByTestId("pledge-basis").filter({ hasText: "basis carried: $1,000.00" }).waitFor();
  await pledge.getByTestId("pledge").click();
  await confirmed(page, "Pledge");
  const alice = { address: deployment.token, abi: personalTokenAbi } as const;
  assert.equal(
    await publicClient.readContract({ ...alice, functionName: "balanceOf", args: [holdings] }),
    100n * SHARE,
  );
  const position = page.getByTestId("holdings-positions").locator(`tr[data-token="${deployment.token.toLowerCase()}"]`);
  await position.getByTestId("basis").filter({ hasText: "$1,000.00" }).waitFor();

  const list = await openCard(page, "holdings-list-panel");
  await list.getByTestId("list-shares").fill("100");
  await list.getByTestId("list-price").fill("20");
  await list.getByTestId("holdings-list").click();
  await confirmed(page, "Listing");
  await indexed();
  const listingId = await latestListingOf(token);

  // Alice approves the listing and the buyer fills it, outside the page under test.
  await send(CAST.alice, { address: market, abi: shareMarketAbi, functionName: "approveListing", args: [listingId] });
  await send(BUYER, { address: stablecoin, abi: erc20Abi, functionName: "approve", args: [market, usd("2000")] });
  const fill = await send(BUYER, {
    address: market,
    abi: shareMarketAbi,
    functionName: "fill",
    args: [listingId, 100n * SHARE],
  });

  const [realized] = parseEventLogs({ abi: holdingsAbi, eventName: "Realized", logs: fill.logs });
  assert.deepEqual(
    [realized.args.proceeds, realized.args.basisSold, realized.args.gain, realized.args.loss],
    [usd("2000"), usd("1000"), usd("1000"), 0n],
  );
  const [deposit] = parseEventLogs({ abi: gainsDistributorAbi, eventName: "GainDistributed", logs: fill.logs });
  assert.equal(deposit.address.toLowerCase(), distributor.toLowerCase());
  assert.equal(deposit.args.amount, usd("1000"));
  assert.equal(BigInt(deposit.args.memo), BigInt(deployment.token));
  const holdingsOf = { address: holdings, abi: holdingsAbi } as const;
  assert.equal(
    await publicClient.readContract({ ...holdingsOf, functionName: "capital", args: [stablecoin] }),
    usd("1000"),
  );
  const investorShare = await publicClient.readContract({
    address: distributor,
    abi: gainsDistributorAbi,
    functionName: "claimable",
    args: [testAccount(INVESTOR).address, stablecoin],
  });
  assert.equal(investorShare, usd("1000") / 3n);

  await indexed();
  await position.getByTestId("gains").filter({ hasText: "$1,000.00" }).waitFor();
  await position.getByTestId("basis").filter({ hasText: "$0.00" }).waitFor();
  await page.getByTestId("holdings-assets").getByTestId("capital").filter({ hasText: "$1,000.00" }).waitFor();
  await screenshot(page, "holdings");
  await page.goto(`${env.appUrl}#/investor/${testAccount(INVESTOR).address}`);
  await page
    .getByTestId("chain-gains")
    .filter({ hasText: /its Holdings sold ALICE\s*\$333\.33/ })
    .waitFor();
  await context.close();
});

test("anyone forwards the gains a Holdings earns from ALICE to its token's holders, from ALICE's page", async () => {
  const owner = testAccount(OWNER).address;
  const factory = { address: deployment.factory, abi: personalTokenFactoryAbi } as const;
  const token = await publicClient.readContract({ ...factory, functionName: "tokenOf", args: [owner] });
  const holdings = await publicClient.readContract({ ...factory, functionName: "holdingsOf", args: [token] });
  const chainDistributor = await publicClient.readContract({
    address: token,
    abi: personalTokenAbi,
    functionName: "distributor",
  });
  // The owner buys 10 more ALICE and pledges them; then Alice shares a $10,000 gain among ALICE's holders.
  const offeringId = await openOffering();
  await send(CAST.admin, { address: stablecoin, abi: mint, functionName: "mint", args: [owner, usd("100")] });
  await send(OWNER, { address: stablecoin, abi: erc20Abi, functionName: "approve", args: [market, usd("100")] });
  await send(OWNER, { address: market, abi: shareMarketAbi, functionName: "buy", args: [offeringId, 10n * SHARE] });
  await send(OWNER, {
    address: holdings,
    abi: holdingsAbi,
    functionName: "pledge",
    args: [deployment.token, 10n * SHARE],
  });
  const aliceDistributor = deployment.distributor;
  await send(CAST.admin, {
    address: stablecoin,
    abi: mint,
    functionName: "mint",
    args: [deployment.cast.alice, usd("10000")],
  });
  await send(CAST.alice, {
    address: stablecoin,
    abi: erc20Abi,
    functionName: "approve",
    args: [aliceDistributor, usd("10000")],
  });
  await send(CAST.alice, {
    address: aliceDistributor,
    abi: gainsDistributorAbi,
    functionName: "distribute",
    args: [stablecoin, usd("10000"), `0x${"0".repeat(64)}`],
  });
  const owed = await publicClient.readContract({
    address: aliceDistributor,
    abi: gainsDistributorAbi,
    functionName: "claimable",
    args: [holdings, stablecoin],
  });
  assert.ok(owed > 0n, "the Holdings is owed part of the gain");

  await indexed();
  const { page, context } = await openApp(browser(), CAST.mentor1, `#/token/${deployment.token}`);
  await connect(page);
  const row = page.getByTestId("cap-table").locator(`tr[data-holder="${holdings.toLowerCase()}"]`);
  await row.filter({ hasText: "(a token's Holdings)" }).waitFor();
  await row.getByTestId(`forward-${holdings.toLowerCase()}`).click();
  await confirmed(page, "Forward gains");
  assert.equal(
    await publicClient.readContract({
      address: aliceDistributor,
      abi: gainsDistributorAbi,
      functionName: "claimable",
      args: [holdings, stablecoin],
    }),
    0n,
  );
  const logs = await publicClient.getLogs({
    address: chainDistributor,
    fromBlock: await publicClient.getBlockNumber(),
  });
  const [forwarded] = parseEventLogs({ abi: gainsDistributorAbi, eventName: "GainDistributed", logs });
  assert.equal(forwarded.args.amount, owed);
  assert.equal(BigInt(forwarded.args.memo), BigInt(deployment.token));
  await context.close();
});

async function latestListingOf(token: Address): Promise<bigint> {
  const data = (await (await fetch(`${env.indexerUrl}/api/holdings/${token}`)).json()) as {
    listings: { id: string }[];
  };
  return BigInt(data.listings[0].id);
}
