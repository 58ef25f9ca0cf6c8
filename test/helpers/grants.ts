// Fixtures and helpers shared by the tests split from PersonalTokenGrants.ts.
import { expect } from "chai";
import type { PersonalToken } from "../../types/ethers-contracts/index.js";
import { deployWithToken, memo, networkHelpers, ONE_YEAR, pinNextBlock, SHARE, USD } from "./fixtures.js";

/*
 * Grants for help (vesting locks, cancellation, forced transfers and recoveries) and the token-side trading rules
 * around them: pro-rata rights, kicked receivers, all-or-nothing reservations in the owner's cap checks, and the
 * one-time wiring of registry ↔ market ↔ factory.
 */

export const { loadFixture, time } = networkHelpers;

export const SUPPLY = 1_000_000n * SHARE;
export const MAX_OUTSIDE = 200_000n * SHARE; // 20% of the supply
export const BOB_SHARES = 100_000n * SHARE;
export const MAX_SUPPLY = 10n ** 36n;
export const DAY = 24n * 60n * 60n;

// Carol's grant in `deployWithGrant`: 12,000 shares, one-year cliff, four-year vesting, starting in 30 days.
export const GRANT = 12_000n * SHARE;
export const CLIFF = ONE_YEAR;
export const DURATION = 4n * ONE_YEAR;
export const REASON = memo("design work");
// Carol's purchase in `deployWithPurchaseAndGrant`: 1,000 shares at $5.
export const PRICE = 5n * USD;
export const BOUGHT = 1_000n * SHARE;

// ───────────────────────────── fixtures ─────────────────────────────

/** Renews the verification of `accounts` for ten years, so that vesting schedules can run their course. */
export async function verifyForTenYears(
  f: Awaited<ReturnType<typeof deployWithToken>>,
  accounts: { address: string }[],
) {
  const until = (await pinNextBlock()) + 10n * ONE_YEAR;
  for (const account of accounts) {
    await f.registry.connect(f.registrar).verify(account.address, until, memo("kyc"));
  }
}

/**
 * Alice's token after she sold 100,000 shares (10%) to Bob by a plain transfer; Bob, Carol and Dave stay verified
 * for ten years.
 */
export async function deployWithBob() {
  const f = await deployWithToken();
  await verifyForTenYears(f, [f.bob, f.carol, f.dave]);
  await f.token.connect(f.alice).transfer(f.bob.address, BOB_SHARES);
  return f;
}

/** As `deployWithBob`, plus Carol's grant of 12,000 shares: start in 30 days, one-year cliff, four years. */
export async function deployWithGrant() {
  const f = await deployWithBob();
  const start = (await pinNextBlock()) + 30n * DAY; // the grant's block is pinned: start is 30 days after it
  await f.token.connect(f.alice).grant(f.carol.address, GRANT, start, CLIFF, DURATION, REASON);
  return { ...f, start };
}

/** Terms of a sell-down or dilutive offering on `token` open from now for a day. */
export async function offeringTerms(
  token: PersonalToken,
  shares: bigint,
  price: bigint,
  minRaise: bigint,
  dilutive: boolean,
) {
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
export async function deployWithPurchaseAndGrant() {
  const f = await deployWithBob();
  const { token, market, usd, alice, carol } = f;
  await market.connect(alice).openOffering(await offeringTerms(token, 10_000n * SHARE, PRICE, 0n, false), []);
  await usd.mint(carol.address, 5_000n * USD);
  await usd.connect(carol).approve(await market.getAddress(), 5_000n * USD);
  await market.connect(carol).buy(1n, BOUGHT);
  const start = (await pinNextBlock()) + 30n * DAY; // the grant's block is pinned: start is 30 days after it
  await token.connect(alice).grant(carol.address, GRANT, start, CLIFF, DURATION, REASON);
  await token.connect(alice).setProRataRight(carol.address, false);
  const erin = f.others[0];
  await verifyForTenYears(f, [erin]);
  return { ...f, start, erin };
}

/** Mints `amount` USD to `depositor`, approves the distributor and distributes it. */
export async function distributeUsd(f: Awaited<ReturnType<typeof deployWithToken>>, amount: bigint, reference: string) {
  await f.usd.mint(f.alice.address, amount);
  await f.usd.connect(f.alice).approve(await f.distributor.getAddress(), amount);
  await f.distributor.connect(f.alice).distribute(await f.usd.getAddress(), amount, memo(reference));
}

export async function expectGrant(
  token: PersonalToken,
  holder: string,
  amount: bigint,
  start: bigint,
  cliff: bigint,
  duration: bigint,
) {
  const [a, s, c, d] = await token.grantOf(holder);
  expect([a, s, c, d]).to.deep.equal([amount, start, cliff, duration]);
}

// ───────────────────────────── grants ─────────────────────────────
