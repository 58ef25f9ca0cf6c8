import { expect } from "chai";
import { costOf, formatMoneyOf, parseAmount } from "../../client/index.ts";
import { ethers } from "../helpers/fixtures.js";

const SHARE = 10n ** 18n;

// The model's own formula (a model that imported the code it checks could not fail): ceil(shares × price / 10^18).
const modelCost = (shares: bigint, price: bigint) => {
  const exact = shares * price;
  return exact / SHARE + (exact % SHARE === 0n ? 0n : 1n);
};

describe("the shared client module", function () {
  describe("costOf", function () {
    const cases: [string, bigint, bigint][] = [
      ["a whole share at a whole price", SHARE, 5_000_000n],
      ["dust that rounds up to one unit", 1n, 1n],
      ["a fraction of a share that rounds up", SHARE / 3n, 10n],
      ["an exact multiple, no rounding", 3n * SHARE, 7n],
      ["the largest supply at a large price", 10n ** 36n, 2n ** 100n],
      ["nothing", 0n, 123n],
    ];
    for (const [name, shares, price] of cases) {
      it(`charges what the contracts charge for ${name}`, async function () {
        const harness = await ethers.deployContract("ShareMathHarness");
        const onChain = await harness.costOf(shares, price);
        expect(costOf(shares, price)).to.equal(onChain);
        expect(modelCost(shares, price)).to.equal(onChain);
      });
    }
  });

  describe("parseAmount", function () {
    it("reads decimals into base units and refuses what is not a number with at most the asset's decimals", function () {
      expect(parseAmount("10,000.5", 6)).to.equal(10_000_500_000n);
      expect(parseAmount(".25", 2)).to.equal(25n);
      expect(parseAmount("1.234", 2)).to.equal(null);
      expect(parseAmount("-1", 6)).to.equal(null);
      expect(parseAmount("abc", 6)).to.equal(null);
    });
  });

  describe("formatMoneyOf", function () {
    it("shows dollars to the cent and other assets with at most six decimals", function () {
      expect(formatMoneyOf("mUSD", 6, 66_666_670_000n)).to.equal("$66,666.67");
      expect(formatMoneyOf("ETH", 18, 19_997_600_287_965_444n)).to.equal("0.019998 ETH");
    });
  });
});
