import { expect } from "chai";
import { SHARE } from "../helpers/fixtures.js";
import { TEN_THOUSAND_AT_SEED, deploySellDown, loadFixture, time } from "../helpers/offerings.js";

describe("ShareMarket offerings", function () {
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
