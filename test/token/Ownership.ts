import { expect } from "chai";
import { deployWithToken, memo, SHARE, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  SUPPLY,
  BOB_SHARES,
  CAROL_SHARES,
  deployWithNewWallet,
  deployWithDavesToken,
  signApproval,
  present,
  loadFixture,
} from "../helpers/token.js";

describe("PersonalToken", function () {
  describe("an owner moving ownership to another wallet", function () {
    it("starts a move to a verified wallet and records it as pending", async function () {
      const { token, alice, newWallet } = await loadFixture(deployWithNewWallet);
      await expect(token.connect(alice).transferOwnership(newWallet.address))
        .to.emit(token, "OwnershipTransferStarted")
        .withArgs(alice.address, newWallet.address);
      expect(await token.pendingOwner()).to.equal(newWallet.address);
      expect(await token.owner()).to.equal(alice.address);
    });

    it("refuses a move to a wallet that is not verified", async function () {
      const { token, alice, mallory } = await loadFixture(deployWithNewWallet);
      await expect(token.connect(alice).transferOwnership(mallory.address))
        .to.be.revertedWithCustomError(token, "NewOwnerNotVerified")
        .withArgs(mallory.address);
    });

    it("refuses a move to a banned wallet", async function () {
      const { token, alice, newWallet, registry, registrar } = await loadFixture(deployWithNewWallet);
      await registry.connect(registrar).ban(newWallet.address, memo("fraud"));
      await expect(token.connect(alice).transferOwnership(newWallet.address))
        .to.be.revertedWithCustomError(token, "NewOwnerNotVerified")
        .withArgs(newWallet.address);
    });

    it("refuses a move to the current owner (NewOwnerIsCurrentOwner)", async function () {
      const { token, alice } = await loadFixture(deployWithNewWallet);
      await expect(token.connect(alice).transferOwnership(alice.address))
        .to.be.revertedWithCustomError(token, "NewOwnerIsCurrentOwner")
        .withArgs(alice.address);
    });

    it("refuses a move to a wallet that owns another personal token", async function () {
      const { token, alice, dave } = await loadFixture(deployWithDavesToken);
      await expect(token.connect(alice).transferOwnership(dave.address))
        .to.be.revertedWithCustomError(token, "AlreadyOwnedToken")
        .withArgs(dave.address);
    });

    it("refuses a move back to a wallet that owned the token before", async function () {
      const { token, alice, newWallet } = await loadFixture(deployWithNewWallet);
      await token.connect(alice).transferOwnership(newWallet.address);
      await token.connect(newWallet).acceptOwnership();
      await expect(token.connect(newWallet).transferOwnership(alice.address))
        .to.be.revertedWithCustomError(token, "AlreadyOwnedToken")
        .withArgs(alice.address);
    });

    it("lets only the owner start a move", async function () {
      const { token, bob, newWallet } = await loadFixture(deployWithNewWallet);
      await expect(token.connect(bob).transferOwnership(newWallet.address))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("cancels a pending move when the owner names the zero address", async function () {
      const { token, alice, newWallet } = await loadFixture(deployWithNewWallet);
      await token.connect(alice).transferOwnership(newWallet.address);
      await expect(token.connect(alice).transferOwnership(ZERO_ADDRESS))
        .to.emit(token, "OwnershipTransferStarted")
        .withArgs(alice.address, ZERO_ADDRESS);
      expect(await token.pendingOwner()).to.equal(ZERO_ADDRESS);
      await expect(token.connect(newWallet).acceptOwnership())
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(newWallet.address);
    });

    it("moves ownership and every owner share to the new wallet on acceptance", async function () {
      const { token, alice, newWallet, factory } = await loadFixture(deployWithNewWallet);
      const ownerShares = SUPPLY - BOB_SHARES - CAROL_SHARES;
      await token.connect(alice).transferOwnership(newWallet.address);
      const tx = token.connect(newWallet).acceptOwnership();
      await expect(tx).to.emit(token, "OwnershipTransferred").withArgs(alice.address, newWallet.address);
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, newWallet.address, ownerShares);
      await expect(tx)
        .to.emit(factory, "TokenOwnerChanged")
        .withArgs(await token.getAddress(), alice.address, newWallet.address);
      expect(await token.owner()).to.equal(newWallet.address);
      expect(await token.pendingOwner()).to.equal(ZERO_ADDRESS);
      expect(await token.balanceOf(alice.address)).to.equal(0n);
      expect(await token.balanceOf(newWallet.address)).to.equal(ownerShares);
      expect(await token.outsideShares()).to.equal(BOB_SHARES + CAROL_SHARES);
      expect(await factory.tokenOf(newWallet.address)).to.equal(await token.getAddress());
      expect(await factory.tokenOf(alice.address)).to.equal(ZERO_ADDRESS);
    });

    it("refuses to move ownership while the owner has frozen shares: frozen shares do not move", async function () {
      const { token, alice, newWallet, arbiter } = await loadFixture(deployWithNewWallet);
      const ownerShares = SUPPLY - BOB_SHARES - CAROL_SHARES;
      await token.connect(arbiter).setFrozenTokens(alice.address, 1_000n * SHARE);
      await token.connect(alice).transferOwnership(newWallet.address);
      await expect(token.connect(newWallet).acceptOwnership())
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(alice.address, ownerShares, ownerShares - 1_000n * SHARE);
      expect(await token.owner()).to.equal(alice.address);
      expect(await token.balanceOf(alice.address)).to.equal(ownerShares);
    });

    it("refuses to move ownership away from a banned owner", async function () {
      const { token, alice, newWallet, registry, registrar } = await loadFixture(deployWithNewWallet);
      await token.connect(alice).transferOwnership(newWallet.address);
      await registry.connect(registrar).ban(alice.address, memo("fraud"));
      await expect(token.connect(newWallet).acceptOwnership())
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(alice.address);
      expect(await token.owner()).to.equal(alice.address);
    });

    it("refuses to move ownership while the token is paused", async function () {
      const { token, alice, newWallet, arbiter } = await loadFixture(deployWithNewWallet);
      await token.connect(alice).transferOwnership(newWallet.address);
      await token.connect(arbiter).pause();
      await expect(token.connect(newWallet).acceptOwnership()).to.be.revertedWithCustomError(token, "EnforcedPause");
    });

    it("carries a freeze on the old wallet's shares over to the new wallet in the arbiter's recovery", async function () {
      const { token, alice, newWallet, arbiter } = await loadFixture(deployWithNewWallet);
      await token.connect(arbiter).setFrozenTokens(alice.address, 1_000n * SHARE);
      await token.connect(arbiter).setFrozenTokens(newWallet.address, 5n * SHARE);
      const tx = token.connect(arbiter).recoverOwnership(newWallet.address);
      await expect(tx).to.emit(token, "Frozen").withArgs(alice.address, 0n);
      await expect(tx)
        .to.emit(token, "Frozen")
        .withArgs(newWallet.address, 1_005n * SHARE);
      expect(await token.getFrozenTokens(alice.address)).to.equal(0n);
      expect(await token.getFrozenTokens(newWallet.address)).to.equal(1_005n * SHARE);
    });

    it("refuses acceptance by any wallet other than the pending one", async function () {
      const { token, alice, bob, newWallet } = await loadFixture(deployWithNewWallet);
      await token.connect(alice).transferOwnership(newWallet.address);
      await expect(token.connect(bob).acceptOwnership())
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
      await expect(token.connect(alice).acceptOwnership())
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });

    it("refuses acceptance by a pending wallet whose verification was revoked meanwhile", async function () {
      const { token, alice, newWallet, registry, registrar } = await loadFixture(deployWithNewWallet);
      await token.connect(alice).transferOwnership(newWallet.address);
      await registry.connect(registrar).revoke(newWallet.address, memo("lost"));
      await expect(token.connect(newWallet).acceptOwnership())
        .to.be.revertedWithCustomError(token, "NewOwnerNotVerified")
        .withArgs(newWallet.address);
    });

    it("never lets the owner renounce ownership", async function () {
      const { token, alice } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).renounceOwnership()).to.be.revertedWithCustomError(
        token,
        "OwnershipCannotBeRenounced",
      );
      expect(await token.owner()).to.equal(alice.address);
    });

    it("refuses renounceOwnership from anyone but the owner", async function () {
      const { token, bob } = await loadFixture(deployWithToken);
      await expect(token.connect(bob).renounceOwnership())
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("lets the new owner sell and give permissions, and the old wallet no longer", async function () {
      const { token, alice, bob, carol, dave, newWallet } = await loadFixture(deployWithNewWallet);
      await token.connect(alice).transferOwnership(newWallet.address);
      await token.connect(newWallet).acceptOwnership();

      await expect(token.connect(newWallet).transfer(dave.address, SHARE))
        .to.emit(token, "Transfer")
        .withArgs(newWallet.address, dave.address, SHARE);
      await expect(token.connect(newWallet).approveTransfer(bob.address, carol.address, SHARE))
        .to.emit(token, "TransferApproved")
        .withArgs(bob.address, carol.address, SHARE);

      await expect(token.connect(alice).approveTransfer(bob.address, dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(token.connect(alice).issue(alice.address, SHARE))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(token.connect(alice).transfer(dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, 0n, SHARE);
    });

    it("stops honouring approvals signed by the old owner wallet", async function () {
      const { token, alice, bob, carol, newWallet } = await loadFixture(deployWithNewWallet);
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
      await token.connect(alice).transferOwnership(newWallet.address);
      await token.connect(newWallet).acceptOwnership();
      await expect(present(token, bob, approval)).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
      const renewed = await signApproval(newWallet, token, { from: bob.address, to: carol.address, amount: SHARE });
      await expect(present(token, bob, renewed))
        .to.emit(token, "Transfer")
        .withArgs(bob.address, carol.address, SHARE);
    });
  });
});
