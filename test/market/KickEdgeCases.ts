import { expect } from "chai";
import { CreditReason } from "../../client/market.ts";
import { ethers, memo, pinNextBlock, SHARE, USD, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  CAROL_SHARES,
  PRICE,
  LISTED,
  DAY,
  WEEK,
  deployWithHolders,
  deployWithBuyer,
  deployWithSecondToken,
  openOffering,
  loadFixture,
  time,
} from "../helpers/listings.js";

describe("ShareMarket: secondary sales and kicks", function () {
  describe("kicking a holder with an unvested grant", function () {
    it("pays only for the vested and bought shares, takes the unvested ones back unpaid and clears the grant", async function () {
      const { market, token, usd, alice, dave } = await loadFixture(deployWithBuyer);
      const start = (await pinNextBlock()) + 100n;
      await expect(token.connect(alice).grant(dave.address, 20_000n * SHARE, start, 0n, 100n * DAY, memo("help")))
        .to.emit(token, "Granted")
        .withArgs(dave.address, 20_000n * SHARE, start, 0n, 100n * DAY, memo("help"));
      // A quarter in: 5,000 of the 20,000 granted shares vested, 15,000 still locked.
      await time.setNextBlockTimestamp(start + 25n * DAY);
      const boughtBack = 15_000n * SHARE; // 10,000 bought + 5,000 vested
      const unvested = 15_000n * SHARE;
      const paid = 120_000n * USD;
      const tx = market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await expect(tx)
        .to.emit(token, "Kicked")
        .withArgs(dave.address, boughtBack, unvested)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), dave.address, PRICE, paid);
      await expect(tx).to.changeTokenBalances(ethers, token, [dave, alice], [-30_000n * SHARE, 30_000n * SHARE]);
      await expect(tx).to.changeTokenBalances(ethers, usd, [alice, market], [-paid, paid]);
      expect(await token.grantOf(dave.address)).to.deep.equal([0n, 0n, 0n, 0n]);
      expect(await token.lockedOf(dave.address)).to.equal(0n);
      expect(await market.withdrawable(dave.address, usd)).to.equal(paid);
    });

    it("returns a grant still before its cliff unpaid", async function () {
      const { market, token, usd, alice, carol } = await loadFixture(deployWithHolders);
      const now = BigInt(await time.latest());
      await token.connect(alice).grant(carol.address, 10_000n * SHARE, now, 30n * DAY, 100n * DAY, memo("help"));
      const tx = market.connect(alice).kick(await token.getAddress(), carol.address, 0n);
      await expect(tx)
        .to.emit(token, "Kicked")
        .withArgs(carol.address, CAROL_SHARES, 10_000n * SHARE)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), carol.address, 0n, 0n);
      await expect(tx).to.changeTokenBalances(ethers, token, [carol, alice], [-60_000n * SHARE, 60_000n * SHARE]);
      expect(await market.withdrawable(carol.address, usd)).to.equal(0n);
      expect(await token.grantOf(carol.address)).to.deep.equal([0n, 0n, 0n, 0n]);
    });
  });

  describe("kicking a holder with a pending all-or-nothing purchase", function () {
    /** As `deployWithBuyer`, plus an all-or-nothing sell-down of 20,000 shares at $8 needing $80,000 in which Dave bought 5,000. */
    async function deployWithPendingPurchase() {
      const f = await deployWithBuyer();
      const { offeringId, end } = await openOffering(f, f.alice, { minRaise: 80_000n * USD });
      await f.market.connect(f.dave).buy(offeringId, 5_000n * SHARE);
      return { ...f, offeringId, end };
    }

    it("refunds it before the end and offers its shares again", async function () {
      const { market, token, usd, usdAddress, alice, carol, dave, offeringId, tokenAddress } =
        await loadFixture(deployWithPendingPurchase);
      expect((await market.offering(offeringId)).sold).to.equal(5_000n * SHARE);
      const tx = market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await expect(tx)
        .to.emit(market, "PurchaseSettled")
        .withArgs(offeringId, tokenAddress, dave.address, usdAddress, 5_000n * SHARE, 40_000n * USD, false);
      await expect(tx)
        .to.emit(market, "Credited")
        .withArgs(dave.address, tokenAddress, usdAddress, 40_000n * USD, CreditReason.Refund);
      await expect(tx)
        .to.emit(market, "Credited")
        .withArgs(dave.address, tokenAddress, usdAddress, 80_000n * USD, CreditReason.Buyback);
      await expect(tx).to.changeTokenBalances(ethers, usd, [alice, market], [-80_000n * USD, 80_000n * USD]);
      expect(await market.withdrawable(dave.address, usd)).to.equal(120_000n * USD);
      const offering = await market.offering(offeringId);
      expect(offering.sold).to.equal(0n);
      expect(offering.raised).to.equal(0n);
      expect(offering.pendingShares).to.equal(0n);
      expect(offering.unsettled).to.equal(0n);
      const position = await market.position(offeringId, dave.address);
      expect([position.bought, position.pendingShares, position.pendingPaid]).to.deep.equal([0n, 0n, 0n]);
      await expect(market.connect(carol).buy(offeringId, 20_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(offeringId, tokenAddress, carol.address, usdAddress, 20_000n * SHARE, 160_000n * USD, false);
    });

    it("refunds it after the end but lets the offering's outcome stand", async function () {
      const { market, token, usd, alice, carol, dave, offeringId, end, tokenAddress, usdAddress } =
        await loadFixture(deployWithPendingPurchase);
      await market.connect(carol).buy(offeringId, 10_000n * SHARE);
      await time.increaseTo(end + 1n);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.emit(market, "PurchaseSettled")
        .withArgs(offeringId, tokenAddress, dave.address, usdAddress, 5_000n * SHARE, 40_000n * USD, false);
      expect(await market.withdrawable(dave.address, usd)).to.equal(120_000n * USD);
      const offering = await market.offering(offeringId);
      expect(offering.sold).to.equal(15_000n * SHARE);
      expect(offering.raised).to.equal(120_000n * USD);
      expect(offering.pendingShares).to.equal(10_000n * SHARE);
      expect(offering.unsettled).to.equal(1n);
      expect((await market.position(offeringId, dave.address)).pendingShares).to.equal(0n);
      await expect(market.settle(offeringId, dave.address))
        .to.be.revertedWithCustomError(market, "NothingToSettle")
        .withArgs(offeringId, dave.address);
      await expect(market.settle(offeringId, carol.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(offeringId, tokenAddress, carol.address, usdAddress, 10_000n * SHARE, 80_000n * USD, true);
      expect(await token.balanceOf(carol.address)).to.equal(CAROL_SHARES + 10_000n * SHARE);
      expect(await market.isFinished(offeringId)).to.equal(true);
    });
  });

  describe("an investor's reputation across kicks", function () {
    it("counts a kick of an investor who bought in the token on-chain", async function () {
      const { market, token, registry, alice, dave } = await loadFixture(deployWithBuyer);
      expect(await registry.kickCount(dave.address)).to.equal(0n);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.emit(registry, "KickRecorded")
        .withArgs(dave.address, 1n);
      expect(await registry.kickCount(dave.address)).to.equal(1n);
    });

    it("counts a kick of an investor who bought in an offering", async function () {
      const f = await loadFixture(deployWithHolders);
      const { offeringId } = await openOffering(f, f.alice, { shares: 1_000n * SHARE });
      await f.market.connect(f.dave).buy(offeringId, 1_000n * SHARE);
      await expect(f.market.connect(f.alice).kick(await f.token.getAddress(), f.dave.address, PRICE))
        .to.emit(f.registry, "KickRecorded")
        .withArgs(f.dave.address, 1n);
      expect(await f.registry.kickCount(f.dave.address)).to.equal(1n);
    });

    it("does not count a kick of a holder who only received transfers", async function () {
      const { market, token, registry, alice, bob, carol } = await loadFixture(deployWithBuyer);
      await expect(market.connect(alice).kick(await token.getAddress(), bob.address, PRICE)).not.to.emit(
        registry,
        "KickRecorded",
      );
      await expect(market.connect(alice).kick(await token.getAddress(), carol.address, PRICE)).not.to.emit(
        registry,
        "KickRecorded",
      );
      expect(await registry.kickCount(bob.address)).to.equal(0n);
      expect(await registry.kickCount(carol.address)).to.equal(0n);
    });

    it("counts one token once: kick, readmit, buy again, kick again still makes 1", async function () {
      const { market, token, tokenAddress, registry, alice, carol, dave } = await loadFixture(deployWithBuyer);
      await market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await token.connect(alice).readmit(dave.address);
      const expiry = BigInt(await time.latest()) + WEEK;
      await market.connect(carol).list(tokenAddress, 1_000n * SHARE, PRICE, ZERO_ADDRESS, expiry);
      await market.connect(alice).approveListing(2n);
      await market.connect(dave).fill(2n, 1_000n * SHARE);
      const tx = market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await expect(tx)
        .to.emit(token, "Kicked")
        .withArgs(dave.address, 1_000n * SHARE, 0n)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), dave.address, PRICE, 8_000n * USD);
      await expect(tx).not.to.emit(registry, "KickRecorded");
      expect(await registry.kickCount(dave.address)).to.equal(1n);
    });

    it("counts a second token that kicks the same investor", async function () {
      const { market, token, zoesToken, zoesTokenAddress, registry, alice, bob, dave, zoe } =
        await loadFixture(deployWithSecondToken);
      await market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      const expiry = BigInt(await time.latest()) + WEEK;
      await market.connect(bob).list(zoesTokenAddress, LISTED, PRICE, ZERO_ADDRESS, expiry);
      const listingId = await market.listingCount();
      await market.connect(zoe).approveListing(listingId);
      await market.connect(dave).fill(listingId, LISTED);
      await expect(market.connect(zoe).kick(await zoesToken.getAddress(), dave.address, PRICE))
        .to.emit(registry, "KickRecorded")
        .withArgs(dave.address, 2n);
      expect(await registry.kickCount(dave.address)).to.equal(2n);
    });

    it("lets only the market record a kick", async function () {
      const { registry, alice, deployer } = await loadFixture(deployWithHolders);
      await expect(registry.connect(alice).recordKick(alice.address))
        .to.be.revertedWithCustomError(registry, "CallerNotMarket")
        .withArgs(alice.address);
      await expect(registry.connect(deployer).recordKick(alice.address))
        .to.be.revertedWithCustomError(registry, "CallerNotMarket")
        .withArgs(deployer.address);
    });

    it("binds the registry's market and the market's factory once, at deployment", async function () {
      const { registry, market, factory, deployer, bob, marketAddress } = await loadFixture(deployWithHolders);
      expect(await registry.market()).to.equal(marketAddress);
      expect(await market.factory()).to.equal(await factory.getAddress());
      await expect(registry.connect(deployer).bindMarket(bob.address))
        .to.be.revertedWithCustomError(registry, "AlreadyBound")
        .withArgs(marketAddress);
      await expect(market.connect(deployer).bindFactory(bob.address))
        .to.be.revertedWithCustomError(market, "AlreadyBound")
        .withArgs(await factory.getAddress());
      await expect(market.connect(bob).bindFactory(bob.address))
        .to.be.revertedWithCustomError(market, "CallerNotDeployer")
        .withArgs(bob.address);
    });

    it("refuses a kick in a token the factory did not create", async function () {
      const { market, alice, bob } = await loadFixture(deployWithHolders);
      await expect(market.connect(alice).kick(alice.address, bob.address, 0n))
        .to.be.revertedWithCustomError(market, "UnknownToken")
        .withArgs(alice.address);
    });
  });
});
