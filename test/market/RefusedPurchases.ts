import { expect } from "chai";
import { ethers, memo, SHARE, USD } from "../helpers/fixtures.js";
import {
  SEED_PRICE,
  open,
  deployMarket,
  deploySellDown,
  deployNotStarted,
  deployFeeQuotedToken,
  loadFixture,
  time,
} from "../helpers/offerings.js";

describe("ShareMarket offerings", function () {
  describe("Purchases the market refuses", function () {
    it("refuses a purchase before the start (OfferingNotStarted)", async function () {
      const { market, bob, id, terms } = await loadFixture(deployNotStarted);

      await time.setNextBlockTimestamp(terms.start - 1n);
      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "OfferingNotStarted")
        .withArgs(id, terms.start);
    });

    it("refuses a purchase after the end (OfferingEnded)", async function () {
      const { market, bob, id, terms } = await loadFixture(deploySellDown);

      await time.setNextBlockTimestamp(terms.end + 1n);
      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "OfferingEnded")
        .withArgs(id, terms.end);
    });

    it("refuses a purchase in a cancelled offering (OfferingIsCancelled)", async function () {
      const { market, alice, bob, id } = await loadFixture(deploySellDown);
      await market.connect(alice).cancelOffering(id);

      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "OfferingIsCancelled")
        .withArgs(id);
    });

    it("refuses an unknown offering (UnknownOffering)", async function () {
      const { market, bob } = await loadFixture(deploySellDown);

      for (const id of [0n, 999n]) {
        await expect(market.connect(bob).buy(id, 1_000n * SHARE))
          .to.be.revertedWithCustomError(market, "UnknownOffering")
          .withArgs(id);
      }
    });

    it("refuses to buy zero shares (ZeroAmount)", async function () {
      const { market, bob, id } = await loadFixture(deploySellDown);

      await expect(market.connect(bob).buy(id, 0n)).to.be.revertedWithCustomError(market, "ZeroAmount").withArgs();
    });

    it("refuses purchases while the token is paused (EnforcedPause), and accepts them again once unpaused", async function () {
      const { market, token, arbiter, bob, id, tokenAddress, usdAddress } = await loadFixture(deploySellDown);
      await token.connect(arbiter).pause();

      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "EnforcedPause")
        .withArgs();

      await token.connect(arbiter).unpause();
      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 1_000n * SHARE, 6_666_667_000n, true);
    });

    it("refuses the owner buying her own shares (OwnerCannotBuy)", async function () {
      const { market, usd, alice, id, marketAddress } = await loadFixture(deploySellDown);
      await usd.mint(alice.address, 1_000_000n * USD);
      await usd.connect(alice).approve(marketAddress, ethers.MaxUint256);

      await expect(market.connect(alice).buy(id, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "OwnerCannotBuy")
        .withArgs(alice.address);
    });

    it("refuses an unverified buyer, with the token's receiver error (ERC7943CannotReceive)", async function () {
      const { market, usd, mallory, id, marketAddress } = await loadFixture(deploySellDown);
      await usd.mint(mallory.address, 1_000_000n * USD);
      await usd.connect(mallory).approve(marketAddress, ethers.MaxUint256);

      await expect(market.connect(mallory).buy(id, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "ERC7943CannotReceive")
        .withArgs(mallory.address);
    });

    it("refuses a banned buyer (ERC7943CannotReceive)", async function () {
      const { market, registry, registrar, carol, id } = await loadFixture(deploySellDown);
      await registry.connect(registrar).ban(carol.address, memo("fraud"));

      await expect(market.connect(carol).buy(id, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "ERC7943CannotReceive")
        .withArgs(carol.address);
    });

    it("refuses a buyer Alice kicked out, until she readmits it (ReceiverKicked)", async function () {
      const { market, token, usd, alice, bob, id, marketAddress, tokenAddress, usdAddress } =
        await loadFixture(deploySellDown);
      await market.connect(bob).buy(id, 100n * SHARE);
      await usd.connect(alice).approve(marketAddress, ethers.MaxUint256);
      await market.connect(alice).kick(await token.getAddress(), bob.address, SEED_PRICE);

      await expect(market.connect(bob).buy(id, 100n * SHARE))
        .to.be.revertedWithCustomError(market, "ReceiverKicked")
        .withArgs(bob.address);

      await token.connect(alice).readmit(bob.address);
      await expect(market.connect(bob).buy(id, 100n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 100n * SHARE, 666_666_700n, true);
    });

    it("refuses a buyer who is not on the offering's allowlist (BuyerNotAllowlisted)", async function () {
      const { market, token, alice, bob, carol, tokenAddress, usdAddress } = await loadFixture(deployMarket);
      const { id } = await open(market, alice, token, {}, [bob.address]);

      await expect(market.connect(carol).buy(id, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "BuyerNotAllowlisted")
        .withArgs(id, carol.address);
      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 1_000n * SHARE, 6_666_667_000n, true);
    });

    it("refuses more shares than are left (NotEnoughShares)", async function () {
      const { market, token, alice, bob, carol } = await loadFixture(deployMarket);
      const { id } = await open(market, alice, token, { maxPerInvestor: 0n });
      await market.connect(bob).buy(id, 25_000n * SHARE);

      await expect(market.connect(carol).buy(id, 6_000n * SHARE))
        .to.be.revertedWithCustomError(market, "NotEnoughShares")
        .withArgs(6_000n * SHARE, 5_000n * SHARE);

      await market.connect(carol).buy(id, 5_000n * SHARE);
      await expect(market.connect(carol).buy(id, 1n))
        .to.be.revertedWithCustomError(market, "NotEnoughShares")
        .withArgs(1n, 0n);
    });

    it("refuses a purchase that takes the buyer's cumulative total above the maximum (PurchaseAboveMaximum)", async function () {
      const { market, token, alice, bob } = await loadFixture(deployMarket);
      const { id } = await open(market, alice, token, { minPerInvestor: 1_000n * SHARE });
      await market.connect(bob).buy(id, 6_000n * SHARE);

      await expect(market.connect(bob).buy(id, 4_000n * SHARE + 1n))
        .to.be.revertedWithCustomError(market, "PurchaseAboveMaximum")
        .withArgs(10_000n * SHARE + 1n, 10_000n * SHARE);
      await market.connect(bob).buy(id, 4_000n * SHARE);
      expect((await market.position(id, bob.address)).bought).to.equal(10_000n * SHARE);
    });

    it("refuses a purchase that leaves the buyer below the minimum, but not once it has reached it", async function () {
      const { market, token, alice, bob, tokenAddress, usdAddress } = await loadFixture(deployMarket);
      const { id } = await open(market, alice, token, { minPerInvestor: 1_000n * SHARE });

      await expect(market.connect(bob).buy(id, 999n * SHARE))
        .to.be.revertedWithCustomError(market, "PurchaseBelowMinimum")
        .withArgs(999n * SHARE, 1_000n * SHARE);
      await market.connect(bob).buy(id, 1_000n * SHARE);
      // The minimum is cumulative: a small top-up is fine.
      await expect(market.connect(bob).buy(id, 1n))
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 1n, 1n, true);
    });

    it("lets a buyer go below the minimum only to take all remaining shares, never above the maximum", async function () {
      const { market, token, alice, bob, carol, dave, erin, tokenAddress, usdAddress } =
        await loadFixture(deployMarket);
      const { id } = await open(market, alice, token, { minPerInvestor: 1_000n * SHARE, price: 5n * USD });
      await market.connect(bob).buy(id, 10_000n * SHARE);
      await market.connect(carol).buy(id, 10_000n * SHARE);
      await market.connect(dave).buy(id, 9_500n * SHARE);

      await expect(market.connect(erin).buy(id, 499n * SHARE))
        .to.be.revertedWithCustomError(market, "PurchaseBelowMinimum")
        .withArgs(499n * SHARE, 1_000n * SHARE);
      // Taking all that is left waives the minimum, not the maximum.
      await expect(market.connect(carol).buy(id, 500n * SHARE))
        .to.be.revertedWithCustomError(market, "PurchaseAboveMaximum")
        .withArgs(10_500n * SHARE, 10_000n * SHARE);
      await expect(market.connect(erin).buy(id, 500n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, erin.address, usdAddress, 500n * SHARE, 2_500n * USD, true);
      expect((await market.offering(id)).sold).to.equal(30_000n * SHARE);
    });

    it("refuses a quote asset that charges a fee on transfer (PaymentShortfall)", async function () {
      const { market, zoe, zoeToken, fee, bob } = await loadFixture(deployFeeQuotedToken);
      const { id } = await open(market, zoe, zoeToken, { shares: 1_000n * SHARE, price: SHARE, maxPerInvestor: 0n });

      // 10 shares at 1 FEE each: Zoe would receive 9.9.
      await expect(market.connect(bob).buy(id, 10n * SHARE))
        .to.be.revertedWithCustomError(market, "PaymentShortfall")
        .withArgs(10n * SHARE, 99n * 10n ** 17n);
      expect(await fee.balanceOf(bob.address)).to.equal(1_000n * SHARE);
      expect(await zoeToken.balanceOf(bob.address)).to.equal(0n);
    });

    it("refuses a fee-on-transfer payment into the market's all-or-nothing escrow too (PaymentShortfall)", async function () {
      const { market, zoe, zoeToken, bob } = await loadFixture(deployFeeQuotedToken);
      const { id } = await open(market, zoe, zoeToken, {
        shares: 1_000n * SHARE,
        price: SHARE,
        maxPerInvestor: 0n,
        minRaise: 100n * SHARE,
      });

      await expect(market.connect(bob).buy(id, 10n * SHARE))
        .to.be.revertedWithCustomError(market, "PaymentShortfall")
        .withArgs(10n * SHARE, 99n * 10n ** 17n);
    });

    it("refuses ETH sent with a purchase paid in an ERC-20 (EthValueMismatch)", async function () {
      const { market, bob, id } = await loadFixture(deploySellDown);

      await expect(market.connect(bob).buy(id, 1_000n * SHARE, { value: 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch")
        .withArgs(1n, 0n);
    });
  });
});
