import { expect } from "chai";
import { PANIC_CODES } from "@nomicfoundation/hardhat-ethers-chai-matchers/panic";
import PersonalTokenSystem from "../deploy/modules/PersonalTokenSystem.js";
import {
  deploySystem,
  deployWithToken,
  ETH,
  ethers,
  ignition,
  memo,
  networkHelpers,
  ONE_YEAR,
  SHARE,
  verifyAll,
  ZERO_ADDRESS,
} from "./helpers/fixtures.js";
import type { InvestorRegistry, PersonalTokenFactory } from "../types/ethers-contracts/index.js";

const { time } = networkHelpers;

const MAX_SUPPLY = 10n ** 36n;
const ALICE_SUPPLY = 1_000_000n * SHARE;

/** The creation code OpenZeppelin's `Clones` deploys for an ERC-1167 clone of `implementation` with immutable `args`. */
function cloneCreationCode(implementation: string, args: string) {
  return ethers.concat([
    "0x61",
    ethers.toBeHex(ethers.dataLength(args) + 0x2d, 2),
    "0x3d81600a3d39f3363d3d373d3d3d363d73",
    implementation,
    "0x5af43d82803e903d91602b57fd5bf3",
    args,
  ]);
}

/** The runtime code of that clone: the ERC-1167 proxy followed by its immutable arguments. */
function cloneRuntimeCode(implementation: string, args: string) {
  return ethers
    .concat(["0x363d3d373d3d3d363d73", implementation, "0x5af43d82803e903d91602b57fd5bf3", args])
    .toLowerCase();
}

/** Where the factory puts `creator`'s token: CREATE2 with salt = creator and the factory's address as argument. */
function expectedTokenAddress(factory: string, tokenImplementation: string, creator: string) {
  const initCode = cloneCreationCode(tokenImplementation, factory);
  return ethers.getCreate2Address(factory, ethers.zeroPadValue(creator, 32), ethers.keccak256(initCode));
}

/** Where the factory puts a token's distributor: CREATE2 with salt 0 and the token's address as argument. */
function expectedDistributorAddress(factory: string, distributorImplementation: string, token: string) {
  const initCode = cloneCreationCode(distributorImplementation, token);
  return ethers.getCreate2Address(factory, ethers.ZeroHash, ethers.keccak256(initCode));
}

/** The system with Alice, Bob, Carol and Dave verified for a year (Mallory is not) and a mock USD stablecoin. */
async function deployWithVerifiedPeople() {
  const system = await deploySystem();
  const { registry, registrar, alice, bob, carol, dave } = system;
  const verifiedUntil = BigInt(await time.latest()) + ONE_YEAR;
  await verifyAll(registry, registrar, [alice, bob, carol, dave]);
  const usd = await ethers.deployContract("MockERC20", ["Mock USD", "mUSD", 6]);
  return { ...system, usd, verifiedUntil };
}

/** Alice's token (from the shared fixture) whose ownership Alice moved to Bob, her other verified wallet. */
async function deployWithOwnershipMovedToBob() {
  const system = await deployWithToken();
  const { token, alice, bob } = system;
  await token.connect(alice).transferOwnership(bob.address);
  await token.connect(bob).acceptOwnership();
  return system;
}

/** Alice's token plus Bob's own token ("Bob" / "BOB", 500 shares, 10% cap, priced in ETH). */
async function deployWithTwoTokens() {
  const system = await deployWithToken();
  const { factory, bob } = system;
  const bobTokenAddress = await factory.predictToken(bob.address);
  await factory.connect(bob).createToken("Bob", "BOB", 500n * SHARE, 1_000, ETH);
  const bobToken = await ethers.getContractAt("PersonalToken", bobTokenAddress);
  return { ...system, bobToken };
}

/** Another factory wired to the same registry and implementations, in which Bob created a token. */
async function deployWithSecondFactory() {
  const system = await deployWithToken();
  const { registry, tokenImplementation, distributorImplementation, bob } = system;
  const otherFactory = await ethers.deployContract("PersonalTokenFactory", [
    await registry.getAddress(),
    await tokenImplementation.getAddress(),
    await distributorImplementation.getAddress(),
  ]);
  const otherTokenAddress = await otherFactory.predictToken(bob.address);
  await otherFactory.connect(bob).createToken("Bob elsewhere", "BOBX", 100n * SHARE, 500, ETH);
  const otherToken = await ethers.getContractAt("PersonalToken", otherTokenAddress);
  return { ...system, otherFactory, otherToken };
}

/** The Ignition module with no parameters: every role defaults to the deployer. */
async function deploySystemWithDefaultParameters() {
  const [deployer] = await ethers.getSigners();
  const { registry, factory, tokenImplementation, distributorImplementation } = await ignition.deploy(PersonalTokenSystem);
  return {
    deployer,
    registry: registry as unknown as InvestorRegistry,
    factory: factory as unknown as PersonalTokenFactory,
    tokenImplementation: await tokenImplementation.getAddress(),
    distributorImplementation: await distributorImplementation.getAddress(),
  };
}

/** A signer sending transactions from `address` (a contract, here), funded for gas. */
async function impersonate(address: string) {
  await networkHelpers.impersonateAccount(address);
  await networkHelpers.setBalance(address, 10n ** 18n);
  return ethers.getImpersonatedSigner(address);
}

describe("PersonalTokenFactory", function () {
  describe("a verified person creating a token", function () {
    it("creates the token at the predicted address and emits the owner, the token and its distributor", async function () {
      const { factory, alice, usd } = await networkHelpers.loadFixture(deployWithVerifiedPeople);
      const predicted = await factory.predictToken(alice.address);
      expect(await ethers.provider.getCode(predicted)).to.equal("0x");

      const tx = factory.connect(alice).createToken("Alice", "ALICE", ALICE_SUPPLY, 2_000, await usd.getAddress());
      const token = await ethers.getContractAt("PersonalToken", predicted);
      const distributor = expectedDistributorAddress(
        await factory.getAddress(),
        await factory.distributorImplementation(),
        predicted,
      );
      await expect(tx).to.emit(factory, "TokenCreated").withArgs(alice.address, predicted, distributor);
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
        .withArgs(alice.address, await factory.predictToken(alice.address), await expectedDistributorOf(factory, alice.address));
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
        .withArgs(alice.address, predicted, await expectedDistributorOf(factory, alice.address));
    });
  });

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
      const { factory, otherFactory, otherToken, bob, carol } = await networkHelpers.loadFixture(deployWithSecondFactory);
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

  describe("a deployer wiring a factory to its implementations", function () {
    it("records the registry and the two implementations", async function () {
      const { factory, registry, tokenImplementation, distributorImplementation } =
        await networkHelpers.loadFixture(deploySystem);
      expect(await factory.registry()).to.equal(await registry.getAddress());
      expect(await factory.tokenImplementation()).to.equal(await tokenImplementation.getAddress());
      expect(await factory.distributorImplementation()).to.equal(await distributorImplementation.getAddress());
    });

    it("deploys a second factory over the same registry and implementations", async function () {
      const { otherFactory, otherToken, registry, tokenImplementation, bob } =
        await networkHelpers.loadFixture(deployWithSecondFactory);
      expect(await otherFactory.registry()).to.equal(await registry.getAddress());
      expect(await otherFactory.tokenImplementation()).to.equal(await tokenImplementation.getAddress());
      expect(await otherToken.factory()).to.equal(await otherFactory.getAddress());
      expect(await otherToken.owner()).to.equal(bob.address);
    });

    it("refuses a token implementation linked to another registry", async function () {
      const { factory, admin, registrar, arbiter, tokenImplementation, distributorImplementation } =
        await networkHelpers.loadFixture(deploySystem);
      const otherRegistry = await ethers.deployContract("InvestorRegistry", [
        admin.address,
        registrar.address,
        arbiter.address,
      ]);
      await expect(
        ethers.deployContract("PersonalTokenFactory", [
          await otherRegistry.getAddress(),
          await tokenImplementation.getAddress(),
          await distributorImplementation.getAddress(),
        ]),
      )
        .to.be.revertedWithCustomError(factory, "ImplementationMismatch")
        .withArgs();
    });

    it("refuses a distributor implementation other than the token implementation's", async function () {
      const { factory, registry, tokenImplementation } = await networkHelpers.loadFixture(deploySystem);
      const otherDistributor = await ethers.deployContract("GainsDistributor");
      await expect(
        ethers.deployContract("PersonalTokenFactory", [
          await registry.getAddress(),
          await tokenImplementation.getAddress(),
          await otherDistributor.getAddress(),
        ]),
      )
        .to.be.revertedWithCustomError(factory, "ImplementationMismatch")
        .withArgs();
    });

    it("accepts a freshly deployed set that belongs together", async function () {
      const { factory, registry, market } = await networkHelpers.loadFixture(deploySystem);
      const otherDistributor = await ethers.deployContract("GainsDistributor");
      const otherTokenImplementation = await ethers.deployContract("PersonalToken", [
        await registry.getAddress(),
        await otherDistributor.getAddress(),
        await market.getAddress(),
      ]);
      const otherFactory = await ethers.deployContract("PersonalTokenFactory", [
        await registry.getAddress(),
        await otherTokenImplementation.getAddress(),
        await otherDistributor.getAddress(),
      ]);
      expect(await otherFactory.distributorImplementation()).to.equal(await otherDistributor.getAddress());
      expect(await otherFactory.tokenImplementation()).to.equal(await otherTokenImplementation.getAddress());
      expect(await otherFactory.getAddress()).to.not.equal(await factory.getAddress());
    });
  });

  describe("nobody using the implementations directly", function () {
    it("refuses to initialize the token implementation", async function () {
      const { tokenImplementation, alice, deployer } = await networkHelpers.loadFixture(deploySystem);
      for (const caller of [alice, deployer]) {
        await expect(
          tokenImplementation.connect(caller).initialize(alice.address, "Alice", "ALICE", ALICE_SUPPLY, 2_000, ETH),
        )
          .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
          .withArgs();
      }
      expect(await tokenImplementation.owner()).to.equal(ZERO_ADDRESS);
      expect(await tokenImplementation.totalSupply()).to.equal(0n);
    });

    it("refuses to initialize a created token again, whoever asks (even its owner)", async function () {
      const { token, alice, mallory } = await networkHelpers.loadFixture(deployWithToken);
      for (const caller of [alice, mallory]) {
        await expect(
          token.connect(caller).initialize(caller.address, "Evil", "EVIL", ALICE_SUPPLY, 10_000, ETH),
        )
          .to.be.revertedWithCustomError(token, "CallerNotFactory")
          .withArgs(caller.address);
      }
      expect(await token.owner()).to.equal(alice.address);
      expect(await token.name()).to.equal("Alice");
      expect(await token.totalSupply()).to.equal(ALICE_SUPPLY);
    });

    it("refuses a second initialization even from the factory", async function () {
      const { factory, token, alice, mallory } = await networkHelpers.loadFixture(deployWithToken);
      const asFactory = await impersonate(await factory.getAddress());
      await expect(
        token.connect(asFactory).initialize(mallory.address, "Evil", "EVIL", ALICE_SUPPLY, 10_000, ETH),
      )
        .to.be.revertedWithCustomError(token, "InvalidInitialization")
        .withArgs();
      expect(await token.owner()).to.equal(alice.address);
    });

    it("refuses the arbiter's pause, unpause, freeze, forced transfer and recovery on the token implementation", async function () {
      const { tokenImplementation, arbiter, alice, bob } = await networkHelpers.loadFixture(deployWithToken);
      const asArbiter = tokenImplementation.connect(arbiter);
      await expect(asArbiter.pause())
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asArbiter.unpause())
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asArbiter.setFrozenTokens(alice.address, SHARE))
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asArbiter.forcedTransfer(alice.address, bob.address, 0n))
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asArbiter.recoverOwnership(bob.address))
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
        .withArgs();
      expect(await tokenImplementation.paused()).to.equal(false);
      expect(await tokenImplementation.getFrozenTokens(alice.address)).to.equal(0n);
    });

    it("refuses share movements on the token implementation", async function () {
      const { tokenImplementation, alice, bob } = await networkHelpers.loadFixture(deployWithToken);
      await expect(tokenImplementation.connect(alice).transfer(bob.address, 0n))
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
        .withArgs();
    });

    it("leaves the token implementation without an owner, so nobody can issue from it", async function () {
      const { tokenImplementation, alice } = await networkHelpers.loadFixture(deployWithToken);
      expect(await tokenImplementation.owner()).to.equal(ZERO_ADDRESS);
      await expect(tokenImplementation.connect(alice).issue(alice.address, SHARE))
        .to.be.revertedWithCustomError(tokenImplementation, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });

    it("refuses distributions and claims on the distributor implementation", async function () {
      const { distributorImplementation, usd, alice } = await networkHelpers.loadFixture(deployWithToken);
      const asAlice = distributorImplementation.connect(alice);
      await expect(asAlice.distribute(ETH, SHARE, memo("gain"), { value: SHARE }))
        .to.be.revertedWithCustomError(distributorImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asAlice.distribute(await usd.getAddress(), 1_000n, memo("gain")))
        .to.be.revertedWithCustomError(distributorImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asAlice.claim(ETH))
        .to.be.revertedWithCustomError(distributorImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asAlice.claimFor(alice.address, ETH))
        .to.be.revertedWithCustomError(distributorImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asAlice.enableAsset(await usd.getAddress()))
        .to.be.revertedWithCustomError(distributorImplementation, "ImplementationNotUsable")
        .withArgs();
      expect(await ethers.provider.getBalance(await distributorImplementation.getAddress())).to.equal(0n);
    });
  });

  describe("a deployer using the PersonalTokenSystem Ignition module", function () {
    it("returns a registry and a factory wired together", async function () {
      const { registry, factory, tokenImplementation, distributorImplementation } =
        await networkHelpers.loadFixture(deploySystem);
      const registryAddress = await registry.getAddress();
      expect(await factory.registry()).to.equal(registryAddress);
      expect(await factory.tokenImplementation()).to.equal(await tokenImplementation.getAddress());
      expect(await factory.distributorImplementation()).to.equal(await distributorImplementation.getAddress());
      expect(await tokenImplementation.registry()).to.equal(registryAddress);
      expect(await tokenImplementation.distributorImplementation()).to.equal(
        await distributorImplementation.getAddress(),
      );
    });

    it("grants the roles to the admin, registrar and arbiter parameters", async function () {
      const { registry, admin, registrar, arbiter } = await networkHelpers.loadFixture(deploySystem);
      expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(true);
      expect(await registry.hasRole(await registry.REGISTRAR_ROLE(), registrar.address)).to.equal(true);
      expect(await registry.isArbiter(arbiter.address)).to.equal(true);
    });

    it("gives every role to the deployer when no parameters are given", async function () {
      const { registry, factory, deployer } = await networkHelpers.loadFixture(deploySystemWithDefaultParameters);
      expect(await factory.registry()).to.equal(await registry.getAddress());
      expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), deployer.address)).to.equal(true);
      expect(await registry.hasRole(await registry.REGISTRAR_ROLE(), deployer.address)).to.equal(true);
      expect(await registry.isArbiter(deployer.address)).to.equal(true);
    });

    it("deploys a system in which a verified person can create a token", async function () {
      const { registry, factory, deployer, tokenImplementation } =
        await networkHelpers.loadFixture(deploySystemWithDefaultParameters);
      expect(await factory.tokenImplementation()).to.equal(tokenImplementation);
      await registry.verify(deployer.address, BigInt(await time.latest()) + ONE_YEAR, memo("kyc"));
      const predicted = await factory.predictToken(deployer.address);
      await expect(factory.createToken("Deployer", "DEP", SHARE, 1_000, ETH))
        .to.emit(factory, "TokenCreated")
        .withArgs(deployer.address, predicted, await expectedDistributorOf(factory, deployer.address));
      expect(await factory.tokenOf(deployer.address)).to.equal(predicted);
    });
  });
});

/** The distributor address the factory will use for `creator`'s token, computed independently of the contracts. */
async function expectedDistributorOf(factory: PersonalTokenFactory, creator: string) {
  return expectedDistributorAddress(
    await factory.getAddress(),
    await factory.distributorImplementation(),
    await factory.predictToken(creator),
  );
}
