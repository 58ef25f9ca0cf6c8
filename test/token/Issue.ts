import { expect } from "chai";
import { deployWithToken, SHARE, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  SUPPLY,
  CAP_BPS,
  BOB_SHARES,
  CAROL_SHARES,
  MAX_SUPPLY,
  deployWithInvestors,
  deployWithBigToken,
  loadFixture,
} from "../helpers/token.js";

describe("PersonalToken", function () {
  describe("an owner issuing new shares", function () {
    it("mints to the owner, diluting every holder without moving outside shares", async function () {
      const { token, alice, bob } = await loadFixture(deployWithInvestors);
      await expect(token.connect(alice).issue(alice.address, SUPPLY))
        .to.emit(token, "Transfer")
        .withArgs(ZERO_ADDRESS, alice.address, SUPPLY);
      expect(await token.totalSupply()).to.equal(2n * SUPPLY);
      expect(await token.balanceOf(bob.address)).to.equal(BOB_SHARES);
      expect(await token.outsideShares()).to.equal(BOB_SHARES + CAROL_SHARES);
    });

    it("mints to a verified investor", async function () {
      const { token, alice, dave } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).issue(dave.address, 10_000n * SHARE))
        .to.emit(token, "Transfer")
        .withArgs(ZERO_ADDRESS, dave.address, 10_000n * SHARE);
      expect(await token.balanceOf(dave.address)).to.equal(10_000n * SHARE);
      expect(await token.totalSupply()).to.equal(SUPPLY + 10_000n * SHARE);
    });

    it("mints to an investor up to exactly the cap of the enlarged supply", async function () {
      const { token, alice, bob } = await loadFixture(deployWithToken);
      // outside = x, cap = 20% × (1,000,000 + x): x = 250,000 is the boundary.
      await token.connect(alice).issue(bob.address, 250_000n * SHARE);
      expect(await token.outsideShares()).to.equal(250_000n * SHARE);
      expect(await token.totalSupply()).to.equal(1_250_000n * SHARE);
    });

    it("refuses an issuance to an investor beyond the cap", async function () {
      const { token, alice, bob } = await loadFixture(deployWithToken);
      const amount = 250_000n * SHARE + 1n;
      const maxOutside = ((SUPPLY + amount) * CAP_BPS) / 10_000n;
      await expect(token.connect(alice).issue(bob.address, amount))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(amount, maxOutside);
    });

    it("refuses an issuance to an address that is not verified", async function () {
      const { token, alice, mallory } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).issue(mallory.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(mallory.address);
    });

    it("refuses to issue zero shares", async function () {
      const { token, alice } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).issue(alice.address, 0n))
        .to.be.revertedWithCustomError(token, "ZeroAmount")
        .withArgs();
    });

    it("lets only the owner issue", async function () {
      const { token, bob, arbiter } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).issue(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
      await expect(token.connect(arbiter).issue(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(arbiter.address);
    });

    it("refuses to issue while the token is paused", async function () {
      const { token, alice, arbiter } = await loadFixture(deployWithToken);
      await token.connect(arbiter).pause();
      await expect(token.connect(alice).issue(alice.address, 1n)).to.be.revertedWithCustomError(token, "EnforcedPause");
    });

    it("issues up to exactly 10^36 shares in total", async function () {
      const { bigToken, zoe } = await loadFixture(deployWithBigToken);
      await bigToken.connect(zoe).issue(zoe.address, 10n);
      expect(await bigToken.totalSupply()).to.equal(MAX_SUPPLY);
    });

    it("refuses an issuance that would take the supply beyond 10^36", async function () {
      const { bigToken, zoe } = await loadFixture(deployWithBigToken);
      await expect(bigToken.connect(zoe).issue(zoe.address, 11n))
        .to.be.revertedWithCustomError(bigToken, "SupplyLimitExceeded")
        .withArgs(MAX_SUPPLY + 1n);
    });
  });
});
