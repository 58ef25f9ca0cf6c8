// Story: a verified person creates her token from the browser (name, symbol, supply, cap, priced in the stablecoin);
// later she offers it to another wallet of hers, which sees the offer on the token's page and accepts it from there;
// her shares follow.
import assert from "node:assert/strict";
import { test } from "node:test";
import { zeroAddress } from "viem";
import { personalTokenAbi, personalTokenFactoryAbi } from "../client/generated/abis.ts";
import {
  confirmed,
  connect,
  deployment,
  indexed,
  openApp,
  openCard,
  publicClient,
  screenshot,
  testAccount,
  useBrowser,
} from "./helpers/session.ts";
import { SHARE, verified } from "./helpers/story.ts";

const browser = useBrowser();
const CREATOR = 17;
const NEW_WALLET = 18;
const factory = { address: deployment.factory, abi: personalTokenFactoryAbi } as const;

test("a verified person creates her token from the browser", async () => {
  const creator = await verified(CREATOR);
  const { page, context } = await openApp(browser(), CREATOR, "#/create");
  await connect(page);
  await page.getByTestId("token-name").fill("Carol Token");
  await page.getByTestId("token-symbol").fill("CAROL");
  await page.getByTestId("token-supply").fill("250000");
  await page.getByTestId("token-cap").fill("15");
  await page.getByTestId("token-quote").fill(deployment.stablecoin);
  await page.getByTestId("create").click();
  await confirmed(page, "Create");
  const token = await publicClient.readContract({ ...factory, functionName: "tokenOf", args: [creator] });
  assert.notEqual(token, zeroAddress);
  await page.getByTestId("created").filter({ hasText: token }).waitFor();
  await screenshot(page, "create-token");
  await context.close();

  const read = <F extends "name" | "symbol" | "totalSupply" | "capBps" | "quoteAsset" | "owner">(functionName: F) =>
    publicClient.readContract({ address: token, abi: personalTokenAbi, functionName });
  assert.equal(await read("name"), "Carol Token");
  assert.equal(await read("symbol"), "CAROL");
  assert.equal(await read("totalSupply"), 250_000n * SHARE);
  assert.equal(await read("capBps"), 1_500);
  assert.equal((await read("quoteAsset")).toLowerCase(), deployment.stablecoin.toLowerCase());
  assert.equal(await read("owner"), creator);
});

test("the owner moves her token to another wallet, which accepts it from its own page", async () => {
  const { address: creator } = testAccount(CREATOR);
  const newWallet = await verified(NEW_WALLET);
  const token = await publicClient.readContract({ ...factory, functionName: "tokenOf", args: [creator] });
  await indexed();

  const owner = await openApp(browser(), CREATOR, `#/token/${token}`);
  await connect(owner.page);
  const card = await openCard(owner.page, "move-ownership-panel");
  await card.getByTestId("new-owner").fill(newWallet);
  await card.getByTestId("transfer-ownership").click();
  await confirmed(owner.page, "Ownership");
  await card.getByTestId("pending-owner").filter({ hasText: newWallet }).waitFor();
  await owner.context.close();
  const ownerOf = { address: token, abi: personalTokenAbi } as const;
  assert.equal(await publicClient.readContract({ ...ownerOf, functionName: "owner" }), creator, "not moved yet");

  const next = await openApp(browser(), NEW_WALLET, `#/token/${token}`);
  await connect(next.page);
  await next.page.getByTestId("accept-ownership").click();
  // Once accepted, this wallet is the owner: the offer gives way to the owner's console.
  await next.page.getByTestId("owner-console").waitFor();
  await next.context.close();
  assert.equal(await publicClient.readContract({ ...ownerOf, functionName: "owner" }), newWallet);
  assert.equal(await publicClient.readContract({ ...ownerOf, functionName: "pendingOwner" }), zeroAddress);
  assert.equal(
    await publicClient.readContract({ ...ownerOf, functionName: "balanceOf", args: [newWallet] }),
    250_000n * SHARE,
  );
  assert.equal(await publicClient.readContract({ ...factory, functionName: "tokenOf", args: [newWallet] }), token);
});
