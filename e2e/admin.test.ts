// Story: the admin appoints a second registrar from the console and removes it again (after a confirmation); the
// console refuses to remove the last admin, as the command line does.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { investorRegistryAbi } from "../client/generated/abis.ts";
import { ROLE_IDS } from "../client/roles.ts";
import { CAST, confirmed, connect, deployment, launch, openApp, publicClient, testAccount } from "./helpers/session.ts";

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const isRegistrar = (who: `0x${string}`) =>
  publicClient.readContract({
    address: deployment.registry,
    abi: investorRegistryAbi,
    functionName: "hasRole",
    args: [ROLE_IDS.registrar, who],
  });

test("the admin grants and revokes the registrar role, and cannot remove the last admin", async () => {
  const { address } = testAccount(10);
  const { page } = await openApp(browser, CAST.admin, "#/console");
  await connect(page);
  const panel = page.getByTestId("admin");
  await panel.getByTestId("admin-role").selectOption("registrar");
  await panel.getByTestId("admin-account").fill(address);
  await panel.getByTestId("admin-status").filter({ hasText: "does not hold the registrar role" }).waitFor();
  await panel.getByTestId("grant-role").click();
  await confirmed(page, "Grant");
  assert.equal(await isRegistrar(address), true);
  await panel.getByTestId("holders-registrar").filter({ hasText: address }).waitFor();

  await panel.getByTestId("revoke-role").click();
  await panel.getByTestId("revoke-role-review").filter({ hasText: "Take the registrar role from" }).waitFor();
  assert.equal(await isRegistrar(address), true, "nothing is sent before the confirmation");
  await panel.getByTestId("revoke-role-confirm").click();
  await confirmed(page, "Revoke");
  assert.equal(await isRegistrar(address), false);

  await panel.getByTestId("admin-role").selectOption("admin");
  await panel.getByTestId("admin-account").fill(testAccount(CAST.admin).address);
  await panel.getByTestId("admin-status").filter({ hasText: "It is the last admin" }).waitFor();
  assert.equal(await panel.getByTestId("revoke-role").isDisabled(), true);
});
