// Story: an investor opens the app, connects a browser wallet and sees the directory of tokens.
import assert from "node:assert/strict";
import { test } from "node:test";
import { personalTokenAbi } from "../client/generated/abis.ts";
import { formatMoneyOf, formatPercent } from "../client/format.ts";
import {
  CAST,
  connect,
  deployment,
  openApp,
  publicClient,
  screenshot,
  testAccount,
  useBrowser,
} from "./helpers/session.ts";

const browser = useBrowser();

test("a wallet announced through EIP-6963 connects, and the directory lists Alice's token", async () => {
  const { page, wallet } = await openApp(browser(), CAST.mentor1);
  await connect(page);
  const shown = await page.getByTestId("account").textContent();
  const address = testAccount(CAST.mentor1).address;
  assert.equal(shown, `${address.slice(0, 6)}…${address.slice(-4)}`);
  assert.ok(wallet.requests.includes("eth_requestAccounts") || wallet.requests.includes("wallet_requestPermissions"));
  const row = page.getByTestId("directory").getByRole("row", { name: /Alice \(ALICE\)/ });
  await row.waitFor();
  // The figures the chain holds now (other stories may have traded before this one).
  const read = (functionName: "lastPrice" | "outsideShares" | "totalSupply") =>
    publicClient.readContract({ address: deployment.token, abi: personalTokenAbi, functionName });
  const [lastPrice, outside, supply] = await Promise.all([
    read("lastPrice"),
    read("outsideShares"),
    read("totalSupply"),
  ]);
  const text = (await row.textContent()) ?? "";
  assert.ok(
    text.includes(formatMoneyOf("mUSD", 6, lastPrice)),
    `last price ${formatMoneyOf("mUSD", 6, lastPrice)} in ${text}`,
  );
  assert.ok(text.includes(`${formatPercent(outside, supply)} / 20%`), "outside share against the cap");
  await screenshot(page, "connect");
  await page.getByRole("link", { name: /Alice \(ALICE\)/ }).click();
  await page.getByTestId("token-page").waitFor();
  assert.match((await page.getByTestId("cap-table").textContent()) ?? "", /\(owner\)/);
  assert.equal(deployment.chainId, 31337);
});
