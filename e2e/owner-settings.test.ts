// Story: on a fresh token, the owner readmits a holder she kicked, revokes an investor's pro-rata right, tries to
// raise the cap (the page shows the contract's refusal before anything is sent), lowers it, and accepts the stablecoin
// for gains distributions.
import assert from "node:assert/strict";
import { test } from "node:test";
import { gainsDistributorAbi, personalTokenAbi, shareMarketAbi } from "../client/generated/abis.ts";
import {
  confirmed,
  connect,
  deployment,
  indexed,
  openApp,
  openCard,
  publicClient,
  useBrowser,
} from "./helpers/session.ts";
import { SHARE, send, tokenOf, verified } from "./helpers/story.ts";

const browser = useBrowser();
const OWNER = 15;

test("the owner readmits, revokes a pro-rata right, lowers the cap and accepts an asset", async () => {
  const token = await tokenOf(OWNER);
  const contract = { address: token, abi: personalTokenAbi } as const;
  const [investor, kicked] = [await verified(16), await verified(19)];
  await send(OWNER, { ...contract, functionName: "issue", args: [kicked, 100n * SHARE] });
  await send(OWNER, {
    address: deployment.market,
    abi: shareMarketAbi,
    functionName: "kick",
    args: [token, kicked, 0n],
  });
  assert.equal(await publicClient.readContract({ ...contract, functionName: "isKicked", args: [kicked] }), true);
  await indexed();
  const { page, context } = await openApp(browser(), OWNER, `#/token/${token}`);
  await connect(page);

  const readmit = await openCard(page, "readmit-panel");
  await readmit.getByTestId("readmit-holder").fill(kicked);
  await readmit.getByTestId("readmit").click();
  await confirmed(page, "Readmit");
  assert.equal(await publicClient.readContract({ ...contract, functionName: "isKicked", args: [kicked] }), false);

  const proRata = await openCard(page, "pro-rata-panel");
  await proRata.getByTestId("pro-rata-holder").fill(investor);
  await proRata.getByTestId("pro-rata-state").filter({ hasText: "has the right" }).waitFor();
  await proRata.getByTestId("pro-rata").click();
  await confirmed(page, "Pro-rata");
  await proRata.getByTestId("pro-rata-state").filter({ hasText: "has no right" }).waitFor();
  assert.equal(
    await publicClient.readContract({ ...contract, functionName: "hasProRataRight", args: [investor] }),
    false,
  );

  const cap = await openCard(page, "lower-cap-panel");
  await cap.getByTestId("cap").fill("60");
  await cap.locator("[data-testid=refusal][data-error=CapNotLowered]").waitFor();
  assert.equal(await cap.getByTestId("lower-cap").isDisabled(), true, "a refused change cannot be sent");
  await cap.getByTestId("cap").fill("40");
  await cap.getByTestId("lower-cap").click();
  await confirmed(page, "Cap");
  await cap.getByTestId("cap-state").filter({ hasText: "The cap is 40%" }).waitFor();
  assert.equal(await publicClient.readContract({ ...contract, functionName: "capBps" }), 4_000);

  const distributor = await publicClient.readContract({ ...contract, functionName: "distributor" });
  const asset = await openCard(page, "enable-asset-panel");
  await asset.getByTestId("asset").fill(deployment.stablecoin);
  await asset.getByTestId("asset-symbol").waitFor();
  await asset.getByTestId("enable-asset").click();
  await confirmed(page, "Asset");
  await asset.getByTestId("accepted-assets").filter({ hasText: "mUSD" }).waitFor();
  await context.close();
  assert.equal(
    await publicClient.readContract({
      address: distributor,
      abi: gainsDistributorAbi,
      functionName: "isAccepted",
      args: [deployment.stablecoin],
    }),
    true,
  );
});
