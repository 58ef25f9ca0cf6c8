import { expect } from "chai";
import type { PersonalToken } from "../../types/ethers-contracts/index.js";
import { deployWithToken, ethers, SHARE } from "../helpers/fixtures.js";
import {
  MAX_OUTSIDE,
  DURATION,
  REASON,
  PRICE,
  deployWithBob,
  offeringTerms,
  loadFixture,
  time,
} from "../helpers/grants.js";

describe("PersonalToken grants and trading rules", function () {
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
});
