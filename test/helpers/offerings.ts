// Fixtures and helpers shared by the tests split from ShareMarketOfferings.ts.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { PersonalToken, ShareMarket } from "../../types/ethers-contracts/index.js";
import {
  deployWithToken,
  ethers,
  networkHelpers,
  pinNextBlock,
  SHARE,
  USD,
  verifyAll,
  ZERO_ADDRESS,
} from "./fixtures.js";

export const { loadFixture, time } = networkHelpers;

export const SUPPLY = 1_000_000n * SHARE;
export const MAX_OUTSIDE = 200_000n * SHARE; // 20% of 1,000,000 shares
export const DAY = 86_400n;
export const WEEK = 7n * DAY;
export const GRACE = 7n * DAY; // the market's SETTLEMENT_GRACE_PERIOD
/** The seed's price: $6.666667 per share, in 6-decimal USD units. */
export const SEED_PRICE = 6_666_667n;
/** What 10,000 shares cost at the seed's price: $66,666.67. */
export const TEN_THOUSAND_AT_SEED = 66_666_670_000n;
export const ONE_ETH = 10n ** 18n;

// ───────────────────────────── terms ─────────────────────────────

export interface Terms {
  token: string;
  shares: bigint;
  price: bigint;
  minPerInvestor: bigint;
  maxPerInvestor: bigint;
  start: bigint;
  end: bigint;
  priorityWindow: bigint;
  minRaise: bigint;
  dilutive: boolean;
}

/** The terms in the struct's field order, to compare with event arguments and views. */
export function asTuple(t: Terms) {
  return [
    t.token,
    t.shares,
    t.price,
    t.minPerInvestor,
    t.maxPerInvestor,
    t.start,
    t.end,
    t.priorityWindow,
    t.minRaise,
    t.dilutive,
  ];
}

/**
 * The seed's sell-down terms for `token` (30,000 shares at $6.666667, at most 10,000 per investor, starting a minute
 * after the next block, which is pinned, lasting a week), with `overrides` applied; the end follows an overridden
 * start unless given.
 */
export async function termsFor(token: PersonalToken, overrides: Partial<Terms> = {}): Promise<Terms> {
  const start = overrides.start ?? (await pinNextBlock()) + 60n;
  return {
    token: await token.getAddress(),
    shares: 30_000n * SHARE,
    price: SEED_PRICE,
    minPerInvestor: 0n,
    maxPerInvestor: 10_000n * SHARE,
    priorityWindow: 0n,
    minRaise: 0n,
    dilutive: false,
    ...overrides,
    start,
    end: overrides.end ?? start + WEEK,
  };
}

/** `owner` opens an offering of `token` on `overrides` of the seed's terms; by default time then moves to its start. */
export async function open(
  market: ShareMarket,
  owner: HardhatEthersSigner,
  token: PersonalToken,
  overrides: Partial<Terms> = {},
  allowlist: string[] = [],
  started = true,
) {
  const terms = await termsFor(token, overrides);
  await market.connect(owner).openOffering(terms, allowlist);
  const id = await market.offeringCount();
  if (started) await time.increaseTo(terms.start);
  return { id, terms };
}

// ───────────────────────────── fixtures ─────────────────────────────

/** Alice's token, plus Erin (verified); Bob, Carol, Dave and Erin hold $1,000,000 each and approved the market. */
export async function deployMarket() {
  const f = await deployWithToken();
  const erin = f.others[0];
  await verifyAll(f.registry, f.registrar, [erin]);
  const marketAddress = await f.market.getAddress();
  for (const buyer of [f.bob, f.carol, f.dave, erin]) {
    await f.usd.mint(buyer.address, 1_000_000n * USD);
    await f.usd.connect(buyer).approve(marketAddress, ethers.MaxUint256);
  }
  return { ...f, erin, marketAddress, tokenAddress: await f.token.getAddress(), usdAddress: await f.usd.getAddress() };
}

/** Alice's seed offering (id 1): a plain sell-down of 30,000 shares at $6.666667, ≤ 10,000 each, now open. */
export async function deploySellDown() {
  const f = await deployMarket();
  const { id, terms } = await open(f.market, f.alice, f.token);
  return { ...f, id, terms };
}

/** As `deployMarket`, with the seed offering opened but not yet started. */
export async function deployNotStarted() {
  const f = await deployMarket();
  const { id, terms } = await open(f.market, f.alice, f.token, {}, [], false);
  return { ...f, id, terms };
}

/** Zoe (freshly verified) creates a token priced in `quote` (by default 1,000,000 shares with a 20% cap). */
export async function createZoesToken(
  f: Awaited<ReturnType<typeof deployMarket>>,
  quote: string,
  supply = SUPPLY,
  capBps = 2_000,
) {
  const zoe = f.others[1];
  await verifyAll(f.registry, f.registrar, [zoe]);
  const address = await f.factory.predictToken(zoe.address);
  await f.factory.connect(zoe).createToken("Zoe", "ZOE", supply, capBps, quote);
  const zoeToken = (await ethers.getContractAt("PersonalToken", address)) as unknown as PersonalToken;
  return { zoe, zoeToken };
}

/** Zoe's token priced in ETH, with a plain sell-down (id 1) of 10,000 shares at 0.001 ETH each, now open. */
export async function deployEthOffering() {
  const f = await deployMarket();
  const { zoe, zoeToken } = await createZoesToken(f, ZERO_ADDRESS);
  const { id, terms } = await open(f.market, zoe, zoeToken, {
    shares: 10_000n * SHARE,
    price: ONE_ETH / 1_000n,
    maxPerInvestor: 0n,
  });
  return { ...f, zoe, zoeToken, id, terms };
}

/** Zoe's token priced in a token that burns 1% of every transfer; Bob holds 1,000 of it and approved the market. */
export async function deployFeeQuotedToken() {
  const f = await deployMarket();
  const fee = await ethers.deployContract("FeeOnTransferERC20", [100n]);
  const { zoe, zoeToken } = await createZoesToken(f, await fee.getAddress());
  await fee.mint(f.bob.address, 1_000n * SHARE);
  await fee.connect(f.bob).approve(f.marketAddress, ethers.MaxUint256);
  return { ...f, zoe, zoeToken, fee };
}

export const PRO_RATA_OFFERED = 50_000n * SHARE;
export const PRO_RATA_SUPPLY = 1_000_001n * SHARE;
export const PRO_RATA_PRICE = 5n * USD;
export const BOB_HOLDING = 100_000n * SHARE;
export const CAROL_HOLDING = 50_000n * SHARE;
/** floor(balance × offered / supply at opening). */
export const entitlement = (balance: bigint) => (balance * PRO_RATA_OFFERED) / PRO_RATA_SUPPLY;

/**
 * Alice issued herself one share (supply 1,000,001, so entitlements are fractional) and sold Bob 100,000 and Carol
 * 50,000; she opened (id 1) a dilutive offering of 50,000 shares at $5, 3,000 to 4,000 per investor, with a one-day
 * priority window and an allowlist of Bob and Dave; it has started.
 */
export async function deployProRata() {
  const f = await deployMarket();
  await f.token.connect(f.alice).issue(f.alice.address, SHARE);
  await f.token.connect(f.alice).transfer(f.bob.address, BOB_HOLDING);
  await f.token.connect(f.alice).transfer(f.carol.address, CAROL_HOLDING);
  const { id, terms } = await open(
    f.market,
    f.alice,
    f.token,
    {
      shares: PRO_RATA_OFFERED,
      price: PRO_RATA_PRICE,
      minPerInvestor: 3_000n * SHARE,
      maxPerInvestor: 4_000n * SHARE,
      priorityWindow: DAY,
      dilutive: true,
    },
    [f.bob.address, f.dave.address],
  );
  return { ...f, id, terms };
}

export const AON_PRICE = 5n * USD;
export const MIN_RAISE = 100_000n * USD; // 20,000 shares at $5

/** Alice's all-or-nothing sell-down (id 1): 30,000 shares at $5, at least $100,000 raised, no per-investor limit. */
export async function deployAllOrNothing() {
  const f = await deployMarket();
  const { id, terms } = await open(f.market, f.alice, f.token, {
    price: AON_PRICE,
    maxPerInvestor: 0n,
    minRaise: MIN_RAISE,
  });
  return { ...f, id, terms };
}

/** As `deployAllOrNothing`, after Bob and Carol bought 10,000 shares each ($100,000: the minimum) and the end passed. */
export async function deployAllOrNothingReached() {
  const f = await deployAllOrNothing();
  await f.market.connect(f.bob).buy(f.id, 10_000n * SHARE);
  await f.market.connect(f.carol).buy(f.id, 10_000n * SHARE);
  await time.increaseTo(f.terms.end);
  return f;
}

/** As `deployAllOrNothing`, after Bob bought 10,000 shares ($50,000: the minimum is missed) and the end passed. */
export async function deployAllOrNothingMissed() {
  const f = await deployAllOrNothing();
  await f.market.connect(f.bob).buy(f.id, 10_000n * SHARE);
  await time.increaseTo(f.terms.end);
  return f;
}

// ───────────────────────────── tests ─────────────────────────────
