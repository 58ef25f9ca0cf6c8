// Story: Alice distributes a $1,000 gain from her token's page (approval, then the deposit); Mentor 1, who holds 0.5%,
// sees $5.00 to claim in the portfolio and claims it; the chain pays exactly that.
import assert from "node:assert/strict";
import { test } from "node:test";
import { erc20Abi } from "viem";
import { gainsDistributorAbi, personalTokenAbi } from "../client/generated/abis.ts";
import {
  CAST,
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
import { SHARE, usd } from "./helpers/story.ts";

const browser = useBrowser();

test("the owner distributes a gain and an investor claims it", async () => {
  const mentor = testAccount(CAST.mentor1).address;
  const read = <T>(p: Parameters<typeof publicClient.readContract>[0]) => publicClient.readContract(p) as Promise<T>;
  const [supply, held, owedBefore] = await Promise.all([
    read<bigint>({ address: deployment.token, abi: personalTokenAbi, functionName: "totalSupply" }),
    read<bigint>({ address: deployment.token, abi: personalTokenAbi, functionName: "balanceOf", args: [mentor] }),
    read<bigint>({
      address: deployment.distributor,
      abi: gainsDistributorAbi,
      functionName: "claimable",
      args: [mentor, deployment.stablecoin],
    }),
  ]);
  assert.equal(held, 5_000n * SHARE);

  const owner = await openApp(browser(), CAST.alice, `#/token/${deployment.token}`);
  await connect(owner.page);
  const panel = await openCard(owner.page, "distribute-panel");
  await panel.getByTestId("distribute-amount").fill("1000");
  await panel.getByTestId("distribute-memo").fill("e2e-gain");
  await panel.getByTestId("distribute-approve").click();
  await confirmed(owner.page, "Approval");
  await panel.getByTestId("distribute").click();
  await confirmed(owner.page, "Distribution");
  await owner.page.getByTestId("gains").filter({ hasText: "e2e-gain" }).waitFor();
  await owner.context.close();

  const expected = (usd("1000") * held) / supply;
  assert.equal(expected, usd("5"));
  const owed = await read<bigint>({
    address: deployment.distributor,
    abi: gainsDistributorAbi,
    functionName: "claimable",
    args: [mentor, deployment.stablecoin],
  });
  assert.equal(owed - owedBefore, expected);

  await indexed();
  const investor = await openApp(browser(), CAST.mentor1, "#/portfolio");
  await connect(investor.page);
  const claimable = investor.page.getByTestId("claimable");
  await claimable.filter({ hasText: "$5.00" }).waitFor();
  await screenshot(investor.page, "portfolio");
  const cashBefore = await read<bigint>({
    address: deployment.stablecoin,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [mentor],
  });
  await investor.page.getByTestId("claim").click();
  await confirmed(investor.page, "Claim");
  await investor.page.getByTestId("nothing-to-claim").waitFor();
  const cashAfter = await read<bigint>({
    address: deployment.stablecoin,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [mentor],
  });
  assert.equal(cashAfter - cashBefore, owed);
  assert.equal(
    await read<bigint>({
      address: deployment.distributor,
      abi: gainsDistributorAbi,
      functionName: "claimable",
      args: [mentor, deployment.stablecoin],
    }),
    0n,
  );
});
