// Story: a mentor sends shares to another investor from the portfolio. Before Alice approves the move, the page says
// which rule refuses it and nothing can be sent; once she approves it on-chain, the send goes through.
import assert from "node:assert/strict";
import { test } from "node:test";
import { personalTokenAbi } from "../client/generated/abis.ts";
import { CAST, confirmed, connect, deployment, indexed, openApp, publicClient, useBrowser } from "./helpers/session.ts";
import { SHARE, send, verified } from "./helpers/story.ts";

const browser = useBrowser();
const RECEIVER = 23;
const token = { address: deployment.token, abi: personalTokenAbi } as const;
const balanceOf = (who: `0x${string}`) =>
  publicClient.readContract({ ...token, functionName: "balanceOf", args: [who] });

test("a mentor sends shares once the owner approved the move, and is told why before she did", async () => {
  // A fresh receiver: the seed's mentors are kicked or trade in other stories.
  const [from, to] = [deployment.cast.mentor2, await verified(RECEIVER)];
  await indexed();
  const { page } = await openApp(browser(), CAST.mentor2, "#/portfolio");
  await connect(page);
  const form = page.getByTestId("send-shares");
  await form.getByTestId("send-token").selectOption(deployment.token.toLowerCase());
  await form.getByTestId("send-to").fill(to);
  await form.getByTestId("send-shares-amount").fill("5");
  const refusal = form.getByTestId("refusal");
  await refusal.waitFor();
  assert.match((await refusal.textContent()) ?? "", /needs the owner.s permission/);
  assert.equal(await form.getByTestId("send").isDisabled(), true);

  await send(CAST.alice, { ...token, functionName: "approveTransfer", args: [from, to, 5n * SHARE] });
  const [before, beforeTo] = [await balanceOf(from), await balanceOf(to)];
  await refusal.waitFor({ state: "detached" });
  await form.getByTestId("send").click();
  await confirmed(page, "Send ALICE");
  assert.equal(await balanceOf(from), before - 5n * SHARE);
  assert.equal(await balanceOf(to), beforeTo + 5n * SHARE);
});
