import { expect } from "chai";
import { CreditReason } from "../../client/market.ts";
import { ethers, memo, SHARE, USD, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  SUPPLY,
  MAX_OUTSIDE,
  GRACE,
  open,
  deployMarket,
  createZoesToken,
  AON_PRICE,
  MIN_RAISE,
  deployAllOrNothing,
  deployAllOrNothingReached,
  deployAllOrNothingMissed,
  loadFixture,
  time,
} from "../helpers/offerings.js";

describe("ShareMarket offerings", function () {
  describe("All-or-nothing offerings", function () {
    it("holds the payment in the market and records a pending purchase", async function () {
      const { market, token, usd, alice, bob, id, tokenAddress, usdAddress } = await loadFixture(deployAllOrNothing);

      const tx = market.connect(bob).buy(id, 10_000n * SHARE);

      await expect(tx).to.changeTokenBalances(ethers, usd, [bob, alice, market], [-50_000n * USD, 0n, 50_000n * USD]);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [0n, 0n]);
      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 10_000n * SHARE, 50_000n * USD, false);
      await expect(tx).not.to.emit(token, "LastPriceUpdated");
      const position = await market.position(id, bob.address);
      expect(position.bought).to.equal(10_000n * SHARE);
      expect(position.pendingShares).to.equal(10_000n * SHARE);
      expect(position.pendingPaid).to.equal(50_000n * USD);
      const offering = await market.offering(id);
      expect(offering.sold).to.equal(10_000n * SHARE);
      expect(offering.raised).to.equal(50_000n * USD);
      expect(offering.pendingShares).to.equal(10_000n * SHARE);
      expect(offering.unsettled).to.equal(1n);
      const [paid, bought] = await token.purchaseOf(bob.address);
      expect(paid).to.equal(0n);
      expect(bought).to.equal(0n);
      expect(await token.lastPrice()).to.equal(0n);

      // A second purchase by the same buyer adds to its position, not to the count of unsettled buyers.
      await market.connect(bob).buy(id, 2_000n * SHARE);
      const more = await market.position(id, bob.address);
      expect(more.pendingShares).to.equal(12_000n * SHARE);
      expect(more.pendingPaid).to.equal(60_000n * USD);
      expect((await market.offering(id)).unsettled).to.equal(1n);
    });

    it("reserves every offered sell-down share until the end, sold or not", async function () {
      const { token, market, bob, id, terms } = await loadFixture(deployAllOrNothing);

      expect(await token.reservedShares()).to.deep.equal([30_000n * SHARE, false]);
      await market.connect(bob).buy(id, 10_000n * SHARE);
      expect(await token.reservedShares()).to.deep.equal([30_000n * SHARE, false]);
      await time.increaseTo(terms.end);
      expect(await token.reservedShares()).to.deep.equal([30_000n * SHARE, false]);
      // Past the end the minimum ($100,000) was missed: nothing stays reserved.
      await time.increase(1);
      expect(await token.reservedShares()).to.deep.equal([0n, false]);
    });

    it("counts the reservation in the cap when Alice moves her own shares (CapExceeded)", async function () {
      const { token, alice, bob } = await loadFixture(deployAllOrNothing);

      // 170,001 outside + 30,000 reserved > 200,000, although 170,001 alone would fit.
      expect(await token.canTransfer(alice.address, bob.address, 170_001n * SHARE)).to.equal(false);
      await expect(token.connect(alice).transfer(bob.address, 170_001n * SHARE))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(200_001n * SHARE, MAX_OUTSIDE);
      expect(await token.canTransfer(alice.address, bob.address, 170_000n * SHARE)).to.equal(true);
      await token.connect(alice).transfer(bob.address, 170_000n * SHARE);
      expect(await token.balanceOf(bob.address)).to.equal(170_000n * SHARE);
    });

    it("reverts a forced transfer out of Alice's wallet that breaks the cap with the reservation counted", async function () {
      const { market, token, arbiter, alice, bob, id } = await loadFixture(deployAllOrNothing);

      await expect(token.connect(arbiter).forcedTransfer(alice.address, bob.address, 170_001n * SHARE))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(200_001n * SHARE, MAX_OUTSIDE);

      // Once the offering is cancelled nothing is reserved, and the same forced transfer fits the cap.
      await market.connect(alice).cancelOffering(id);
      await expect(token.connect(arbiter).forcedTransfer(alice.address, bob.address, 170_001n * SHARE))
        .to.emit(token, "ForcedTransfer")
        .withArgs(alice.address, bob.address, 170_001n * SHARE);
    });

    it("keeps a sell-down's reserved shares in the owner's wallet, even from the arbiter (ReservedSharesLocked)", async function () {
      // Only a generous cap lets an owner hold fewer shares than she offers: Zoe's token lets 100% out.
      const f = await loadFixture(deployMarket);
      const { zoe, zoeToken } = await createZoesToken(f, f.usdAddress, 100_000n * SHARE, 10_000);
      await open(f.market, zoe, zoeToken, { shares: 30_000n * SHARE, price: USD, maxPerInvestor: 0n, minRaise: USD });

      // For her own moves the reserved shares are locked; a forced transfer meets the reservation itself.
      await expect(zoeToken.connect(zoe).transfer(f.bob.address, 70_001n * SHARE))
        .to.be.revertedWithCustomError(zoeToken, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(zoe.address, 70_001n * SHARE, 70_000n * SHARE);
      await expect(zoeToken.connect(f.arbiter).forcedTransfer(zoe.address, f.bob.address, 70_001n * SHARE))
        .to.be.revertedWithCustomError(zoeToken, "ReservedSharesLocked")
        .withArgs(29_999n * SHARE, 30_000n * SHARE);
      await zoeToken.connect(zoe).transfer(f.bob.address, 70_000n * SHARE);
      expect(await zoeToken.balanceOf(zoe.address)).to.equal(30_000n * SHARE);
      expect(await zoeToken.canTransfer(zoe.address, f.bob.address, 1n)).to.equal(false);
    });

    it("refuses to settle before the end (OfferingNotEnded)", async function () {
      const { market, bob, id, terms } = await loadFixture(deployAllOrNothing);
      await market.connect(bob).buy(id, 10_000n * SHARE);

      await expect(market.settle(id, bob.address))
        .to.be.revertedWithCustomError(market, "OfferingNotEnded")
        .withArgs(id);
      await time.setNextBlockTimestamp(terms.end);
      await expect(market.settle(id, bob.address))
        .to.be.revertedWithCustomError(market, "OfferingNotEnded")
        .withArgs(id);
    });

    it("delivers the shares and credits Alice when the minimum was raised; anyone may settle", async function () {
      const { market, token, usd, alice, bob, carol, dave, id, usdAddress, tokenAddress } =
        await loadFixture(deployAllOrNothingReached);
      await time.increase(1);
      expect(await token.reservedShares()).to.deep.equal([20_000n * SHARE, false]);
      expect(await market.isFinished(id)).to.equal(false);

      const tx = market.connect(dave).settle(id, bob.address);

      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [-10_000n * SHARE, 10_000n * SHARE]);
      await expect(tx).to.changeTokenBalances(ethers, usd, [market, alice, bob], [0n, 0n, 0n]);
      await expect(tx)
        .to.emit(market, "Credited")
        .withArgs(alice.address, tokenAddress, usdAddress, 50_000n * USD, CreditReason.SaleProceeds);
      await expect(tx)
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 10_000n * SHARE, 50_000n * USD, true);
      await expect(tx).to.emit(token, "LastPriceUpdated").withArgs(AON_PRICE);
      expect(await token.lastPrice()).to.equal(AON_PRICE);
      expect(await market.withdrawable(alice.address, usdAddress)).to.equal(50_000n * USD);
      const position = await market.position(id, bob.address);
      expect(position.bought).to.equal(10_000n * SHARE);
      expect(position.pendingShares).to.equal(0n);
      expect(position.pendingPaid).to.equal(0n);
      const [paid, bought] = await token.purchaseOf(bob.address);
      expect(paid).to.equal(50_000n * USD);
      expect(bought).to.equal(10_000n * SHARE);
      // Carol's purchase is still pending, so its shares stay reserved.
      expect(await token.reservedShares()).to.deep.equal([10_000n * SHARE, false]);
      const offering = await market.offering(id);
      expect(offering.pendingShares).to.equal(10_000n * SHARE);
      expect(offering.unsettled).to.equal(1n);
      expect(await market.isFinished(id)).to.equal(false);

      await market.connect(bob).settle(id, carol.address);
      expect(await token.balanceOf(carol.address)).to.equal(10_000n * SHARE);
      expect(await token.reservedShares()).to.deep.equal([0n, false]);
      expect(await market.isFinished(id)).to.equal(true);
      expect(await market.withdrawable(alice.address, usdAddress)).to.equal(MIN_RAISE);
      await expect(market.connect(alice).withdraw(usdAddress, alice.address)).to.changeTokenBalances(
        ethers,
        usd,
        [market, alice],
        [-MIN_RAISE, MIN_RAISE],
      );
    });

    it("refunds the buyer when the minimum was missed; the refund is withdrawable even once banned", async function () {
      const { market, token, usd, alice, bob, carol, registry, registrar, id, usdAddress, tokenAddress } =
        await loadFixture(deployAllOrNothingMissed);
      await time.increase(1);
      expect(await market.isFinished(id)).to.equal(false);

      const tx = market.connect(carol).settle(id, bob.address);

      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [0n, 0n]);
      await expect(tx)
        .to.emit(market, "Credited")
        .withArgs(bob.address, tokenAddress, usdAddress, 50_000n * USD, CreditReason.Refund);
      await expect(tx)
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 10_000n * SHARE, 50_000n * USD, false);
      await expect(tx).not.to.emit(token, "LastPriceUpdated");
      expect(await market.withdrawable(bob.address, usdAddress)).to.equal(50_000n * USD);
      expect(await market.withdrawable(alice.address, usdAddress)).to.equal(0n);
      expect(await market.isFinished(id)).to.equal(true);
      const [paid, bought] = await token.purchaseOf(bob.address);
      expect(paid).to.equal(0n);
      expect(bought).to.equal(0n);

      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      const withdrawal = market.connect(bob).withdraw(usdAddress, bob.address);
      await expect(withdrawal).to.changeTokenBalances(ethers, usd, [market, bob], [-50_000n * USD, 50_000n * USD]);
      await expect(withdrawal)
        .to.emit(market, "Withdrawn")
        .withArgs(bob.address, usdAddress, bob.address, 50_000n * USD);
    });

    it("refunds at once after a cancellation, even with the minimum raised and while paused", async function () {
      const { market, token, alice, arbiter, bob, carol, dave, id, usdAddress, tokenAddress } =
        await loadFixture(deployAllOrNothing);
      await market.connect(bob).buy(id, 10_000n * SHARE);
      await market.connect(carol).buy(id, 10_000n * SHARE);
      await market.connect(alice).cancelOffering(id);
      expect(await token.reservedShares()).to.deep.equal([0n, false]);

      await expect(market.connect(dave).settle(id, bob.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 10_000n * SHARE, 50_000n * USD, false);
      await token.connect(arbiter).pause();
      await expect(market.connect(dave).settle(id, carol.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, carol.address, usdAddress, 10_000n * SHARE, 50_000n * USD, false);

      expect(await market.withdrawable(bob.address, usdAddress)).to.equal(50_000n * USD);
      expect(await market.withdrawable(carol.address, usdAddress)).to.equal(50_000n * USD);
      expect(await market.withdrawable(alice.address, usdAddress)).to.equal(0n);
      expect(await token.balanceOf(bob.address)).to.equal(0n);
      expect(await token.balanceOf(carol.address)).to.equal(0n);
    });

    it("lets only the buyer turn a paused delivery into a refund, and delivers once unpaused", async function () {
      const { market, token, arbiter, bob, mallory, id, terms, tokenAddress, usdAddress } =
        await loadFixture(deployAllOrNothingReached);
      await token.connect(arbiter).pause();

      await expect(market.connect(mallory).settle(id, bob.address))
        .to.be.revertedWithCustomError(market, "RefundReservedForBuyer")
        .withArgs(id, bob.address, terms.end + GRACE);
      expect((await market.position(id, bob.address)).pendingShares).to.equal(10_000n * SHARE);

      await token.connect(arbiter).unpause();
      await expect(market.settle(id, bob.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 10_000n * SHARE, 50_000n * USD, true);
    });

    it("refunds a buyer who can no longer receive; what buyers paid equals what Alice got plus the refunds", async function () {
      const { market, token, usd, registry, registrar, alice, bob, carol, dave, id, terms, usdAddress, tokenAddress } =
        await loadFixture(deployAllOrNothing);
      await market.connect(bob).buy(id, 10_000n * SHARE); // $50,000
      await market.connect(carol).buy(id, 8_000n * SHARE); // $40,000
      await market.connect(dave).buy(id, 6_000n * SHARE); // $30,000
      expect(await usd.balanceOf(await market.getAddress())).to.equal(120_000n * USD);
      await registry.connect(registrar).revoke(bob.address, memo("expired kyc"));
      await time.increaseTo(terms.end + 1n);

      // Bob lapsed: a stranger cannot turn his purchase into a refund, Bob himself can.
      await expect(market.connect(carol).settle(id, bob.address))
        .to.be.revertedWithCustomError(market, "RefundReservedForBuyer")
        .withArgs(id, bob.address, terms.end + GRACE);
      await expect(market.connect(bob).settle(id, bob.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 10_000n * SHARE, 50_000n * USD, false);
      await expect(market.settle(id, carol.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, carol.address, usdAddress, 8_000n * SHARE, 40_000n * USD, true);
      await expect(market.settle(id, dave.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, dave.address, usdAddress, 6_000n * SHARE, 30_000n * USD, true);

      const credited = await market.withdrawable(alice.address, usdAddress);
      const refunded = await market.withdrawable(bob.address, usdAddress);
      expect(credited).to.equal(70_000n * USD);
      expect(refunded).to.equal(50_000n * USD);
      expect((await market.offering(id)).raised).to.equal(credited + refunded);
      expect(await usd.balanceOf(await market.getAddress())).to.equal(credited + refunded);
      expect(await token.balanceOf(bob.address)).to.equal(0n);
      expect(await token.balanceOf(carol.address)).to.equal(8_000n * SHARE);
      expect(await token.balanceOf(dave.address)).to.equal(6_000n * SHARE);
      expect(await token.balanceOf(alice.address)).to.equal(SUPPLY - 14_000n * SHARE);
      expect(await market.isFinished(id)).to.equal(true);
    });

    it("has nothing to settle twice, nor for someone who did not buy (NothingToSettle)", async function () {
      const { market, bob, mallory, id } = await loadFixture(deployAllOrNothingReached);
      await market.settle(id, bob.address);

      await expect(market.settle(id, bob.address))
        .to.be.revertedWithCustomError(market, "NothingToSettle")
        .withArgs(id, bob.address);
      await expect(market.settle(id, mallory.address))
        .to.be.revertedWithCustomError(market, "NothingToSettle")
        .withArgs(id, mallory.address);
      await expect(market.settle(999n, bob.address))
        .to.be.revertedWithCustomError(market, "UnknownOffering")
        .withArgs(999n);
    });

    it("is finished only once its end has passed and every purchase is settled", async function () {
      const { market, token, alice, bob } = await loadFixture(deployMarket);
      const aon = { price: AON_PRICE, maxPerInvestor: 0n, minRaise: MIN_RAISE };
      const { id, terms } = await open(market, alice, token, aon, [], false);

      expect(await market.isFinished(id)).to.equal(false);
      await time.increaseTo(terms.start);
      await market.connect(bob).buy(id, 20_000n * SHARE);
      expect(await market.isFinished(id)).to.equal(false);
      await time.increaseTo(terms.end + 1n);
      expect(await market.isFinished(id)).to.equal(false);
      await market.settle(id, bob.address);
      expect(await market.isFinished(id)).to.equal(true);
    });

    it("reserves a dilutive offering's shares against the grown supply, then mints them at settlement", async function () {
      const { market, token, alice, bob, usdAddress } = await loadFixture(deployMarket);
      const { id, terms } = await open(market, alice, token, {
        shares: 50_000n * SHARE,
        price: AON_PRICE,
        maxPerInvestor: 0n,
        minRaise: MIN_RAISE,
        dilutive: true,
      });
      expect(await token.reservedShares()).to.deep.equal([50_000n * SHARE, true]);
      // 160,001 outside + 50,000 reserved > 20% of (1,000,000 + 50,000).
      await expect(token.connect(alice).transfer(bob.address, 160_001n * SHARE))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(210_001n * SHARE, 210_000n * SHARE);

      await market.connect(bob).buy(id, 20_000n * SHARE);
      expect(await token.totalSupply()).to.equal(SUPPLY);
      await time.increaseTo(terms.end + 1n);
      expect(await token.reservedShares()).to.deep.equal([20_000n * SHARE, true]);

      const tx = market.settle(id, bob.address);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [0n, 20_000n * SHARE]);
      await expect(tx)
        .to.emit(token, "Transfer")
        .withArgs(ZERO_ADDRESS, bob.address, 20_000n * SHARE);
      expect(await token.totalSupply()).to.equal(SUPPLY + 20_000n * SHARE);
      expect((await token.reservedShares())[0]).to.equal(0n);
      expect(await market.withdrawable(alice.address, usdAddress)).to.equal(MIN_RAISE);
    });
  });
});
