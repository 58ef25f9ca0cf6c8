import { expect } from "chai";
import { deployWithToken, ethers, networkHelpers, pinNextBlock, SHARE, verifyAll } from "../helpers/fixtures.js";
import {
  SUPPLY,
  MAX_OUTSIDE,
  DAY,
  WEEK,
  Terms,
  asTuple,
  termsFor,
  deployMarket,
  deploySellDown,
  deployNotStarted,
  deployAllOrNothingReached,
  loadFixture,
  time,
} from "../helpers/offerings.js";

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
      const { market, token, alice, dave, tokenAddress, usdAddress } = await loadFixture(deployMarket);
      const terms = await termsFor(token);

      await expect(market.connect(alice).openOffering(terms, []))
        .to.emit(market, "OfferingOpened")
        .withArgs(1n, tokenAddress, asTuple(terms), []);

      expect((await market.offering(1n)).hasAllowlist).to.equal(false);
      expect(await market.isAllowlisted(1n, dave.address)).to.equal(false);
      await time.increaseTo(terms.start);
      await expect(market.connect(dave).buy(1n, 1_000n * SHARE))
        .to.emit(market, "Purchased")
        .withArgs(1n, tokenAddress, dave.address, usdAddress, 1_000n * SHARE, 6_666_667_000n, true);
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
      [
        "an end before the start",
        (t) => ({ ...t, end: t.start - 1n }),
        "OfferingEndsBeforeStart",
        (t) => [t.start, t.start - 1n],
      ],
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
      [
        "a priority window on a sell-down",
        (t) => ({ ...t, priorityWindow: 1n }),
        "PriorityWindowOnSellDown",
        () => [1n],
      ],
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
      token: await token.getAddress(),
      shares: 1_001n,
      price: 1n,
      minPerInvestor: 0n,
      maxPerInvestor: 0n,
      start,
      end: start + 3600n,
      priorityWindow: 0n,
      minRaise: 0n,
      dilutive: true,
    };
    await expect(market.connect(zoe).openOffering(terms, []))
      .to.be.revertedWithCustomError(market, "OfferingExceedsSupplyLimit")
      .withArgs(maxSupply + 1n, maxSupply);
    await expect(market.connect(zoe).openOffering({ ...terms, shares: 1_000n }, [])).to.emit(market, "OfferingOpened");
  });
});
