import { expect } from "chai";
import { deployWithToken, ethers, memo, pinNextBlock, SHARE, tokenDomain, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  BOB_SHARES,
  CAROL_SHARES,
  deployWithInvestors,
  deployWithDavesToken,
  deployWithSmartWalletOwner,
  signApproval,
  present,
  loadFixture,
  time,
} from "../helpers/token.js";

describe("PersonalToken", function () {
  describe("investors trading with the owner's signed permission", function () {
    it("moves exactly the signed amount and marks the nonce used", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const move = { from: bob.address, to: carol.address, amount: 7n * SHARE, nonce: 42n };
      const approval = await signApproval(alice, token, move);
      expect(await token.nonceUsed(42n)).to.equal(false);
      await present(token, bob, approval);
      expect(await token.balanceOf(carol.address)).to.equal(CAROL_SHARES + 7n * SHARE);
      expect(await token.balanceOf(bob.address)).to.equal(BOB_SHARES - 7n * SHARE);
      expect(await token.nonceUsed(42n)).to.equal(true);
    });

    it("emits ApprovalNonceUsed and Transfer", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const move = { from: bob.address, to: carol.address, amount: 7n * SHARE, nonce: 42n };
      const approval = await signApproval(alice, token, move);
      const tx = present(token, bob, approval);
      await expect(tx).to.emit(token, "ApprovalNonceUsed").withArgs(42n);
      await expect(tx)
        .to.emit(token, "Transfer")
        .withArgs(bob.address, carol.address, 7n * SHARE);
    });

    it("returns true from transferWithApproval", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const a = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
      expect(
        await token.connect(bob).transferWithApproval.staticCall(a.to, a.amount, a.nonce, a.deadline, a.signature),
      ).to.equal(true);
    });

    it("does not touch the on-chain permission", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 3n * SHARE);
      await present(
        token,
        bob,
        await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE }),
      );
      expect(await token.transferApproval(bob.address, carol.address)).to.equal(3n * SHARE);
    });

    it("refuses to replay a used approval", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(alice, token, {
        from: bob.address,
        to: carol.address,
        amount: SHARE,
        nonce: 9n,
      });
      await present(token, bob, approval);
      await expect(present(token, bob, approval))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed")
        .withArgs(9n);
    });

    it("refuses a second approval that reuses a spent nonce", async function () {
      const { token, alice, bob, carol, dave } = await loadFixture(deployWithInvestors);
      const first = { from: bob.address, to: carol.address, amount: SHARE, nonce: 9n };
      await present(token, bob, await signApproval(alice, token, first));
      const other = await signApproval(alice, token, {
        from: carol.address,
        to: dave.address,
        amount: SHARE,
        nonce: 9n,
      });
      await expect(present(token, carol, other))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed")
        .withArgs(9n);
    });

    it("lets the owner cancel an unused approval, emitting ApprovalCancelled", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(alice, token, {
        from: bob.address,
        to: carol.address,
        amount: SHARE,
        nonce: 11n,
      });
      await expect(token.connect(alice).cancelApproval(11n)).to.emit(token, "ApprovalCancelled").withArgs(11n);
      expect(await token.nonceUsed(11n)).to.equal(true);
      await expect(present(token, bob, approval))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed")
        .withArgs(11n);
    });

    it("refuses to cancel a nonce twice or cancel a used one", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(alice).cancelApproval(11n);
      await expect(token.connect(alice).cancelApproval(11n))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed")
        .withArgs(11n);
      const used = { from: bob.address, to: carol.address, amount: SHARE, nonce: 12n };
      await present(token, bob, await signApproval(alice, token, used));
      await expect(token.connect(alice).cancelApproval(12n))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed")
        .withArgs(12n);
    });

    it("lets only the owner cancel an approval", async function () {
      const { token, bob } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).cancelApproval(11n))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("honours an approval at its deadline second exactly", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const deadline = (await pinNextBlock()) + 100n;
      const approval = await signApproval(alice, token, {
        from: bob.address,
        to: carol.address,
        amount: SHARE,
        deadline,
      });
      await time.setNextBlockTimestamp(deadline);
      await expect(present(token, bob, approval))
        .to.emit(token, "Transfer")
        .withArgs(bob.address, carol.address, SHARE);
    });

    it("refuses an approval one second after its deadline", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const deadline = (await pinNextBlock()) + 100n;
      const approval = await signApproval(alice, token, {
        from: bob.address,
        to: carol.address,
        amount: SHARE,
        deadline,
      });
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(present(token, bob, approval))
        .to.be.revertedWithCustomError(token, "ApprovalExpired")
        .withArgs(deadline);
    });

    it("refuses an approval signed by someone other than the owner", async function () {
      const { token, bob, carol } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(bob, token, { from: bob.address, to: carol.address, amount: SHARE });
      await expect(present(token, bob, approval)).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("refuses an approval presented with a different amount, larger or smaller", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: 10n * SHARE });
      for (const amount of [10n * SHARE + 1n, 10n * SHARE - 1n]) {
        await expect(present(token, bob, { ...approval, amount })).to.be.revertedWithCustomError(
          token,
          "InvalidApprovalSignature",
        );
      }
    });

    it("refuses an approval presented for a different receiver", async function () {
      const { token, alice, bob, carol, dave } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
      await expect(present(token, bob, { ...approval, to: dave.address })).to.be.revertedWithCustomError(
        token,
        "InvalidApprovalSignature",
      );
    });

    it("refuses an approval presented with a different nonce or deadline", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(alice, token, {
        from: bob.address,
        to: carol.address,
        amount: SHARE,
        nonce: 1n,
      });
      await expect(present(token, bob, { ...approval, nonce: 2n })).to.be.revertedWithCustomError(
        token,
        "InvalidApprovalSignature",
      );
      await expect(
        present(token, bob, { ...approval, deadline: approval.deadline + 1n }),
      ).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("refuses an approval presented by a sender other than the one named", async function () {
      const { token, alice, bob, carol, dave } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(alice, token, { from: bob.address, to: dave.address, amount: SHARE });
      await expect(present(token, carol, approval)).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("refuses an approval signed for another chain", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const domain = { ...(await tokenDomain(token)), chainId: 1n };
      const approval = await signApproval(
        alice,
        token,
        { from: bob.address, to: carol.address, amount: SHARE },
        domain,
      );
      await expect(present(token, bob, approval)).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("refuses an approval signed for another token's domain, even one with the same name", async function () {
      const { token, davesToken, alice, bob, carol } = await loadFixture(deployWithDavesToken);
      const domain = await tokenDomain(davesToken);
      expect(domain.name).to.equal(await token.name());
      const approval = await signApproval(
        alice,
        token,
        { from: bob.address, to: carol.address, amount: SHARE },
        domain,
      );
      await expect(present(token, bob, approval)).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("accepts nonces in any order, including far-apart ones", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      for (const nonce of [5n, 2n, 2n ** 200n]) {
        const approval = await signApproval(alice, token, {
          from: bob.address,
          to: carol.address,
          amount: SHARE,
          nonce,
        });
        await expect(present(token, bob, approval))
          .to.emit(token, "ApprovalNonceUsed")
          .withArgs(nonce);
      }
      expect(await token.nonceUsed(5n)).to.equal(true);
      expect(await token.nonceUsed(2n)).to.equal(true);
      expect(await token.nonceUsed(2n ** 200n)).to.equal(true);
      expect(await token.nonceUsed(3n)).to.equal(false);
      expect(await token.nonceUsed(4n)).to.equal(false);
      expect(await token.nonceUsed(2n ** 200n + 1n)).to.equal(false);
    });

    it("leaves the nonce unused when the signed move fails", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const move = { from: bob.address, to: carol.address, amount: BOB_SHARES + 1n, nonce: 3n };
      const approval = await signApproval(alice, token, move);
      await expect(present(token, bob, approval))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(bob.address, BOB_SHARES, BOB_SHARES + 1n);
      expect(await token.nonceUsed(3n)).to.equal(false);
    });

    it("publishes its EIP-712 domain through eip712Domain()", async function () {
      const { token } = await loadFixture(deployWithToken);
      const { chainId } = await ethers.provider.getNetwork();
      const [fields, name, version, domainChainId, verifyingContract, salt, extensions] = await token.eip712Domain();
      expect(fields).to.equal("0x0f");
      expect(name).to.equal("Alice");
      expect(version).to.equal("1");
      expect(domainChainId).to.equal(chainId);
      expect(verifyingContract).to.equal(await token.getAddress());
      expect(salt).to.equal(ethers.ZeroHash);
      expect(extensions).to.deep.equal([]);
    });

    it("still refuses a receiver who is not verified", async function () {
      const { token, alice, bob, mallory } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(alice, token, { from: bob.address, to: mallory.address, amount: SHARE });
      await expect(present(token, bob, approval))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(mallory.address);
    });

    it("still refuses to move frozen shares", async function () {
      const { token, alice, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
      await token.connect(arbiter).setFrozenTokens(bob.address, BOB_SHARES - SHARE);
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: 2n * SHARE });
      await expect(present(token, bob, approval))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(bob.address, 2n * SHARE, SHARE);
    });

    it("still refuses a banned sender", async function () {
      const { token, alice, bob, carol, registry, registrar } = await loadFixture(deployWithInvestors);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
      await expect(present(token, bob, approval))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(bob.address);
    });

    it("still refuses while the token is paused", async function () {
      const { token, alice, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
      await token.connect(arbiter).pause();
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
      await expect(present(token, bob, approval)).to.be.revertedWithCustomError(token, "EnforcedPause");
    });

    describe("when the owner is a smart-contract wallet", function () {
      it("makes the wallet, not its signer, the owner of the token it created", async function () {
        const { walletToken, walletAddress, walletSigner, bob, factory } =
          await loadFixture(deployWithSmartWalletOwner);
        expect(await walletToken.owner()).to.equal(walletAddress);
        expect(await factory.tokenOf(walletAddress)).to.equal(await walletToken.getAddress());
        expect(await factory.tokenOf(walletSigner.address)).to.equal(ZERO_ADDRESS);
        expect(await walletToken.balanceOf(bob.address)).to.equal(BOB_SHARES);
      });

      it("accepts an approval the wallet validates through ERC-1271", async function () {
        const { walletToken, walletSigner, bob, carol } = await loadFixture(deployWithSmartWalletOwner);
        const move = { from: bob.address, to: carol.address, amount: SHARE, nonce: 77n };
        const approval = await signApproval(walletSigner, walletToken, move);
        const tx = present(walletToken, bob, approval);
        await expect(tx).to.emit(walletToken, "ApprovalNonceUsed").withArgs(77n);
        await expect(tx).to.emit(walletToken, "Transfer").withArgs(bob.address, carol.address, SHARE);
        expect(await walletToken.balanceOf(carol.address)).to.equal(SHARE);
      });

      it("refuses an approval the wallet does not validate", async function () {
        const { walletToken, bob, carol } = await loadFixture(deployWithSmartWalletOwner);
        const approval = await signApproval(bob, walletToken, { from: bob.address, to: carol.address, amount: SHARE });
        await expect(present(walletToken, bob, approval)).to.be.revertedWithCustomError(
          walletToken,
          "InvalidApprovalSignature",
        );
      });

      it("lets the wallet cancel an approval through a call it makes", async function () {
        const { walletToken, wallet, walletSigner, bob, carol } = await loadFixture(deployWithSmartWalletOwner);
        const move = { from: bob.address, to: carol.address, amount: SHARE, nonce: 5n };
        const approval = await signApproval(walletSigner, walletToken, move);
        const cancel = walletToken.interface.encodeFunctionData("cancelApproval", [5n]);
        await expect(wallet.connect(walletSigner).execute(await walletToken.getAddress(), 0n, cancel))
          .to.emit(walletToken, "ApprovalCancelled")
          .withArgs(5n);
        await expect(present(walletToken, bob, approval))
          .to.be.revertedWithCustomError(walletToken, "ApprovalNonceAlreadyUsed")
          .withArgs(5n);
      });
    });
  });
});
