import { expect } from "chai";
import { PANIC_CODES } from "@nomicfoundation/hardhat-ethers-chai-matchers/panic";
import { deployWithToken, ETH, ethers, memo, networkHelpers, SHARE, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  MAX_SUPPLY,
  ALICE_SUPPLY,
  cloneRuntimeCode,
  expectedTokenAddress,
  expectedDistributorAddress,
  deployWithVerifiedPeople,
  deployWithTwoTokens,
  expectedDistributorOf,
  time,
} from "../helpers/factory.js";

describe("PersonalTokenFactory", function () {
  describe("a verified person creating a token", function () {
    it("creates the token at the predicted address and emits the owner, the token, its distributor and its terms", async function () {
      const { factory, alice, usd } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      const predicted = await factory.predictToken(alice.address);
      expect(await ethers.provider.getCode(predicted)).to.equal("0x");

      const usdAddress = await usd.getAddress();
      const tx = factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 2_000, usdAddress);
      const token = await ethers.getContractAt("PersonalToken", predicted);
      const distributor = expectedDistributorAddress(
        await factory.getAddress(),
        await factory.distributorImplementation(),
        predicted,
      );
      await expect(tx)
        .to.emit(factory, "TokenCreated")
        .withArgs(alice.address, predicted, distributor, "Alice", "ALICE", ALICE_SUPPLY, 2_000, usdAddress);
      expect(await token.distributor()).to.equal(distributor);
    });

    it("returns the new token's address from createToken", async function () {
      const { factory, alice } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      const returned = await factory.connect(alice).createToken.staticCall("Alice", "ALICE", ALICE_SUPPLY, 2_000, ETH);
      expect(returned).to.equal(await factory.predictToken(alice.address));
    });

    it("predicts each creator's token at the CREATE2 address derived from the creator", async function () {
      const { factory, tokenImplementation, alice, bob } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      const factoryAddress = await factory.getAddress();
      const implementation = await tokenImplementation.getAddress();
      const aliceToken = await factory.predictToken(alice.address);
      const bobToken = await factory.predictToken(bob.address);
      expect(aliceToken).to.equal(expectedTokenAddress(factoryAddress, implementation, alice.address));
      expect(bobToken).to.equal(expectedTokenAddress(factoryAddress, implementation, bob.address));
      expect(aliceToken).to.not.equal(bobToken);
    });

    it("deploys the token and its distributor as ERC-1167 clones of the implementations", async function () {
      const { factory, token, distributor, tokenImplementation, distributorImplementation } =
        await networkHelpers.loadFixture(deployWithToken);
      const tokenAddress = await token.getAddress();
      expect(await ethers.provider.getCode(tokenAddress)).to.equal(
        cloneRuntimeCode(await tokenImplementation.getAddress(), await factory.getAddress()),
      );
      expect(await ethers.provider.getCode(await distributor.getAddress())).to.equal(
        cloneRuntimeCode(await distributorImplementation.getAddress(), tokenAddress),
      );
    });

    it("makes the creator the owner and gives her the whole initial supply", async function () {
      const { factory, alice, usd } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      const token = await ethers.getContractAt("PersonalToken", await factory.predictToken(alice.address));
      await expect(factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 2_000, await usd.getAddress()))
        .to.emit(token, "Transfer")
        .withArgs(ZERO_ADDRESS, alice.address, ALICE_SUPPLY);
      expect(await token.owner()).to.equal(alice.address);
      expect(await token.pendingOwner()).to.equal(ZERO_ADDRESS);
      expect(await token.balanceOf(alice.address)).to.equal(ALICE_SUPPLY);
      expect(await token.totalSupply()).to.equal(ALICE_SUPPLY);
      expect(await token.outsideShares()).to.equal(0n);
    });

    it("sets the token's name, symbol, 18 decimals, cap, quote asset and links", async function () {
      const { factory, registry, distributorImplementation, token, usd } =
        await networkHelpers.loadFixture(deployWithToken);
      expect(await token.name()).to.equal("Alice");
      expect(await token.symbol()).to.equal("ALICE");
      expect(await token.decimals()).to.equal(18n);
      expect(await token.capBps()).to.equal(2_000n);
      expect(await token.quoteAsset()).to.equal(await usd.getAddress());
      expect(await token.registry()).to.equal(await registry.getAddress());
      expect(await token.factory()).to.equal(await factory.getAddress());
      expect(await token.distributorImplementation()).to.equal(await distributorImplementation.getAddress());
    });

    it("links the distributor back to its token", async function () {
      const { token, distributor } = await networkHelpers.loadFixture(deployWithToken);
      expect(await distributor.token()).to.equal(await token.getAddress());
      expect(await token.distributor()).to.equal(await distributor.getAddress());
    });

    it("records the creator's token, her ownership history and the token's origin", async function () {
      const { factory, token, alice, bob } = await networkHelpers.loadFixture(deployWithToken);
      const tokenAddress = await token.getAddress();
      expect(await factory.tokenOf(alice.address)).to.equal(tokenAddress);
      expect(await factory.hasOwnedToken(alice.address)).to.equal(true);
      expect(await factory.isToken(tokenAddress)).to.equal(true);

      expect(await factory.tokenOf(bob.address)).to.equal(ZERO_ADDRESS);
      expect(await factory.hasOwnedToken(bob.address)).to.equal(false);
      expect(await factory.isToken(bob.address)).to.equal(false);
      expect(await factory.isToken(await factory.tokenImplementation())).to.equal(false);
    });

    it("reports no token for anyone before any creation", async function () {
      const { factory, alice } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      expect(await factory.tokenOf(alice.address)).to.equal(ZERO_ADDRESS);
      expect(await factory.hasOwnedToken(alice.address)).to.equal(false);
      expect(await factory.isToken(await factory.predictToken(alice.address))).to.equal(false);
      expect(await factory.allTokensLength()).to.equal(0n);
    });

    it("enumerates all tokens in the order they were created", async function () {
      const { factory, alice, bob, carol } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      const creators = [carol, alice, bob];
      for (const [i, creator] of creators.entries()) {
        await factory.connect(creator).createToken(`Person ${i}`, `P${i}`, SHARE, 1_000, ETH);
        expect(await factory.allTokensLength()).to.equal(BigInt(i + 1));
      }
      for (const [i, creator] of creators.entries()) {
        expect(await factory.allTokens(i)).to.equal(await factory.predictToken(creator.address));
        expect(await factory.tokenOf(creator.address)).to.equal(await factory.allTokens(i));
      }
      await expect(factory.allTokens(3)).to.be.revertedWithPanic(PANIC_CODES.ARRAY_ACCESS_OUT_OF_BOUNDS);
    });

    it("gives each person's token its own distributor", async function () {
      const { token, bobToken, distributor } = await networkHelpers.loadFixture(deployWithTwoTokens);
      const bobDistributor = await ethers.getContractAt("GainsDistributor", await bobToken.distributor());
      expect(await bobDistributor.token()).to.equal(await bobToken.getAddress());
      expect(await bobDistributor.getAddress()).to.not.equal(await distributor.getAddress());
      expect(await bobToken.owner()).to.not.equal(await token.owner());
    });

    it("accepts ETH (the zero address) as the quote asset", async function () {
      const { bobToken } = await networkHelpers.loadFixture(deployWithTwoTokens);
      expect(await bobToken.quoteAsset()).to.equal(ETH);
      expect(await bobToken.capBps()).to.equal(1_000n);
      expect(await bobToken.totalSupply()).to.equal(500n * SHARE);
    });

    it("accepts a cap of exactly 10,000 basis points", async function () {
      const { factory, alice } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      const token = await ethers.getContractAt("PersonalToken", await factory.predictToken(alice.address));
      await factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 10_000, ETH);
      expect(await token.capBps()).to.equal(10_000n);
    });

    it("accepts a cap of zero basis points", async function () {
      const { factory, alice } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      const token = await ethers.getContractAt("PersonalToken", await factory.predictToken(alice.address));
      await factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 0, ETH);
      expect(await token.capBps()).to.equal(0n);
    });

    it("accepts an initial supply of 10^36 and of 1", async function () {
      const { factory, alice, bob } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      const aliceToken = await ethers.getContractAt("PersonalToken", await factory.predictToken(alice.address));
      const bobToken = await ethers.getContractAt("PersonalToken", await factory.predictToken(bob.address));
      await factory.connect(alice).createToken("Alice", "ALICE", MAX_SUPPLY, 2_000, ETH);
      await factory.connect(bob).createToken("Bob", "BOB", 1n, 2_000, ETH);
      expect(await aliceToken.totalSupply()).to.equal(MAX_SUPPLY);
      expect(await aliceToken.balanceOf(alice.address)).to.equal(MAX_SUPPLY);
      expect(await bobToken.balanceOf(bob.address)).to.equal(1n);
    });

    it("lets a person create a token at the last second of her verification", async function () {
      const { factory, alice, verifiedUntil, registry } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      const aliceUntil = await registry.verifiedUntil(alice.address);
      expect(aliceUntil).to.be.greaterThanOrEqual(verifiedUntil);
      await time.setNextBlockTimestamp(aliceUntil);
      await expect(factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 2_000, ETH))
        .to.emit(factory, "TokenCreated")
        .withArgs(
          alice.address,
          await factory.predictToken(alice.address),
          await expectedDistributorOf(factory, alice.address),
          "Alice",
          "ALICE",
          ALICE_SUPPLY,
          2_000,
          ETH,
        );
    });
  });

  describe("the factory refusing to create a token", function () {
    it("refuses a creator who was never verified", async function () {
      const { factory, mallory } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      await expect(factory.connect(mallory).createToken("Mallory", "MAL", ALICE_SUPPLY, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "CreatorNotVerified")
        .withArgs(mallory.address);
    });

    it("refuses a creator one second after her verification expired", async function () {
      const { factory, registry, alice } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      const aliceUntil = await registry.verifiedUntil(alice.address);
      await time.setNextBlockTimestamp(aliceUntil + 1n);
      await expect(factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "CreatorNotVerified")
        .withArgs(alice.address);
    });

    it("refuses a creator who is banned", async function () {
      const { factory, registry, registrar, alice } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      await registry.connect(registrar).ban(alice.address, memo("fraud"));
      await expect(factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "CreatorNotVerified")
        .withArgs(alice.address);
    });

    it("refuses a creator whose verification was revoked", async function () {
      const { factory, registry, registrar, alice } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      await registry.connect(registrar).revoke(alice.address, memo("docs-forged"));
      await expect(factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "CreatorNotVerified")
        .withArgs(alice.address);
    });

    it("refuses a second token to the same person", async function () {
      const { factory, alice, token } = await networkHelpers.loadFixture(deployWithToken);
      await expect(factory.connect(alice).createToken("Alice 2", "ALICE2", ALICE_SUPPLY, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "AlreadyOwnedToken")
        .withArgs(alice.address);
      expect(await factory.allTokensLength()).to.equal(1n);
      expect(await factory.tokenOf(alice.address)).to.equal(await token.getAddress());
    });

    it("refuses a cap of 10,001 basis points or more", async function () {
      const { factory, alice } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      await expect(factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 10_001, ETH))
        .to.be.revertedWithCustomError(factory, "InvalidCap")
        .withArgs(10_001);
      await expect(factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 65_535, ETH))
        .to.be.revertedWithCustomError(factory, "InvalidCap")
        .withArgs(65_535);
    });

    it("refuses an initial supply of zero (ZeroAmount)", async function () {
      const { factory, alice } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      await expect(factory.connect(alice).createToken("Alice", "ALICE", 0n, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "ZeroAmount")
        .withArgs();
    });

    it("refuses an initial supply above 10^36", async function () {
      const { factory, alice } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      await expect(factory.connect(alice).createToken("Alice", "ALICE", MAX_SUPPLY + 1n, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "InitialSupplyAboveLimit")
        .withArgs(MAX_SUPPLY + 1n, MAX_SUPPLY);
      await expect(factory.connect(alice).createToken("Alice", "ALICE", ethers.MaxUint256, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "InitialSupplyAboveLimit")
        .withArgs(ethers.MaxUint256, MAX_SUPPLY);
    });

    it("refuses an empty name (EmptyName) or an empty symbol (EmptySymbol)", async function () {
      const { factory, alice } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      await expect(factory.connect(alice).createToken("", "ALICE", ALICE_SUPPLY, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "EmptyName")
        .withArgs();
      await expect(factory.connect(alice).createToken("Alice", "", ALICE_SUPPLY, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "EmptySymbol")
        .withArgs();
    });

    it("refuses a quote asset that is an account without code", async function () {
      const { factory, alice, dave } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      await expect(factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 2_000, dave.address))
        .to.be.revertedWithCustomError(factory, "QuoteAssetNotContract")
        .withArgs(dave.address);
    });

    it("leaves no trace of a refused creation, so the person can create her token later", async function () {
      const { factory, alice } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      const predicted = await factory.predictToken(alice.address);
      await expect(factory.connect(alice).createToken("Alice", "ALICE", 0n, 2_000, ETH))
        .to.be.revertedWithCustomError(factory, "ZeroAmount")
        .withArgs();
      expect(await ethers.provider.getCode(predicted)).to.equal("0x");
      expect(await factory.hasOwnedToken(alice.address)).to.equal(false);
      expect(await factory.allTokensLength()).to.equal(0n);

      await expect(factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 2_000, ETH))
        .to.emit(factory, "TokenCreated")
        .withArgs(
          alice.address,
          predicted,
          await expectedDistributorOf(factory, alice.address),
          "Alice",
          "ALICE",
          ALICE_SUPPLY,
          2_000,
          ETH,
        );
    });
  });
});
