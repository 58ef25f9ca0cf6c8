import { expect } from "chai";
import { memo, SHARE } from "../helpers/fixtures.js";
import { BOB_SHARES, deployWithInvestors, expireVerification, loadFixture } from "../helpers/token.js";

describe("PersonalToken", function () {
  describe("holders whose verification expired, and banned holders", function () {
    it("lets an expired holder send to a verified investor with permission", async function () {
      const { token, alice, bob, carol, registry, registrar } = await loadFixture(deployWithInvestors);
      await expireVerification(registry, registrar, bob.address);
      await token.connect(alice).approveTransfer(bob.address, carol.address, SHARE);
      await expect(token.connect(bob).transfer(carol.address, SHARE))
        .to.emit(token, "Transfer")
        .withArgs(bob.address, carol.address, SHARE);
    });

    it("lets an expired holder sell back to the owner", async function () {
      const { token, alice, bob, registry, registrar } = await loadFixture(deployWithInvestors);
      await expireVerification(registry, registrar, bob.address);
      await expect(token.connect(bob).transfer(alice.address, BOB_SHARES))
        .to.emit(token, "Transfer")
        .withArgs(bob.address, alice.address, BOB_SHARES);
    });

    it("refuses to deliver shares to an expired holder", async function () {
      const { token, alice, bob, registry, registrar } = await loadFixture(deployWithInvestors);
      await expireVerification(registry, registrar, bob.address);
      await expect(token.connect(alice).transfer(bob.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(bob.address);
    });

    it("refuses any move by a banned holder, even with permission", async function () {
      const { token, alice, bob, carol, registry, registrar } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, carol.address, SHARE);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      await expect(token.connect(bob).transfer(carol.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(bob.address);
    });

    it("refuses a banned holder even a sale back to the owner", async function () {
      const { token, alice, bob, registry, registrar } = await loadFixture(deployWithInvestors);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      await expect(token.connect(bob).transfer(alice.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(bob.address);
    });

    it("refuses transferFrom out of a banned holder's wallet", async function () {
      const { token, alice, bob, carol, registry, registrar } = await loadFixture(deployWithInvestors);
      await token.connect(bob).approve(carol.address, SHARE);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      await expect(token.connect(carol).transferFrom(bob.address, alice.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(bob.address);
    });
  });
});
