// Story: a wallet on another chain (mainnet) connects; the app says so and asks it to switch; after the switch the
// banner is gone and the wallet is on the app's chain.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CAST, connect, deployment, openApp, useBrowser } from "./helpers/session.ts";

const browser = useBrowser();

test("a wallet on the wrong network is asked to switch, and switches", async () => {
  const { page, wallet } = await openApp(browser(), CAST.mentor1, "#/", 1);
  await connect(page);
  const banner = page.getByTestId("wrong-chain");
  await banner.waitFor();
  assert.match((await banner.textContent()) ?? "", /chain 1;.*chain 31337/);
  await page.getByTestId("switch-chain").click();
  await banner.waitFor({ state: "detached" });
  assert.equal(wallet.chainId, deployment.chainId);
  assert.ok(wallet.requests.includes("wallet_switchEthereumChain"));
});
