import { expect } from "chai";
import { ethers, SHARE } from "../helpers/fixtures.js";
import {
  SUPPLY,
  SEED_PRICE,
  TEN_THOUSAND_AT_SEED,
  deploySellDown,
  deployNotStarted,
  loadFixture,
  time,
} from "../helpers/offerings.js";

describe("ShareMarket offerings", function () {
  describe("Investors buy in a plain sell-down offering", function () {
    it("moves 10,000 shares from Alice to Bob and $66,666.67 from Bob to Alice in one transaction", async function () {
      const { market, token, usd, alice, bob, id, tokenAddress, usdAddress } = await loadFixture(deploySellDown);

      const tx = market.connect(bob).buy(id, 10_000n * SHARE);

      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [-10_000n * SHARE, 10_000n * SHARE]);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usd,
        [bob, alice, market],
        [-TEN_THOUSAND_AT_SEED, TEN_THOUSAND_AT_SEED, 0n],
      );
      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 10_000n * SHARE, TEN_THOUSAND_AT_SEED, true);
      await expect(tx).to.emit(token, "LastPriceUpdated").withArgs(SEED_PRICE);
      await expect(tx).not.to.emit(market, "Credited");
      expect(await token.lastPrice()).to.equal(SEED_PRICE);
      expect(await market.withdrawable(alice.address, usdAddress)).to.equal(0n);
    });

    it("records the purchases in the offering, the buyer's position and the token's purchase record", async function () {
      const { market, token, bob, id } = await loadFixture(deploySellDown);

      await market.connect(bob).buy(id, 4_000n * SHARE); // $26,666.668
      await market.connect(bob).buy(id, 6_000n * SHARE); // $40,000.002

      const offering = await market.offering(id);
      expect(offering.sold).to.equal(10_000n * SHARE);
      expect(offering.raised).to.equal(TEN_THOUSAND_AT_SEED);
      expect(offering.pendingShares).to.equal(0n);
      expect(offering.unsettled).to.equal(0n);
      const position = await market.position(id, bob.address);
      expect(position.bought).to.equal(10_000n * SHARE);
      expect(position.pendingShares).to.equal(0n);
      expect(position.pendingPaid).to.equal(0n);
      const [paid, bought] = await token.purchaseOf(bob.address);
      expect(paid).to.equal(26_666_668_000n + 40_000_002_000n);
      expect(bought).to.equal(10_000n * SHARE);
      expect(await token.averagePurchasePrice(bob.address)).to.equal(SEED_PRICE);
    });

    it("rounds the amount due up to the next quote unit", async function () {
      const { market, token, usd, alice, bob, id, tokenAddress, usdAddress } = await loadFixture(deploySellDown);

      // 1,234.5 shares × $6.666667 = $8,230.0004115, charged as $8,230.000412.
      const tx = market.connect(bob).buy(id, 1_234_500n * 10n ** 15n);
      await expect(tx).to.changeTokenBalances(ethers, usd, [bob, alice], [-8_230_000_412n, 8_230_000_412n]);
      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 1_234_500n * 10n ** 15n, 8_230_000_412n, true);

      // A single share unit costs one quote unit, not zero; being dust, it does not set the price.
      const dust = market.connect(bob).buy(id, 1n);
      await expect(dust).to.changeTokenBalances(ethers, usd, [bob, alice], [-1n, 1n]);
      await expect(dust).to.emit(market, "Purchased").withArgs(id, tokenAddress, bob.address, usdAddress, 1n, 1n, true);
      await expect(dust).not.to.emit(token, "LastPriceUpdated");
    });

    it("sells the seed's 30,000 shares to three mentors for $200,000.01 in all", async function () {
      const { market, token, usd, alice, bob, carol, dave, id, tokenAddress, usdAddress } =
        await loadFixture(deploySellDown);

      for (const mentor of [bob, carol, dave]) {
        await expect(market.connect(mentor).buy(id, 10_000n * SHARE))
          .to.emit(market, "Purchased")
          .withArgs(id, tokenAddress, mentor.address, usdAddress, 10_000n * SHARE, TEN_THOUSAND_AT_SEED, true);
        expect(await token.balanceOf(mentor.address)).to.equal(10_000n * SHARE);
      }

      expect(await usd.balanceOf(alice.address)).to.equal(200_000_010_000n);
      expect(await token.balanceOf(alice.address)).to.equal(SUPPLY - 30_000n * SHARE);
      const offering = await market.offering(id);
      expect(offering.sold).to.equal(30_000n * SHARE);
      expect(offering.raised).to.equal(200_000_010_000n);
    });

    it("accepts purchases at exactly the start and at exactly the end", async function () {
      const { market, bob, carol, id, terms, tokenAddress, usdAddress } = await loadFixture(deployNotStarted);

      await time.setNextBlockTimestamp(terms.start);
      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 1_000n * SHARE, 6_666_667_000n, true);
      await time.setNextBlockTimestamp(terms.end);
      await expect(market.connect(carol).buy(id, 1_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, carol.address, usdAddress, 1_000n * SHARE, 6_666_667_000n, true);
    });
  });
});
