import { expect } from "chai";
import { id } from "ethers";
import {
  ROLE_IDS,
  costOf,
  describeArgs,
  evidenceFromText,
  formatMoneyOf,
  humanArgs,
  parseAmount,
  roleLabel,
  roleNamed,
  textFromWord,
  wordFromText,
} from "../../client/index.ts";
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

  // Checked against ethers' own encodings (the words module uses viem), so the two libraries agree on every record.
  describe("words (memos, reasons, evidence)", function () {
    const LONG = "sale of 2% of ACME Corp to the Series B lead investor";

    it("keeps short text readable on-chain and hashes longer text", function () {
      expect(wordFromText("company-sale")).to.equal(ethers.encodeBytes32String("company-sale"));
      expect(wordFromText(LONG)).to.equal(ethers.keccak256(ethers.toUtf8Bytes(LONG)));
      expect(wordFromText("")).to.equal(ethers.ZeroHash);
      const word = ethers.keccak256("0x01");
      expect(wordFromText(word)).to.equal(word);
    });

    it("always hashes evidence text, even short, so no record reference lands on-chain", function () {
      expect(evidenceFromText("kyc case 1841")).to.equal(ethers.keccak256(ethers.toUtf8Bytes("kyc case 1841")));
      expect(evidenceFromText("")).to.equal(ethers.ZeroHash);
      const hash = ethers.keccak256("0x02");
      expect(evidenceFromText(` ${hash.toUpperCase().replace("0X", "0x")} `)).to.equal(hash);
    });

    it("reads a word back as its text when it is short printable text, else as the word", function () {
      expect(textFromWord(wordFromText("company-sale"))).to.equal("company-sale");
      const hashed = wordFromText(LONG);
      expect(textFromWord(hashed)).to.equal(hashed);
    });
  });

  describe("roles", function () {
    it("names the registry's role ids as the contract computes them", async function () {
      const registry = await ethers.deployContract("InvestorRegistry", [
        ethers.ZeroAddress.replace(/0$/, "1"),
        ethers.ZeroAddress.replace(/0$/, "2"),
        ethers.ZeroAddress.replace(/0$/, "3"),
      ]);
      expect(ROLE_IDS.registrar).to.equal(await registry.REGISTRAR_ROLE());
      expect(ROLE_IDS.arbiter).to.equal(await registry.ARBITER_ROLE());
      expect(ROLE_IDS.admin).to.equal(await registry.DEFAULT_ADMIN_ROLE());
      expect(ROLE_IDS.registrar).to.equal(id("REGISTRAR_ROLE"));
    });

    it("reads a role from a person's words and names an id", function () {
      expect(roleNamed("ARBITER_ROLE")).to.equal("arbiter");
      expect(roleNamed("default_admin")).to.equal("admin");
      expect(roleNamed("owner")).to.equal(undefined);
      expect(roleLabel(ROLE_IDS.registrar.toUpperCase().replace("0X", "0x"))).to.equal("REGISTRAR_ROLE (registrar)");
    });
  });

  describe("error values in human units", function () {
    it("shows shares, basis points, durations and money by parameter name", function () {
      const shown = humanArgs(
        "PurchaseAboveMaximum",
        { cumulative: (6_000n * SHARE).toString(), maximum: (5_000n * SHARE).toString() },
        undefined,
        {},
      );
      expect(describeArgs([{ type: "uint256" }, { type: "uint256" }], shown)).to.equal(
        "cumulative=6,000 shares, maximum=5,000 shares",
      );
      expect(humanArgs("CapTooHigh", { requestedCapBps: "2500" }).requestedCapBps).to.equal("25%");
      expect(humanArgs("X", { cliff: "86400" }).cliff).to.equal("1d");
      expect(
        humanArgs("KickPriceTooLow", { pricePerShare: "5000000" }, undefined, {
          amount: (_c, v) => formatMoneyOf("mUSD", 6, v),
        }).pricePerShare,
      ).to.equal("$5.00");
      expect(humanArgs("KickPriceTooLow", { pricePerShare: "5000000" }).pricePerShare).to.equal("5000000 base units");
    });

    it("names roles and passes addresses through the caller's address book", function () {
      const inputs = [
        { name: "account", type: "address" },
        { name: "neededRole", type: "bytes32" },
      ];
      expect(
        describeArgs(inputs, { account: "0xabc", neededRole: ROLE_IDS.arbiter }, (a) => (a === "0xabc" ? "Alice" : a)),
      ).to.equal("account=Alice, neededRole=ARBITER_ROLE (arbiter)");
    });
  });
});
