import { expect } from "chai";
import { memo, SHARE, verifyAll, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  SUPPLY,
  MAX_OUTSIDE,
  BOB_SHARES,
  CAROL_SHARES,
  deployWithInvestors,
  deployWithNewWallet,
  deployWithDavesToken,
  signApproval,
  present,
  loadFixture,
} from "../helpers/token.js";

describe("PersonalToken", function () {
  describe("the arbiter", function () {
    describe("forcing a transfer", function () {
      it("moves shares and emits ForcedTransfer and Transfer", async function () {
        const { token, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        const tx = token.connect(arbiter).forcedTransfer(bob.address, carol.address, 10n * SHARE);
        await expect(tx)
          .to.emit(token, "ForcedTransfer")
          .withArgs(bob.address, carol.address, 10n * SHARE);
        await expect(tx)
          .to.emit(token, "Transfer")
          .withArgs(bob.address, carol.address, 10n * SHARE);
        expect(await token.balanceOf(bob.address)).to.equal(BOB_SHARES - 10n * SHARE);
        expect(await token.balanceOf(carol.address)).to.equal(CAROL_SHARES + 10n * SHARE);
      });

      it("returns true", async function () {
        const { token, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        expect(await token.connect(arbiter).forcedTransfer.staticCall(bob.address, carol.address, SHARE)).to.equal(
          true,
        );
      });

      it("ignores the owner's permission", async function () {
        const { token, bob, dave, arbiter } = await loadFixture(deployWithInvestors);
        expect(await token.transferApproval(bob.address, dave.address)).to.equal(0n);
        await expect(token.connect(arbiter).forcedTransfer(bob.address, dave.address, SHARE))
          .to.emit(token, "ForcedTransfer")
          .withArgs(bob.address, dave.address, SHARE);
      });

      it("works while the token is paused", async function () {
        const { token, alice, bob, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).pause();
        await expect(token.connect(arbiter).forcedTransfer(bob.address, alice.address, SHARE))
          .to.emit(token, "ForcedTransfer")
          .withArgs(bob.address, alice.address, SHARE);
      });

      it("takes shares from a banned holder", async function () {
        const { token, bob, carol, arbiter, registry, registrar } = await loadFixture(deployWithInvestors);
        await registry.connect(registrar).ban(bob.address, memo("fraud"));
        await expect(token.connect(arbiter).forcedTransfer(bob.address, carol.address, BOB_SHARES))
          .to.emit(token, "ForcedTransfer")
          .withArgs(bob.address, carol.address, BOB_SHARES);
        expect(await token.balanceOf(bob.address)).to.equal(0n);
      });

      it("keeps the receiver rule", async function () {
        const { token, bob, mallory, arbiter } = await loadFixture(deployWithInvestors);
        await expect(token.connect(arbiter).forcedTransfer(bob.address, mallory.address, SHARE))
          .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
          .withArgs(mallory.address);
      });

      it("keeps the cap when forcing shares out of the owner's wallet", async function () {
        const { token, alice, bob, arbiter } = await loadFixture(deployWithInvestors);
        const room = MAX_OUTSIDE - BOB_SHARES - CAROL_SHARES;
        await expect(token.connect(arbiter).forcedTransfer(alice.address, bob.address, room + 1n))
          .to.be.revertedWithCustomError(token, "CapExceeded")
          .withArgs(MAX_OUTSIDE + 1n, MAX_OUTSIDE);
        await expect(token.connect(arbiter).forcedTransfer(alice.address, bob.address, room))
          .to.emit(token, "ForcedTransfer")
          .withArgs(alice.address, bob.address, room);
      });

      it("refuses to take more than the balance", async function () {
        const { token, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        await expect(token.connect(arbiter).forcedTransfer(bob.address, carol.address, BOB_SHARES + 1n))
          .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
          .withArgs(bob.address, BOB_SHARES, BOB_SHARES + 1n);
      });

      it("refuses a forced transfer from an address to itself (ForcedTransferToSelf)", async function () {
        const { token, bob, arbiter } = await loadFixture(deployWithInvestors);
        await expect(token.connect(arbiter).forcedTransfer(bob.address, bob.address, SHARE))
          .to.be.revertedWithCustomError(token, "ForcedTransferToSelf")
          .withArgs(bob.address);
      });

      it("leaves a freeze alone when it takes only unfrozen shares", async function () {
        const { token, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).setFrozenTokens(bob.address, 60_000n * SHARE);
        await expect(token.connect(arbiter).forcedTransfer(bob.address, carol.address, 40_000n * SHARE)).not.to.emit(
          token,
          "Frozen",
        );
        expect(await token.getFrozenTokens(bob.address)).to.equal(60_000n * SHARE);
      });

      it("unfreezes exactly the frozen part it takes, emitting Frozen before Transfer", async function () {
        const { token, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).setFrozenTokens(bob.address, 60_000n * SHARE);
        // 40,000 unfrozen + 30,000 of the frozen 60,000 are taken: 30,000 stay frozen.
        const tx = await token.connect(arbiter).forcedTransfer(bob.address, carol.address, 70_000n * SHARE);
        await expect(tx)
          .to.emit(token, "Frozen")
          .withArgs(bob.address, 30_000n * SHARE);
        expect(await token.getFrozenTokens(bob.address)).to.equal(30_000n * SHARE);
        expect(await token.balanceOf(bob.address)).to.equal(30_000n * SHARE);

        const receipt = (await tx.wait())!;
        const tokenAddress = await token.getAddress();
        const names = receipt.logs
          .filter((log) => log.address === tokenAddress)
          .map((log) => token.interface.parseLog(log)?.name);
        expect(names.indexOf("Frozen")).to.be.greaterThanOrEqual(0);
        expect(names.indexOf("Frozen")).to.be.lessThan(names.indexOf("Transfer"));
        expect(names.indexOf("Transfer")).to.be.lessThan(names.indexOf("ForcedTransfer"));
      });

      it("unfreezes only what it takes when the freeze exceeds the balance", async function () {
        const { token, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).setFrozenTokens(bob.address, BOB_SHARES + 50_000n * SHARE);
        await expect(token.connect(arbiter).forcedTransfer(bob.address, carol.address, 20_000n * SHARE))
          .to.emit(token, "Frozen")
          .withArgs(bob.address, BOB_SHARES + 30_000n * SHARE);
      });

      it("refuses anyone but an arbiter, the token's owner included", async function () {
        const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
        await expect(token.connect(bob).forcedTransfer(bob.address, carol.address, SHARE))
          .to.be.revertedWithCustomError(token, "CallerNotArbiter")
          .withArgs(bob.address);
        await expect(token.connect(alice).forcedTransfer(bob.address, alice.address, SHARE))
          .to.be.revertedWithCustomError(token, "CallerNotArbiter")
          .withArgs(alice.address);
      });
    });

    describe("freezing shares", function () {
      it("sets the frozen amount, emits Frozen and returns true", async function () {
        const { token, bob, arbiter } = await loadFixture(deployWithInvestors);
        expect(await token.connect(arbiter).setFrozenTokens.staticCall(bob.address, SHARE)).to.equal(true);
        await expect(token.connect(arbiter).setFrozenTokens(bob.address, SHARE))
          .to.emit(token, "Frozen")
          .withArgs(bob.address, SHARE);
        expect(await token.getFrozenTokens(bob.address)).to.equal(SHARE);
      });

      it("may freeze more than the holder's balance", async function () {
        const { token, bob, arbiter } = await loadFixture(deployWithInvestors);
        await expect(token.connect(arbiter).setFrozenTokens(bob.address, 2n * BOB_SHARES))
          .to.emit(token, "Frozen")
          .withArgs(bob.address, 2n * BOB_SHARES);
        expect(await token.getFrozenTokens(bob.address)).to.equal(2n * BOB_SHARES);
        await expect(token.connect(bob).transfer(await token.owner(), 1n))
          .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
          .withArgs(bob.address, 1n, 0n);
      });

      it("refuses a transfer above the unfrozen balance and allows one up to it", async function () {
        const { token, alice, bob, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).setFrozenTokens(bob.address, 60_000n * SHARE);
        await expect(token.connect(bob).transfer(alice.address, 40_000n * SHARE + 1n))
          .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
          .withArgs(bob.address, 40_000n * SHARE + 1n, 40_000n * SHARE);
        await expect(token.connect(bob).transfer(alice.address, 40_000n * SHARE))
          .to.emit(token, "Transfer")
          .withArgs(bob.address, alice.address, 40_000n * SHARE);
      });

      it("freezes the owner's own shares too", async function () {
        const { token, alice, bob, arbiter } = await loadFixture(deployWithInvestors);
        const ownerShares = SUPPLY - BOB_SHARES - CAROL_SHARES;
        await token.connect(arbiter).setFrozenTokens(alice.address, ownerShares);
        await expect(token.connect(alice).transfer(bob.address, 1n))
          .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
          .withArgs(alice.address, 1n, 0n);
      });

      it("applies to transferFrom", async function () {
        const { token, alice, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(bob).approve(carol.address, BOB_SHARES);
        await token.connect(arbiter).setFrozenTokens(bob.address, BOB_SHARES);
        await expect(token.connect(carol).transferFrom(bob.address, alice.address, SHARE))
          .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
          .withArgs(bob.address, SHARE, 0n);
      });

      it("reports a transfer above the whole balance as ERC20InsufficientBalance", async function () {
        const { token, alice, bob, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).setFrozenTokens(bob.address, 60_000n * SHARE);
        await expect(token.connect(bob).transfer(alice.address, BOB_SHARES + 1n))
          .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
          .withArgs(bob.address, BOB_SHARES, BOB_SHARES + 1n);
      });

      it("releases the shares when the freeze is set back to zero", async function () {
        const { token, alice, bob, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).setFrozenTokens(bob.address, BOB_SHARES);
        await expect(token.connect(arbiter).setFrozenTokens(bob.address, 0n))
          .to.emit(token, "Frozen")
          .withArgs(bob.address, 0n);
        await expect(token.connect(bob).transfer(alice.address, BOB_SHARES))
          .to.emit(token, "Transfer")
          .withArgs(bob.address, alice.address, BOB_SHARES);
      });

      it("refuses anyone but an arbiter, the token's owner included", async function () {
        const { token, alice, bob } = await loadFixture(deployWithInvestors);
        await expect(token.connect(alice).setFrozenTokens(bob.address, SHARE))
          .to.be.revertedWithCustomError(token, "CallerNotArbiter")
          .withArgs(alice.address);
        await expect(token.connect(bob).setFrozenTokens(bob.address, 0n))
          .to.be.revertedWithCustomError(token, "CallerNotArbiter")
          .withArgs(bob.address);
      });
    });

    describe("pausing", function () {
      it("pauses with a Paused event", async function () {
        const { token, arbiter } = await loadFixture(deployWithInvestors);
        await expect(token.connect(arbiter).pause()).to.emit(token, "Paused").withArgs(arbiter.address);
        expect(await token.paused()).to.equal(true);
      });

      it("stops owner sales and investor transfers while paused", async function () {
        const { token, alice, bob, carol, dave, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(alice).approveTransfer(bob.address, carol.address, SHARE);
        await token.connect(arbiter).pause();
        await expect(token.connect(alice).transfer(dave.address, SHARE)).to.be.revertedWithCustomError(
          token,
          "EnforcedPause",
        );
        await expect(token.connect(bob).transfer(carol.address, SHARE)).to.be.revertedWithCustomError(
          token,
          "EnforcedPause",
        );
        await expect(token.connect(bob).transfer(alice.address, SHARE)).to.be.revertedWithCustomError(
          token,
          "EnforcedPause",
        );
      });

      it("stops transferFrom while paused", async function () {
        const { token, alice, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(bob).approve(carol.address, SHARE);
        await token.connect(arbiter).pause();
        await expect(
          token.connect(carol).transferFrom(bob.address, alice.address, SHARE),
        ).to.be.revertedWithCustomError(token, "EnforcedPause");
      });

      it("stops signed transfers and issuance while paused", async function () {
        const { token, alice, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
        await token.connect(arbiter).pause();
        await expect(present(token, bob, approval)).to.be.revertedWithCustomError(token, "EnforcedPause");
        await expect(token.connect(alice).issue(alice.address, SHARE)).to.be.revertedWithCustomError(
          token,
          "EnforcedPause",
        );
      });

      it("refuses to pause twice", async function () {
        const { token, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).pause();
        await expect(token.connect(arbiter).pause()).to.be.revertedWithCustomError(token, "EnforcedPause");
      });

      it("unpauses with an Unpaused event, after which transfers work again", async function () {
        const { token, alice, bob, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).pause();
        await expect(token.connect(arbiter).unpause()).to.emit(token, "Unpaused").withArgs(arbiter.address);
        expect(await token.paused()).to.equal(false);
        await expect(token.connect(bob).transfer(alice.address, SHARE))
          .to.emit(token, "Transfer")
          .withArgs(bob.address, alice.address, SHARE);
      });

      it("refuses to unpause a token that is not paused", async function () {
        const { token, arbiter } = await loadFixture(deployWithInvestors);
        await expect(token.connect(arbiter).unpause()).to.be.revertedWithCustomError(token, "ExpectedPause");
      });

      it("lets only an arbiter pause and unpause, not the owner", async function () {
        const { token, alice, arbiter } = await loadFixture(deployWithInvestors);
        await expect(token.connect(alice).pause())
          .to.be.revertedWithCustomError(token, "CallerNotArbiter")
          .withArgs(alice.address);
        await token.connect(arbiter).pause();
        await expect(token.connect(alice).unpause())
          .to.be.revertedWithCustomError(token, "CallerNotArbiter")
          .withArgs(alice.address);
      });
    });

    describe("recovering a lost owner wallet", function () {
      it("moves ownership and the owner's shares to the new wallet", async function () {
        const { token, alice, newWallet, arbiter } = await loadFixture(deployWithNewWallet);
        const ownerShares = SUPPLY - BOB_SHARES - CAROL_SHARES;
        const tx = token.connect(arbiter).recoverOwnership(newWallet.address);
        await expect(tx).to.emit(token, "OwnershipRecovered").withArgs(alice.address, newWallet.address);
        await expect(tx).to.emit(token, "OwnershipTransferred").withArgs(alice.address, newWallet.address);
        await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, newWallet.address, ownerShares);
        expect(await token.owner()).to.equal(newWallet.address);
        expect(await token.balanceOf(newWallet.address)).to.equal(ownerShares);
        expect(await token.balanceOf(alice.address)).to.equal(0n);
        expect(await token.outsideShares()).to.equal(BOB_SHARES + CAROL_SHARES);
      });

      it("moves the factory's record of the owner", async function () {
        const { token, alice, newWallet, arbiter, factory } = await loadFixture(deployWithNewWallet);
        await expect(token.connect(arbiter).recoverOwnership(newWallet.address))
          .to.emit(factory, "TokenOwnerChanged")
          .withArgs(await token.getAddress(), alice.address, newWallet.address);
        expect(await factory.tokenOf(newWallet.address)).to.equal(await token.getAddress());
        expect(await factory.tokenOf(alice.address)).to.equal(ZERO_ADDRESS);
        expect(await factory.hasOwnedToken(newWallet.address)).to.equal(true);
      });

      it("clears a pending ownership move", async function () {
        const { token, alice, newWallet, arbiter, registry, registrar, others } =
          await loadFixture(deployWithNewWallet);
        const second = others[1];
        await verifyAll(registry, registrar, [second]);
        await token.connect(alice).transferOwnership(second.address);
        await token.connect(arbiter).recoverOwnership(newWallet.address);
        expect(await token.pendingOwner()).to.equal(ZERO_ADDRESS);
        await expect(token.connect(second).acceptOwnership())
          .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
          .withArgs(second.address);
      });

      it("works while the token is paused", async function () {
        const { token, alice, newWallet, arbiter } = await loadFixture(deployWithNewWallet);
        await token.connect(arbiter).pause();
        await expect(token.connect(arbiter).recoverOwnership(newWallet.address))
          .to.emit(token, "OwnershipRecovered")
          .withArgs(alice.address, newWallet.address);
      });

      it("refuses a new wallet that is not verified", async function () {
        const { token, arbiter, mallory } = await loadFixture(deployWithNewWallet);
        await expect(token.connect(arbiter).recoverOwnership(mallory.address))
          .to.be.revertedWithCustomError(token, "NewOwnerNotVerified")
          .withArgs(mallory.address);
      });

      it("refuses the current owner or a wallet that owns another token", async function () {
        const { token, alice, dave, arbiter } = await loadFixture(deployWithDavesToken);
        await expect(token.connect(arbiter).recoverOwnership(alice.address))
          .to.be.revertedWithCustomError(token, "NewOwnerIsCurrentOwner")
          .withArgs(alice.address);
        await expect(token.connect(arbiter).recoverOwnership(dave.address))
          .to.be.revertedWithCustomError(token, "AlreadyOwnedToken")
          .withArgs(dave.address);
      });

      it("refuses anyone but an arbiter, the owner included", async function () {
        const { token, alice, newWallet } = await loadFixture(deployWithNewWallet);
        await expect(token.connect(alice).recoverOwnership(newWallet.address))
          .to.be.revertedWithCustomError(token, "CallerNotArbiter")
          .withArgs(alice.address);
        await expect(token.connect(newWallet).recoverOwnership(newWallet.address))
          .to.be.revertedWithCustomError(token, "CallerNotArbiter")
          .withArgs(newWallet.address);
      });
    });
  });
});
