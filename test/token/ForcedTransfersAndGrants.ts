import { expect } from "chai";
import { ONE_YEAR, SHARE, USD } from "../helpers/fixtures.js";
import {
  MAX_SUPPLY,
  GRANT,
  CLIFF,
  DURATION,
  PRICE,
  BOUGHT,
  deployWithBob,
  deployWithPurchaseAndGrant,
  expectGrant,
  loadFixture,
  time,
} from "../helpers/grants.js";

describe("PersonalToken grants and trading rules", function () {
  // ───────────────────────────── forced transfers ─────────────────────────────
  describe("The arbiter's forced transfers and grants", function () {
    it("scales the grant when a forced transfer takes locked shares, so the remaining balance stays locked", async function () {
      const { token, arbiter, carol, bob, start } = await loadFixture(deployWithPurchaseAndGrant);
      // Carol holds 13,000: 1,000 bought and 12,000 locked. Taking 4,000 leaves 9,000, all of them locked.
      const tx = token.connect(arbiter).forcedTransfer(carol.address, bob.address, 4_000n * SHARE);
      await expect(tx)
        .to.emit(token, "GrantScaled")
        .withArgs(carol.address, 9_000n * SHARE);
      await expect(tx)
        .to.emit(token, "ForcedTransfer")
        .withArgs(carol.address, bob.address, 4_000n * SHARE);
      await expect(tx).not.to.emit(token, "HolderRecordsMoved");
      expect(await token.balanceOf(carol.address)).to.equal(9_000n * SHARE);
      expect(await token.lockedOf(carol.address)).to.equal(9_000n * SHARE);
      await expectGrant(token, carol.address, 9_000n * SHARE, start, CLIFF, DURATION);
      expect(await token.canTransfer(carol.address, bob.address, 1n)).to.equal(false);
      await time.increaseTo(start + CLIFF); // the schedule keeps its shape: a quarter vests at the cliff
      expect(await token.lockedOf(carol.address)).to.equal(6_750n * SHARE);
    });

    it("scales a partly vested grant so that min(unvested, remaining) stays locked", async function () {
      const { token, arbiter, carol, bob, start } = await loadFixture(deployWithPurchaseAndGrant);
      await time.setNextBlockTimestamp(start + 2n * ONE_YEAR); // 6,000 of 12,000 unvested
      // Taking 10,000 of 13,000 leaves 3,000 < 6,000: the grant becomes 6,000 so that 3,000 stay locked.
      await expect(token.connect(arbiter).forcedTransfer(carol.address, bob.address, 10_000n * SHARE))
        .to.emit(token, "GrantScaled")
        .withArgs(carol.address, 6_000n * SHARE);
      expect(await token.lockedOf(carol.address)).to.equal(3_000n * SHARE);
      expect(await token.balanceOf(carol.address)).to.equal(3_000n * SHARE);
      await expectGrant(token, carol.address, 6_000n * SHARE, start, CLIFF, DURATION);
      await time.increaseTo(start + 3n * ONE_YEAR);
      expect(await token.lockedOf(carol.address)).to.equal(1_500n * SHARE);
    });

    it("leaves the grant alone when a forced transfer takes only unlocked shares", async function () {
      const { token, arbiter, carol, bob, start } = await loadFixture(deployWithPurchaseAndGrant);
      await expect(token.connect(arbiter).forcedTransfer(carol.address, bob.address, BOUGHT)).not.to.emit(
        token,
        "GrantScaled",
      );
      await expectGrant(token, carol.address, GRANT, start, CLIFF, DURATION);
      expect(await token.lockedOf(carol.address)).to.equal(GRANT);
    });

    it("carries the grant, the purchase record and the pro-rata status along in a whole-wallet recovery", async function () {
      const { token, arbiter, alice, carol, erin, start } = await loadFixture(deployWithPurchaseAndGrant);
      const lockedBefore = await token.lockedOf(carol.address);
      expect(lockedBefore).to.equal(GRANT);
      expect(await token.purchaseOf(carol.address)).to.deep.equal([5_000n * USD, BOUGHT]);
      expect(await token.hasProRataRight(erin.address)).to.equal(true);

      const tx = token.connect(arbiter).forcedTransfer(carol.address, erin.address, GRANT + BOUGHT);
      await expect(tx).to.emit(token, "HolderRecordsMoved").withArgs(carol.address, erin.address);
      await expect(tx)
        .to.emit(token, "ForcedTransfer")
        .withArgs(carol.address, erin.address, GRANT + BOUGHT);
      await expect(tx).not.to.emit(token, "GrantScaled");

      expect(await token.lockedOf(erin.address)).to.equal(lockedBefore);
      expect(await token.lockedOf(carol.address)).to.equal(0n);
      await expectGrant(token, erin.address, GRANT, start, CLIFF, DURATION);
      await expectGrant(token, carol.address, 0n, 0n, 0n, 0n);
      expect(await token.purchaseOf(erin.address)).to.deep.equal([5_000n * USD, BOUGHT]);
      expect(await token.purchaseOf(carol.address)).to.deep.equal([0n, 0n]);
      expect(await token.averagePurchasePrice(erin.address)).to.equal(PRICE);
      expect(await token.hasProRataRight(erin.address)).to.equal(false);

      // The new wallet can move the 1,000 bought shares and no more; the grant keeps vesting there.
      await expect(token.connect(erin).transfer(alice.address, BOUGHT + 1n))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(erin.address, BOUGHT + 1n, BOUGHT);
      await time.increaseTo(start + 2n * ONE_YEAR);
      expect(await token.lockedOf(erin.address)).to.equal(6_000n * SHARE);
      await time.setNextBlockTimestamp(start + 2n * ONE_YEAR + 1n);
      await expect(token.connect(alice).cancelGrant(erin.address))
        .to.emit(token, "GrantCancelled")
        .withArgs(erin.address, 6_000n * SHARE - 95_129_375_951_293n); // one second later
    });

    it("does not move records in a partial forced transfer", async function () {
      const { token, arbiter, carol, erin, start } = await loadFixture(deployWithPurchaseAndGrant);
      const tx = token.connect(arbiter).forcedTransfer(carol.address, erin.address, GRANT + BOUGHT - SHARE);
      await expect(tx).not.to.emit(token, "HolderRecordsMoved");
      await expect(tx).to.emit(token, "GrantScaled").withArgs(carol.address, SHARE);
      expect(await token.purchaseOf(carol.address)).to.deep.equal([5_000n * USD, BOUGHT]);
      expect(await token.purchaseOf(erin.address)).to.deep.equal([0n, 0n]);
      await expectGrant(token, erin.address, 0n, 0n, 0n, 0n);
      await expectGrant(token, carol.address, SHARE, start, CLIFF, DURATION);
      expect(await token.lockedOf(erin.address)).to.equal(0n);
      expect(await token.lockedOf(carol.address)).to.equal(SHARE);
      expect(await token.hasProRataRight(erin.address)).to.equal(true);
      expect(await token.hasProRataRight(carol.address)).to.equal(false);
    });

    it("does not move records when the whole wallet goes to an address that already holds shares", async function () {
      const { token, arbiter, bob, carol } = await loadFixture(deployWithPurchaseAndGrant);
      const tx = token.connect(arbiter).forcedTransfer(carol.address, bob.address, GRANT + BOUGHT);
      await expect(tx).not.to.emit(token, "HolderRecordsMoved");
      await expect(tx).to.emit(token, "GrantScaled").withArgs(carol.address, 0n);
      expect(await token.purchaseOf(bob.address)).to.deep.equal([0n, 0n]);
      expect(await token.purchaseOf(carol.address)).to.deep.equal([5_000n * USD, BOUGHT]);
      expect(await token.lockedOf(bob.address)).to.equal(0n);
      expect(await token.lockedOf(carol.address)).to.equal(0n);
    });

    it("refuses to freeze more than the maximum supply", async function () {
      const { token, arbiter, bob } = await loadFixture(deployWithBob);
      await expect(token.connect(arbiter).setFrozenTokens(bob.address, MAX_SUPPLY + 1n))
        .to.be.revertedWithCustomError(token, "AmountAboveSupplyLimit")
        .withArgs(MAX_SUPPLY + 1n);
      await expect(token.connect(arbiter).setFrozenTokens(bob.address, MAX_SUPPLY))
        .to.emit(token, "Frozen")
        .withArgs(bob.address, MAX_SUPPLY);
      expect(await token.getFrozenTokens(bob.address)).to.equal(MAX_SUPPLY);
    });
  });
});
