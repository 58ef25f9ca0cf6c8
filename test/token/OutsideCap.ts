import { expect } from "chai";
import { deployWithToken, SHARE, verifyAll } from "../helpers/fixtures.js";
import { SUPPLY, MAX_OUTSIDE, BOB_SHARES, CAROL_SHARES, deployWithInvestors, loadFixture } from "../helpers/token.js";

describe("PersonalToken", function () {
  describe("an owner selling within the cap", function () {
    it("sells to a verified investor without any permission", async function () {
      const { token, alice, bob } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).transfer(bob.address, BOB_SHARES))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, bob.address, BOB_SHARES);
      expect(await token.balanceOf(bob.address)).to.equal(BOB_SHARES);
      expect(await token.balanceOf(alice.address)).to.equal(SUPPLY - BOB_SHARES);
    });

    it("returns true from transfer", async function () {
      const { token, alice, bob } = await loadFixture(deployWithToken);
      expect(await token.connect(alice).transfer.staticCall(bob.address, 1n)).to.equal(true);
    });

    it("reports outside shares as the supply minus the owner's balance", async function () {
      const { token, alice, bob } = await loadFixture(deployWithToken);
      expect(await token.outsideShares()).to.equal(0n);
      await token.connect(alice).transfer(bob.address, BOB_SHARES);
      expect(await token.outsideShares()).to.equal(BOB_SHARES);
      await token.connect(bob).transfer(alice.address, 1_000n * SHARE);
      expect(await token.outsideShares()).to.equal(BOB_SHARES - 1_000n * SHARE);
    });

    it("sells up to exactly the cap", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithToken);
      await token.connect(alice).transfer(bob.address, MAX_OUTSIDE / 2n);
      await expect(token.connect(alice).transfer(carol.address, MAX_OUTSIDE / 2n))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, carol.address, MAX_OUTSIDE / 2n);
      expect(await token.outsideShares()).to.equal(MAX_OUTSIDE);
    });

    it("refuses a sale that would put one share-wei more than the cap outside", async function () {
      const { token, alice, bob } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).transfer(bob.address, MAX_OUTSIDE + 1n))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(MAX_OUTSIDE + 1n, MAX_OUTSIDE);
    });

    it("counts shares already outside towards the cap", async function () {
      const { token, alice, dave } = await loadFixture(deployWithInvestors);
      const room = MAX_OUTSIDE - BOB_SHARES - CAROL_SHARES;
      await expect(token.connect(alice).transfer(dave.address, room + 1n))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(MAX_OUTSIDE + 1n, MAX_OUTSIDE);
    });

    it("refuses a sale to an investor who is not verified", async function () {
      const { token, alice, mallory } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).transfer(mallory.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(mallory.address);
    });

    it("refuses to send shares to the token contract, even if the registry verified its address", async function () {
      const { token, alice, registry, registrar } = await loadFixture(deployWithToken);
      const tokenAddress = await token.getAddress();
      await expect(token.connect(alice).transfer(tokenAddress, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(tokenAddress);
      await verifyAll(registry, registrar, [token]);
      await expect(token.connect(alice).transfer(tokenAddress, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(tokenAddress);
    });

    it("consumes no on-chain permission when the owner sells", async function () {
      const { token, alice, bob } = await loadFixture(deployWithToken);
      await token.connect(alice).transfer(bob.address, 1n);
      expect(await token.transferApproval(alice.address, bob.address)).to.equal(0n);
    });
  });

  describe("an owner lowering the cap", function () {
    it("lowers the cap down to exactly the current outside share and emits CapLowered", async function () {
      const { token, alice } = await loadFixture(deployWithInvestors);
      await expect(token.connect(alice).lowerCap(1_500)).to.emit(token, "CapLowered").withArgs(2_000, 1_500);
      expect(await token.capBps()).to.equal(1_500n);
    });

    it("enforces the lowered cap on the next sale", async function () {
      const { token, alice, dave } = await loadFixture(deployWithInvestors);
      await token.connect(alice).lowerCap(1_500);
      const outside = BOB_SHARES + CAROL_SHARES;
      await expect(token.connect(alice).transfer(dave.address, 1n))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(outside + 1n, outside);
    });

    it("refuses a cap equal to the current one", async function () {
      const { token, alice } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).lowerCap(2_000))
        .to.be.revertedWithCustomError(token, "CapNotLowered")
        .withArgs(2_000, 2_000);
    });

    it("refuses to raise the cap, even back to where it was", async function () {
      const { token, alice } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).lowerCap(2_001))
        .to.be.revertedWithCustomError(token, "CapNotLowered")
        .withArgs(2_000, 2_001);
      await token.connect(alice).lowerCap(1_000);
      await expect(token.connect(alice).lowerCap(2_000))
        .to.be.revertedWithCustomError(token, "CapNotLowered")
        .withArgs(1_000, 2_000);
    });

    it("refuses a cap below the share already outside", async function () {
      const { token, alice } = await loadFixture(deployWithInvestors);
      await expect(token.connect(alice).lowerCap(1_499))
        .to.be.revertedWithCustomError(token, "CapExceeded")
        .withArgs(BOB_SHARES + CAROL_SHARES, (SUPPLY * 1_499n) / 10_000n);
    });

    it("lets only the owner lower the cap", async function () {
      const { token, bob } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).lowerCap(1_000))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });
  });
});
