import { expect } from "chai";
import { USD } from "../helpers/fixtures.js";
import {
  BOB_SHARES,
  GRANT,
  CLIFF,
  DURATION,
  REASON,
  PRICE,
  BOUGHT,
  deployWithBob,
  deployWithPurchaseAndGrant,
  loadFixture,
  time,
} from "../helpers/grants.js";

describe("PersonalToken grants and trading rules", function () {
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
});
