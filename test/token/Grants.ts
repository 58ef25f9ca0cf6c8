import { expect } from "chai";
import { memo, ONE_YEAR, pinNextBlock, SHARE, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  SUPPLY,
  MAX_OUTSIDE,
  BOB_SHARES,
  DAY,
  GRANT,
  CLIFF,
  DURATION,
  REASON,
  deployWithBob,
  deployWithGrant,
  expectGrant,
  loadFixture,
  time,
} from "../helpers/grants.js";

describe("PersonalToken grants and trading rules", function () {
  describe("An owner grants shares to someone who helps", function () {
    it("moves the granted shares from the owner at once, records the terms and emits the reason", async function () {
      const { token, alice, carol } = await loadFixture(deployWithBob);
      const start = (await pinNextBlock()) + 30n * DAY; // the grant's block is pinned
      const tx = token.connect(alice).grant(carol.address, GRANT, start, CLIFF, DURATION, REASON);
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, carol.address, GRANT);
      await expect(tx).to.emit(token, "Granted").withArgs(carol.address, GRANT, start, CLIFF, DURATION, REASON);
      expect(await token.balanceOf(carol.address)).to.equal(GRANT);
      expect(await token.balanceOf(alice.address)).to.equal(SUPPLY - BOB_SHARES - GRANT);
      expect(await token.totalSupply()).to.equal(SUPPLY); // nobody is diluted
      expect(await token.outsideShares()).to.equal(BOB_SHARES + GRANT);
      await expectGrant(token, carol.address, GRANT, start, CLIFF, DURATION);
      expect(await token.lockedOf(carol.address)).to.equal(GRANT);
    });

    it("reports no grant and nothing locked for a holder who only bought", async function () {
      const { token, bob } = await loadFixture(deployWithGrant);
      await expectGrant(token, bob.address, 0n, 0n, 0n, 0n);
      expect(await token.lockedOf(bob.address)).to.equal(0n);
    });

    it("locks only the granted shares of a holder who also bought shares", async function () {
      const { token, alice, bob } = await loadFixture(deployWithBob);
      const start = (await pinNextBlock()) + DAY; // the grant's block is pinned
      await token.connect(alice).grant(bob.address, GRANT, start, CLIFF, DURATION, REASON);
      expect(await token.balanceOf(bob.address)).to.equal(BOB_SHARES + GRANT);
      expect(await token.lockedOf(bob.address)).to.equal(GRANT);
      expect(await token.canTransfer(bob.address, alice.address, BOB_SHARES)).to.equal(true);
      expect(await token.canTransfer(bob.address, alice.address, BOB_SHARES + 1n)).to.equal(false);
    });

    it("counts granted shares toward the cap and refuses a grant that would break it", async function () {
      const { token, alice, carol } = await loadFixture(deployWithBob);
      const start = BigInt(await time.latest());
      await expect(token.connect(alice).grant(carol.address, 100_000n * SHARE + 1n, start, 0n, DURATION, REASON))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(MAX_OUTSIDE + 1n, MAX_OUTSIDE);
      await token.connect(alice).grant(carol.address, 100_000n * SHARE, start, 0n, DURATION, REASON);
      expect(await token.outsideShares()).to.equal(MAX_OUTSIDE);
    });

    it("refuses a grant to an unverified address", async function () {
      const { token, alice, mallory } = await loadFixture(deployWithBob);
      const start = BigInt(await time.latest());
      await expect(token.connect(alice).grant(mallory.address, GRANT, start, CLIFF, DURATION, REASON))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(mallory.address);
    });

    it("refuses a grant to a kicked holder until the owner readmits it", async function () {
      const { market, token, alice, bob } = await loadFixture(deployWithBob);
      await market.connect(alice).kick(await token.getAddress(), bob.address, 0n);
      const start = BigInt(await time.latest());
      await expect(token.connect(alice).grant(bob.address, GRANT, start, CLIFF, DURATION, REASON))
        .to.be.revertedWithCustomError(token, "ReceiverKicked")
        .withArgs(bob.address);
      await token.connect(alice).readmit(bob.address);
      await token.connect(alice).grant(bob.address, GRANT, start, CLIFF, DURATION, REASON);
      expect(await token.balanceOf(bob.address)).to.equal(GRANT);
    });

    it("refuses a grant to the zero address", async function () {
      const { token, alice } = await loadFixture(deployWithBob);
      const start = BigInt(await time.latest());
      await expect(token.connect(alice).grant(ZERO_ADDRESS, GRANT, start, CLIFF, DURATION, REASON))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(ZERO_ADDRESS);
    });

    it("lets only the owner grant", async function () {
      const { token, bob, carol } = await loadFixture(deployWithBob);
      const start = BigInt(await time.latest());
      await expect(token.connect(bob).grant(carol.address, GRANT, start, CLIFF, DURATION, REASON))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("refuses to grant while the token is paused", async function () {
      const { token, alice, carol, arbiter } = await loadFixture(deployWithBob);
      await token.connect(arbiter).pause();
      const start = BigInt(await time.latest());
      await expect(token.connect(alice).grant(carol.address, GRANT, start, CLIFF, DURATION, REASON))
        .to.be.revertedWithCustomError(token, "EnforcedPause")
        .withArgs();
    });

    // One rule, one error: each invalid grant, the error that names its rule and the values that broke it.
    type GrantCase = [
      string,
      (carol: string, alice: string) => [string, bigint, bigint, bigint],
      string,
      (alice: string) => unknown[],
    ];
    const invalidGrants: GrantCase[] = [
      ["a grant of zero shares", (carol) => [carol, 0n, CLIFF, DURATION], "ZeroAmount", () => []],
      [
        "a grant to the owner herself",
        (_carol, alice) => [alice, GRANT, CLIFF, DURATION],
        "OwnerCannotReceiveGrant",
        (alice) => [alice],
      ],
      ["a grant with no vesting duration", (carol) => [carol, GRANT, 0n, 0n], "GrantWithoutDuration", () => []],
      [
        "a grant whose cliff is longer than its duration",
        (carol) => [carol, GRANT, DURATION + 1n, DURATION],
        "CliffAfterDuration",
        () => [DURATION + 1n, DURATION],
      ],
    ];
    for (const [name, grantArgs, error, errorArgs] of invalidGrants) {
      it(`refuses ${name} (${error})`, async function () {
        const { token, alice, carol } = await loadFixture(deployWithBob);
        const start = BigInt(await time.latest());
        const [to, amount, cliff, duration] = grantArgs(carol.address, alice.address);
        await expect(token.connect(alice).grant(to, amount, start, cliff, duration, REASON))
          .to.be.revertedWithCustomError(token, error)
          .withArgs(...errorArgs(alice.address));
      });
    }

    it("accepts a duration of 2^32 − 1 seconds and refuses 2^32", async function () {
      const { token, alice, carol } = await loadFixture(deployWithBob);
      const start = BigInt(await time.latest());
      const longest = 2n ** 32n - 1n;
      await expect(token.connect(alice).grant(carol.address, GRANT, start, 0n, longest + 1n, REASON))
        .to.be.revertedWithCustomError(token, "GrantDurationTooLong")
        .withArgs(longest + 1n, longest);
      await expect(token.connect(alice).grant(carol.address, GRANT, start, longest, longest, REASON))
        .to.emit(token, "Granted")
        .withArgs(carol.address, GRANT, start, longest, longest, REASON);
      await expectGrant(token, carol.address, GRANT, start, longest, longest);
    });

    it("refuses a second grant while the first is still locked before its cliff", async function () {
      const { token, alice, carol } = await loadFixture(deployWithGrant);
      const start = BigInt(await time.latest());
      await expect(token.connect(alice).grant(carol.address, 1n * SHARE, start, 0n, DURATION, REASON))
        .to.be.revertedWithCustomError(token, "GrantInProgress")
        .withArgs(carol.address);
    });

    it("refuses a second grant while the first is partly vested", async function () {
      const { token, alice, carol, start } = await loadFixture(deployWithGrant);
      await time.increaseTo(start + DURATION - 2n);
      expect(await token.lockedOf(carol.address)).to.equal(190_258_751_902_588n); // ceil(2 s × 12,000e18 / 4 y)
      await time.setNextBlockTimestamp(start + DURATION - 1n); // still partly vested, however slow the machine
      await expect(token.connect(alice).grant(carol.address, 1n * SHARE, start, 0n, DURATION, REASON))
        .to.be.revertedWithCustomError(token, "GrantInProgress")
        .withArgs(carol.address);
    });

    it("allows a new grant once the first has fully vested, replacing its terms", async function () {
      const { token, alice, carol, start } = await loadFixture(deployWithGrant);
      await time.increaseTo(start + DURATION);
      expect(await token.lockedOf(carol.address)).to.equal(0n);
      const secondStart = start + DURATION + 10n;
      await time.setNextBlockTimestamp(start + DURATION + 1n); // granted before its start, however slow the machine
      await expect(
        token.connect(alice).grant(carol.address, 2_000n * SHARE, secondStart, 0n, ONE_YEAR, memo("round 2")),
      )
        .to.emit(token, "Granted")
        .withArgs(carol.address, 2_000n * SHARE, secondStart, 0n, ONE_YEAR, memo("round 2"));
      expect(await token.balanceOf(carol.address)).to.equal(GRANT + 2_000n * SHARE);
      await expectGrant(token, carol.address, 2_000n * SHARE, secondStart, 0n, ONE_YEAR);
      expect(await token.lockedOf(carol.address)).to.equal(2_000n * SHARE);
    });

    it("allows a second grant at once when the first started so long ago that it is fully vested", async function () {
      const { token, alice, carol } = await loadFixture(deployWithBob);
      const longAgo = BigInt(await time.latest()) - DURATION - DAY;
      await token.connect(alice).grant(carol.address, GRANT, longAgo, CLIFF, DURATION, REASON);
      expect(await token.lockedOf(carol.address)).to.equal(0n);
      await token.connect(alice).grant(carol.address, 1_000n * SHARE, longAgo, CLIFF, DURATION, REASON);
      expect(await token.balanceOf(carol.address)).to.equal(GRANT + 1_000n * SHARE);
      expect(await token.lockedOf(carol.address)).to.equal(0n);
    });
  });
});
