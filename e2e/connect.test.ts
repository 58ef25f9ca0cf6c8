// Story: an investor opens the app, connects a browser wallet and sees the directory of tokens.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { CAST, connect, deployment, launch, openApp, screenshot, testAccount } from "./helpers/session.ts";

let browser: Browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a wallet announced through EIP-6963 connects, and the directory lists Alice's token", async () => {
  const { page, wallet } = await openApp(browser, CAST.mentor1);
  await connect(page);
  const shown = await page.getByTestId("account").textContent();
  const address = testAccount(CAST.mentor1).address;
  assert.equal(shown, `${address.slice(0, 6)}…${address.slice(-4)}`);
  assert.ok(wallet.requests.includes("eth_requestAccounts") || wallet.requests.includes("wallet_requestPermissions"));
  const row = page.getByTestId("directory").getByRole("row", { name: /Alice \(ALICE\)/ });
  await row.waitFor();
  const text = (await row.textContent()) ?? "";
  assert.match(text, /\$200,000\.01/, "raised in the offering");
  assert.match(text, /\$8\.00/, "last price");
  assert.match(text, /2\.5% \/ 20%/, "outside share against the cap");
  await screenshot(page, "connect");
  await page.getByRole("link", { name: /Alice \(ALICE\)/ }).click();
  await page.getByTestId("token-page").waitFor();
  assert.match((await page.getByTestId("cap-table").textContent()) ?? "", /975,000/);
  assert.equal(deployment.chainId, 31337);
});
