import { expect } from "chai";
import { ethers, SHARE, USD, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  SUPPLY,
  DAY,
  termsFor,
  open,
  deployMarket,
  PRO_RATA_SUPPLY,
  BOB_HOLDING,
  CAROL_HOLDING,
  entitlement,
  deployProRata,
  loadFixture,
  time,
} from "../helpers/offerings.js";

describe("ShareMarket offerings", function () {
  describe("A dilutive offering mints new shares", function () {
    it("mints the purchased shares: Alice keeps her balance, the supply grows, she is paid", async function () {
      const { market, token, usd, alice, bob, tokenAddress, usdAddress } = await loadFixture(deployMarket);
      const { id } = await open(market, alice, token, {
        shares: 100_000n * SHARE,
        price: 5n * USD,
        maxPerInvestor: 0n,
        dilutive: true,
      });

      const tx = market.connect(bob).buy(id, 50_000n * SHARE);

      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [0n, 50_000n * SHARE]);
      await expect(tx).to.changeTokenBalances(ethers, usd, [bob, alice], [-250_000n * USD, 250_000n * USD]);
      await expect(tx)
        .to.emit(token, "Transfer")
        .withArgs(ZERO_ADDRESS, bob.address, 50_000n * SHARE);
      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 50_000n * SHARE, 250_000n * USD, true);
      await expect(tx)
        .to.emit(token, "LastPriceUpdated")
        .withArgs(5n * USD);
      expect(await token.totalSupply()).to.equal(SUPPLY + 50_000n * SHARE);
      expect(await token.outsideShares()).to.equal(50_000n * SHARE);
    });

    it("sells up to the cap of the grown supply, which then binds every later move", async function () {
      const { market, token, alice, bob, carol, dave } = await loadFixture(deployMarket);
      const { id, terms } = await open(market, alice, token, {
        shares: 250_000n * SHARE,
        price: USD,
        maxPerInvestor: 0n,
        dilutive: true,
      });
      await market.connect(bob).buy(id, 100_000n * SHARE);
      await market.connect(carol).buy(id, 100_000n * SHARE);
      await market.connect(dave).buy(id, 50_000n * SHARE);

      expect(await token.totalSupply()).to.equal(1_250_000n * SHARE);
      expect(await token.outsideShares()).to.equal(250_000n * SHARE); // exactly 20%
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(250_000n * SHARE + 1n, 250_000n * SHARE);
      await time.increaseTo(terms.end + 1n);
      const next = await termsFor(token, { shares: 1n * SHARE });
      await expect(market.connect(alice).openOffering(next, []))
        .to.be.revertedWithCustomError(market, "OfferingExceedsCap")
        .withArgs(250_001n * SHARE, 250_000n * SHARE);
    });
  });

  describe("Holders' pro-rata priority window", function () {
    it("records the supply at opening, and every holder but the owner starts with the right", async function () {
      const { market, token, alice, bob, carol, dave, id } = await loadFixture(deployProRata);

      expect((await market.offering(id)).supplyAtOpening).to.equal(PRO_RATA_SUPPLY);
      expect(await token.hasProRataRight(bob.address)).to.equal(true);
      expect(await token.hasProRataRight(carol.address)).to.equal(true);
      expect(await token.hasProRataRight(dave.address)).to.equal(true);
      expect(await token.hasProRataRight(alice.address)).to.equal(false);
      await expect(market.connect(alice).buy(id, 1n))
        .to.be.revertedWithCustomError(market, "OwnerCannotBuy")
        .withArgs(alice.address);
    });

    it("lets a holder buy up to floor((balance − delivered) × offered / supply at opening) in total", async function () {
      const { market, token, carol, id } = await loadFixture(deployProRata);
      const entitled = entitlement(CAROL_HOLDING); // 2,499.9975… shares, rounded down to the unit
      expect(entitled).to.equal(2_499_997_500_002_499_997_500n);

      await expect(market.connect(carol).buy(id, entitled + 1n))
        .to.be.revertedWithCustomError(market, "PurchaseAboveEntitlement")
        .withArgs(entitled + 1n, entitled);
      await market.connect(carol).buy(id, 1_000n * SHARE);
      // Carol's balance grew by the delivered 1,000 shares; they do not raise her entitlement.
      await expect(market.connect(carol).buy(id, entitled - 1_000n * SHARE + 1n))
        .to.be.revertedWithCustomError(market, "PurchaseAboveEntitlement")
        .withArgs(entitled + 1n, entitled);
      await market.connect(carol).buy(id, entitled - 1_000n * SHARE);
      await expect(market.connect(carol).buy(id, 1n))
        .to.be.revertedWithCustomError(market, "PurchaseAboveEntitlement")
        .withArgs(entitled + 1n, entitled);

      expect(await token.balanceOf(carol.address)).to.equal(CAROL_HOLDING + entitled);
      expect((await market.position(id, carol.address)).bought).to.equal(entitled);
    });

    it("lets a holder with the right buy below the minimum and without being on the allowlist", async function () {
      const { market, token, usd, alice, carol, id, tokenAddress, usdAddress } = await loadFixture(deployProRata);
      expect(await market.isAllowlisted(id, carol.address)).to.equal(false);

      // 1,000 shares: below the 3,000 minimum.
      const tx = market.connect(carol).buy(id, 1_000n * SHARE);

      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, carol.address, usdAddress, 1_000n * SHARE, 5_000n * USD, true);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, carol], [0n, 1_000n * SHARE]);
      await expect(tx).to.changeTokenBalances(ethers, usd, [carol, alice], [-5_000n * USD, 5_000n * USD]);
      expect(await token.totalSupply()).to.equal(PRO_RATA_SUPPLY + 1_000n * SHARE);
    });

    it("still holds a holder with the right to the maximum per investor", async function () {
      const { market, bob, id, tokenAddress, usdAddress } = await loadFixture(deployProRata);
      // Bob's entitlement (4,999.995… shares) is above the 4,000 maximum, which wins.
      expect(entitlement(BOB_HOLDING)).to.be.greaterThan(4_000n * SHARE);

      await expect(market.connect(bob).buy(id, 4_000n * SHARE + 1n))
        .to.be.revertedWithCustomError(market, "PurchaseAboveMaximum")
        .withArgs(4_000n * SHARE + 1n, 4_000n * SHARE);
      await expect(market.connect(bob).buy(id, 4_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 4_000n * SHARE, 20_000n * USD, true);
    });

    it("refuses a holder whose right was revoked during the window, and lets it buy after under the ordinary limits", async function () {
      const { market, token, alice, bob, id, terms, tokenAddress, usdAddress } = await loadFixture(deployProRata);

      await expect(token.connect(alice).setProRataRight(bob.address, false))
        .to.emit(token, "ProRataRightSet")
        .withArgs(bob.address, false);
      expect(await token.hasProRataRight(bob.address)).to.equal(false);
      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "ProRataRightRevoked")
        .withArgs(bob.address);
      await time.setNextBlockTimestamp(terms.start + DAY - 1n);
      await expect(market.connect(bob).buy(id, 3_000n * SHARE))
        .to.be.revertedWithCustomError(market, "ProRataRightRevoked")
        .withArgs(bob.address);

      // From start + window on, the allowlist (Bob is on it) and the 3,000–4,000 limits apply.
      await time.setNextBlockTimestamp(terms.start + DAY);
      await expect(market.connect(bob).buy(id, 2_000n * SHARE))
        .to.be.revertedWithCustomError(market, "PurchaseBelowMinimum")
        .withArgs(2_000n * SHARE, 3_000n * SHARE);
      await expect(market.connect(bob).buy(id, 3_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 3_000n * SHARE, 15_000n * USD, true);
    });

    it("restores a revoked right when Alice grants it again", async function () {
      const { market, token, alice, bob, id, tokenAddress, usdAddress } = await loadFixture(deployProRata);
      await token.connect(alice).setProRataRight(bob.address, false);

      await expect(token.connect(alice).setProRataRight(bob.address, true))
        .to.emit(token, "ProRataRightSet")
        .withArgs(bob.address, true);
      expect(await token.hasProRataRight(bob.address)).to.equal(true);
      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 1_000n * SHARE, 5_000n * USD, true);
    });

    it("refuses a non-holder during the window (PriorityWindowForHolders), even if allowlisted, and lets it buy after", async function () {
      const { market, dave, id, terms, tokenAddress, usdAddress } = await loadFixture(deployProRata);
      expect(await market.isAllowlisted(id, dave.address)).to.equal(true);

      await expect(market.connect(dave).buy(id, 3_000n * SHARE))
        .to.be.revertedWithCustomError(market, "PriorityWindowForHolders")
        .withArgs(dave.address, terms.start + DAY);

      await time.increaseTo(terms.start + DAY);
      await expect(market.connect(dave).buy(id, 3_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, tokenAddress, dave.address, usdAddress, 3_000n * SHARE, 15_000n * USD, true);
    });

    it("refuses a holder not on the allowlist once the window is over", async function () {
      const { market, carol, id, terms } = await loadFixture(deployProRata);
      await time.increaseTo(terms.start + DAY);

      await expect(market.connect(carol).buy(id, 3_000n * SHARE))
        .to.be.revertedWithCustomError(market, "BuyerNotAllowlisted")
        .withArgs(id, carol.address);
    });
  });
});
