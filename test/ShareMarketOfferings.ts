import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { PersonalToken, ShareMarket } from "../types/ethers-contracts/index.js";
import {
  deployWithToken,
  ETH,
  ethers,
  memo,
  networkHelpers,
  pinNextBlock,
  SHARE,
  USD,
  verifyAll,
  ZERO_ADDRESS,
} from "./helpers/fixtures.js";

const { loadFixture, time } = networkHelpers;

const SUPPLY = 1_000_000n * SHARE;
const MAX_OUTSIDE = 200_000n * SHARE; // 20% of 1,000,000 shares
const DAY = 86_400n;
const WEEK = 7n * DAY;
const GRACE = 7n * DAY; // the market's SETTLEMENT_GRACE_PERIOD
/** The seed's price: $6.666667 per share, in 6-decimal USD units. */
const SEED_PRICE = 6_666_667n;
/** What 10,000 shares cost at the seed's price: $66,666.67. */
const TEN_THOUSAND_AT_SEED = 66_666_670_000n;
const ONE_ETH = 10n ** 18n;

// ───────────────────────────── terms ─────────────────────────────

interface Terms {
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
function asTuple(t: Terms) {
  return [
    t.token, t.shares, t.price, t.minPerInvestor, t.maxPerInvestor, t.start, t.end, t.priorityWindow, t.minRaise,
    t.dilutive,
  ];
}

/**
 * The seed's sell-down terms for `token` (30,000 shares at $6.666667, at most 10,000 per investor, starting a minute
 * after the next block, which is pinned, lasting a week), with `overrides` applied; the end follows an overridden
 * start unless given.
 */
async function termsFor(token: PersonalToken, overrides: Partial<Terms> = {}): Promise<Terms> {
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
async function open(
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
async function deployMarket() {
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
async function deploySellDown() {
  const f = await deployMarket();
  const { id, terms } = await open(f.market, f.alice, f.token);
  return { ...f, id, terms };
}

/** As `deployMarket`, with the seed offering opened but not yet started. */
async function deployNotStarted() {
  const f = await deployMarket();
  const { id, terms } = await open(f.market, f.alice, f.token, {}, [], false);
  return { ...f, id, terms };
}

/** Zoe (freshly verified) creates a token priced in `quote` (by default 1,000,000 shares with a 20% cap). */
async function createZoesToken(
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
async function deployEthOffering() {
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
async function deployFeeQuotedToken() {
  const f = await deployMarket();
  const fee = await ethers.deployContract("FeeOnTransferERC20", [100n]);
  const { zoe, zoeToken } = await createZoesToken(f, await fee.getAddress());
  await fee.mint(f.bob.address, 1_000n * SHARE);
  await fee.connect(f.bob).approve(f.marketAddress, ethers.MaxUint256);
  return { ...f, zoe, zoeToken, fee };
}

const PRO_RATA_OFFERED = 50_000n * SHARE;
const PRO_RATA_SUPPLY = 1_000_001n * SHARE;
const PRO_RATA_PRICE = 5n * USD;
const BOB_HOLDING = 100_000n * SHARE;
const CAROL_HOLDING = 50_000n * SHARE;
/** floor(balance × offered / supply at opening). */
const entitlement = (balance: bigint) => (balance * PRO_RATA_OFFERED) / PRO_RATA_SUPPLY;

/**
 * Alice issued herself one share (supply 1,000,001, so entitlements are fractional) and sold Bob 100,000 and Carol
 * 50,000; she opened (id 1) a dilutive offering of 50,000 shares at $5, 3,000 to 4,000 per investor, with a one-day
 * priority window and an allowlist of Bob and Dave; it has started.
 */
async function deployProRata() {
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

const AON_PRICE = 5n * USD;
const MIN_RAISE = 100_000n * USD; // 20,000 shares at $5

/** Alice's all-or-nothing sell-down (id 1): 30,000 shares at $5, at least $100,000 raised, no per-investor limit. */
async function deployAllOrNothing() {
  const f = await deployMarket();
  const { id, terms } = await open(f.market, f.alice, f.token, {
    price: AON_PRICE,
    maxPerInvestor: 0n,
    minRaise: MIN_RAISE,
  });
  return { ...f, id, terms };
}

/** As `deployAllOrNothing`, after Bob and Carol bought 10,000 shares each ($100,000: the minimum) and the end passed. */
async function deployAllOrNothingReached() {
  const f = await deployAllOrNothing();
  await f.market.connect(f.bob).buy(f.id, 10_000n * SHARE);
  await f.market.connect(f.carol).buy(f.id, 10_000n * SHARE);
  await time.increaseTo(f.terms.end);
  return f;
}

/** As `deployAllOrNothing`, after Bob bought 10,000 shares ($50,000: the minimum is missed) and the end passed. */
async function deployAllOrNothingMissed() {
  const f = await deployAllOrNothing();
  await f.market.connect(f.bob).buy(f.id, 10_000n * SHARE);
  await time.increaseTo(f.terms.end);
  return f;
}

// ───────────────────────────── tests ─────────────────────────────

describe("ShareMarket offerings", function () {
  describe("Alice opens an offering", function () {
    it("opens a sell-down with id 1 and records its terms, the supply at opening and the allowlist", async function () {
      const { market, token, alice, bob, carol, dave, tokenAddress } = await loadFixture(deployMarket);
      const terms = await termsFor(token);

      const tx = market.connect(alice).openOffering(terms, [bob.address, carol.address]);

      await expect(tx)
        .to.emit(market, "OfferingOpened")
        .withArgs(1n, tokenAddress, asTuple(terms), [bob.address, carol.address]);
      expect(await market.offeringCount()).to.equal(1n);
      expect(await market.latestOffering(tokenAddress)).to.equal(1n);
      const offering = await market.offering(1n);
      expect(asTuple(offering.terms)).to.deep.equal(asTuple(terms));
      expect(offering.sold).to.equal(0n);
      expect(offering.raised).to.equal(0n);
      expect(offering.pendingShares).to.equal(0n);
      expect(offering.supplyAtOpening).to.equal(SUPPLY);
      expect(offering.unsettled).to.equal(0n);
      expect(offering.cancelled).to.equal(false);
      expect(offering.hasAllowlist).to.equal(true);
      expect(await market.isAllowlisted(1n, bob.address)).to.equal(true);
      expect(await market.isAllowlisted(1n, carol.address)).to.equal(true);
      expect(await market.isAllowlisted(1n, dave.address)).to.equal(false);
      expect(await market.isAllowlisted(1n, alice.address)).to.equal(false);
      expect(await market.isFinished(1n)).to.equal(false);
    });

    it("opens an offering without an allowlist, so that any verified investor may buy", async function () {
      const { market, token, alice, dave, tokenAddress } = await loadFixture(deployMarket);
      const terms = await termsFor(token);

      await expect(market.connect(alice).openOffering(terms, []))
        .to.emit(market, "OfferingOpened")
        .withArgs(1n, tokenAddress, asTuple(terms), []);

      expect((await market.offering(1n)).hasAllowlist).to.equal(false);
      expect(await market.isAllowlisted(1n, dave.address)).to.equal(false);
      await time.increaseTo(terms.start);
      await expect(market.connect(dave).buy(1n, 1_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(1n, dave.address, 1_000n * SHARE, 6_666_667_000n, true);
    });

    it("opens a dilutive offering and records the supply at opening", async function () {
      const { market, token, alice, tokenAddress } = await loadFixture(deployMarket);
      await token.connect(alice).issue(alice.address, 500n * SHARE);
      const terms = await termsFor(token, { dilutive: true, priorityWindow: DAY, shares: 100_000n * SHARE });

      await expect(market.connect(alice).openOffering(terms, []))
        .to.emit(market, "OfferingOpened")
        .withArgs(1n, tokenAddress, asTuple(terms), []);

      const offering = await market.offering(1n);
      expect(offering.terms.dilutive).to.equal(true);
      expect(offering.terms.priorityWindow).to.equal(DAY);
      expect(offering.supplyAtOpening).to.equal(SUPPLY + 500n * SHARE);
    });

    it("refuses an address that is not a token of the factory (UnknownToken)", async function () {
      const { market, token, alice, usdAddress, tokenImplementation } = await loadFixture(deployMarket);
      const stranger = ethers.Wallet.createRandom().address;
      const implementation = await tokenImplementation.getAddress();

      for (const address of [stranger, usdAddress, implementation]) {
        const terms = await termsFor(token, { token: address });
        await expect(market.connect(alice).openOffering(terms, []))
          .to.be.revertedWithCustomError(market, "UnknownToken")
          .withArgs(address);
      }
    });

    it("refuses anyone but the token's owner (OwnableUnauthorizedAccount)", async function () {
      const { market, token, bob, arbiter } = await loadFixture(deployMarket);
      const terms = await termsFor(token);

      for (const caller of [bob, arbiter]) {
        await expect(market.connect(caller).openOffering(terms, []))
          .to.be.revertedWithCustomError(market, "OwnableUnauthorizedAccount")
          .withArgs(caller.address);
      }
    });

    // One rule, one error: each broken term, the error that names it and the values that broke it.
    const invalidTerms: [string, (t: Terms, now: bigint) => Terms, string, (t: Terms, now: bigint) => unknown[]][] = [
      ["zero shares", (t) => ({ ...t, shares: 0n }), "OfferingWithoutShares", () => []],
      ["a zero price", (t) => ({ ...t, price: 0n }), "OfferingWithoutPrice", () => []],
      ["an end before the start", (t) => ({ ...t, end: t.start - 1n }), "OfferingEndsBeforeStart", (t) => [t.start, t.start - 1n]],
      [
        "an end already in the past",
        (t, now) => ({ ...t, start: now - 100n, end: now }),
        "OfferingEndInPast",
        (_t, now) => [now, now + 1n],
      ],
      [
        "a minimum above a non-zero maximum",
        (t) => ({ ...t, minPerInvestor: 10_001n * SHARE }),
        "InvestorMinimumAboveMaximum",
        (t) => [10_001n * SHARE, t.maxPerInvestor],
      ],
      ["a priority window on a sell-down", (t) => ({ ...t, priorityWindow: 1n }), "PriorityWindowOnSellDown", () => [1n]],
      [
        "a priority window longer than the offering",
        (t) => ({ ...t, dilutive: true, priorityWindow: t.end - t.start + 1n }),
        "PriorityWindowTooLong",
        (t) => [t.end - t.start + 1n, t.end - t.start],
      ],
    ];
    for (const [name, mutate, error, args] of invalidTerms) {
      it(`refuses terms with ${name} (${error})`, async function () {
        const { market, token, alice } = await loadFixture(deployMarket);
        const now = BigInt(await time.latest());
        const base = await termsFor(token);
        const terms = mutate(base, now);

        await expect(market.connect(alice).openOffering(terms, []))
          .to.be.revertedWithCustomError(market, error)
          .withArgs(...args(base, now));
      });
    }

    const edgeTerms: [string, (t: Terms, now: bigint) => Terms][] = [
      ["an end equal to its start", (t) => ({ ...t, end: t.start })],
      ["a start already past and an end still ahead", (t, now) => ({ ...t, start: now - 100n, end: now + 100n })],
      ["a minimum and no maximum", (t) => ({ ...t, minPerInvestor: 50_000n * SHARE, maxPerInvestor: 0n })],
      ["a minimum equal to the maximum", (t) => ({ ...t, minPerInvestor: t.maxPerInvestor })],
      ["a priority window as long as the offering", (t) => ({ ...t, dilutive: true, priorityWindow: t.end - t.start })],
    ];
    for (const [name, mutate] of edgeTerms) {
      it(`accepts terms with ${name}`, async function () {
        const { market, token, alice, tokenAddress } = await loadFixture(deployMarket);
        const now = BigInt(await time.latest());
        const terms = mutate(await termsFor(token), now);

        await expect(market.connect(alice).openOffering(terms, []))
          .to.emit(market, "OfferingOpened")
          .withArgs(1n, tokenAddress, asTuple(terms), []);
        expect(asTuple((await market.offering(1n)).terms)).to.deep.equal(asTuple(terms));
      });
    }

    it("refuses a second offering while the first is unfinished (OfferingInProgress)", async function () {
      const { market, token, alice, id, terms } = await loadFixture(deployNotStarted);
      const next = await termsFor(token, { shares: 1_000n * SHARE });

      await expect(market.connect(alice).openOffering(next, []))
        .to.be.revertedWithCustomError(market, "OfferingInProgress")
        .withArgs(id);
      await time.increaseTo(terms.start);
      await expect(market.connect(alice).openOffering(next, []))
        .to.be.revertedWithCustomError(market, "OfferingInProgress")
        .withArgs(id);
      // At its last second a plain offering is still running.
      await time.setNextBlockTimestamp(terms.end);
      await expect(market.connect(alice).openOffering({ ...next, start: terms.end, end: terms.end + WEEK }, []))
        .to.be.revertedWithCustomError(market, "OfferingInProgress")
        .withArgs(id);
    });

    it("opens the next offering, with the next id, once the first is cancelled", async function () {
      const { market, token, alice, id, tokenAddress } = await loadFixture(deployNotStarted);
      await market.connect(alice).cancelOffering(id);
      const next = await termsFor(token, { shares: 1_000n * SHARE });

      await expect(market.connect(alice).openOffering(next, []))
        .to.emit(market, "OfferingOpened")
        .withArgs(2n, tokenAddress, asTuple(next), []);
      expect(await market.latestOffering(tokenAddress)).to.equal(2n);
    });

    it("opens the next offering once a plain offering's end has passed", async function () {
      const { market, token, alice, id, terms, tokenAddress } = await loadFixture(deploySellDown);
      expect(await market.isFinished(id)).to.equal(false);
      await time.increaseTo(terms.end);
      // The next block is past the end: nothing is pending in a plain offering, so it is finished.
      await time.increase(1);
      expect(await market.isFinished(id)).to.equal(true);
      const next = await termsFor(token, { shares: 1_000n * SHARE });

      await expect(market.connect(alice).openOffering(next, []))
        .to.emit(market, "OfferingOpened")
        .withArgs(2n, tokenAddress, asTuple(next), []);
    });

    it("waits until every all-or-nothing purchase of an ended offering is settled", async function () {
      const { market, token, alice, bob, carol, id, tokenAddress } = await loadFixture(deployAllOrNothingReached);
      const next = await termsFor(token, { shares: 1_000n * SHARE });

      await expect(market.connect(alice).openOffering(next, []))
        .to.be.revertedWithCustomError(market, "OfferingInProgress")
        .withArgs(id);
      await market.settle(id, bob.address);
      await expect(market.connect(alice).openOffering(next, []))
        .to.be.revertedWithCustomError(market, "OfferingInProgress")
        .withArgs(id);
      await market.settle(id, carol.address);
      await expect(market.connect(alice).openOffering(next, []))
        .to.emit(market, "OfferingOpened")
        .withArgs(2n, tokenAddress, asTuple(next), []);
    });

    it("refuses a sell-down of more shares than Alice holds (OfferingExceedsOwnerBalance)", async function () {
      const { market, token, alice, bob } = await loadFixture(deployMarket);
      await token.connect(alice).transfer(bob.address, 150_000n * SHARE);
      const terms = await termsFor(token, { shares: 850_001n * SHARE, maxPerInvestor: 0n });

      await expect(market.connect(alice).openOffering(terms, []))
        .to.be.revertedWithCustomError(market, "OfferingExceedsOwnerBalance")
        .withArgs(850_001n * SHARE, 850_000n * SHARE);
    });

    it("refuses a sell-down that would take the outside shares above the cap (OfferingExceedsCap)", async function () {
      const { market, token, alice, bob, tokenAddress } = await loadFixture(deployMarket);
      await token.connect(alice).transfer(bob.address, 150_000n * SHARE);
      const tooMany = await termsFor(token, { shares: 50_001n * SHARE, maxPerInvestor: 0n });

      await expect(market.connect(alice).openOffering(tooMany, []))
        .to.be.revertedWithCustomError(market, "OfferingExceedsCap")
        .withArgs(200_001n * SHARE, MAX_OUTSIDE);

      const exact = { ...tooMany, shares: 50_000n * SHARE };
      await expect(market.connect(alice).openOffering(exact, []))
        .to.emit(market, "OfferingOpened")
        .withArgs(1n, tokenAddress, asTuple(exact), []);
    });

    it("checks a dilutive offering against the cap of the supply plus the offered shares", async function () {
      const { market, token, alice, tokenAddress } = await loadFixture(deployMarket);
      // 250,000 new shares: 250,000 outside of 1,250,000 is exactly 20%.
      const tooMany = await termsFor(token, { shares: 250_001n * SHARE, maxPerInvestor: 0n, dilutive: true });

      await expect(market.connect(alice).openOffering(tooMany, []))
        .to.be.revertedWithCustomError(market, "OfferingExceedsCap")
        .withArgs(250_001n * SHARE, (1_250_001n * SHARE * 2_000n) / 10_000n);

      // The same 250,000 as a sell-down would leave the supply at 1,000,000, so it breaks the cap.
      const sellDown = { ...tooMany, shares: 250_000n * SHARE, dilutive: false };
      await expect(market.connect(alice).openOffering(sellDown, []))
        .to.be.revertedWithCustomError(market, "OfferingExceedsCap")
        .withArgs(250_000n * SHARE, MAX_OUTSIDE);

      const exact = { ...tooMany, shares: 250_000n * SHARE };
      await expect(market.connect(alice).openOffering(exact, []))
        .to.emit(market, "OfferingOpened")
        .withArgs(1n, tokenAddress, asTuple(exact), []);
    });

    it("opens an offering while the token is paused", async function () {
      const { market, token, alice, arbiter, tokenAddress } = await loadFixture(deployMarket);
      await token.connect(arbiter).pause();
      const terms = await termsFor(token);

      await expect(market.connect(alice).openOffering(terms, []))
        .to.emit(market, "OfferingOpened")
        .withArgs(1n, tokenAddress, asTuple(terms), []);
      expect((await market.offering(1n)).terms.shares).to.equal(30_000n * SHARE);
    });
  });

  describe("Investors buy in a plain sell-down offering", function () {
    it("moves 10,000 shares from Alice to Bob and $66,666.67 from Bob to Alice in one transaction", async function () {
      const { market, token, usd, alice, bob, id } = await loadFixture(deploySellDown);

      const tx = market.connect(bob).buy(id, 10_000n * SHARE);

      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [-10_000n * SHARE, 10_000n * SHARE]);
      await expect(tx).to.changeTokenBalances(
        ethers,
        usd,
        [bob, alice, market],
        [-TEN_THOUSAND_AT_SEED, TEN_THOUSAND_AT_SEED, 0n],
      );
      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(id, bob.address, 10_000n * SHARE, TEN_THOUSAND_AT_SEED, true);
      await expect(tx).to.emit(token, "LastPriceUpdated").withArgs(SEED_PRICE);
      await expect(tx).not.to.emit(market, "Credited");
      expect(await token.lastPrice()).to.equal(SEED_PRICE);
      expect(await market.withdrawable(alice.address, await usd.getAddress())).to.equal(0n);
    });

    it("records the purchases in the offering, the buyer's position and the token's purchase record", async function () {
      const { market, token, bob, id } = await loadFixture(deploySellDown);

      await market.connect(bob).buy(id, 4_000n * SHARE); // $26,666.668
      await market.connect(bob).buy(id, 6_000n * SHARE); // $40,000.002

      const offering = await market.offering(id);
      expect(offering.sold).to.equal(10_000n * SHARE);
      expect(offering.raised).to.equal(TEN_THOUSAND_AT_SEED);
      expect(offering.pendingShares).to.equal(0n);
      expect(offering.unsettled).to.equal(0n);
      const position = await market.position(id, bob.address);
      expect(position.bought).to.equal(10_000n * SHARE);
      expect(position.pendingShares).to.equal(0n);
      expect(position.pendingPaid).to.equal(0n);
      const [paid, bought] = await token.purchaseOf(bob.address);
      expect(paid).to.equal(26_666_668_000n + 40_000_002_000n);
      expect(bought).to.equal(10_000n * SHARE);
      expect(await token.averagePurchasePrice(bob.address)).to.equal(SEED_PRICE);
    });

    it("rounds the amount due up to the next quote unit", async function () {
      const { market, token, usd, alice, bob, id } = await loadFixture(deploySellDown);

      // 1,234.5 shares × $6.666667 = $8,230.0004115, charged as $8,230.000412.
      const tx = market.connect(bob).buy(id, 1_234_500n * 10n ** 15n);
      await expect(tx).to.changeTokenBalances(ethers, usd, [bob, alice], [-8_230_000_412n, 8_230_000_412n]);
      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(id, bob.address, 1_234_500n * 10n ** 15n, 8_230_000_412n, true);

      // A single share unit costs one quote unit, not zero; being dust, it does not set the price.
      const dust = market.connect(bob).buy(id, 1n);
      await expect(dust).to.changeTokenBalances(ethers, usd, [bob, alice], [-1n, 1n]);
      await expect(dust).to.emit(market, "Purchased").withArgs(id, bob.address, 1n, 1n, true);
      await expect(dust).not.to.emit(token, "LastPriceUpdated");
    });

    it("sells the seed's 30,000 shares to three mentors for $200,000.01 in all", async function () {
      const { market, token, usd, alice, bob, carol, dave, id } = await loadFixture(deploySellDown);

      for (const mentor of [bob, carol, dave]) {
        await expect(market.connect(mentor).buy(id, 10_000n * SHARE))
          .to.emit(market, "Purchased")
          .withArgs(id, mentor.address, 10_000n * SHARE, TEN_THOUSAND_AT_SEED, true);
        expect(await token.balanceOf(mentor.address)).to.equal(10_000n * SHARE);
      }

      expect(await usd.balanceOf(alice.address)).to.equal(200_000_010_000n);
      expect(await token.balanceOf(alice.address)).to.equal(SUPPLY - 30_000n * SHARE);
      const offering = await market.offering(id);
      expect(offering.sold).to.equal(30_000n * SHARE);
      expect(offering.raised).to.equal(200_000_010_000n);
    });

    it("accepts purchases at exactly the start and at exactly the end", async function () {
      const { market, bob, carol, id, terms } = await loadFixture(deployNotStarted);

      await time.setNextBlockTimestamp(terms.start);
      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, bob.address, 1_000n * SHARE, 6_666_667_000n, true);
      await time.setNextBlockTimestamp(terms.end);
      await expect(market.connect(carol).buy(id, 1_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, carol.address, 1_000n * SHARE, 6_666_667_000n, true);
    });
  });

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
      const { market, token, arbiter, bob, id } = await loadFixture(deploySellDown);
      await token.connect(arbiter).pause();

      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "EnforcedPause")
        .withArgs();

      await token.connect(arbiter).unpause();
      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, bob.address, 1_000n * SHARE, 6_666_667_000n, true);
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
      const { market, token, usd, alice, bob, id, marketAddress } = await loadFixture(deploySellDown);
      await market.connect(bob).buy(id, 100n * SHARE);
      await usd.connect(alice).approve(marketAddress, ethers.MaxUint256);
      await market.connect(alice).kick(await token.getAddress(), bob.address, SEED_PRICE);

      await expect(market.connect(bob).buy(id, 100n * SHARE))
        .to.be.revertedWithCustomError(market, "ReceiverKicked")
        .withArgs(bob.address);

      await token.connect(alice).readmit(bob.address);
      await expect(market.connect(bob).buy(id, 100n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, bob.address, 100n * SHARE, 666_666_700n, true);
    });

    it("refuses a buyer who is not on the offering's allowlist (BuyerNotAllowlisted)", async function () {
      const { market, token, alice, bob, carol } = await loadFixture(deployMarket);
      const { id } = await open(market, alice, token, {}, [bob.address]);

      await expect(market.connect(carol).buy(id, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "BuyerNotAllowlisted")
        .withArgs(id, carol.address);
      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, bob.address, 1_000n * SHARE, 6_666_667_000n, true);
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
      const { market, token, alice, bob } = await loadFixture(deployMarket);
      const { id } = await open(market, alice, token, { minPerInvestor: 1_000n * SHARE });

      await expect(market.connect(bob).buy(id, 999n * SHARE))
        .to.be.revertedWithCustomError(market, "PurchaseBelowMinimum")
        .withArgs(999n * SHARE, 1_000n * SHARE);
      await market.connect(bob).buy(id, 1_000n * SHARE);
      // The minimum is cumulative: a small top-up is fine.
      await expect(market.connect(bob).buy(id, 1n))
        .to.emit(market, "Purchased")
        .withArgs(id, bob.address, 1n, 1n, true);
    });

    it("lets a buyer go below the minimum only to take all remaining shares, never above the maximum", async function () {
      const { market, token, alice, bob, carol, dave, erin } = await loadFixture(deployMarket);
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
        .withArgs(id, erin.address, 500n * SHARE, 2_500n * USD, true);
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

  describe("An offering priced in ETH, and withdrawals", function () {
    it("takes exactly the amount due in ETH and credits it to the owner's withdrawable balance", async function () {
      const { market, zoe, zoeToken, bob, id } = await loadFixture(deployEthOffering);

      // 1,000 shares at 0.001 ETH.
      const tx = market.connect(bob).buy(id, 1_000n * SHARE, { value: ONE_ETH });

      await expect(tx).to.changeEtherBalances(ethers, [bob, market, zoe], [-ONE_ETH, ONE_ETH, 0n]);
      await expect(tx).to.changeTokenBalances(ethers, zoeToken, [zoe, bob], [-1_000n * SHARE, 1_000n * SHARE]);
      await expect(tx).to.emit(market, "Credited").withArgs(zoe.address, ETH, ONE_ETH);
      await expect(tx).to.emit(market, "Purchased").withArgs(id, bob.address, 1_000n * SHARE, ONE_ETH, true);
      await expect(tx).to.emit(zoeToken, "LastPriceUpdated").withArgs(ONE_ETH / 1_000n);
      expect(await market.withdrawable(zoe.address, ETH)).to.equal(ONE_ETH);
      const [paid, bought] = await zoeToken.purchaseOf(bob.address);
      expect(paid).to.equal(ONE_ETH);
      expect(bought).to.equal(1_000n * SHARE);
    });

    it("refuses any ETH amount other than what is due (EthValueMismatch)", async function () {
      const { market, bob, id } = await loadFixture(deployEthOffering);

      for (const sent of [0n, ONE_ETH - 1n, ONE_ETH + 1n]) {
        await expect(market.connect(bob).buy(id, 1_000n * SHARE, { value: sent }))
          .to.be.revertedWithCustomError(market, "EthValueMismatch")
          .withArgs(sent, ONE_ETH);
      }
    });

    it("rounds an ETH amount due up to the next wei", async function () {
      const { market, bob, id } = await loadFixture(deployEthOffering);

      // One share unit at 10^15 wei per share costs 0.001 wei, charged as 1 wei.
      await expect(market.connect(bob).buy(id, 1n, { value: 0n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch")
        .withArgs(0n, 1n);
      await expect(market.connect(bob).buy(id, 1n, { value: 1n }))
        .to.emit(market, "Purchased")
        .withArgs(id, bob.address, 1n, 1n, true);
    });

    it("sends the owner's whole ETH balance on withdraw, then has nothing left (NothingToWithdraw)", async function () {
      const { market, zoe, bob, carol, id } = await loadFixture(deployEthOffering);
      await market.connect(bob).buy(id, 1_000n * SHARE, { value: ONE_ETH });
      await market.connect(carol).buy(id, 500n * SHARE, { value: ONE_ETH / 2n });
      const total = (3n * ONE_ETH) / 2n;
      expect(await market.withdrawable(zoe.address, ETH)).to.equal(total);

      const tx = market.connect(zoe).withdraw(ETH, zoe.address);

      await expect(tx).to.changeEtherBalances(ethers, [market, zoe], [-total, total]);
      await expect(tx).to.emit(market, "Withdrawn").withArgs(zoe.address, ETH, zoe.address, total);
      expect(await market.withdrawable(zoe.address, ETH)).to.equal(0n);
      await expect(market.connect(zoe).withdraw(ETH, zoe.address))
        .to.be.revertedWithCustomError(market, "NothingToWithdraw")
        .withArgs(zoe.address, ETH);
    });

    it("withdraws to another recipient, and refuses the zero address (ZeroRecipient)", async function () {
      const { market, zoe, bob, dave, id } = await loadFixture(deployEthOffering);
      await market.connect(bob).buy(id, 1_000n * SHARE, { value: ONE_ETH });

      await expect(market.connect(zoe).withdraw(ETH, ZERO_ADDRESS)).to.be.revertedWithCustomError(
        market,
        "ZeroRecipient",
      );
      const tx = market.connect(zoe).withdraw(ETH, dave.address);
      await expect(tx).to.changeEtherBalances(ethers, [market, zoe, dave], [-ONE_ETH, 0n, ONE_ETH]);
      await expect(tx).to.emit(market, "Withdrawn").withArgs(zoe.address, ETH, dave.address, ONE_ETH);
    });

    it("refuses a withdrawal by someone with nothing escrowed in that asset (NothingToWithdraw)", async function () {
      const { market, zoe, bob, mallory, usdAddress, id } = await loadFixture(deployEthOffering);
      await market.connect(bob).buy(id, 1_000n * SHARE, { value: ONE_ETH });

      await expect(market.connect(mallory).withdraw(ETH, mallory.address))
        .to.be.revertedWithCustomError(market, "NothingToWithdraw")
        .withArgs(mallory.address, ETH);
      await expect(market.connect(zoe).withdraw(usdAddress, zoe.address))
        .to.be.revertedWithCustomError(market, "NothingToWithdraw")
        .withArgs(zoe.address, usdAddress);
    });

    it("lets a banned owner withdraw while the token is paused", async function () {
      const { market, registry, registrar, arbiter, zoe, zoeToken, bob, id } = await loadFixture(deployEthOffering);
      await market.connect(bob).buy(id, 1_000n * SHARE, { value: ONE_ETH });
      await zoeToken.connect(arbiter).pause();
      await registry.connect(registrar).ban(zoe.address, memo("fraud"));

      await expect(market.connect(zoe).withdraw(ETH, zoe.address)).to.changeEtherBalances(
        ethers,
        [market, zoe],
        [-ONE_ETH, ONE_ETH],
      );
    });
  });

  describe("A dilutive offering mints new shares", function () {
    it("mints the purchased shares: Alice keeps her balance, the supply grows, she is paid", async function () {
      const { market, token, usd, alice, bob } = await loadFixture(deployMarket);
      const { id } = await open(market, alice, token, {
        shares: 100_000n * SHARE,
        price: 5n * USD,
        maxPerInvestor: 0n,
        dilutive: true,
      });

      const tx = market.connect(bob).buy(id, 50_000n * SHARE);

      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [0n, 50_000n * SHARE]);
      await expect(tx).to.changeTokenBalances(ethers, usd, [bob, alice], [-250_000n * USD, 250_000n * USD]);
      await expect(tx).to.emit(token, "Transfer").withArgs(ZERO_ADDRESS, bob.address, 50_000n * SHARE);
      await expect(tx).to.emit(market, "Purchased").withArgs(id, bob.address, 50_000n * SHARE, 250_000n * USD, true);
      await expect(tx).to.emit(token, "LastPriceUpdated").withArgs(5n * USD);
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
      const { market, token, usd, alice, carol, id } = await loadFixture(deployProRata);
      expect(await market.isAllowlisted(id, carol.address)).to.equal(false);

      // 1,000 shares: below the 3,000 minimum.
      const tx = market.connect(carol).buy(id, 1_000n * SHARE);

      await expect(tx).to.emit(market, "Purchased").withArgs(id, carol.address, 1_000n * SHARE, 5_000n * USD, true);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, carol], [0n, 1_000n * SHARE]);
      await expect(tx).to.changeTokenBalances(ethers, usd, [carol, alice], [-5_000n * USD, 5_000n * USD]);
      expect(await token.totalSupply()).to.equal(PRO_RATA_SUPPLY + 1_000n * SHARE);
    });

    it("still holds a holder with the right to the maximum per investor", async function () {
      const { market, bob, id } = await loadFixture(deployProRata);
      // Bob's entitlement (4,999.995… shares) is above the 4,000 maximum, which wins.
      expect(entitlement(BOB_HOLDING)).to.be.greaterThan(4_000n * SHARE);

      await expect(market.connect(bob).buy(id, 4_000n * SHARE + 1n))
        .to.be.revertedWithCustomError(market, "PurchaseAboveMaximum")
        .withArgs(4_000n * SHARE + 1n, 4_000n * SHARE);
      await expect(market.connect(bob).buy(id, 4_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, bob.address, 4_000n * SHARE, 20_000n * USD, true);
    });

    it("refuses a holder whose right was revoked during the window, and lets it buy after under the ordinary limits", async function () {
      const { market, token, alice, bob, id, terms } = await loadFixture(deployProRata);

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
        .withArgs(id, bob.address, 3_000n * SHARE, 15_000n * USD, true);
    });

    it("restores a revoked right when Alice grants it again", async function () {
      const { market, token, alice, bob, id } = await loadFixture(deployProRata);
      await token.connect(alice).setProRataRight(bob.address, false);

      await expect(token.connect(alice).setProRataRight(bob.address, true))
        .to.emit(token, "ProRataRightSet")
        .withArgs(bob.address, true);
      expect(await token.hasProRataRight(bob.address)).to.equal(true);
      await expect(market.connect(bob).buy(id, 1_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, bob.address, 1_000n * SHARE, 5_000n * USD, true);
    });

    it("refuses a non-holder during the window (PriorityWindowForHolders), even if allowlisted, and lets it buy after", async function () {
      const { market, dave, id, terms } = await loadFixture(deployProRata);
      expect(await market.isAllowlisted(id, dave.address)).to.equal(true);

      await expect(market.connect(dave).buy(id, 3_000n * SHARE))
        .to.be.revertedWithCustomError(market, "PriorityWindowForHolders")
        .withArgs(dave.address, terms.start + DAY);

      await time.increaseTo(terms.start + DAY);
      await expect(market.connect(dave).buy(id, 3_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(id, dave.address, 3_000n * SHARE, 15_000n * USD, true);
    });

    it("refuses a holder not on the allowlist once the window is over", async function () {
      const { market, carol, id, terms } = await loadFixture(deployProRata);
      await time.increaseTo(terms.start + DAY);

      await expect(market.connect(carol).buy(id, 3_000n * SHARE))
        .to.be.revertedWithCustomError(market, "BuyerNotAllowlisted")
        .withArgs(id, carol.address);
    });
  });

  describe("All-or-nothing offerings", function () {
    it("holds the payment in the market and records a pending purchase", async function () {
      const { market, token, usd, alice, bob, id } = await loadFixture(deployAllOrNothing);

      const tx = market.connect(bob).buy(id, 10_000n * SHARE);

      await expect(tx).to.changeTokenBalances(ethers, usd, [bob, alice, market], [-50_000n * USD, 0n, 50_000n * USD]);
      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [0n, 0n]);
      await expect(tx).to.emit(market, "Purchased").withArgs(id, bob.address, 10_000n * SHARE, 50_000n * USD, false);
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
      const { market, token, usd, alice, bob, carol, dave, id, usdAddress } =
        await loadFixture(deployAllOrNothingReached);
      await time.increase(1);
      expect(await token.reservedShares()).to.deep.equal([20_000n * SHARE, false]);
      expect(await market.isFinished(id)).to.equal(false);

      const tx = market.connect(dave).settle(id, bob.address);

      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [-10_000n * SHARE, 10_000n * SHARE]);
      await expect(tx).to.changeTokenBalances(ethers, usd, [market, alice, bob], [0n, 0n, 0n]);
      await expect(tx).to.emit(market, "Credited").withArgs(alice.address, usdAddress, 50_000n * USD);
      await expect(tx)
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, bob.address, 10_000n * SHARE, 50_000n * USD, true);
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
      const { market, token, usd, alice, bob, carol, registry, registrar, id, usdAddress } =
        await loadFixture(deployAllOrNothingMissed);
      await time.increase(1);
      expect(await market.isFinished(id)).to.equal(false);

      const tx = market.connect(carol).settle(id, bob.address);

      await expect(tx).to.changeTokenBalances(ethers, token, [alice, bob], [0n, 0n]);
      await expect(tx).to.emit(market, "Credited").withArgs(bob.address, usdAddress, 50_000n * USD);
      await expect(tx)
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, bob.address, 10_000n * SHARE, 50_000n * USD, false);
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
      const { market, token, alice, arbiter, bob, carol, dave, id, usdAddress } =
        await loadFixture(deployAllOrNothing);
      await market.connect(bob).buy(id, 10_000n * SHARE);
      await market.connect(carol).buy(id, 10_000n * SHARE);
      await market.connect(alice).cancelOffering(id);
      expect(await token.reservedShares()).to.deep.equal([0n, false]);

      await expect(market.connect(dave).settle(id, bob.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, bob.address, 10_000n * SHARE, 50_000n * USD, false);
      await token.connect(arbiter).pause();
      await expect(market.connect(dave).settle(id, carol.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, carol.address, 10_000n * SHARE, 50_000n * USD, false);

      expect(await market.withdrawable(bob.address, usdAddress)).to.equal(50_000n * USD);
      expect(await market.withdrawable(carol.address, usdAddress)).to.equal(50_000n * USD);
      expect(await market.withdrawable(alice.address, usdAddress)).to.equal(0n);
      expect(await token.balanceOf(bob.address)).to.equal(0n);
      expect(await token.balanceOf(carol.address)).to.equal(0n);
    });

    it("lets only the buyer turn a paused delivery into a refund, and delivers once unpaused", async function () {
      const { market, token, arbiter, bob, mallory, id, terms } = await loadFixture(deployAllOrNothingReached);
      await token.connect(arbiter).pause();

      await expect(market.connect(mallory).settle(id, bob.address))
        .to.be.revertedWithCustomError(market, "RefundReservedForBuyer")
        .withArgs(id, bob.address, terms.end + GRACE);
      expect((await market.position(id, bob.address)).pendingShares).to.equal(10_000n * SHARE);

      await token.connect(arbiter).unpause();
      await expect(market.settle(id, bob.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, bob.address, 10_000n * SHARE, 50_000n * USD, true);
    });

    it("refunds a buyer who can no longer receive; what buyers paid equals what Alice got plus the refunds", async function () {
      const { market, token, usd, registry, registrar, alice, bob, carol, dave, id, terms, usdAddress } =
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
        .withArgs(id, bob.address, 10_000n * SHARE, 50_000n * USD, false);
      await expect(market.settle(id, carol.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, carol.address, 8_000n * SHARE, 40_000n * USD, true);
      await expect(market.settle(id, dave.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, dave.address, 6_000n * SHARE, 30_000n * USD, true);

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
      await expect(tx).to.emit(token, "Transfer").withArgs(ZERO_ADDRESS, bob.address, 20_000n * SHARE);
      expect(await token.totalSupply()).to.equal(SUPPLY + 20_000n * SHARE);
      expect((await token.reservedShares())[0]).to.equal(0n);
      expect(await market.withdrawable(alice.address, usdAddress)).to.equal(MIN_RAISE);
    });
  });

  describe("Alice cancels an offering", function () {
    it("cancels: OfferingCancelled, marked cancelled and finished", async function () {
      const { market, alice, id } = await loadFixture(deploySellDown);

      await expect(market.connect(alice).cancelOffering(id)).to.emit(market, "OfferingCancelled").withArgs(id);
      expect((await market.offering(id)).cancelled).to.equal(true);
      expect(await market.isFinished(id)).to.equal(true);
    });

    it("lets only the token's owner cancel (OwnableUnauthorizedAccount)", async function () {
      const { market, bob, arbiter, id } = await loadFixture(deploySellDown);

      for (const caller of [bob, arbiter]) {
        await expect(market.connect(caller).cancelOffering(id))
          .to.be.revertedWithCustomError(market, "OwnableUnauthorizedAccount")
          .withArgs(caller.address);
      }
    });

    it("refuses to cancel twice (OfferingIsCancelled)", async function () {
      const { market, alice, id } = await loadFixture(deploySellDown);
      await market.connect(alice).cancelOffering(id);

      await expect(market.connect(alice).cancelOffering(id))
        .to.be.revertedWithCustomError(market, "OfferingIsCancelled")
        .withArgs(id);
    });

    it("cancels up to the last second of the offering, not after its end (OfferingEnded)", async function () {
      const { market, alice, id, terms } = await loadFixture(deploySellDown);

      await time.setNextBlockTimestamp(terms.end + 1n);
      await expect(market.connect(alice).cancelOffering(id))
        .to.be.revertedWithCustomError(market, "OfferingEnded")
        .withArgs(id, terms.end);

      const again = await loadFixture(deploySellDown);
      await time.setNextBlockTimestamp(again.terms.end);
      await expect(again.market.connect(again.alice).cancelOffering(again.id))
        .to.emit(again.market, "OfferingCancelled")
        .withArgs(again.id);
    });

    it("refuses unknown offerings (UnknownOffering)", async function () {
      const { market, alice } = await loadFixture(deploySellDown);

      for (const id of [0n, 999n]) {
        await expect(market.connect(alice).cancelOffering(id))
          .to.be.revertedWithCustomError(market, "UnknownOffering")
          .withArgs(id);
        await expect(market.isFinished(id)).to.be.revertedWithCustomError(market, "UnknownOffering").withArgs(id);
      }
    });

    it("cancels while the token is paused", async function () {
      const { market, token, alice, arbiter, id } = await loadFixture(deploySellDown);
      await token.connect(arbiter).pause();

      await expect(market.connect(alice).cancelOffering(id)).to.emit(market, "OfferingCancelled").withArgs(id);
    });

    it("leaves the settled purchases of a plain offering standing", async function () {
      const { market, token, usd, alice, bob, id } = await loadFixture(deploySellDown);
      await market.connect(bob).buy(id, 10_000n * SHARE);

      await market.connect(alice).cancelOffering(id);

      expect(await token.balanceOf(bob.address)).to.equal(10_000n * SHARE);
      expect(await usd.balanceOf(alice.address)).to.equal(TEN_THOUSAND_AT_SEED);
      const [paid, bought] = await token.purchaseOf(bob.address);
      expect(paid).to.equal(TEN_THOUSAND_AT_SEED);
      expect(bought).to.equal(10_000n * SHARE);
      expect((await market.offering(id)).sold).to.equal(10_000n * SHARE);
      await expect(market.settle(id, bob.address))
        .to.be.revertedWithCustomError(market, "NothingToSettle")
        .withArgs(id, bob.address);
      await expect(market.connect(bob).buy(id, 1n))
        .to.be.revertedWithCustomError(market, "OfferingIsCancelled")
        .withArgs(id);
    });
  });
});

describe("An owner opening a dilutive offering near the supply limit", function () {
  async function nearLimitToken() {
    const f = await deployWithToken();
    const { registry, registrar, factory, others } = f;
    const [zoe] = others;
    await verifyAll(registry, registrar, [zoe]);
    const maxSupply = 10n ** 36n;
    await factory.connect(zoe).createToken("Zoe", "ZOE", maxSupply - 1_000n, 10_000, ethers.ZeroAddress);
    const token = await ethers.getContractAt("PersonalToken", await factory.tokenOf(zoe.address));
    return { ...f, zoe, token, maxSupply };
  }

  it("refuses to offer more new shares than the supply limit leaves, and accepts exactly what it leaves", async function () {
    const { market, zoe, token, maxSupply } = await networkHelpers.loadFixture(nearLimitToken);
    const start = (await pinNextBlock()) + 60n;
    const terms = {
      token: await token.getAddress(), shares: 1_001n, price: 1n, minPerInvestor: 0n, maxPerInvestor: 0n,
      start, end: start + 3600n, priorityWindow: 0n, minRaise: 0n, dilutive: true,
    };
    await expect(market.connect(zoe).openOffering(terms, []))
      .to.be.revertedWithCustomError(market, "OfferingExceedsSupplyLimit")
      .withArgs(maxSupply + 1n, maxSupply);
    await expect(market.connect(zoe).openOffering({ ...terms, shares: 1_000n }, []))
      .to.emit(market, "OfferingOpened");
  });
});
