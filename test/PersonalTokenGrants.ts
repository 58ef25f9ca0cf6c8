import { expect } from "chai";
import type { InvestorRegistry, PersonalToken, ShareMarket } from "../types/ethers-contracts/index.js";
import {
  deploySystem,
  deployWithToken,
  ethers,
  memo,
  networkHelpers,
  ONE_YEAR,
  pinNextBlock,
  SHARE,
  USD,
  ZERO_ADDRESS,
} from "./helpers/fixtures.js";

/*
 * Grants for help (vesting locks, cancellation, forced transfers and recoveries) and the token-side trading rules
 * around them: pro-rata rights, kicked receivers, all-or-nothing reservations in the owner's cap checks, and the
 * one-time wiring of registry ↔ market ↔ factory.
 */

const { loadFixture, time } = networkHelpers;

const SUPPLY = 1_000_000n * SHARE;
const MAX_OUTSIDE = 200_000n * SHARE; // 20% of the supply
const BOB_SHARES = 100_000n * SHARE;
const MAX_SUPPLY = 10n ** 36n;
const DAY = 24n * 60n * 60n;

// Carol's grant in `deployWithGrant`: 12,000 shares, one-year cliff, four-year vesting, starting in 30 days.
const GRANT = 12_000n * SHARE;
const CLIFF = ONE_YEAR;
const DURATION = 4n * ONE_YEAR;
const REASON = memo("design work");
// Carol's purchase in `deployWithPurchaseAndGrant`: 1,000 shares at $5.
const PRICE = 5n * USD;
const BOUGHT = 1_000n * SHARE;

// ───────────────────────────── fixtures ─────────────────────────────

/** Renews the verification of `accounts` for ten years, so that vesting schedules can run their course. */
async function verifyForTenYears(f: Awaited<ReturnType<typeof deployWithToken>>, accounts: { address: string }[]) {
  const until = BigInt(await time.latest()) + 10n * ONE_YEAR;
  for (const account of accounts) {
    await f.registry.connect(f.registrar).verify(account.address, until, memo("kyc"));
  }
}

/**
 * Alice's token after she sold 100,000 shares (10%) to Bob by a plain transfer; Bob, Carol and Dave stay verified
 * for ten years.
 */
async function deployWithBob() {
  const f = await deployWithToken();
  await verifyForTenYears(f, [f.bob, f.carol, f.dave]);
  await f.token.connect(f.alice).transfer(f.bob.address, BOB_SHARES);
  return f;
}

/** As `deployWithBob`, plus Carol's grant of 12,000 shares: start in 30 days, one-year cliff, four years. */
async function deployWithGrant() {
  const f = await deployWithBob();
  const start = BigInt(await time.latest()) + 30n * DAY;
  await f.token.connect(f.alice).grant(f.carol.address, GRANT, start, CLIFF, DURATION, REASON);
  return { ...f, start };
}

/** Terms of a sell-down or dilutive offering on `token` open from now for a day. */
async function offeringTerms(token: PersonalToken, shares: bigint, price: bigint, minRaise: bigint, dilutive: boolean) {
  const now = BigInt(await time.latest());
  return {
    token: await token.getAddress(),
    shares,
    price,
    minPerInvestor: 0n,
    maxPerInvestor: 0n,
    start: now,
    end: now + DAY,
    priorityWindow: 0n,
    minRaise,
    dilutive,
  };
}

/**
 * As `deployWithBob`, plus: Carol bought 1,000 shares at $5 in a plain sell-down offering ($5,000 paid, the last
 * price is $5), then got Carol's usual grant, and Alice revoked Carol's pro-rata right. Erin (others[0]) is a fresh,
 * verified wallet of Carol's.
 */
async function deployWithPurchaseAndGrant() {
  const f = await deployWithBob();
  const { token, market, usd, alice, carol } = f;
  await market.connect(alice).openOffering(await offeringTerms(token, 10_000n * SHARE, PRICE, 0n, false), []);
  await usd.mint(carol.address, 5_000n * USD);
  await usd.connect(carol).approve(await market.getAddress(), 5_000n * USD);
  await market.connect(carol).buy(1n, BOUGHT);
  const start = BigInt(await time.latest()) + 30n * DAY;
  await token.connect(alice).grant(carol.address, GRANT, start, CLIFF, DURATION, REASON);
  await token.connect(alice).setProRataRight(carol.address, false);
  const erin = f.others[0];
  await verifyForTenYears(f, [erin]);
  return { ...f, start, erin };
}

/** Mints `amount` USD to `depositor`, approves the distributor and distributes it. */
async function distributeUsd(f: Awaited<ReturnType<typeof deployWithToken>>, amount: bigint, reference: string) {
  await f.usd.mint(f.alice.address, amount);
  await f.usd.connect(f.alice).approve(await f.distributor.getAddress(), amount);
  await f.distributor.connect(f.alice).distribute(await f.usd.getAddress(), amount, memo(reference));
}

async function expectGrant(token: PersonalToken, holder: string, amount: bigint, start: bigint, cliff: bigint, duration: bigint) {
  const [a, s, c, d] = await token.grantOf(holder);
  expect([a, s, c, d]).to.deep.equal([amount, start, cliff, duration]);
}

// ───────────────────────────── grants ─────────────────────────────

describe("PersonalToken grants and trading rules", function () {
  describe("An owner grants shares to someone who helps", function () {
    it("moves the granted shares from the owner at once, records the terms and emits the reason", async function () {
      const { token, alice, carol } = await loadFixture(deployWithBob);
      const start = BigInt(await time.latest()) + 30n * DAY;
      const tx = token.connect(alice).grant(carol.address, GRANT, start, CLIFF, DURATION, REASON);
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, carol.address, GRANT);
      await expect(tx)
        .to.emit(token, "Granted")
        .withArgs(carol.address, GRANT, start, CLIFF, DURATION, REASON);
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
      const start = BigInt(await time.latest()) + DAY;
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
      await expect(
        token.connect(alice).grant(carol.address, GRANT, start, CLIFF, DURATION, REASON),
      ).to.be.revertedWithCustomError(token, "EnforcedPause").withArgs();
    });

    // One rule, one error: each invalid grant, the error that names its rule and the values that broke it.
    type GrantCase = [string, (carol: string, alice: string) => [string, bigint, bigint, bigint], string, (alice: string) => unknown[]];
    const invalidGrants: GrantCase[] = [
      ["a grant of zero shares", (carol) => [carol, 0n, CLIFF, DURATION], "ZeroAmount", () => []],
      ["a grant to the owner herself", (_carol, alice) => [alice, GRANT, CLIFF, DURATION], "OwnerCannotReceiveGrant", (alice) => [alice]],
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
      await expect(
        token.connect(alice).grant(carol.address, GRANT, start, 0n, longest + 1n, REASON),
      ).to.be.revertedWithCustomError(token, "GrantDurationTooLong").withArgs(longest + 1n, longest);
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
      await expect(token.connect(alice).grant(carol.address, 2_000n * SHARE, secondStart, 0n, ONE_YEAR, memo("round 2")))
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
      const grantTime = BigInt(await time.latest()) + 100n;
      const start = grantTime - ONE_YEAR; // help given for a year already: the cliff has just passed
      await time.setNextBlockTimestamp(grantTime);
      await token.connect(alice).grant(carol.address, GRANT, start, CLIFF, DURATION, REASON);
      expect(await token.lockedOf(carol.address)).to.equal(9_000n * SHARE);
      expect(await token.canTransfer(carol.address, alice.address, 3_000n * SHARE)).to.equal(true);
      expect(await token.canTransfer(carol.address, alice.address, 3_000n * SHARE + 1n)).to.equal(false);
      await time.increaseTo(start + 3n * ONE_YEAR);
      expect(await token.lockedOf(carol.address)).to.equal(3_000n * SHARE);
    });

    it("vests from the first second with no cliff, rounding the vested amount down", async function () {
      const { token, alice, carol } = await loadFixture(deployWithBob);
      const start = BigInt(await time.latest()) + 100n;
      await time.setNextBlockTimestamp(start);
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
      const start = BigInt(await time.latest()) + 30n * DAY;
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
        ethers, token, [bob, alice], [-98_000n * SHARE, 98_000n * SHARE],
      );
      expect(await token.balanceOf(bob.address)).to.equal(14_000n * SHARE);
      expect(await token.getFrozenTokens(bob.address)).to.equal(5_000n * SHARE);
      expect(await token.lockedOf(bob.address)).to.equal(9_000n * SHARE);
      expect(await token.canTransfer(bob.address, alice.address, 1n)).to.equal(false);
    });

    it("leaves nothing movable when the freeze and the lock together exceed the balance", async function () {
      const { token, alice, bob, arbiter } = await loadFixture(deployWithBob);
      const start = BigInt(await time.latest()) + 30n * DAY;
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
      const start = BigInt(await time.latest()) + 30n * DAY;
      await token.connect(alice).grant(carol.address, 100_000n * SHARE, start, CLIFF, DURATION, REASON);
      expect(await token.lockedOf(carol.address)).to.equal(100_000n * SHARE);
      expect(await distributor.claimable(carol.address, usd)).to.equal(0n);
      await distributeUsd(f, 500_000n * USD, "after the grant");
      // Carol holds 10% (all locked), Bob 10%, Alice 80%.
      expect(await distributor.claimable(carol.address, usd)).to.equal(50_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(10_000n * USD + 50_000n * USD);
      expect(await distributor.claimable(alice.address, usd)).to.equal(90_000n * USD + 400_000n * USD);
      await expect(distributor.connect(carol).claim(usd)).to.changeTokenBalances(
        ethers, usd, [carol], [50_000n * USD],
      );
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

  // ───────────────────────────── forced transfers ─────────────────────────────

  describe("The arbiter's forced transfers and grants", function () {
    it("scales the grant when a forced transfer takes locked shares, so the remaining balance stays locked", async function () {
      const { token, arbiter, carol, bob, start } = await loadFixture(deployWithPurchaseAndGrant);
      // Carol holds 13,000: 1,000 bought and 12,000 locked. Taking 4,000 leaves 9,000, all of them locked.
      const tx = token.connect(arbiter).forcedTransfer(carol.address, bob.address, 4_000n * SHARE);
      await expect(tx).to.emit(token, "GrantScaled").withArgs(carol.address, 9_000n * SHARE);
      await expect(tx).to.emit(token, "ForcedTransfer").withArgs(carol.address, bob.address, 4_000n * SHARE);
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
      await expect(tx).to.emit(token, "ForcedTransfer").withArgs(carol.address, erin.address, GRANT + BOUGHT);
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

  // ───────────────────────────── pro-rata rights ─────────────────────────────

  describe("An owner manages pro-rata rights", function () {
    it("gives holders and any other non-owner address the right by default, never the owner", async function () {
      const { token, alice, bob, mallory } = await loadFixture(deployWithBob);
      expect(await token.hasProRataRight(bob.address)).to.equal(true);
      expect(await token.hasProRataRight(mallory.address)).to.equal(true);
      expect(await token.hasProRataRight(alice.address)).to.equal(false);
    });

    it("revokes and re-grants a holder's right", async function () {
      const { token, alice, bob } = await loadFixture(deployWithBob);
      await expect(token.connect(alice).setProRataRight(bob.address, false))
        .to.emit(token, "ProRataRightSet")
        .withArgs(bob.address, false);
      expect(await token.hasProRataRight(bob.address)).to.equal(false);
      await expect(token.connect(alice).setProRataRight(bob.address, true))
        .to.emit(token, "ProRataRightSet")
        .withArgs(bob.address, true);
      expect(await token.hasProRataRight(bob.address)).to.equal(true);
    });

    it("never gives the owner the right, even when set", async function () {
      const { token, alice } = await loadFixture(deployWithBob);
      await token.connect(alice).setProRataRight(alice.address, true);
      expect(await token.hasProRataRight(alice.address)).to.equal(false);
    });

    it("lets only the owner set pro-rata rights", async function () {
      const { token, bob, carol } = await loadFixture(deployWithBob);
      await expect(token.connect(bob).setProRataRight(carol.address, false))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("takes the right from a kicked holder, and readmission does not give it back", async function () {
      const { market, token, alice, bob } = await loadFixture(deployWithBob);
      await market.connect(alice).kick(await token.getAddress(), bob.address, 0n);
      expect(await token.hasProRataRight(bob.address)).to.equal(false);
      await token.connect(alice).readmit(bob.address);
      expect(await token.hasProRataRight(bob.address)).to.equal(false);
      await token.connect(alice).setProRataRight(bob.address, true);
      expect(await token.hasProRataRight(bob.address)).to.equal(true);
    });
  });

  // ───────────────────────────── kicked receivers ─────────────────────────────

  describe("A kicked address cannot receive shares", function () {
    it("refuses a holder kicked for nothing (never paid, nothing traded) until readmitted", async function () {
      const { market, token, alice, bob } = await loadFixture(deployWithBob);
      expect(await token.canReceive(bob.address)).to.equal(true);
      await expect(market.connect(alice).kick(await token.getAddress(), bob.address, 0n))
        .to.emit(token, "Kicked")
        .withArgs(bob.address, BOB_SHARES, 0n)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), bob.address, 0n, 0n);
      expect(await token.canReceive(bob.address)).to.equal(false);
      expect(await token.isKicked(bob.address)).to.equal(true);
      expect(await token.canTransfer(alice.address, bob.address, 1n)).to.equal(false);
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "ReceiverKicked")
        .withArgs(bob.address);
      await token.connect(alice).readmit(bob.address);
      expect(await token.canReceive(bob.address)).to.equal(true);
    });

    it("refuses a buyer kicked at its purchase price, paid in USD into the market's escrow", async function () {
      const { token, market, registry, usd, alice, carol, erin } = await loadFixture(deployWithPurchaseAndGrant);
      await usd.mint(alice.address, 5_000n * USD);
      await usd.connect(alice).approve(await market.getAddress(), 5_000n * USD);
      // Only the 1,000 bought shares are paid for; the 12,000 unvested granted shares return unpaid.
      await expect(market.connect(alice).kick(await token.getAddress(), carol.address, PRICE))
        .to.emit(token, "Kicked")
        .withArgs(carol.address, BOUGHT, GRANT)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), carol.address, PRICE, 5_000n * USD);
      expect(await market.withdrawable(carol.address, await usd.getAddress())).to.equal(5_000n * USD);
      expect(await registry.kickCount(carol.address)).to.equal(1n);
      expect(await token.canReceive(carol.address)).to.equal(false);
      expect(await token.canReceive(erin.address)).to.equal(true);
      const start = BigInt(await time.latest());
      await expect(token.connect(alice).grant(carol.address, GRANT, start, CLIFF, DURATION, REASON))
        .to.be.revertedWithCustomError(token, "ReceiverKicked")
        .withArgs(carol.address);
    });
  });

  // ───────────────────────────── reservations ─────────────────────────────

  describe("The owner's cap checks count all-or-nothing reservations", function () {
    it("counts a sell-down's reserved shares as outside in canTransfer and in the transfer itself", async function () {
      const { token, market, alice, carol } = await loadFixture(deployWithBob);
      await market.connect(alice).openOffering(await offeringTerms(token, 50_000n * SHARE, PRICE, 1n, false), []);
      expect(await token.reservedShares()).to.deep.equal([50_000n * SHARE, false]);
      // Outside: Bob's 100,000 + 50,000 reserved; 50,000 more reach the 200,000 cap exactly.
      expect(await token.canTransfer(alice.address, carol.address, 50_000n * SHARE + 1n)).to.equal(false);
      await expect(token.connect(alice).transfer(carol.address, 50_000n * SHARE + 1n))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(MAX_OUTSIDE + 1n, MAX_OUTSIDE);
      expect(await token.canTransfer(alice.address, carol.address, 50_000n * SHARE)).to.equal(true);
      await token.connect(alice).transfer(carol.address, 50_000n * SHARE);
      expect(await token.balanceOf(carol.address)).to.equal(50_000n * SHARE);
    });

    it("counts reserved shares in a grant's cap check", async function () {
      const { token, market, alice, carol } = await loadFixture(deployWithBob);
      await market.connect(alice).openOffering(await offeringTerms(token, 50_000n * SHARE, PRICE, 1n, false), []);
      const start = BigInt(await time.latest());
      await expect(token.connect(alice).grant(carol.address, 50_000n * SHARE + 1n, start, 0n, DURATION, REASON))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(MAX_OUTSIDE + 1n, MAX_OUTSIDE);
      await token.connect(alice).grant(carol.address, 50_000n * SHARE, start, 0n, DURATION, REASON);
      expect(await token.outsideShares()).to.equal(150_000n * SHARE);
    });

    it("releases the reservation when the offering ends short of its minimum", async function () {
      const { token, market, alice, carol } = await loadFixture(deployWithBob);
      const terms = await offeringTerms(token, 50_000n * SHARE, PRICE, 1n, false);
      await market.connect(alice).openOffering(terms, []);
      expect(await token.canTransfer(alice.address, carol.address, 100_000n * SHARE)).to.equal(false);
      await time.increaseTo(terms.end + 1n);
      expect(await token.reservedShares()).to.deep.equal([0n, false]);
      expect(await token.canTransfer(alice.address, carol.address, 100_000n * SHARE + 1n)).to.equal(false);
      expect(await token.canTransfer(alice.address, carol.address, 100_000n * SHARE)).to.equal(true);
      await token.connect(alice).transfer(carol.address, 100_000n * SHARE);
      expect(await token.outsideShares()).to.equal(MAX_OUTSIDE);
    });

    it("counts a dilutive offering's reserved shares against the enlarged supply", async function () {
      const { token, market, alice, carol } = await loadFixture(deployWithBob);
      await market.connect(alice).openOffering(await offeringTerms(token, 50_000n * SHARE, PRICE, 1n, true), []);
      expect(await token.reservedShares()).to.deep.equal([50_000n * SHARE, true]);
      // Cap: 20% of 1,050,000 = 210,000; outside 100,000 + 50,000 reserved leaves room for 60,000.
      const maxOutside = 210_000n * SHARE;
      expect(await token.canTransfer(alice.address, carol.address, 60_000n * SHARE + 1n)).to.equal(false);
      await expect(token.connect(alice).transfer(carol.address, 60_000n * SHARE + 1n))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(maxOutside + 1n, maxOutside);
      expect(await token.canTransfer(alice.address, carol.address, 60_000n * SHARE)).to.equal(true);
      await token.connect(alice).transfer(carol.address, 60_000n * SHARE);
      expect(await token.balanceOf(carol.address)).to.equal(60_000n * SHARE);
    });

    it("keeps a sell-down's reserved shares in the owner's wallet even under a 100% cap", async function () {
      const { factory, market, usd, bob, dave } = await loadFixture(deployWithToken);
      const address = await factory.predictToken(dave.address);
      await factory.connect(dave).createToken("Dave", "DAVE", 1_000n * SHARE, 10_000, await usd.getAddress());
      const davesToken = (await ethers.getContractAt("PersonalToken", address)) as unknown as PersonalToken;
      await market.connect(dave).openOffering(await offeringTerms(davesToken, 600n * SHARE, PRICE, 1n, false), []);
      // The reserved shares are locked in her wallet: only 400 of her 1,000 are movable.
      expect(await davesToken.movableBalanceOf(dave.address)).to.equal(400n * SHARE);
      expect(await davesToken.canTransfer(dave.address, bob.address, 400n * SHARE + 1n)).to.equal(false);
      await expect(davesToken.connect(dave).transfer(bob.address, 400n * SHARE + 1n))
        .to.be.revertedWithCustomError(davesToken, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(dave.address, 400n * SHARE + 1n, 400n * SHARE);
      expect(await davesToken.canTransfer(dave.address, bob.address, 400n * SHARE)).to.equal(true);
      await davesToken.connect(dave).transfer(bob.address, 400n * SHARE);
      expect(await davesToken.balanceOf(dave.address)).to.equal(600n * SHARE);
    });
  });

  // ───────────────────────────── wiring ─────────────────────────────

  describe("The registry, the market and the factory are wired once", function () {
    it("starts every investor with no kicks and points the registry at the bound market", async function () {
      const { registry, market, bob, mallory } = await loadFixture(deploySystem);
      expect(await registry.kickCount(bob.address)).to.equal(0n);
      expect(await registry.kickCount(mallory.address)).to.equal(0n);
      expect(await registry.market()).to.equal(await market.getAddress());
    });

    it("refuses to bind the system registry's market a second time", async function () {
      const { registry, market, deployer, bob } = await loadFixture(deploySystem);
      await expect(registry.connect(deployer).bindMarket(bob.address))
        .to.be.revertedWithCustomError(registry, "AlreadyBound")
        .withArgs(await market.getAddress());
    });

    it("lets only the deployer bind a fresh registry's market, once, to a non-zero address", async function () {
      const { deployer, admin, registrar, arbiter, market, bob } = await loadFixture(deploySystem);
      const fresh = (await ethers.deployContract(
        "InvestorRegistry",
        [admin.address, registrar.address, arbiter.address],
        deployer,
      )) as unknown as InvestorRegistry;
      expect(await fresh.market()).to.equal(ZERO_ADDRESS);
      await expect(fresh.connect(bob).bindMarket(await market.getAddress()))
        .to.be.revertedWithCustomError(fresh, "CallerNotDeployer")
        .withArgs(bob.address);
      await expect(fresh.connect(deployer).bindMarket(ZERO_ADDRESS))
        .to.be.revertedWithCustomError(fresh, "BindingToZeroAddress")
        .withArgs();
      await expect(fresh.connect(deployer).bindMarket(await market.getAddress()))
        .to.emit(fresh, "MarketBound")
        .withArgs(await market.getAddress());
      expect(await fresh.market()).to.equal(await market.getAddress());
      await expect(fresh.connect(deployer).bindMarket(bob.address))
        .to.be.revertedWithCustomError(fresh, "AlreadyBound")
        .withArgs(await market.getAddress());
      expect(await fresh.market()).to.equal(await market.getAddress());
    });

    it("shows the market's registry and factory", async function () {
      const { registry, market, factory } = await loadFixture(deploySystem);
      expect(await market.registry()).to.equal(await registry.getAddress());
      expect(await market.factory()).to.equal(await factory.getAddress());
    });

    it("lets only the deployer bind a fresh market's factory, once, to a non-zero address", async function () {
      const { deployer, registry, factory, market, bob } = await loadFixture(deploySystem);
      await expect(market.connect(deployer).bindFactory(bob.address))
        .to.be.revertedWithCustomError(market, "AlreadyBound")
        .withArgs(await factory.getAddress());
      const fresh = (await ethers.deployContract(
        "ShareMarket",
        [await registry.getAddress()],
        deployer,
      )) as unknown as ShareMarket;
      expect(await fresh.factory()).to.equal(ZERO_ADDRESS);
      await expect(fresh.connect(bob).bindFactory(await factory.getAddress()))
        .to.be.revertedWithCustomError(fresh, "CallerNotDeployer")
        .withArgs(bob.address);
      await expect(fresh.connect(deployer).bindFactory(ZERO_ADDRESS))
        .to.be.revertedWithCustomError(fresh, "BindingToZeroAddress")
        .withArgs();
      await expect(fresh.connect(deployer).bindFactory(await factory.getAddress()))
        .to.emit(fresh, "FactoryBound")
        .withArgs(await factory.getAddress());
      expect(await fresh.factory()).to.equal(await factory.getAddress());
      await expect(fresh.connect(deployer).bindFactory(bob.address))
        .to.be.revertedWithCustomError(fresh, "AlreadyBound")
        .withArgs(await factory.getAddress());
    });

    it("deploys the system through the Ignition module with the market wired to the factory, registry and tokens", async function () {
      const { registry, market, factory, tokenImplementation, token } = await loadFixture(deployWithToken);
      const marketAddress = await market.getAddress();
      expect(await market.factory()).to.equal(await factory.getAddress());
      expect(await market.registry()).to.equal(await registry.getAddress());
      expect(await registry.market()).to.equal(marketAddress);
      expect(await tokenImplementation.market()).to.equal(marketAddress);
      expect(await token.market()).to.equal(marketAddress);
    });
  });
});
