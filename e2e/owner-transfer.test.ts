// Story: the owner signs, in her wallet, a permission for one investor to move 500 shares to another (EIP-712, no gas);
// the sender opens the link and makes the move, and the contract accepts the signature. A second signature the owner
// no longer wants is cancelled by its nonce, and its link then says so. She also gives a permission on-chain.
import assert from "node:assert/strict";
import { test } from "node:test";
import { personalTokenAbi } from "../client/generated/abis.ts";
import { confirmed, connect, indexed, openApp, openCard, publicClient, useBrowser } from "./helpers/session.ts";
import { SHARE, send, tokenOf, verified } from "./helpers/story.ts";

const browser = useBrowser();
const OWNER = 15;
const SENDER = 16;
const RECEIVER = 19;

test("a signed transfer approval leaves as a link the sender completes; an unused one is cancelled", async () => {
  const token = await tokenOf(OWNER);
  const [sender, receiver] = [await verified(SENDER), await verified(RECEIVER)];
  const contract = { address: token, abi: personalTokenAbi } as const;
  await send(OWNER, { ...contract, functionName: "issue", args: [sender, 1_000n * SHARE] });
  const balance = (who: `0x${string}`) =>
    publicClient.readContract({ ...contract, functionName: "balanceOf", args: [who] });
  const [senderBefore, receiverBefore] = [await balance(sender), await balance(receiver)];
  await indexed();

  const owner = await openApp(browser(), OWNER, `#/token/${token}`);
  await connect(owner.page);
  const card = await openCard(owner.page, "transfer-approval-panel");
  await card.getByTestId("transfer-from").fill(sender);
  await card.getByTestId("transfer-to").fill(receiver);
  await card.getByTestId("transfer-shares").fill("500");
  await card.getByTestId("sign-transfer").click();
  const link = await card.getByTestId("approval-link").inputValue();
  assert.match(link, /#\/transfer\/[A-Za-z0-9_-]+$/);
  // A second signature for the same move, which the owner then cancels by its nonce.
  const first = await card.getByTestId("signed-approval").getAttribute("data-nonce");
  await card.getByTestId("sign-transfer").click();
  await card.locator(`[data-testid=signed-approval]:not([data-nonce="${first}"])`).waitFor();
  const unwanted = await card.getByTestId("approval-link").inputValue();
  assert.notEqual(unwanted, link);
  const nonce = BigInt((await card.getByTestId("signed-approval").getAttribute("data-nonce"))!);
  const cancel = await openCard(owner.page, "cancel-signature-panel");
  await cancel.getByTestId("cancel-nonce").fill(nonce.toString());
  await cancel.getByTestId("cancel-signature").click();
  await confirmed(owner.page, "Cancel signature");
  assert.equal(await publicClient.readContract({ ...contract, functionName: "nonceUsed", args: [nonce] }), true);
  assert.equal(await balance(sender), senderBefore, "signing and cancelling moved nothing");

  // On-chain permission, for the other direction.
  await card.getByTestId("transfer-from").fill(receiver);
  await card.getByTestId("transfer-to").fill(sender);
  await card.getByTestId("transfer-shares").fill("1");
  await card.getByTestId("approve-transfer").click();
  await confirmed(owner.page, "Transfer approval");
  assert.equal(
    await publicClient.readContract({ ...contract, functionName: "transferApproval", args: [receiver, sender] }),
    1n * SHARE,
  );
  await owner.context.close();

  const investor = await openApp(browser(), SENDER, `#/transfer/${link.split("#/transfer/")[1]}`);
  await connect(investor.page);
  await investor.page.getByTestId("transfer-page").waitFor();
  await investor.page.getByTestId("transfer-signed").click();
  await confirmed(investor.page, "Transfer");
  assert.equal(await balance(sender), senderBefore - 500n * SHARE);
  assert.equal(await balance(receiver), receiverBefore + 500n * SHARE);

  await investor.page.goto(unwanted);
  await investor.page.getByTestId("transfer-refusal").filter({ hasText: "used or cancelled" }).waitFor();
  assert.equal(await investor.page.getByTestId("transfer-signed").isDisabled(), true);
  await investor.context.close();
});
