// The indexer against the chain: each holder's claimable gains, computed by the indexer with the distributor's own
// arithmetic (the 10^36 accumulator, its carry and the corrections), equal the distributor's answer to the unit; and
// the cap table's balances equal balanceOf (on the token page and in the cap table served alone). Runs after whatever the other stories did to the chain.
import assert from "node:assert/strict";
import { test } from "node:test";
import { gainsDistributorAbi, personalTokenAbi } from "../client/generated/abis.ts";
import { deployment, env, indexed, publicClient } from "./helpers/session.ts";

interface TokenPage {
  capTable: { holder: `0x${string}`; balance: string; claimable: Record<string, string> }[];
  books: { asset: `0x${string}` }[];
}

test("the indexer's cap table and claimable gains equal the chain's, to the unit", async () => {
  await indexed();
  const page = (await (await fetch(`${env.indexerUrl}/api/tokens/${deployment.token}`)).json()) as TokenPage;
  assert.ok(page.capTable.length >= 5);
  assert.ok(page.books.length >= 1);
  for (const row of page.capTable) {
    const balance = await publicClient.readContract({
      address: deployment.token,
      abi: personalTokenAbi,
      functionName: "balanceOf",
      args: [row.holder],
    });
    assert.equal(BigInt(row.balance), balance, `balance of ${row.holder}`);
    for (const { asset } of page.books) {
      const owed = await publicClient.readContract({
        address: deployment.distributor,
        abi: gainsDistributorAbi,
        functionName: "claimable",
        args: [row.holder, asset],
      });
      assert.equal(BigInt(row.claimable[asset] ?? "0"), owed, `claimable of ${row.holder} in ${asset}`);
    }
  }
  // The cap table alone (what API clients and the benchmark read) is the token page's, row for row.
  const alone = (await (await fetch(`${env.indexerUrl}/api/tokens/${deployment.token}/cap-table`)).json()) as TokenPage;
  assert.deepEqual(alone.capTable, page.capTable);
});
