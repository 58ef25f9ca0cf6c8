import { expect } from "chai";
import { SHARE, ZERO_ADDRESS } from "../helpers/fixtures.js";
import { BOB_SHARES, CAROL_SHARES, MAX_SUPPLY, deployWithInvestors, loadFixture } from "../helpers/token.js";

describe("PersonalToken", function () {
  describe("investors trading with the owner's on-chain permission", function () {
    it("records a permission and emits TransferApproved", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await expect(token.connect(alice).approveTransfer(bob.address, carol.address, 10n * SHARE))
        .to.emit(token, "TransferApproved")
        .withArgs(bob.address, carol.address, 10n * SHARE);
      expect(await token.transferApproval(bob.address, carol.address)).to.equal(10n * SHARE);
      expect(await token.transferApproval(carol.address, bob.address)).to.equal(0n);
    });

    it("overwrites an earlier permission rather than adding to it", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 10n * SHARE);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 3n * SHARE);
      expect(await token.transferApproval(bob.address, carol.address)).to.equal(3n * SHARE);
    });

    it("withdraws a permission when set to zero", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 10n * SHARE);
      await expect(token.connect(alice).approveTransfer(bob.address, carol.address, 0n))
        .to.emit(token, "TransferApproved")
        .withArgs(bob.address, carol.address, 0n);
      await expect(token.connect(bob).transfer(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
        .withArgs(bob.address, carol.address, 1n);
    });

    it("refuses a permission above the supply limit, which no balance can reach", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await expect(token.connect(alice).approveTransfer(bob.address, carol.address, MAX_SUPPLY + 1n))
        .to.be.revertedWithCustomError(token, "AmountAboveSupplyLimit")
        .withArgs(MAX_SUPPLY + 1n);
      await token.connect(alice).approveTransfer(bob.address, carol.address, MAX_SUPPLY);
      expect(await token.transferApproval(bob.address, carol.address)).to.equal(MAX_SUPPLY);
    });

    it("refuses permissions that involve the owner, the zero address or one address twice", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const meaningless: [string, string, string, string[]][] = [
        [alice.address, carol.address, "PermissionWithOwner", [alice.address]],
        [bob.address, alice.address, "PermissionWithOwner", [alice.address]],
        [ZERO_ADDRESS, carol.address, "ERC20InvalidSender", [ZERO_ADDRESS]],
        [bob.address, ZERO_ADDRESS, "ERC20InvalidReceiver", [ZERO_ADDRESS]],
        [bob.address, bob.address, "PermissionToSelf", [bob.address]],
      ];
      for (const [from, to, error, args] of meaningless) {
        await expect(token.connect(alice).approveTransfer(from, to, SHARE))
          .to.be.revertedWithCustomError(token, error)
          .withArgs(...args);
      }
    });

    it("lets only the owner give a permission", async function () {
      const { token, bob, carol } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).approveTransfer(bob.address, carol.address, SHARE))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("moves shares between investors and consumes what it moves", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 10n * SHARE);
      await expect(token.connect(bob).transfer(carol.address, 4n * SHARE))
        .to.emit(token, "Transfer")
        .withArgs(bob.address, carol.address, 4n * SHARE);
      expect(await token.transferApproval(bob.address, carol.address)).to.equal(6n * SHARE);
      expect(await token.balanceOf(carol.address)).to.equal(CAROL_SHARES + 4n * SHARE);
      await token.connect(bob).transfer(carol.address, 6n * SHARE);
      expect(await token.transferApproval(bob.address, carol.address)).to.equal(0n);
    });

    it("refuses a move between investors without permission", async function () {
      const { token, bob, carol } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).transfer(carol.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
        .withArgs(bob.address, carol.address, SHARE);
    });

    it("refuses a move above the permitted amount", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 10n * SHARE);
      await expect(token.connect(bob).transfer(carol.address, 10n * SHARE + 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
        .withArgs(bob.address, carol.address, 10n * SHARE + 1n);
    });

    it("does not let a permission for one receiver serve another", async function () {
      const { token, alice, bob, carol, dave } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 10n * SHARE);
      await expect(token.connect(bob).transfer(dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
        .withArgs(bob.address, dave.address, SHARE);
    });

    it("lets an investor sell back to the owner without permission", async function () {
      const { token, alice, bob } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).transfer(alice.address, BOB_SHARES))
        .to.emit(token, "Transfer")
        .withArgs(bob.address, alice.address, BOB_SHARES);
      expect(await token.outsideShares()).to.equal(CAROL_SHARES);
    });

    it("lets a zero-amount transfer between investors through without permission", async function () {
      const { token, bob, carol } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).transfer(carol.address, 0n))
        .to.emit(token, "Transfer")
        .withArgs(bob.address, carol.address, 0n);
    });

    it("refuses transferFrom by a spender without ERC-20 allowance, even with permission", async function () {
      const { token, alice, bob, carol, dave } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, dave.address, SHARE);
      await expect(token.connect(carol).transferFrom(bob.address, dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
        .withArgs(carol.address, 0n, SHARE);
    });

    it("refuses transferFrom by a spender with ERC-20 allowance but without permission", async function () {
      const { token, bob, carol, dave } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).approve(carol.address, SHARE))
        .to.emit(token, "Approval")
        .withArgs(bob.address, carol.address, SHARE);
      expect(await token.allowance(bob.address, carol.address)).to.equal(SHARE);
      await expect(token.connect(carol).transferFrom(bob.address, dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
        .withArgs(bob.address, dave.address, SHARE);
    });

    it("moves shares by transferFrom with both allowance and permission, spending both", async function () {
      const { token, alice, bob, carol, dave } = await loadFixture(deployWithInvestors);
      await token.connect(bob).approve(carol.address, 5n * SHARE);
      await token.connect(alice).approveTransfer(bob.address, dave.address, 3n * SHARE);
      expect(await token.connect(carol).transferFrom.staticCall(bob.address, dave.address, 2n * SHARE)).to.equal(true);
      await expect(token.connect(carol).transferFrom(bob.address, dave.address, 2n * SHARE))
        .to.emit(token, "Transfer")
        .withArgs(bob.address, dave.address, 2n * SHARE);
      expect(await token.allowance(bob.address, carol.address)).to.equal(3n * SHARE);
      expect(await token.transferApproval(bob.address, dave.address)).to.equal(SHARE);
      expect(await token.balanceOf(dave.address)).to.equal(2n * SHARE);
    });

    it("lets transferFrom back to the owner through with allowance alone", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(bob).approve(carol.address, SHARE);
      await expect(token.connect(carol).transferFrom(bob.address, alice.address, SHARE))
        .to.emit(token, "Transfer")
        .withArgs(bob.address, alice.address, SHARE);
    });

    it("refuses a move to an investor who is not verified, even with permission", async function () {
      const { token, alice, bob, mallory } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, mallory.address, SHARE);
      await expect(token.connect(bob).transfer(mallory.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(mallory.address);
    });

    it("leaves an ERC-20 shortfall to ERC20InsufficientBalance", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, carol.address, BOB_SHARES + 1n);
      await expect(token.connect(bob).transfer(carol.address, BOB_SHARES + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(bob.address, BOB_SHARES, BOB_SHARES + 1n);
    });
  });
});
