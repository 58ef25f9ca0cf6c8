import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Signer, TypedDataDomain } from "ethers";
import { explanationOf } from "../client/errors.ts";
import { IERC7943Fungible__factory } from "../types/ethers-contracts/index.js";
import type { InvestorRegistry, MockSmartWallet, PersonalToken } from "../types/ethers-contracts/index.js";
import {
  deployWithToken,
  ethers,
  memo,
  networkHelpers,
  pinNextBlock,
  SHARE,
  signTransferApproval,
  tokenDomain,
  LISTING_APPROVAL_TYPES,
  TRANSFER_APPROVAL_TYPES,
  verifyAll,
  ZERO_ADDRESS,
} from "./helpers/fixtures.js";

const { loadFixture, time } = networkHelpers;

const SUPPLY = 1_000_000n * SHARE;
const CAP_BPS = 2_000n;
const MAX_OUTSIDE = (SUPPLY * CAP_BPS) / 10_000n; // 200,000 shares
const BOB_SHARES = 100_000n * SHARE;
const CAROL_SHARES = 50_000n * SHARE;
const MAX_SUPPLY = 10n ** 36n;
/** ERC-1404 restriction codes → the custom error `transfer` reverts with; index 0 is "no restriction". */
const RESTRICTION_ERRORS = [
  "",
  "EnforcedPause",
  "ERC7943CannotSend",
  "ERC20InsufficientBalance",
  "ERC7943InsufficientUnfrozenBalance",
  "ERC20InvalidReceiver",
  "ERC7943CannotReceive",
  "ReceiverKicked",
  "CapExceeded",
  "ERC7943CannotTransfer",
];

// ───────────────────────────── fixtures ─────────────────────────────

/** Alice's token after two sales: Bob holds 100,000 shares and Carol 50,000 (15% outside, cap 20%). */
async function deployWithInvestors() {
  const f = await deployWithToken();
  await f.token.connect(f.alice).transfer(f.bob.address, BOB_SHARES);
  await f.token.connect(f.alice).transfer(f.carol.address, CAROL_SHARES);
  return f;
}

/** As `deployWithInvestors`, plus Alice's second wallet, verified and never an owner. */
async function deployWithNewWallet() {
  const f = await deployWithInvestors();
  const newWallet = f.others[0];
  await verifyAll(f.registry, f.registrar, [newWallet]);
  return { ...f, newWallet };
}

/** As `deployWithInvestors`, plus Dave's own token, named "Alice" like Alice's so only its address differs. */
async function deployWithDavesToken() {
  const f = await deployWithInvestors();
  const davesTokenAddress = await f.factory.predictToken(f.dave.address);
  await f.factory.connect(f.dave).createToken("Alice", "DAVE", SUPPLY, 2_000, await f.usd.getAddress());
  const davesToken = (await ethers.getContractAt("PersonalToken", davesTokenAddress)) as unknown as PersonalToken;
  return { ...f, davesToken };
}

/** Zoe (freshly verified) owns a token 10 shares-wei short of the supply bound, with a 100% cap. */
async function deployWithBigToken() {
  const f = await deployWithToken();
  const zoe = f.others[0];
  await verifyAll(f.registry, f.registrar, [zoe]);
  const address = await f.factory.predictToken(zoe.address);
  await f.factory.connect(zoe).createToken("Zoe", "ZOE", MAX_SUPPLY - 10n, 10_000, await f.usd.getAddress());
  const bigToken = (await ethers.getContractAt("PersonalToken", address)) as unknown as PersonalToken;
  return { ...f, zoe, bigToken };
}

/** A smart-contract wallet (signed for by an EOA through ERC-1271) that created its own token and sold to Bob. */
async function deployWithSmartWalletOwner() {
  const f = await deployWithToken();
  const walletSigner = f.others[1];
  const wallet = (await ethers.deployContract("MockSmartWallet", [walletSigner.address])) as unknown as MockSmartWallet;
  const walletAddress = await wallet.getAddress();
  await verifyAll(f.registry, f.registrar, [wallet]);
  const walletTokenAddress = await f.factory.predictToken(walletAddress);
  const createToken = f.factory.interface.encodeFunctionData("createToken", [
    "Multisig", "MSIG", SUPPLY, 2_000, await f.usd.getAddress(),
  ]);
  await wallet.connect(walletSigner).execute(await f.factory.getAddress(), 0n, createToken);
  const walletToken = (await ethers.getContractAt("PersonalToken", walletTokenAddress)) as unknown as PersonalToken;
  const sale = walletToken.interface.encodeFunctionData("transfer", [f.bob.address, BOB_SHARES]);
  await wallet.connect(walletSigner).execute(walletTokenAddress, 0n, sale);
  return { ...f, wallet, walletAddress, walletSigner, walletToken };
}

// ───────────────────────────── helpers ─────────────────────────────

/** Shortens `account`'s verification so that it has expired (the record stays, unlike a revocation). */
async function expireVerification(registry: InvestorRegistry, registrar: Signer, account: string) {
  const until = (await pinNextBlock()) + 3600n;
  await registry.connect(registrar).verify(account, until, memo("short"));
  await time.increaseTo(until + 1n);
  expect(await registry.isVerified(account)).to.equal(false);
  expect(await registry.verifiedUntil(account)).to.equal(until);
}

interface SignedApproval {
  to: string;
  amount: bigint;
  nonce: bigint;
  deadline: bigint;
  signature: string;
}

/** `signer` signs a TransferApproval for `from` → `to` over `token`'s domain (or `domain`), valid for an hour. */
async function signApproval(
  signer: Signer,
  token: PersonalToken,
  move: { from: string; to: string; amount: bigint; nonce?: bigint; deadline?: bigint },
  domain?: TypedDataDomain,
): Promise<SignedApproval> {
  const nonce = move.nonce ?? 1n;
  const deadline = move.deadline ?? (await pinNextBlock()) + 3_600n;
  const message = { from: move.from, to: move.to, amount: move.amount, nonce, deadline };
  const signature = await signTransferApproval(signer, token, message, domain);
  return { to: move.to, amount: move.amount, nonce, deadline, signature };
}

/** `sender` presents `approval` to `token`. */
function present(token: PersonalToken, sender: Signer, approval: SignedApproval) {
  return token
    .connect(sender)
    .transferWithApproval(approval.to, approval.amount, approval.nonce, approval.deadline, approval.signature);
}

// ───────────────────────────── tests ─────────────────────────────

describe("PersonalToken", function () {
  describe("a person's token as created by the factory", function () {
    it("exposes its ERC-20 identity and the owner's initial shares", async function () {
      const { token, alice } = await loadFixture(deployWithToken);
      expect(await token.name()).to.equal("Alice");
      expect(await token.symbol()).to.equal("ALICE");
      expect(await token.decimals()).to.equal(18n);
      expect(await token.totalSupply()).to.equal(SUPPLY);
      expect(await token.balanceOf(alice.address)).to.equal(SUPPLY);
      expect(await token.owner()).to.equal(alice.address);
      expect(await token.pendingOwner()).to.equal(ZERO_ADDRESS);
      expect(await token.paused()).to.equal(false);
    });

    it("links its registry, factory, distributor, quote asset and cap", async function () {
      const { token, registry, factory, usd, distributor, distributorImplementation } = await loadFixture(deployWithToken);
      expect(await token.registry()).to.equal(await registry.getAddress());
      expect(await token.factory()).to.equal(await factory.getAddress());
      expect(await token.distributorImplementation()).to.equal(await distributorImplementation.getAddress());
      expect(await token.distributor()).to.equal(await distributor.getAddress());
      expect(await distributor.token()).to.equal(await token.getAddress());
      expect(await token.quoteAsset()).to.equal(await usd.getAddress());
      expect(await token.capBps()).to.equal(CAP_BPS);
    });

    it("publishes its supply bound and the EIP-712 TransferApproval type hash", async function () {
      const { token } = await loadFixture(deployWithToken);
      expect(await token.MAX_SUPPLY()).to.equal(MAX_SUPPLY);
      expect(await token.TRANSFER_APPROVAL_TYPEHASH()).to.equal(
        ethers.id("TransferApproval(address from,address to,uint256 amount,uint256 nonce,uint256 deadline)"),
      );
    });

    it("hashes the clients' EIP-712 types (the one TypeScript definition) to the contract's type hashes", async function () {
      const { token } = await loadFixture(deployWithToken);
      const typeHash = (types: Record<string, { name: string; type: string }[]>) =>
        ethers.id(ethers.TypedDataEncoder.from(types).encodeType(Object.keys(types)[0]));
      expect(typeHash(TRANSFER_APPROVAL_TYPES)).to.equal(await token.TRANSFER_APPROVAL_TYPEHASH());
      expect(typeHash(LISTING_APPROVAL_TYPES)).to.equal(await token.LISTING_APPROVAL_TYPEHASH());
    });

    it("refuses to be initialized a second time, even by its owner", async function () {
      const { token, alice, usd } = await loadFixture(deployWithToken);
      await expect(
        token.connect(alice).initialize(alice.address, "X", "X", SUPPLY, 10_000, await usd.getAddress()),
      ).to.be.revertedWithCustomError(token, "CallerNotFactory").withArgs(alice.address);
    });

    it("refuses any use of the implementation contract itself", async function () {
      const { tokenImplementation, alice, arbiter, usd } = await loadFixture(deployWithToken);
      await expect(
        tokenImplementation.connect(alice).initialize(alice.address, "X", "X", SUPPLY, 2_000, await usd.getAddress()),
      ).to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable");
      await expect(tokenImplementation.connect(arbiter).pause())
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable");
      await expect(tokenImplementation.connect(alice).transfer(alice.address, 0n))
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable");
    });
  });

  describe("an owner selling within the cap", function () {
    it("sells to a verified investor without any permission", async function () {
      const { token, alice, bob } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).transfer(bob.address, BOB_SHARES))
        .to.emit(token, "Transfer").withArgs(alice.address, bob.address, BOB_SHARES);
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
        .to.emit(token, "Transfer").withArgs(alice.address, carol.address, MAX_OUTSIDE / 2n);
      expect(await token.outsideShares()).to.equal(MAX_OUTSIDE);
    });

    it("refuses a sale that would put one share-wei more than the cap outside", async function () {
      const { token, alice, bob } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).transfer(bob.address, MAX_OUTSIDE + 1n))
        .to.be.revertedWithCustomError(token, "CapExceeded").withArgs(MAX_OUTSIDE + 1n, MAX_OUTSIDE);
    });

    it("counts shares already outside towards the cap", async function () {
      const { token, alice, dave } = await loadFixture(deployWithInvestors);
      const room = MAX_OUTSIDE - BOB_SHARES - CAROL_SHARES;
      await expect(token.connect(alice).transfer(dave.address, room + 1n))
        .to.be.revertedWithCustomError(token, "CapExceeded").withArgs(MAX_OUTSIDE + 1n, MAX_OUTSIDE);
    });

    it("refuses a sale to an investor who is not verified", async function () {
      const { token, alice, mallory } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).transfer(mallory.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive").withArgs(mallory.address);
    });

    it("refuses to send shares to the token contract, even if the registry verified its address", async function () {
      const { token, alice, registry, registrar } = await loadFixture(deployWithToken);
      const tokenAddress = await token.getAddress();
      await expect(token.connect(alice).transfer(tokenAddress, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive").withArgs(tokenAddress);
      await verifyAll(registry, registrar, [token]);
      await expect(token.connect(alice).transfer(tokenAddress, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive").withArgs(tokenAddress);
    });

    it("consumes no on-chain permission when the owner sells", async function () {
      const { token, alice, bob } = await loadFixture(deployWithToken);
      await token.connect(alice).transfer(bob.address, 1n);
      expect(await token.transferApproval(alice.address, bob.address)).to.equal(0n);
    });
  });

  describe("an owner issuing new shares", function () {
    it("mints to the owner, diluting every holder without moving outside shares", async function () {
      const { token, alice, bob } = await loadFixture(deployWithInvestors);
      await expect(token.connect(alice).issue(alice.address, SUPPLY))
        .to.emit(token, "Transfer").withArgs(ZERO_ADDRESS, alice.address, SUPPLY);
      expect(await token.totalSupply()).to.equal(2n * SUPPLY);
      expect(await token.balanceOf(bob.address)).to.equal(BOB_SHARES);
      expect(await token.outsideShares()).to.equal(BOB_SHARES + CAROL_SHARES);
    });

    it("mints to a verified investor", async function () {
      const { token, alice, dave } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).issue(dave.address, 10_000n * SHARE))
        .to.emit(token, "Transfer").withArgs(ZERO_ADDRESS, dave.address, 10_000n * SHARE);
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
        .to.be.revertedWithCustomError(token, "CapExceeded").withArgs(amount, maxOutside);
    });

    it("refuses an issuance to an address that is not verified", async function () {
      const { token, alice, mallory } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).issue(mallory.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive").withArgs(mallory.address);
    });

    it("refuses to issue zero shares", async function () {
      const { token, alice } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).issue(alice.address, 0n)).to.be.revertedWithCustomError(token, "ZeroAmount").withArgs();
    });

    it("lets only the owner issue", async function () {
      const { token, bob, arbiter } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).issue(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(bob.address);
      await expect(token.connect(arbiter).issue(bob.address, 1n))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(arbiter.address);
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
        .to.be.revertedWithCustomError(bigToken, "SupplyLimitExceeded").withArgs(MAX_SUPPLY + 1n);
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
        .to.be.revertedWithCustomError(token, "CapExceeded").withArgs(outside + 1n, outside);
    });

    it("refuses a cap equal to the current one", async function () {
      const { token, alice } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).lowerCap(2_000))
        .to.be.revertedWithCustomError(token, "CapNotLowered").withArgs(2_000, 2_000);
    });

    it("refuses to raise the cap, even back to where it was", async function () {
      const { token, alice } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).lowerCap(2_001))
        .to.be.revertedWithCustomError(token, "CapNotLowered").withArgs(2_000, 2_001);
      await token.connect(alice).lowerCap(1_000);
      await expect(token.connect(alice).lowerCap(2_000))
        .to.be.revertedWithCustomError(token, "CapNotLowered").withArgs(1_000, 2_000);
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
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(bob.address);
    });
  });

  describe("an owner moving ownership to another wallet", function () {
    it("starts a move to a verified wallet and records it as pending", async function () {
      const { token, alice, newWallet } = await loadFixture(deployWithNewWallet);
      await expect(token.connect(alice).transferOwnership(newWallet.address))
        .to.emit(token, "OwnershipTransferStarted").withArgs(alice.address, newWallet.address);
      expect(await token.pendingOwner()).to.equal(newWallet.address);
      expect(await token.owner()).to.equal(alice.address);
    });

    it("refuses a move to a wallet that is not verified", async function () {
      const { token, alice, mallory } = await loadFixture(deployWithNewWallet);
      await expect(token.connect(alice).transferOwnership(mallory.address))
        .to.be.revertedWithCustomError(token, "NewOwnerNotVerified").withArgs(mallory.address);
    });

    it("refuses a move to a banned wallet", async function () {
      const { token, alice, newWallet, registry, registrar } = await loadFixture(deployWithNewWallet);
      await registry.connect(registrar).ban(newWallet.address, memo("fraud"));
      await expect(token.connect(alice).transferOwnership(newWallet.address))
        .to.be.revertedWithCustomError(token, "NewOwnerNotVerified").withArgs(newWallet.address);
    });

    it("refuses a move to the current owner (NewOwnerIsCurrentOwner)", async function () {
      const { token, alice } = await loadFixture(deployWithNewWallet);
      await expect(token.connect(alice).transferOwnership(alice.address))
        .to.be.revertedWithCustomError(token, "NewOwnerIsCurrentOwner").withArgs(alice.address);
    });

    it("refuses a move to a wallet that owns another personal token", async function () {
      const { token, alice, dave } = await loadFixture(deployWithDavesToken);
      await expect(token.connect(alice).transferOwnership(dave.address))
        .to.be.revertedWithCustomError(token, "AlreadyOwnedToken").withArgs(dave.address);
    });

    it("refuses a move back to a wallet that owned the token before", async function () {
      const { token, alice, newWallet } = await loadFixture(deployWithNewWallet);
      await token.connect(alice).transferOwnership(newWallet.address);
      await token.connect(newWallet).acceptOwnership();
      await expect(token.connect(newWallet).transferOwnership(alice.address))
        .to.be.revertedWithCustomError(token, "AlreadyOwnedToken").withArgs(alice.address);
    });

    it("lets only the owner start a move", async function () {
      const { token, bob, newWallet } = await loadFixture(deployWithNewWallet);
      await expect(token.connect(bob).transferOwnership(newWallet.address))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(bob.address);
    });

    it("cancels a pending move when the owner names the zero address", async function () {
      const { token, alice, newWallet } = await loadFixture(deployWithNewWallet);
      await token.connect(alice).transferOwnership(newWallet.address);
      await expect(token.connect(alice).transferOwnership(ZERO_ADDRESS))
        .to.emit(token, "OwnershipTransferStarted").withArgs(alice.address, ZERO_ADDRESS);
      expect(await token.pendingOwner()).to.equal(ZERO_ADDRESS);
      await expect(token.connect(newWallet).acceptOwnership())
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(newWallet.address);
    });

    it("moves ownership and every owner share to the new wallet on acceptance", async function () {
      const { token, alice, newWallet, factory } = await loadFixture(deployWithNewWallet);
      const ownerShares = SUPPLY - BOB_SHARES - CAROL_SHARES;
      await token.connect(alice).transferOwnership(newWallet.address);
      const tx = token.connect(newWallet).acceptOwnership();
      await expect(tx).to.emit(token, "OwnershipTransferred").withArgs(alice.address, newWallet.address);
      await expect(tx).to.emit(token, "Transfer").withArgs(alice.address, newWallet.address, ownerShares);
      await expect(tx).to.emit(factory, "TokenOwnerChanged")
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
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend").withArgs(alice.address);
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
      await expect(tx).to.emit(token, "Frozen").withArgs(newWallet.address, 1_005n * SHARE);
      expect(await token.getFrozenTokens(alice.address)).to.equal(0n);
      expect(await token.getFrozenTokens(newWallet.address)).to.equal(1_005n * SHARE);
    });

    it("refuses acceptance by any wallet other than the pending one", async function () {
      const { token, alice, bob, newWallet } = await loadFixture(deployWithNewWallet);
      await token.connect(alice).transferOwnership(newWallet.address);
      await expect(token.connect(bob).acceptOwnership())
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(bob.address);
      await expect(token.connect(alice).acceptOwnership())
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(alice.address);
    });

    it("refuses acceptance by a pending wallet whose verification was revoked meanwhile", async function () {
      const { token, alice, newWallet, registry, registrar } = await loadFixture(deployWithNewWallet);
      await token.connect(alice).transferOwnership(newWallet.address);
      await registry.connect(registrar).revoke(newWallet.address, memo("lost"));
      await expect(token.connect(newWallet).acceptOwnership())
        .to.be.revertedWithCustomError(token, "NewOwnerNotVerified").withArgs(newWallet.address);
    });

    it("never lets the owner renounce ownership", async function () {
      const { token, alice } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).renounceOwnership())
        .to.be.revertedWithCustomError(token, "OwnershipCannotBeRenounced");
      expect(await token.owner()).to.equal(alice.address);
    });

    it("refuses renounceOwnership from anyone but the owner", async function () {
      const { token, bob } = await loadFixture(deployWithToken);
      await expect(token.connect(bob).renounceOwnership())
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(bob.address);
    });

    it("lets the new owner sell and give permissions, and the old wallet no longer", async function () {
      const { token, alice, bob, carol, dave, newWallet } = await loadFixture(deployWithNewWallet);
      await token.connect(alice).transferOwnership(newWallet.address);
      await token.connect(newWallet).acceptOwnership();

      await expect(token.connect(newWallet).transfer(dave.address, SHARE))
        .to.emit(token, "Transfer").withArgs(newWallet.address, dave.address, SHARE);
      await expect(token.connect(newWallet).approveTransfer(bob.address, carol.address, SHARE))
        .to.emit(token, "TransferApproved").withArgs(bob.address, carol.address, SHARE);

      await expect(token.connect(alice).approveTransfer(bob.address, dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(alice.address);
      await expect(token.connect(alice).issue(alice.address, SHARE))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(alice.address);
      await expect(token.connect(alice).transfer(dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance").withArgs(alice.address, 0n, SHARE);
    });

    it("stops honouring approvals signed by the old owner wallet", async function () {
      const { token, alice, bob, carol, newWallet } = await loadFixture(deployWithNewWallet);
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
      await token.connect(alice).transferOwnership(newWallet.address);
      await token.connect(newWallet).acceptOwnership();
      await expect(present(token, bob, approval)).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
      const renewed = await signApproval(newWallet, token, { from: bob.address, to: carol.address, amount: SHARE });
      await expect(present(token, bob, renewed)).to.emit(token, "Transfer").withArgs(bob.address, carol.address, SHARE);
    });
  });

  describe("investors trading with the owner's on-chain permission", function () {
    it("records a permission and emits TransferApproved", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await expect(token.connect(alice).approveTransfer(bob.address, carol.address, 10n * SHARE))
        .to.emit(token, "TransferApproved").withArgs(bob.address, carol.address, 10n * SHARE);
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
        .to.emit(token, "TransferApproved").withArgs(bob.address, carol.address, 0n);
      await expect(token.connect(bob).transfer(carol.address, 1n))
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer").withArgs(bob.address, carol.address, 1n);
    });

    it("refuses a permission above the supply limit, which no balance can reach", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await expect(token.connect(alice).approveTransfer(bob.address, carol.address, MAX_SUPPLY + 1n))
        .to.be.revertedWithCustomError(token, "AmountAboveSupplyLimit").withArgs(MAX_SUPPLY + 1n);
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
          .to.be.revertedWithCustomError(token, error).withArgs(...args);
      }
    });

    it("lets only the owner give a permission", async function () {
      const { token, bob, carol } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).approveTransfer(bob.address, carol.address, SHARE))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(bob.address);
    });

    it("moves shares between investors and consumes what it moves", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 10n * SHARE);
      await expect(token.connect(bob).transfer(carol.address, 4n * SHARE))
        .to.emit(token, "Transfer").withArgs(bob.address, carol.address, 4n * SHARE);
      expect(await token.transferApproval(bob.address, carol.address)).to.equal(6n * SHARE);
      expect(await token.balanceOf(carol.address)).to.equal(CAROL_SHARES + 4n * SHARE);
      await token.connect(bob).transfer(carol.address, 6n * SHARE);
      expect(await token.transferApproval(bob.address, carol.address)).to.equal(0n);
    });

    it("refuses a move between investors without permission", async function () {
      const { token, bob, carol } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).transfer(carol.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer").withArgs(bob.address, carol.address, SHARE);
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
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer").withArgs(bob.address, dave.address, SHARE);
    });

    it("lets an investor sell back to the owner without permission", async function () {
      const { token, alice, bob } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).transfer(alice.address, BOB_SHARES))
        .to.emit(token, "Transfer").withArgs(bob.address, alice.address, BOB_SHARES);
      expect(await token.outsideShares()).to.equal(CAROL_SHARES);
    });

    it("lets a zero-amount transfer between investors through without permission", async function () {
      const { token, bob, carol } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).transfer(carol.address, 0n))
        .to.emit(token, "Transfer").withArgs(bob.address, carol.address, 0n);
    });

    it("refuses transferFrom by a spender without ERC-20 allowance, even with permission", async function () {
      const { token, alice, bob, carol, dave } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, dave.address, SHARE);
      await expect(token.connect(carol).transferFrom(bob.address, dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance").withArgs(carol.address, 0n, SHARE);
    });

    it("refuses transferFrom by a spender with ERC-20 allowance but without permission", async function () {
      const { token, bob, carol, dave } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).approve(carol.address, SHARE))
        .to.emit(token, "Approval").withArgs(bob.address, carol.address, SHARE);
      expect(await token.allowance(bob.address, carol.address)).to.equal(SHARE);
      await expect(token.connect(carol).transferFrom(bob.address, dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer").withArgs(bob.address, dave.address, SHARE);
    });

    it("moves shares by transferFrom with both allowance and permission, spending both", async function () {
      const { token, alice, bob, carol, dave } = await loadFixture(deployWithInvestors);
      await token.connect(bob).approve(carol.address, 5n * SHARE);
      await token.connect(alice).approveTransfer(bob.address, dave.address, 3n * SHARE);
      expect(await token.connect(carol).transferFrom.staticCall(bob.address, dave.address, 2n * SHARE)).to.equal(true);
      await expect(token.connect(carol).transferFrom(bob.address, dave.address, 2n * SHARE))
        .to.emit(token, "Transfer").withArgs(bob.address, dave.address, 2n * SHARE);
      expect(await token.allowance(bob.address, carol.address)).to.equal(3n * SHARE);
      expect(await token.transferApproval(bob.address, dave.address)).to.equal(SHARE);
      expect(await token.balanceOf(dave.address)).to.equal(2n * SHARE);
    });

    it("lets transferFrom back to the owner through with allowance alone", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(bob).approve(carol.address, SHARE);
      await expect(token.connect(carol).transferFrom(bob.address, alice.address, SHARE))
        .to.emit(token, "Transfer").withArgs(bob.address, alice.address, SHARE);
    });

    it("refuses a move to an investor who is not verified, even with permission", async function () {
      const { token, alice, bob, mallory } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, mallory.address, SHARE);
      await expect(token.connect(bob).transfer(mallory.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive").withArgs(mallory.address);
    });

    it("leaves an ERC-20 shortfall to ERC20InsufficientBalance", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, carol.address, BOB_SHARES + 1n);
      await expect(token.connect(bob).transfer(carol.address, BOB_SHARES + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(bob.address, BOB_SHARES, BOB_SHARES + 1n);
    });
  });

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
      await expect(tx).to.emit(token, "Transfer").withArgs(bob.address, carol.address, 7n * SHARE);
    });

    it("returns true from transferWithApproval", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const a = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
      expect(await token.connect(bob).transferWithApproval.staticCall(a.to, a.amount, a.nonce, a.deadline, a.signature))
        .to.equal(true);
    });

    it("does not touch the on-chain permission", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 3n * SHARE);
      await present(token, bob, await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE }));
      expect(await token.transferApproval(bob.address, carol.address)).to.equal(3n * SHARE);
    });

    it("refuses to replay a used approval", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE, nonce: 9n });
      await present(token, bob, approval);
      await expect(present(token, bob, approval))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed").withArgs(9n);
    });

    it("refuses a second approval that reuses a spent nonce", async function () {
      const { token, alice, bob, carol, dave } = await loadFixture(deployWithInvestors);
      const first = { from: bob.address, to: carol.address, amount: SHARE, nonce: 9n };
      await present(token, bob, await signApproval(alice, token, first));
      const other = await signApproval(alice, token, { from: carol.address, to: dave.address, amount: SHARE, nonce: 9n });
      await expect(present(token, carol, other))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed").withArgs(9n);
    });

    it("lets the owner cancel an unused approval, emitting ApprovalCancelled", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE, nonce: 11n });
      await expect(token.connect(alice).cancelApproval(11n)).to.emit(token, "ApprovalCancelled").withArgs(11n);
      expect(await token.nonceUsed(11n)).to.equal(true);
      await expect(present(token, bob, approval))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed").withArgs(11n);
    });

    it("refuses to cancel a nonce twice or cancel a used one", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await token.connect(alice).cancelApproval(11n);
      await expect(token.connect(alice).cancelApproval(11n))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed").withArgs(11n);
      const used = { from: bob.address, to: carol.address, amount: SHARE, nonce: 12n };
      await present(token, bob, await signApproval(alice, token, used));
      await expect(token.connect(alice).cancelApproval(12n))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed").withArgs(12n);
    });

    it("lets only the owner cancel an approval", async function () {
      const { token, bob } = await loadFixture(deployWithInvestors);
      await expect(token.connect(bob).cancelApproval(11n))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(bob.address);
    });

    it("honours an approval at its deadline second exactly", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const deadline = BigInt(await time.latest()) + 100n;
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE, deadline });
      await time.setNextBlockTimestamp(deadline);
      await expect(present(token, bob, approval)).to.emit(token, "Transfer").withArgs(bob.address, carol.address, SHARE);
    });

    it("refuses an approval one second after its deadline", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const deadline = BigInt(await time.latest()) + 100n;
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE, deadline });
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(present(token, bob, approval))
        .to.be.revertedWithCustomError(token, "ApprovalExpired").withArgs(deadline);
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
        await expect(present(token, bob, { ...approval, amount }))
          .to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
      }
    });

    it("refuses an approval presented for a different receiver", async function () {
      const { token, alice, bob, carol, dave } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
      await expect(present(token, bob, { ...approval, to: dave.address }))
        .to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("refuses an approval presented with a different nonce or deadline", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE, nonce: 1n });
      await expect(present(token, bob, { ...approval, nonce: 2n }))
        .to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
      await expect(present(token, bob, { ...approval, deadline: approval.deadline + 1n }))
        .to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("refuses an approval presented by a sender other than the one named", async function () {
      const { token, alice, bob, carol, dave } = await loadFixture(deployWithInvestors);
      const approval = await signApproval(alice, token, { from: bob.address, to: dave.address, amount: SHARE });
      await expect(present(token, carol, approval)).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("refuses an approval signed for another chain", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      const domain = { ...(await tokenDomain(token)), chainId: 1n };
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE }, domain);
      await expect(present(token, bob, approval)).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("refuses an approval signed for another token's domain, even one with the same name", async function () {
      const { token, davesToken, alice, bob, carol } = await loadFixture(deployWithDavesToken);
      const domain = await tokenDomain(davesToken);
      expect(domain.name).to.equal(await token.name());
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE }, domain);
      await expect(present(token, bob, approval)).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("accepts nonces in any order, including far-apart ones", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      for (const nonce of [5n, 2n, 2n ** 200n]) {
        const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE, nonce });
        await expect(present(token, bob, approval)).to.emit(token, "ApprovalNonceUsed").withArgs(nonce);
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
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance").withArgs(bob.address, BOB_SHARES, BOB_SHARES + 1n);
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
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive").withArgs(mallory.address);
    });

    it("still refuses to move frozen shares", async function () {
      const { token, alice, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
      await token.connect(arbiter).setFrozenTokens(bob.address, BOB_SHARES - SHARE);
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: 2n * SHARE });
      await expect(present(token, bob, approval))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance").withArgs(bob.address, 2n * SHARE, SHARE);
    });

    it("still refuses a banned sender", async function () {
      const { token, alice, bob, carol, registry, registrar } = await loadFixture(deployWithInvestors);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
      await expect(present(token, bob, approval))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend").withArgs(bob.address);
    });

    it("still refuses while the token is paused", async function () {
      const { token, alice, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
      await token.connect(arbiter).pause();
      const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
      await expect(present(token, bob, approval)).to.be.revertedWithCustomError(token, "EnforcedPause");
    });

    describe("when the owner is a smart-contract wallet", function () {
      it("makes the wallet, not its signer, the owner of the token it created", async function () {
        const { walletToken, walletAddress, walletSigner, bob, factory } = await loadFixture(deployWithSmartWalletOwner);
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
        await expect(present(walletToken, bob, approval))
          .to.be.revertedWithCustomError(walletToken, "InvalidApprovalSignature");
      });

      it("lets the wallet cancel an approval through a call it makes", async function () {
        const { walletToken, wallet, walletSigner, bob, carol } = await loadFixture(deployWithSmartWalletOwner);
        const move = { from: bob.address, to: carol.address, amount: SHARE, nonce: 5n };
        const approval = await signApproval(walletSigner, walletToken, move);
        const cancel = walletToken.interface.encodeFunctionData("cancelApproval", [5n]);
        await expect(wallet.connect(walletSigner).execute(await walletToken.getAddress(), 0n, cancel))
          .to.emit(walletToken, "ApprovalCancelled").withArgs(5n);
        await expect(present(walletToken, bob, approval))
          .to.be.revertedWithCustomError(walletToken, "ApprovalNonceAlreadyUsed").withArgs(5n);
      });
    });
  });

  describe("ERC-7943 views", function () {
    it("says a banned holder cannot send", async function () {
      const { token, bob, registry, registrar } = await loadFixture(deployWithInvestors);
      expect(await token.canSend(bob.address)).to.equal(true);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      expect(await token.canSend(bob.address)).to.equal(false);
    });

    it("says a holder whose verification expired can still send", async function () {
      const { token, bob, registry, registrar } = await loadFixture(deployWithInvestors);
      await expireVerification(registry, registrar, bob.address);
      expect(await token.canSend(bob.address)).to.equal(true);
    });

    it("says the owner can receive even when her own verification ended", async function () {
      const { token, alice, bob, registry, registrar } = await loadFixture(deployWithInvestors);
      await registry.connect(registrar).revoke(alice.address, memo("lapsed"));
      expect(await token.canReceive(alice.address)).to.equal(true);
      await expect(token.connect(bob).transfer(alice.address, SHARE))
        .to.emit(token, "Transfer").withArgs(bob.address, alice.address, SHARE);
    });

    it("says a verified investor can receive", async function () {
      const { token, dave } = await loadFixture(deployWithToken);
      expect(await token.canReceive(dave.address)).to.equal(true);
    });

    it("says an unverified address cannot receive", async function () {
      const { token, mallory } = await loadFixture(deployWithToken);
      expect(await token.canReceive(mallory.address)).to.equal(false);
      expect(await token.canReceive(ZERO_ADDRESS)).to.equal(false);
    });

    it("says an investor whose verification expired cannot receive", async function () {
      const { token, dave, registry, registrar } = await loadFixture(deployWithToken);
      await expireVerification(registry, registrar, dave.address);
      expect(await token.canReceive(dave.address)).to.equal(false);
    });

    it("says a banned investor cannot receive", async function () {
      const { token, dave, registry, registrar } = await loadFixture(deployWithToken);
      await registry.connect(registrar).ban(dave.address, memo("fraud"));
      expect(await token.canReceive(dave.address)).to.equal(false);
    });

    it("says the token itself cannot receive, even if verified in the registry", async function () {
      const { token, registry, registrar } = await loadFixture(deployWithToken);
      await verifyAll(registry, registrar, [token]);
      expect(await registry.isVerified(await token.getAddress())).to.equal(true);
      expect(await token.canReceive(await token.getAddress())).to.equal(false);
    });

    it("reports frozen amounts with getFrozenTokens", async function () {
      const { token, bob, arbiter } = await loadFixture(deployWithInvestors);
      expect(await token.getFrozenTokens(bob.address)).to.equal(0n);
      await token.connect(arbiter).setFrozenTokens(bob.address, 123n);
      expect(await token.getFrozenTokens(bob.address)).to.equal(123n);
    });

    it("does not count a signed approval that has not been presented", async function () {
      const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
      await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
      expect(await token.canTransfer(bob.address, carol.address, SHARE)).to.equal(false);
    });

    it("reports ERC-7943 and ERC-165 through supportsInterface, and nothing else", async function () {
      const { token } = await loadFixture(deployWithToken);
      expect(await token.supportsInterface("0x3edbb4c4")).to.equal(true);
      expect(await token.supportsInterface("0x01ffc9a7")).to.equal(true);
      expect(await token.supportsInterface("0xffffffff")).to.equal(false);
      expect(await token.supportsInterface("0x36372b07")).to.equal(false); // ERC-20: not claimed
    });

    it("uses the interface id of the ERC-7943 functions it declares", async function () {
      const iface = IERC7943Fungible__factory.createInterface();
      let id = 0n;
      iface.forEachFunction((fn) => {
        if (fn.name !== "supportsInterface") id ^= BigInt(fn.selector);
      });
      expect(ethers.toBeHex(id, 4)).to.equal("0x3edbb4c4");
    });

    describe("detectTransferRestriction and canTransfer answer what transfer would do", function () {
      type Fixture = Awaited<ReturnType<typeof deployWithInvestors>>;
      interface Case {
        when: string;
        /** The ERC-1404 code; 0 means transfer succeeds, any other the error RESTRICTION_ERRORS names. */
        code: number;
        /** ERC-7943's answer where it differs from `code === 0` (it never says no for balance reasons). */
        canTransfer?: boolean;
        setup: (f: Fixture) => Promise<{ from: HardhatEthersSigner; to: string; amount: bigint }>;
      }
      const cases: Case[] = [
        {
          when: "an investor moves within the owner's on-chain permission",
          code: 0,
          setup: async (f) => {
            await f.token.connect(f.alice).approveTransfer(f.bob.address, f.carol.address, SHARE);
            return { from: f.bob, to: f.carol.address, amount: SHARE };
          },
        },
        {
          when: "an investor moves without permission",
          code: 9, // ERC7943CannotTransfer
          setup: async (f) => ({ from: f.bob, to: f.carol.address, amount: SHARE }),
        },
        {
          when: "an investor moves one wei above the permission",
          code: 9, // ERC7943CannotTransfer
          setup: async (f) => {
            await f.token.connect(f.alice).approveTransfer(f.bob.address, f.carol.address, SHARE);
            return { from: f.bob, to: f.carol.address, amount: SHARE + 1n };
          },
        },
        {
          when: "an investor sells back to the owner",
          code: 0,
          setup: async (f) => ({ from: f.bob, to: f.alice.address, amount: SHARE }),
        },
        {
          when: "an investor moves zero shares without permission",
          code: 0,
          setup: async (f) => ({ from: f.bob, to: f.carol.address, amount: 0n }),
        },
        {
          when: "the owner sells up to exactly the cap",
          code: 0,
          setup: async (f) => ({ from: f.alice, to: f.dave.address, amount: MAX_OUTSIDE - BOB_SHARES - CAROL_SHARES }),
        },
        {
          when: "the owner sells one wei beyond the cap",
          code: 8, // CapExceeded
          setup: async (f) => ({ from: f.alice, to: f.dave.address, amount: MAX_OUTSIDE - BOB_SHARES - CAROL_SHARES + 1n }),
        },
        {
          when: "the owner moves shares to herself",
          code: 0,
          setup: async (f) => ({ from: f.alice, to: f.alice.address, amount: SHARE }),
        },
        {
          when: "the token is paused",
          code: 1, // EnforcedPause
          setup: async (f) => {
            await f.token.connect(f.arbiter).pause();
            return { from: f.bob, to: f.alice.address, amount: SHARE };
          },
        },
        {
          when: "the sender is banned, even with permission",
          code: 2, // ERC7943CannotSend
          setup: async (f) => {
            await f.token.connect(f.alice).approveTransfer(f.bob.address, f.carol.address, SHARE);
            await f.registry.connect(f.registrar).ban(f.bob.address, memo("fraud"));
            return { from: f.bob, to: f.carol.address, amount: SHARE };
          },
        },
        {
          when: "the sender's verification expired and the move is permitted",
          code: 0,
          setup: async (f) => {
            await f.token.connect(f.alice).approveTransfer(f.bob.address, f.carol.address, SHARE);
            const now = await pinNextBlock();
            await f.registry.connect(f.registrar).verify(f.bob.address, now + 10n, memo("short"));
            await time.increase(60);
            return { from: f.bob, to: f.carol.address, amount: SHARE };
          },
        },
        {
          when: "the receiver is not verified",
          code: 6, // ERC7943CannotReceive
          setup: async (f) => ({ from: f.alice, to: f.mallory.address, amount: SHARE }),
        },
        {
          when: "the receiver's verification expired",
          code: 6, // ERC7943CannotReceive
          setup: async (f) => {
            const now = await pinNextBlock();
            await f.registry.connect(f.registrar).verify(f.dave.address, now + 10n, memo("short"));
            await time.increase(60);
            return { from: f.alice, to: f.dave.address, amount: SHARE };
          },
        },
        {
          when: "the receiver is the token itself",
          code: 6, // ERC7943CannotReceive
          setup: async (f) => ({ from: f.alice, to: await f.token.getAddress(), amount: SHARE }),
        },
        {
          when: "the amount exceeds the unfrozen balance",
          code: 4, // ERC7943InsufficientUnfrozenBalance
          setup: async (f) => {
            await f.token.connect(f.arbiter).setFrozenTokens(f.bob.address, BOB_SHARES - SHARE);
            return { from: f.bob, to: f.alice.address, amount: SHARE + 1n };
          },
        },
        {
          when: "the amount is within the unfrozen balance",
          code: 0,
          setup: async (f) => {
            await f.token.connect(f.arbiter).setFrozenTokens(f.bob.address, BOB_SHARES - SHARE);
            return { from: f.bob, to: f.alice.address, amount: SHARE };
          },
        },
        {
          when: "the amount exceeds the balance (ERC-7943 leaves balances to ERC-20)",
          code: 3, // ERC20InsufficientBalance
          canTransfer: true,
          setup: async (f) => ({ from: f.bob, to: f.alice.address, amount: BOB_SHARES + 1n }),
        },
        {
          when: "an investor sends more than its balance to another investor without permission",
          code: 3, // ERC20InsufficientBalance
          setup: async (f) => ({ from: f.bob, to: f.carol.address, amount: BOB_SHARES + 1n }),
        },
        {
          when: "the receiver is the zero address",
          code: 5, // ERC20InvalidReceiver
          setup: async (f) => ({ from: f.alice, to: ZERO_ADDRESS, amount: SHARE }),
        },
        {
          when: "the receiver was kicked",
          code: 7, // ReceiverKicked
          setup: async (f) => {
            await f.market.connect(f.alice).kick(await f.token.getAddress(), f.carol.address, 0n);
            return { from: f.alice, to: f.carol.address, amount: SHARE };
          },
        },
        {
          when: "the amount reaches into unvested granted shares",
          code: 4, // ERC7943InsufficientUnfrozenBalance
          setup: async (f) => {
            const start = (await pinNextBlock()) + 1_000n;
            await f.token.connect(f.alice).grant(f.dave.address, 10n * SHARE, start, 0n, 1_000n, memo("help"));
            return { from: f.dave, to: f.alice.address, amount: SHARE };
          },
        },
        {
          when: "the owner's permission was given before an ownership move",
          code: 9, // ERC7943CannotTransfer
          setup: async (f) => {
            await f.token.connect(f.alice).approveTransfer(f.bob.address, f.carol.address, SHARE);
            await f.token.connect(f.alice).transferOwnership(f.dave.address);
            await f.token.connect(f.dave).acceptOwnership();
            return { from: f.bob, to: f.carol.address, amount: SHARE };
          },
        },
      ];

      for (const { when, code, canTransfer, setup } of cases) {
        it(`gives code ${code} (${RESTRICTION_ERRORS[code] || "none"}) when ${when}`, async function () {
          const f = await loadFixture(deployWithInvestors);
          const { from, to, amount } = await setup(f);
          expect(await f.token.detectTransferRestriction(from.address, to, amount)).to.equal(code);
          expect(await f.token.canTransfer(from.address, to, amount)).to.equal(canTransfer ?? code === 0);
          const tx = f.token.connect(from).transfer(to, amount);
          if (code === 0) {
            await expect(tx).to.emit(f.token, "Transfer").withArgs(from.address, to, amount);
          } else {
            await expect(tx).to.be.revertedWithCustomError(f.token, RESTRICTION_ERRORS[code]);
          }
        });
      }

      it("explains every restriction code in its own words", async function () {
        const { token } = await loadFixture(deployWithToken);
        const messages = new Set<string>();
        for (let code = 0; code < RESTRICTION_ERRORS.length; code++) {
          messages.add(await token.messageForTransferRestriction(code));
        }
        expect(messages.size).to.equal(RESTRICTION_ERRORS.length);
        expect(await token.messageForTransferRestriction(RESTRICTION_ERRORS.length)).to.equal("Unknown restriction code.");
      });

      it("explains each restriction with its error's explanation, word for word (ERC-1404 messages = @notice)", async function () {
        const { token } = await loadFixture(deployWithToken);
        expect(await token.messageForTransferRestriction(0)).to.equal("No restriction: the transfer would succeed.");
        for (let code = 1; code < RESTRICTION_ERRORS.length; code++) {
          const explanation = explanationOf(RESTRICTION_ERRORS[code]);
          expect(explanation, RESTRICTION_ERRORS[code]).to.be.a("string");
          expect(await token.messageForTransferRestriction(code), RESTRICTION_ERRORS[code]).to.equal(explanation);
        }
      });

      it("covers every restriction code with a case", async function () {
        expect(new Set(cases.map((c) => c.code)).size).to.equal(RESTRICTION_ERRORS.length);
      });
    });
  });

  describe("holders whose verification expired, and banned holders", function () {
    it("lets an expired holder send to a verified investor with permission", async function () {
      const { token, alice, bob, carol, registry, registrar } = await loadFixture(deployWithInvestors);
      await expireVerification(registry, registrar, bob.address);
      await token.connect(alice).approveTransfer(bob.address, carol.address, SHARE);
      await expect(token.connect(bob).transfer(carol.address, SHARE))
        .to.emit(token, "Transfer").withArgs(bob.address, carol.address, SHARE);
    });

    it("lets an expired holder sell back to the owner", async function () {
      const { token, alice, bob, registry, registrar } = await loadFixture(deployWithInvestors);
      await expireVerification(registry, registrar, bob.address);
      await expect(token.connect(bob).transfer(alice.address, BOB_SHARES))
        .to.emit(token, "Transfer").withArgs(bob.address, alice.address, BOB_SHARES);
    });

    it("refuses to deliver shares to an expired holder", async function () {
      const { token, alice, bob, registry, registrar } = await loadFixture(deployWithInvestors);
      await expireVerification(registry, registrar, bob.address);
      await expect(token.connect(alice).transfer(bob.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive").withArgs(bob.address);
    });

    it("refuses any move by a banned holder, even with permission", async function () {
      const { token, alice, bob, carol, registry, registrar } = await loadFixture(deployWithInvestors);
      await token.connect(alice).approveTransfer(bob.address, carol.address, SHARE);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      await expect(token.connect(bob).transfer(carol.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend").withArgs(bob.address);
    });

    it("refuses a banned holder even a sale back to the owner", async function () {
      const { token, alice, bob, registry, registrar } = await loadFixture(deployWithInvestors);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      await expect(token.connect(bob).transfer(alice.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend").withArgs(bob.address);
    });

    it("refuses transferFrom out of a banned holder's wallet", async function () {
      const { token, alice, bob, carol, registry, registrar } = await loadFixture(deployWithInvestors);
      await token.connect(bob).approve(carol.address, SHARE);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      await expect(token.connect(carol).transferFrom(bob.address, alice.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend").withArgs(bob.address);
    });
  });

  describe("the arbiter", function () {
    describe("forcing a transfer", function () {
      it("moves shares and emits ForcedTransfer and Transfer", async function () {
        const { token, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        const tx = token.connect(arbiter).forcedTransfer(bob.address, carol.address, 10n * SHARE);
        await expect(tx).to.emit(token, "ForcedTransfer").withArgs(bob.address, carol.address, 10n * SHARE);
        await expect(tx).to.emit(token, "Transfer").withArgs(bob.address, carol.address, 10n * SHARE);
        expect(await token.balanceOf(bob.address)).to.equal(BOB_SHARES - 10n * SHARE);
        expect(await token.balanceOf(carol.address)).to.equal(CAROL_SHARES + 10n * SHARE);
      });

      it("returns true", async function () {
        const { token, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        expect(await token.connect(arbiter).forcedTransfer.staticCall(bob.address, carol.address, SHARE)).to.equal(true);
      });

      it("ignores the owner's permission", async function () {
        const { token, bob, dave, arbiter } = await loadFixture(deployWithInvestors);
        expect(await token.transferApproval(bob.address, dave.address)).to.equal(0n);
        await expect(token.connect(arbiter).forcedTransfer(bob.address, dave.address, SHARE))
          .to.emit(token, "ForcedTransfer").withArgs(bob.address, dave.address, SHARE);
      });

      it("works while the token is paused", async function () {
        const { token, alice, bob, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).pause();
        await expect(token.connect(arbiter).forcedTransfer(bob.address, alice.address, SHARE))
          .to.emit(token, "ForcedTransfer").withArgs(bob.address, alice.address, SHARE);
      });

      it("takes shares from a banned holder", async function () {
        const { token, bob, carol, arbiter, registry, registrar } = await loadFixture(deployWithInvestors);
        await registry.connect(registrar).ban(bob.address, memo("fraud"));
        await expect(token.connect(arbiter).forcedTransfer(bob.address, carol.address, BOB_SHARES))
          .to.emit(token, "ForcedTransfer").withArgs(bob.address, carol.address, BOB_SHARES);
        expect(await token.balanceOf(bob.address)).to.equal(0n);
      });

      it("keeps the receiver rule", async function () {
        const { token, bob, mallory, arbiter } = await loadFixture(deployWithInvestors);
        await expect(token.connect(arbiter).forcedTransfer(bob.address, mallory.address, SHARE))
          .to.be.revertedWithCustomError(token, "ERC7943CannotReceive").withArgs(mallory.address);
      });

      it("keeps the cap when forcing shares out of the owner's wallet", async function () {
        const { token, alice, bob, arbiter } = await loadFixture(deployWithInvestors);
        const room = MAX_OUTSIDE - BOB_SHARES - CAROL_SHARES;
        await expect(token.connect(arbiter).forcedTransfer(alice.address, bob.address, room + 1n))
          .to.be.revertedWithCustomError(token, "CapExceeded").withArgs(MAX_OUTSIDE + 1n, MAX_OUTSIDE);
        await expect(token.connect(arbiter).forcedTransfer(alice.address, bob.address, room))
          .to.emit(token, "ForcedTransfer").withArgs(alice.address, bob.address, room);
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
          .to.be.revertedWithCustomError(token, "ForcedTransferToSelf").withArgs(bob.address);
      });

      it("leaves a freeze alone when it takes only unfrozen shares", async function () {
        const { token, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).setFrozenTokens(bob.address, 60_000n * SHARE);
        await expect(token.connect(arbiter).forcedTransfer(bob.address, carol.address, 40_000n * SHARE))
          .not.to.emit(token, "Frozen");
        expect(await token.getFrozenTokens(bob.address)).to.equal(60_000n * SHARE);
      });

      it("unfreezes exactly the frozen part it takes, emitting Frozen before Transfer", async function () {
        const { token, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).setFrozenTokens(bob.address, 60_000n * SHARE);
        // 40,000 unfrozen + 30,000 of the frozen 60,000 are taken: 30,000 stay frozen.
        const tx = await token.connect(arbiter).forcedTransfer(bob.address, carol.address, 70_000n * SHARE);
        await expect(tx).to.emit(token, "Frozen").withArgs(bob.address, 30_000n * SHARE);
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
          .to.emit(token, "Frozen").withArgs(bob.address, BOB_SHARES + 30_000n * SHARE);
      });

      it("refuses anyone but an arbiter, the token's owner included", async function () {
        const { token, alice, bob, carol } = await loadFixture(deployWithInvestors);
        await expect(token.connect(bob).forcedTransfer(bob.address, carol.address, SHARE))
          .to.be.revertedWithCustomError(token, "CallerNotArbiter").withArgs(bob.address);
        await expect(token.connect(alice).forcedTransfer(bob.address, alice.address, SHARE))
          .to.be.revertedWithCustomError(token, "CallerNotArbiter").withArgs(alice.address);
      });
    });

    describe("freezing shares", function () {
      it("sets the frozen amount, emits Frozen and returns true", async function () {
        const { token, bob, arbiter } = await loadFixture(deployWithInvestors);
        expect(await token.connect(arbiter).setFrozenTokens.staticCall(bob.address, SHARE)).to.equal(true);
        await expect(token.connect(arbiter).setFrozenTokens(bob.address, SHARE))
          .to.emit(token, "Frozen").withArgs(bob.address, SHARE);
        expect(await token.getFrozenTokens(bob.address)).to.equal(SHARE);
      });

      it("may freeze more than the holder's balance", async function () {
        const { token, bob, arbiter } = await loadFixture(deployWithInvestors);
        await expect(token.connect(arbiter).setFrozenTokens(bob.address, 2n * BOB_SHARES))
          .to.emit(token, "Frozen").withArgs(bob.address, 2n * BOB_SHARES);
        expect(await token.getFrozenTokens(bob.address)).to.equal(2n * BOB_SHARES);
        await expect(token.connect(bob).transfer(await token.owner(), 1n))
          .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance").withArgs(bob.address, 1n, 0n);
      });

      it("refuses a transfer above the unfrozen balance and allows one up to it", async function () {
        const { token, alice, bob, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(arbiter).setFrozenTokens(bob.address, 60_000n * SHARE);
        await expect(token.connect(bob).transfer(alice.address, 40_000n * SHARE + 1n))
          .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
          .withArgs(bob.address, 40_000n * SHARE + 1n, 40_000n * SHARE);
        await expect(token.connect(bob).transfer(alice.address, 40_000n * SHARE))
          .to.emit(token, "Transfer").withArgs(bob.address, alice.address, 40_000n * SHARE);
      });

      it("freezes the owner's own shares too", async function () {
        const { token, alice, bob, arbiter } = await loadFixture(deployWithInvestors);
        const ownerShares = SUPPLY - BOB_SHARES - CAROL_SHARES;
        await token.connect(arbiter).setFrozenTokens(alice.address, ownerShares);
        await expect(token.connect(alice).transfer(bob.address, 1n))
          .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance").withArgs(alice.address, 1n, 0n);
      });

      it("applies to transferFrom", async function () {
        const { token, alice, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(bob).approve(carol.address, BOB_SHARES);
        await token.connect(arbiter).setFrozenTokens(bob.address, BOB_SHARES);
        await expect(token.connect(carol).transferFrom(bob.address, alice.address, SHARE))
          .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance").withArgs(bob.address, SHARE, 0n);
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
          .to.emit(token, "Frozen").withArgs(bob.address, 0n);
        await expect(token.connect(bob).transfer(alice.address, BOB_SHARES))
          .to.emit(token, "Transfer").withArgs(bob.address, alice.address, BOB_SHARES);
      });

      it("refuses anyone but an arbiter, the token's owner included", async function () {
        const { token, alice, bob } = await loadFixture(deployWithInvestors);
        await expect(token.connect(alice).setFrozenTokens(bob.address, SHARE))
          .to.be.revertedWithCustomError(token, "CallerNotArbiter").withArgs(alice.address);
        await expect(token.connect(bob).setFrozenTokens(bob.address, 0n))
          .to.be.revertedWithCustomError(token, "CallerNotArbiter").withArgs(bob.address);
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
        await expect(token.connect(alice).transfer(dave.address, SHARE)).to.be.revertedWithCustomError(token, "EnforcedPause");
        await expect(token.connect(bob).transfer(carol.address, SHARE)).to.be.revertedWithCustomError(token, "EnforcedPause");
        await expect(token.connect(bob).transfer(alice.address, SHARE)).to.be.revertedWithCustomError(token, "EnforcedPause");
      });

      it("stops transferFrom while paused", async function () {
        const { token, alice, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        await token.connect(bob).approve(carol.address, SHARE);
        await token.connect(arbiter).pause();
        await expect(token.connect(carol).transferFrom(bob.address, alice.address, SHARE))
          .to.be.revertedWithCustomError(token, "EnforcedPause");
      });

      it("stops signed transfers and issuance while paused", async function () {
        const { token, alice, bob, carol, arbiter } = await loadFixture(deployWithInvestors);
        const approval = await signApproval(alice, token, { from: bob.address, to: carol.address, amount: SHARE });
        await token.connect(arbiter).pause();
        await expect(present(token, bob, approval)).to.be.revertedWithCustomError(token, "EnforcedPause");
        await expect(token.connect(alice).issue(alice.address, SHARE)).to.be.revertedWithCustomError(token, "EnforcedPause");
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
          .to.emit(token, "Transfer").withArgs(bob.address, alice.address, SHARE);
      });

      it("refuses to unpause a token that is not paused", async function () {
        const { token, arbiter } = await loadFixture(deployWithInvestors);
        await expect(token.connect(arbiter).unpause()).to.be.revertedWithCustomError(token, "ExpectedPause");
      });

      it("lets only an arbiter pause and unpause, not the owner", async function () {
        const { token, alice, arbiter } = await loadFixture(deployWithInvestors);
        await expect(token.connect(alice).pause())
          .to.be.revertedWithCustomError(token, "CallerNotArbiter").withArgs(alice.address);
        await token.connect(arbiter).pause();
        await expect(token.connect(alice).unpause())
          .to.be.revertedWithCustomError(token, "CallerNotArbiter").withArgs(alice.address);
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
          .to.emit(factory, "TokenOwnerChanged").withArgs(await token.getAddress(), alice.address, newWallet.address);
        expect(await factory.tokenOf(newWallet.address)).to.equal(await token.getAddress());
        expect(await factory.tokenOf(alice.address)).to.equal(ZERO_ADDRESS);
        expect(await factory.hasOwnedToken(newWallet.address)).to.equal(true);
      });

      it("clears a pending ownership move", async function () {
        const { token, alice, newWallet, arbiter, registry, registrar, others } = await loadFixture(deployWithNewWallet);
        const second = others[1];
        await verifyAll(registry, registrar, [second]);
        await token.connect(alice).transferOwnership(second.address);
        await token.connect(arbiter).recoverOwnership(newWallet.address);
        expect(await token.pendingOwner()).to.equal(ZERO_ADDRESS);
        await expect(token.connect(second).acceptOwnership())
          .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(second.address);
      });

      it("works while the token is paused", async function () {
        const { token, alice, newWallet, arbiter } = await loadFixture(deployWithNewWallet);
        await token.connect(arbiter).pause();
        await expect(token.connect(arbiter).recoverOwnership(newWallet.address))
          .to.emit(token, "OwnershipRecovered").withArgs(alice.address, newWallet.address);
      });

      it("refuses a new wallet that is not verified", async function () {
        const { token, arbiter, mallory } = await loadFixture(deployWithNewWallet);
        await expect(token.connect(arbiter).recoverOwnership(mallory.address))
          .to.be.revertedWithCustomError(token, "NewOwnerNotVerified").withArgs(mallory.address);
      });

      it("refuses the current owner or a wallet that owns another token", async function () {
        const { token, alice, dave, arbiter } = await loadFixture(deployWithDavesToken);
        await expect(token.connect(arbiter).recoverOwnership(alice.address))
          .to.be.revertedWithCustomError(token, "NewOwnerIsCurrentOwner").withArgs(alice.address);
        await expect(token.connect(arbiter).recoverOwnership(dave.address))
          .to.be.revertedWithCustomError(token, "AlreadyOwnedToken").withArgs(dave.address);
      });

      it("refuses anyone but an arbiter, the owner included", async function () {
        const { token, alice, newWallet } = await loadFixture(deployWithNewWallet);
        await expect(token.connect(alice).recoverOwnership(newWallet.address))
          .to.be.revertedWithCustomError(token, "CallerNotArbiter").withArgs(alice.address);
        await expect(token.connect(newWallet).recoverOwnership(newWallet.address))
          .to.be.revertedWithCustomError(token, "CallerNotArbiter").withArgs(newWallet.address);
      });
    });
  });
});
