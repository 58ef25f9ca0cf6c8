import { expect } from "chai";
import { deployWithToken, ETH, ethers, networkHelpers, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  ALICE_SUPPLY,
  deployWithOwnershipMovedToBob,
  deployWithTwoTokens,
  deployWithSecondFactory,
  impersonate,
} from "../helpers/factory.js";

describe("PersonalTokenFactory", function () {
  describe("an owner moving ownership to another of her wallets", function () {
    it("reports the move from the factory when the new wallet accepts", async function () {
      const { factory, token, alice, bob } = await networkHelpers.loadFixture(deployWithToken);
      const tokenAddress = await token.getAddress();
      await token.connect(alice).transferOwnership(bob.address);
      // Nothing moves until the new wallet accepts.
      expect(await factory.tokenOf(alice.address)).to.equal(tokenAddress);
      expect(await factory.hasOwnedToken(bob.address)).to.equal(false);

      await expect(token.connect(bob).acceptOwnership())
        .to.emit(factory, "TokenOwnerChanged")
        .withArgs(tokenAddress, alice.address, bob.address);
      expect(await token.owner()).to.equal(bob.address);
      expect(await token.balanceOf(bob.address)).to.equal(ALICE_SUPPLY);
      expect(await token.balanceOf(alice.address)).to.equal(0n);
    });

    it("makes tokenOf follow the move: the new wallet owns the token, the old one none", async function () {
      const { factory, token, alice, bob } = await networkHelpers.loadFixture(deployWithOwnershipMovedToBob);
      const tokenAddress = await token.getAddress();
      expect(await factory.tokenOf(bob.address)).to.equal(tokenAddress);
      expect(await factory.tokenOf(alice.address)).to.equal(ZERO_ADDRESS);
      expect(await factory.hasOwnedToken(alice.address)).to.equal(true);
      expect(await factory.hasOwnedToken(bob.address)).to.equal(true);
      expect(await factory.isToken(tokenAddress)).to.equal(true);
      expect(await factory.allTokensLength()).to.equal(1n);
      expect(await factory.allTokens(0)).to.equal(tokenAddress);
    });

    it("still refuses a new token to the old owner after she moved ownership away", async function () {
      const { factory, alice } = await networkHelpers.loadFixture(deployWithOwnershipMovedToBob);
      await expect(factory.connect(alice).createToken("Alice 2", "ALICE2", ALICE_SUPPLY, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "AlreadyOwnedToken")
        .withArgs(alice.address);
    });

    it("refuses a token of his own to the new owner", async function () {
      const { factory, bob } = await networkHelpers.loadFixture(deployWithOwnershipMovedToBob);
      await expect(factory.connect(bob).createToken("Bob", "BOB", ALICE_SUPPLY, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "AlreadyOwnedToken")
        .withArgs(bob.address);
      expect(await ethers.provider.getCode(await factory.predictToken(bob.address))).to.equal("0x");
    });

    it("follows a second move to yet another wallet", async function () {
      const { factory, token, bob, carol } = await networkHelpers.loadFixture(deployWithOwnershipMovedToBob);
      const tokenAddress = await token.getAddress();
      await token.connect(bob).transferOwnership(carol.address);
      await expect(token.connect(carol).acceptOwnership())
        .to.emit(factory, "TokenOwnerChanged")
        .withArgs(tokenAddress, bob.address, carol.address);
      expect(await factory.tokenOf(carol.address)).to.equal(tokenAddress);
      expect(await factory.tokenOf(bob.address)).to.equal(ZERO_ADDRESS);
    });

    it("refuses to move ownership to a wallet that already owns a token", async function () {
      const { factory, token, bobToken, alice, bob } = await networkHelpers.loadFixture(deployWithTwoTokens);
      await expect(token.connect(alice).transferOwnership(bob.address))
        .to.be.revertedWithCustomError(token, "AlreadyOwnedToken")
        .withArgs(bob.address);
      expect(await factory.tokenOf(bob.address)).to.equal(await bobToken.getAddress());
      expect(await factory.tokenOf(alice.address)).to.equal(await token.getAddress());
    });

    it("reports the arbiter's recovery of a lost owner wallet the same way", async function () {
      const { factory, token, arbiter, alice, carol } = await networkHelpers.loadFixture(deployWithToken);
      const tokenAddress = await token.getAddress();
      await expect(token.connect(arbiter).recoverOwnership(carol.address))
        .to.emit(factory, "TokenOwnerChanged")
        .withArgs(tokenAddress, alice.address, carol.address)
        .and.to.emit(token, "OwnershipRecovered")
        .withArgs(alice.address, carol.address);
      expect(await factory.tokenOf(carol.address)).to.equal(tokenAddress);
      expect(await factory.tokenOf(alice.address)).to.equal(ZERO_ADDRESS);
      expect(await factory.hasOwnedToken(alice.address)).to.equal(true);
      expect(await factory.hasOwnedToken(carol.address)).to.equal(true);
      expect(await token.owner()).to.equal(carol.address);
      expect(await token.balanceOf(carol.address)).to.equal(ALICE_SUPPLY);

      await expect(factory.connect(carol).createToken("Carol", "CAROL", ALICE_SUPPLY, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "AlreadyOwnedToken")
        .withArgs(carol.address);
    });
  });

  describe("someone other than the token reporting an ownership move", function () {
    it("refuses a report from an ordinary account", async function () {
      const { factory, token, alice, mallory } = await networkHelpers.loadFixture(deployWithToken);
      await expect(factory.connect(mallory).recordOwnershipMove(alice.address, mallory.address))
        .to.be.revertedWithCustomError(factory, "CallerNotToken")
        .withArgs(mallory.address);
      expect(await factory.tokenOf(alice.address)).to.equal(await token.getAddress());
      expect(await factory.hasOwnedToken(mallory.address)).to.equal(false);
    });

    it("refuses a report from the token's own owner", async function () {
      const { factory, token, alice, bob } = await networkHelpers.loadFixture(deployWithToken);
      await expect(factory.connect(alice).recordOwnershipMove(alice.address, bob.address))
        .to.be.revertedWithCustomError(factory, "CallerNotToken")
        .withArgs(alice.address);
      expect(await factory.tokenOf(alice.address)).to.equal(await token.getAddress());
      expect(await factory.tokenOf(bob.address)).to.equal(ZERO_ADDRESS);
    });

    it("refuses a report from one token about another token's owner", async function () {
      const { factory, token, bobToken, bob, carol } = await networkHelpers.loadFixture(deployWithTwoTokens);
      const aliceTokenAddress = await token.getAddress();
      const asAliceToken = await impersonate(aliceTokenAddress);
      await expect(factory.connect(asAliceToken).recordOwnershipMove(bob.address, carol.address))
        .to.be.revertedWithCustomError(factory, "CallerNotToken")
        .withArgs(aliceTokenAddress);
      await expect(factory.connect(asAliceToken).recordOwnershipMove(carol.address, bob.address))
        .to.be.revertedWithCustomError(factory, "CallerNotToken")
        .withArgs(aliceTokenAddress);
      expect(await factory.tokenOf(bob.address)).to.equal(await bobToken.getAddress());
    });

    it("refuses a report from a token of another factory", async function () {
      const { factory, otherFactory, otherToken, bob, carol } =
        await networkHelpers.loadFixture(deployWithSecondFactory);
      const otherTokenAddress = await otherToken.getAddress();
      expect(await otherFactory.tokenOf(bob.address)).to.equal(otherTokenAddress);
      expect(await factory.isToken(otherTokenAddress)).to.equal(false);
      const asOtherToken = await impersonate(otherTokenAddress);
      await expect(factory.connect(asOtherToken).recordOwnershipMove(bob.address, carol.address))
        .to.be.revertedWithCustomError(factory, "CallerNotToken")
        .withArgs(otherTokenAddress);
    });

    it("refuses, even from the token itself, a move to a wallet that owns or owned a token", async function () {
      const { factory, token, bobToken, alice, bob } = await networkHelpers.loadFixture(deployWithTwoTokens);
      const asAliceToken = await impersonate(await token.getAddress());
      await expect(factory.connect(asAliceToken).recordOwnershipMove(alice.address, bob.address))
        .to.be.revertedWithCustomError(factory, "AlreadyOwnedToken")
        .withArgs(bob.address);
      expect(await factory.tokenOf(alice.address)).to.equal(await token.getAddress());
      expect(await factory.tokenOf(bob.address)).to.equal(await bobToken.getAddress());
    });
  });
});
