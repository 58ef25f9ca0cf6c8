import { expect } from "chai";
import { ethers, ONE_YEAR, pinNextBlock, SHARE, USD } from "../helpers/fixtures.js";
import {
  SUPPLY,
  BOB_SHARES,
  DAY,
  GRANT,
  CLIFF,
  DURATION,
  REASON,
  deployWithBob,
  deployWithGrant,
  distributeUsd,
  expectGrant,
  loadFixture,
  time,
} from "../helpers/grants.js";

describe("PersonalToken grants and trading rules", function () {
  // ───────────────────────────── vesting ─────────────────────────────
  describe("Granted shares vest over time", function () {
    it("keeps everything locked before the start and until the cliff, then vests linearly to zero locked", async function () {
      const { token, carol, start } = await loadFixture(deployWithGrant);
      expect(await token.lockedOf(carol.address)).to.equal(GRANT); // start is 30 days away
      await time.increaseTo(start);
      expect(await token.lockedOf(carol.address)).to.equal(GRANT);
      await time.increaseTo(start + CLIFF - 1n);
      expect(await token.lockedOf(carol.address)).to.equal(GRANT);
      await time.increaseTo(start + CLIFF); // one year of four: 3,000 vest at once
      expect(await token.lockedOf(carol.address)).to.equal(9_000n * SHARE);
      await time.increaseTo(start + CLIFF + 1n); // floor(12,000e18 × (1 y + 1 s) / 4 y) vested
      expect(await token.lockedOf(carol.address)).to.equal(8_999_999_904_870_624_048_707n);
      await time.increaseTo(start + (5n * ONE_YEAR) / 2n);
      expect(await token.lockedOf(carol.address)).to.equal(4_500n * SHARE);
      await time.increaseTo(start + DURATION - 1n); // the last second's vesting rounds down
      expect(await token.lockedOf(carol.address)).to.equal(95_129_375_951_294n);
      await time.increaseTo(start + DURATION);
      expect(await token.lockedOf(carol.address)).to.equal(0n);
      await time.increaseTo(start + DURATION + ONE_YEAR);
      expect(await token.lockedOf(carol.address)).to.equal(0n);
      expect(await token.balanceOf(carol.address)).to.equal(GRANT);
    });

    it("vests a grant that started in the past from its start, not from the grant", async function () {
      const { token, alice, carol } = await loadFixture(deployWithBob);
      const grantTime = await pinNextBlock();
      const start = grantTime - ONE_YEAR; // help given for a year already: the cliff has just passed
      await token.connect(alice).grant(carol.address, GRANT, start, CLIFF, DURATION, REASON);
      expect(await token.lockedOf(carol.address)).to.equal(9_000n * SHARE);
      expect(await token.canTransfer(carol.address, alice.address, 3_000n * SHARE)).to.equal(true);
      expect(await token.canTransfer(carol.address, alice.address, 3_000n * SHARE + 1n)).to.equal(false);
      await time.increaseTo(start + 3n * ONE_YEAR);
      expect(await token.lockedOf(carol.address)).to.equal(3_000n * SHARE);
    });

    it("vests from the first second with no cliff, rounding the vested amount down", async function () {
      const { token, alice, carol } = await loadFixture(deployWithBob);
      const start = await pinNextBlock();
      await token.connect(alice).grant(carol.address, 1_000n * SHARE, start, 0n, 3n, REASON);
      expect(await token.lockedOf(carol.address)).to.equal(1_000n * SHARE); // t − start = 0
      await time.increaseTo(start + 1n); // vested floor(1,000e18 / 3)
      expect(await token.lockedOf(carol.address)).to.equal(666_666_666_666_666_666_667n);
      await time.increaseTo(start + 2n); // vested floor(2,000e18 / 3)
      expect(await token.lockedOf(carol.address)).to.equal(333_333_333_333_333_333_334n);
      await time.increaseTo(start + 3n);
      expect(await token.lockedOf(carol.address)).to.equal(0n);
    });

    it("vests everything at once when the cliff equals the duration", async function () {
      const { token, alice, carol } = await loadFixture(deployWithBob);
      const start = (await pinNextBlock()) + 100n;
      await token.connect(alice).grant(carol.address, GRANT, start, ONE_YEAR, ONE_YEAR, REASON);
      await time.increaseTo(start + ONE_YEAR - 1n);
      expect(await token.lockedOf(carol.address)).to.equal(GRANT);
      await time.increaseTo(start + ONE_YEAR);
      expect(await token.lockedOf(carol.address)).to.equal(0n);
    });

    it("lets the holder move only balance − frozen − locked, naming that amount when refusing", async function () {
      const { token, alice, bob, arbiter } = await loadFixture(deployWithBob);
      const start = (await pinNextBlock()) + 30n * DAY; // the grant's block is pinned
      await token.connect(alice).grant(bob.address, GRANT, start, CLIFF, DURATION, REASON);
      await token.connect(arbiter).setFrozenTokens(bob.address, 5_000n * SHARE);
      // 112,000 held, 5,000 frozen by the arbiter, 12,000 locked by the grant: 95,000 movable.
      expect(await token.getFrozenTokens(bob.address)).to.equal(5_000n * SHARE);
      expect(await token.lockedOf(bob.address)).to.equal(GRANT);
      expect(await token.canTransfer(bob.address, alice.address, 95_000n * SHARE)).to.equal(true);
      expect(await token.canTransfer(bob.address, alice.address, 95_000n * SHARE + 1n)).to.equal(false);
      await expect(token.connect(bob).transfer(alice.address, 95_000n * SHARE + 1n))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(bob.address, 95_000n * SHARE + 1n, 95_000n * SHARE);

      // After the cliff 3,000 more are movable; the freeze is unchanged.
      await time.setNextBlockTimestamp(start + CLIFF);
      await expect(token.connect(bob).transfer(alice.address, 98_000n * SHARE + 1n))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(bob.address, 98_000n * SHARE + 1n, 98_000n * SHARE);
      await time.setNextBlockTimestamp(start + CLIFF);
      await expect(token.connect(bob).transfer(alice.address, 98_000n * SHARE)).to.changeTokenBalances(
        ethers,
        token,
        [bob, alice],
        [-98_000n * SHARE, 98_000n * SHARE],
      );
      expect(await token.balanceOf(bob.address)).to.equal(14_000n * SHARE);
      expect(await token.getFrozenTokens(bob.address)).to.equal(5_000n * SHARE);
      expect(await token.lockedOf(bob.address)).to.equal(9_000n * SHARE);
      expect(await token.canTransfer(bob.address, alice.address, 1n)).to.equal(false);
    });

    it("leaves nothing movable when the freeze and the lock together exceed the balance", async function () {
      const { token, alice, bob, arbiter } = await loadFixture(deployWithBob);
      const start = (await pinNextBlock()) + 30n * DAY; // the grant's block is pinned
      await token.connect(alice).grant(bob.address, GRANT, start, CLIFF, DURATION, REASON);
      await token.connect(arbiter).setFrozenTokens(bob.address, BOB_SHARES + 1n);
      expect(await token.getFrozenTokens(bob.address)).to.equal(BOB_SHARES + 1n);
      expect(await token.lockedOf(bob.address)).to.equal(GRANT);
      expect(await token.canTransfer(bob.address, alice.address, 1n)).to.equal(false);
      await expect(token.connect(bob).transfer(alice.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(bob.address, 1n, 0n);
    });

    it("keeps locked shares out of a permissioned transfer between investors too", async function () {
      const { token, alice, carol, dave, start } = await loadFixture(deployWithGrant);
      await token.connect(alice).approveTransfer(carol.address, dave.address, GRANT);
      expect(await token.canTransfer(carol.address, dave.address, 1n)).to.equal(false);
      await expect(token.connect(carol).transfer(dave.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(carol.address, 1n, 0n);
      await time.increaseTo(start + CLIFF);
      expect(await token.canTransfer(carol.address, dave.address, 3_000n * SHARE)).to.equal(true);
      await token.connect(carol).transfer(dave.address, 3_000n * SHARE);
      expect(await token.balanceOf(dave.address)).to.equal(3_000n * SHARE);
    });

    it("lets granted shares earn gains from the grant on, pro rata to the whole balance including locked shares", async function () {
      const f = await loadFixture(deployWithBob);
      const { token, distributor, usd, alice, bob, carol } = f;
      await distributeUsd(f, 100_000n * USD, "before the grant");
      const start = (await pinNextBlock()) + 30n * DAY; // the grant's block is pinned
      await token.connect(alice).grant(carol.address, 100_000n * SHARE, start, CLIFF, DURATION, REASON);
      expect(await token.lockedOf(carol.address)).to.equal(100_000n * SHARE);
      expect(await distributor.claimable(carol.address, usd)).to.equal(0n);
      await distributeUsd(f, 500_000n * USD, "after the grant");
      // Carol holds 10% (all locked), Bob 10%, Alice 80%.
      expect(await distributor.claimable(carol.address, usd)).to.equal(50_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(10_000n * USD + 50_000n * USD);
      expect(await distributor.claimable(alice.address, usd)).to.equal(90_000n * USD + 400_000n * USD);
      await expect(distributor.connect(carol).claim(usd)).to.changeTokenBalances(ethers, usd, [carol], [50_000n * USD]);
      expect(await token.lockedOf(carol.address)).to.equal(100_000n * SHARE);
    });
  });

  // ───────────────────────────── cancellation ─────────────────────────────
  describe("An owner cancels a grant", function () {
    it("returns every granted share before the cliff and clears the grant", async function () {
      const { token, alice, carol } = await loadFixture(deployWithGrant);
      const tx = token.connect(alice).cancelGrant(carol.address);
      await expect(tx).to.emit(token, "GrantCancelled").withArgs(carol.address, GRANT);
      await expect(tx).to.emit(token, "Transfer").withArgs(carol.address, alice.address, GRANT);
      expect(await token.balanceOf(carol.address)).to.equal(0n);
      expect(await token.balanceOf(alice.address)).to.equal(SUPPLY - BOB_SHARES);
      expect(await token.outsideShares()).to.equal(BOB_SHARES);
      expect(await token.lockedOf(carol.address)).to.equal(0n);
      await expectGrant(token, carol.address, 0n, 0n, 0n, 0n);
    });

    it("returns only the unvested part; vested shares and gains already earned stay with the holder", async function () {
      const f = await loadFixture(deployWithGrant);
      const { token, distributor, usd, alice, carol, start } = f;
      await time.increaseTo(start + CLIFF);
      await distributeUsd(f, 100_000n * USD, "first"); // Carol holds 1.2%
      expect(await distributor.claimable(carol.address, usd)).to.equal(1_200n * USD);

      await time.setNextBlockTimestamp(start + (5n * ONE_YEAR) / 2n); // 7,500 vested, 4,500 unvested
      await expect(token.connect(alice).cancelGrant(carol.address))
        .to.emit(token, "GrantCancelled")
        .withArgs(carol.address, 4_500n * SHARE);
      expect(await token.balanceOf(carol.address)).to.equal(7_500n * SHARE);
      expect(await token.lockedOf(carol.address)).to.equal(0n);
      expect(await distributor.claimable(carol.address, usd)).to.equal(1_200n * USD);

      await distributeUsd(f, 100_000n * USD, "second"); // Carol now holds 0.75%
      expect(await distributor.claimable(carol.address, usd)).to.equal(1_200n * USD + 750n * USD);
      // All 7,500 remaining shares are hers to move.
      expect(await token.canTransfer(carol.address, alice.address, 7_500n * SHARE)).to.equal(true);
      await token.connect(carol).transfer(alice.address, 7_500n * SHARE);
      expect(await token.balanceOf(carol.address)).to.equal(0n);
    });

    it("allows a new grant after a cancellation", async function () {
      const { token, alice, carol, start } = await loadFixture(deployWithGrant);
      await token.connect(alice).cancelGrant(carol.address);
      await token.connect(alice).grant(carol.address, 1_000n * SHARE, start, 0n, ONE_YEAR, REASON);
      await expectGrant(token, carol.address, 1_000n * SHARE, start, 0n, ONE_YEAR);
      expect(await token.lockedOf(carol.address)).to.equal(1_000n * SHARE);
    });

    it("refuses to cancel a fully vested grant", async function () {
      const { token, alice, carol, start } = await loadFixture(deployWithGrant);
      await time.increaseTo(start + DURATION);
      await expect(token.connect(alice).cancelGrant(carol.address))
        .to.be.revertedWithCustomError(token, "NoUnvestedShares")
        .withArgs(carol.address);
    });

    it("refuses to cancel when the holder has no grant", async function () {
      const { token, alice, bob } = await loadFixture(deployWithGrant);
      await expect(token.connect(alice).cancelGrant(bob.address))
        .to.be.revertedWithCustomError(token, "NoUnvestedShares")
        .withArgs(bob.address);
    });

    it("lets only the owner cancel a grant", async function () {
      const { token, bob, carol } = await loadFixture(deployWithGrant);
      await expect(token.connect(bob).cancelGrant(carol.address))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("refuses to cancel a grant while the token is paused", async function () {
      const { token, alice, carol, arbiter } = await loadFixture(deployWithGrant);
      await token.connect(arbiter).pause();
      await expect(token.connect(alice).cancelGrant(carol.address)).to.be.revertedWithCustomError(
        token,
        "EnforcedPause",
      );
    });
  });
});
