import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Signer, TypedDataDomain } from "ethers";
import type { IShareMarket, PersonalToken } from "../types/ethers-contracts/index.js";
import {
  deployWithToken,
  ETH,
  ethers,
  memo,
  networkHelpers,
  pinNextBlock,
  SHARE,
  signTransferApproval,
  tokenDomain,
  LISTING_APPROVAL_TYPES,
  USD,
  verifyAll,
  ZERO_ADDRESS,
} from "./helpers/fixtures.js";

const { loadFixture, time } = networkHelpers;

const SUPPLY = 1_000_000n * SHARE;
const BOB_SHARES = 100_000n * SHARE;
const CAROL_SHARES = 50_000n * SHARE;
const FUNDS = 10_000_000n * USD;
const PRICE = 8n * USD; // $8 per whole share
const LISTED = 10_000n * SHARE;
const ONE_ETH = 10n ** 18n;
const ETH_PRICE = ONE_ETH / 1_000n; // 0.001 ETH per whole share
const DAY = 24n * 60n * 60n;
const WEEK = 7n * DAY;
const MAX_UINT128 = 2n ** 128n - 1n;

/** What a trade of `shares` at `price` costs: ceil(shares × price / 10^18). */
function dueFor(shares: bigint, price: bigint) {
  return (shares * price + SHARE - 1n) / SHARE;
}

// ───────────────────────────── fixtures ─────────────────────────────

/**
 * Alice's token after two owner sales: Bob holds 100,000 shares and Carol 50,000 (neither paid on-chain). Alice,
 * Bob, Carol and Dave each hold $10,000,000 of mock USD and have approved the market for it.
 */
async function deployWithHolders() {
  const f = await deployWithToken();
  const { token, usd, market, alice, bob, carol, dave } = f;
  await token.connect(alice).transfer(bob.address, BOB_SHARES);
  await token.connect(alice).transfer(carol.address, CAROL_SHARES);
  const marketAddress = await market.getAddress();
  for (const account of [alice, bob, carol, dave]) {
    await usd.mint(account.address, FUNDS);
    await usd.connect(account).approve(marketAddress, ethers.MaxUint256);
  }
  return { ...f, tokenAddress: await token.getAddress(), usdAddress: await usd.getAddress(), marketAddress };
}

/** Bob lists 10,000 shares at $8 for anyone, for a week (listing 1, not approved yet). */
async function deployWithListing() {
  const f = await deployWithHolders();
  const expiry = BigInt(await time.latest()) + WEEK;
  await f.market.connect(f.bob).list(f.tokenAddress, LISTED, PRICE, ZERO_ADDRESS, expiry);
  return { ...f, listingId: 1n, expiry };
}

/** As `deployWithListing`, with Alice's on-chain approval. */
async function deployWithApprovedListing() {
  const f = await deployWithListing();
  await f.market.connect(f.alice).approveListing(f.listingId);
  return f;
}

/** Dave filled Bob's whole listing: 10,000 shares for $80,000, which set the last price to $8. */
async function deployWithBuyer() {
  const f = await deployWithApprovedListing();
  await f.market.connect(f.dave).fill(f.listingId, LISTED);
  return f;
}

/** Zoe (freshly verified) creates her token (1,000,000 shares, 20% cap) priced in `quote`. */
async function createZoesToken(f: Awaited<ReturnType<typeof deployWithHolders>>, quote: string) {
  const zoe = f.others[0];
  await verifyAll(f.registry, f.registrar, [zoe]);
  const address = await f.factory.predictToken(zoe.address);
  await f.factory.connect(zoe).createToken("Zoe", "ZOE", SUPPLY, 2_000, quote);
  const zoesToken = (await ethers.getContractAt("PersonalToken", address)) as unknown as PersonalToken;
  return { zoe, zoesToken, zoesTokenAddress: address };
}

/** Zoe's ETH-priced token: Zoe sold Bob 10,000 shares, Bob listed them at 0.001 ETH each and Zoe approved. */
async function deployWithEthListing() {
  const f = await deployWithHolders();
  const z = await createZoesToken(f, ETH);
  await z.zoesToken.connect(z.zoe).transfer(f.bob.address, LISTED);
  const expiry = BigInt(await time.latest()) + WEEK;
  await f.market.connect(f.bob).list(z.zoesTokenAddress, LISTED, ETH_PRICE, ZERO_ADDRESS, expiry);
  await f.market.connect(z.zoe).approveListing(1n);
  return { ...f, ...z, listingId: 1n };
}

/** Zoe's token priced in a 1% fee-on-transfer ERC-20: Bob listed 10,000 shares at 8·10^6 units, Zoe approved. */
async function deployWithFeeListing() {
  const f = await deployWithHolders();
  const feeToken = await ethers.deployContract("FeeOnTransferERC20", [100n]);
  const z = await createZoesToken(f, await feeToken.getAddress());
  await z.zoesToken.connect(z.zoe).transfer(f.bob.address, LISTED);
  const expiry = BigInt(await time.latest()) + WEEK;
  await f.market.connect(f.bob).list(z.zoesTokenAddress, LISTED, PRICE, ZERO_ADDRESS, expiry);
  await f.market.connect(z.zoe).approveListing(1n);
  for (const account of [f.carol, z.zoe]) {
    await feeToken.mint(account.address, FUNDS);
    await feeToken.connect(account).approve(f.marketAddress, ethers.MaxUint256);
  }
  return { ...f, ...z, feeToken, listingId: 1n };
}

/** As `deployWithBuyer`, plus Zoe's USD-priced token in which Zoe sold Bob 10,000 shares; Zoe holds USD too. */
async function deployWithSecondToken() {
  const f = await deployWithBuyer();
  const z = await createZoesToken(f, f.usdAddress);
  await z.zoesToken.connect(z.zoe).transfer(f.bob.address, LISTED);
  await f.usd.mint(z.zoe.address, FUNDS);
  await f.usd.connect(z.zoe).approve(f.marketAddress, ethers.MaxUint256);
  return { ...f, ...z };
}

// ───────────────────────────── helpers ─────────────────────────────

interface ListingApprovalMessage {
  seller: string;
  amount: bigint;
  price: bigint;
  buyer: string;
  expiry: bigint;
  nonce: bigint;
  deadline: bigint;
}

/**
 * `signer` signs a ListingApproval over the listing's own terms (any field can be overridden), on `token`'s domain
 * unless `domain` is given; nonce 1 and a one-hour deadline by default.
 */
async function signListingApproval(
  signer: Signer,
  token: PersonalToken,
  listing: IShareMarket.ListingStructOutput,
  overrides: Partial<ListingApprovalMessage> = {},
  domain?: TypedDataDomain,
) {
  const message: ListingApprovalMessage = {
    seller: listing.seller,
    amount: listing.amount,
    price: listing.price,
    buyer: listing.buyer,
    expiry: listing.expiry,
    nonce: 1n,
    deadline: (await pinNextBlock()) + 3_600n,
    ...overrides,
  };
  const signature = await signer.signTypedData(domain ?? (await tokenDomain(token)), LISTING_APPROVAL_TYPES, message);
  return { ...message, signature };
}

/** Opens an offering of `token` by its owner from now for a week, with the given overrides of a plain sell-down. */
async function openOffering(
  f: Awaited<ReturnType<typeof deployWithHolders>>,
  owner: HardhatEthersSigner,
  terms: Partial<IShareMarket.OfferingTermsStruct>,
) {
  const start = BigInt(await time.latest());
  await f.market.connect(owner).openOffering(
    {
      token: f.tokenAddress,
      shares: 20_000n * SHARE,
      price: PRICE,
      minPerInvestor: 0n,
      maxPerInvestor: 0n,
      start,
      end: start + WEEK,
      priorityWindow: 0n,
      minRaise: 0n,
      dilutive: false,
      ...terms,
    },
    [],
  );
  const offeringId = await f.market.offeringCount();
  const offering = await f.market.offering(offeringId);
  return { offeringId, end: offering.terms.end };
}

// ───────────────────────────── tests ─────────────────────────────

describe("ShareMarket: secondary sales and kicks", function () {
  describe("a holder listing shares for sale", function () {
    it("emits Listed with every term and numbers listings from 1", async function () {
      const { market, token, tokenAddress, bob, dave } = await loadFixture(deployWithHolders);
      const expiry = BigInt(await time.latest()) + WEEK;
      expect(await market.connect(bob).list.staticCall(tokenAddress, LISTED, PRICE, dave.address, expiry)).to.equal(1n);
      await expect(market.connect(bob).list(token, LISTED, PRICE, dave.address, expiry))
        .to.emit(market, "Listed")
        .withArgs(1n, tokenAddress, bob.address, LISTED, PRICE, dave.address, expiry);
      await expect(market.connect(bob).list(token, 1n, 1n, ZERO_ADDRESS, expiry))
        .to.emit(market, "Listed")
        .withArgs(2n, tokenAddress, bob.address, 1n, 1n, ZERO_ADDRESS, expiry);
      expect(await market.listingCount()).to.equal(2n);
    });

    it("records the listing's terms, unapproved, uncancelled and unfilled", async function () {
      const { market, tokenAddress, bob, listingId, expiry } = await loadFixture(deployWithListing);
      const entry = await market.listing(listingId);
      expect(entry.token).to.equal(tokenAddress);
      expect(entry.seller).to.equal(bob.address);
      expect(entry.amount).to.equal(LISTED);
      expect(entry.filled).to.equal(0n);
      expect(entry.price).to.equal(PRICE);
      expect(entry.buyer).to.equal(ZERO_ADDRESS);
      expect(entry.expiry).to.equal(expiry);
      expect(entry.approved).to.equal(false);
      expect(entry.cancelled).to.equal(false);
    });

    it("leaves the listed shares in the seller's wallet, movable", async function () {
      const { market, token, tokenAddress, bob, alice } = await loadFixture(deployWithHolders);
      const expiry = BigInt(await time.latest()) + WEEK;
      const tx = market.connect(bob).list(tokenAddress, BOB_SHARES, PRICE, ZERO_ADDRESS, expiry);
      await expect(tx).to.changeTokenBalances(ethers, token, [bob, market], [0n, 0n]);
      await expect(tx).not.to.emit(token, "Transfer");
      expect(await token.balanceOf(bob.address)).to.equal(BOB_SHARES);
      await expect(token.connect(bob).transfer(alice.address, BOB_SHARES))
        .to.emit(token, "Transfer").withArgs(bob.address, alice.address, BOB_SHARES);
    });

    it("lists the seller's whole balance and the largest price that fits 128 bits", async function () {
      const { market, tokenAddress, bob } = await loadFixture(deployWithHolders);
      const expiry = BigInt(await time.latest()) + WEEK;
      await expect(market.connect(bob).list(tokenAddress, BOB_SHARES, MAX_UINT128, ZERO_ADDRESS, expiry))
        .to.emit(market, "Listed")
        .withArgs(1n, tokenAddress, bob.address, BOB_SHARES, MAX_UINT128, ZERO_ADDRESS, expiry);
    });

    it("accepts an expiry equal to the current block's time", async function () {
      const { market, tokenAddress, bob } = await loadFixture(deployWithHolders);
      const now = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(now);
      await expect(market.connect(bob).list(tokenAddress, LISTED, PRICE, ZERO_ADDRESS, now))
        .to.emit(market, "Listed")
        .withArgs(1n, tokenAddress, bob.address, LISTED, PRICE, ZERO_ADDRESS, now);
    });

    it("lists while the token is paused", async function () {
      const { market, token, tokenAddress, arbiter, bob } = await loadFixture(deployWithHolders);
      await token.connect(arbiter).pause();
      const expiry = BigInt(await time.latest()) + WEEK;
      await expect(market.connect(bob).list(tokenAddress, LISTED, PRICE, ZERO_ADDRESS, expiry))
        .to.emit(market, "Listed")
        .withArgs(1n, tokenAddress, bob.address, LISTED, PRICE, ZERO_ADDRESS, expiry);
    });

    it("refuses a token the factory did not create", async function () {
      const { market, usdAddress, bob } = await loadFixture(deployWithHolders);
      const expiry = BigInt(await time.latest()) + WEEK;
      await expect(market.connect(bob).list(usdAddress, LISTED, PRICE, ZERO_ADDRESS, expiry))
        .to.be.revertedWithCustomError(market, "UnknownToken").withArgs(usdAddress);
    });

    // One rule, one error: each refused listing, the error that names its rule and the values that broke it.
    type Holders = Awaited<ReturnType<typeof deployWithHolders>>;
    interface ListingCase {
      name: string;
      seller: (f: Holders) => HardhatEthersSigner;
      terms: (f: Holders, now: bigint) => [bigint, bigint, string, bigint];
      error: string;
      args: (f: Holders, now: bigint) => unknown[];
    }
    const listingCases: ListingCase[] = [
      {
        name: "a listing by the token's owner",
        seller: (f) => f.alice,
        terms: (_f, now) => [LISTED, PRICE, ZERO_ADDRESS, now + WEEK],
        error: "OwnerCannotList",
        args: (f) => [f.alice.address],
      },
      {
        name: "a zero amount",
        seller: (f) => f.bob,
        terms: (_f, now) => [0n, PRICE, ZERO_ADDRESS, now + WEEK],
        error: "ZeroAmount",
        args: () => [],
      },
      {
        name: "a zero price",
        seller: (f) => f.bob,
        terms: (_f, now) => [LISTED, 0n, ZERO_ADDRESS, now + WEEK],
        error: "ListingWithoutPrice",
        args: () => [],
      },
      {
        name: "a price above 2^128 − 1",
        seller: (f) => f.bob,
        terms: (_f, now) => [LISTED, MAX_UINT128 + 1n, ZERO_ADDRESS, now + WEEK],
        error: "ListingPriceTooHigh",
        args: () => [MAX_UINT128 + 1n, MAX_UINT128],
      },
      {
        name: "an expiry already in the past",
        seller: (f) => f.bob,
        terms: (_f, now) => [LISTED, PRICE, ZERO_ADDRESS, now - 1n],
        error: "ListingExpiryInPast",
        args: (_f, now) => [now - 1n, now],
      },
      {
        name: "one share-wei more than the seller holds",
        seller: (f) => f.bob,
        terms: (_f, now) => [BOB_SHARES + 1n, PRICE, ZERO_ADDRESS, now + WEEK],
        error: "ERC20InsufficientBalance",
        args: (f) => [f.bob.address, BOB_SHARES, BOB_SHARES + 1n],
      },
      {
        name: "a share-wei from a seller who holds none",
        seller: (f) => f.dave,
        terms: (_f, now) => [1n, PRICE, ZERO_ADDRESS, now + WEEK],
        error: "ERC20InsufficientBalance",
        args: (f) => [f.dave.address, 0n, 1n],
      },
      {
        name: "a listing that names the seller as its buyer",
        seller: (f) => f.bob,
        terms: (f, now) => [LISTED, PRICE, f.bob.address, now + WEEK],
        error: "SellerCannotBuy",
        args: (f) => [f.bob.address],
      },
    ];
    for (const c of listingCases) {
      it(`refuses ${c.name} (${c.error})`, async function () {
        const f = await loadFixture(deployWithHolders);
        const now = BigInt(await time.latest()) + 10n;
        await time.setNextBlockTimestamp(now);
        await expect(f.market.connect(c.seller(f)).list(f.tokenAddress, ...c.terms(f, now)))
          .to.be.revertedWithCustomError(f.market, c.error)
          .withArgs(...c.args(f, now));
      });
    }
  });

  describe("the owner approving, revoking and the seller cancelling a listing", function () {
    it("lets the owner approve a listing on-chain", async function () {
      const { market, alice, listingId } = await loadFixture(deployWithListing);
      await expect(market.connect(alice).approveListing(listingId))
        .to.emit(market, "ListingApproved").withArgs(listingId);
      expect((await market.listing(listingId)).approved).to.equal(true);
    });

    it("refuses an approval by anyone but the token's owner, the seller included", async function () {
      const { market, bob, carol, listingId } = await loadFixture(deployWithListing);
      await expect(market.connect(bob).approveListing(listingId))
        .to.be.revertedWithCustomError(market, "OwnableUnauthorizedAccount").withArgs(bob.address);
      await expect(market.connect(carol).approveListing(listingId))
        .to.be.revertedWithCustomError(market, "OwnableUnauthorizedAccount").withArgs(carol.address);
    });

    it("lets the owner revoke an approval, after which the listing cannot fill until approved again", async function () {
      const { market, alice, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(alice).revokeListingApproval(listingId))
        .to.emit(market, "ListingApprovalRevoked").withArgs(listingId);
      expect((await market.listing(listingId)).approved).to.equal(false);
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "ListingNotApproved").withArgs(listingId);
      await market.connect(alice).approveListing(listingId);
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.emit(market, "ListingFilled").withArgs(listingId, carol.address, SHARE, PRICE);
    });

    it("refuses to revoke an approval that was never given", async function () {
      const { market, alice, listingId } = await loadFixture(deployWithListing);
      await expect(market.connect(alice).revokeListingApproval(listingId))
        .to.be.revertedWithCustomError(market, "ListingNotApproved").withArgs(listingId);
    });

    it("refuses a revocation by anyone but the token's owner", async function () {
      const { market, bob, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(bob).revokeListingApproval(listingId))
        .to.be.revertedWithCustomError(market, "OwnableUnauthorizedAccount").withArgs(bob.address);
    });

    it("lets the seller cancel, after which the listing cannot fill", async function () {
      const { market, bob, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(bob).cancelListing(listingId))
        .to.emit(market, "ListingCancelled").withArgs(listingId);
      expect((await market.listing(listingId)).cancelled).to.equal(true);
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "ListingIsCancelled").withArgs(listingId);
    });

    it("refuses a cancellation by anyone but the seller, the token's owner included", async function () {
      const { market, alice, carol, listingId } = await loadFixture(deployWithListing);
      await expect(market.connect(alice).cancelListing(listingId))
        .to.be.revertedWithCustomError(market, "CallerNotSeller").withArgs(alice.address);
      await expect(market.connect(carol).cancelListing(listingId))
        .to.be.revertedWithCustomError(market, "CallerNotSeller").withArgs(carol.address);
    });

    it("closes a cancelled listing to approval, revocation and another cancellation", async function () {
      const { market, alice, bob, listingId } = await loadFixture(deployWithApprovedListing);
      await market.connect(bob).cancelListing(listingId);
      await expect(market.connect(alice).approveListing(listingId))
        .to.be.revertedWithCustomError(market, "ListingIsCancelled").withArgs(listingId);
      await expect(market.connect(alice).revokeListingApproval(listingId))
        .to.be.revertedWithCustomError(market, "ListingIsCancelled").withArgs(listingId);
      await expect(market.connect(bob).cancelListing(listingId))
        .to.be.revertedWithCustomError(market, "ListingIsCancelled").withArgs(listingId);
    });

    it("closes a fully filled listing to approval, revocation and cancellation", async function () {
      const { market, alice, bob, carol, listingId } = await loadFixture(deployWithBuyer);
      await expect(market.connect(alice).approveListing(listingId))
        .to.be.revertedWithCustomError(market, "ListingSoldOut").withArgs(listingId);
      await expect(market.connect(alice).revokeListingApproval(listingId))
        .to.be.revertedWithCustomError(market, "ListingSoldOut").withArgs(listingId);
      await expect(market.connect(bob).cancelListing(listingId))
        .to.be.revertedWithCustomError(market, "ListingSoldOut").withArgs(listingId);
      await expect(market.connect(carol).fill(listingId, 1n))
        .to.be.revertedWithCustomError(market, "NotEnoughShares").withArgs(1n, 0n);
    });

    it("refuses every action on a listing that does not exist", async function () {
      const { market, alice, bob, carol } = await loadFixture(deployWithListing);
      await expect(market.connect(alice).approveListing(2n))
        .to.be.revertedWithCustomError(market, "UnknownListing").withArgs(2n);
      await expect(market.connect(alice).revokeListingApproval(0n))
        .to.be.revertedWithCustomError(market, "UnknownListing").withArgs(0n);
      await expect(market.connect(bob).cancelListing(2n))
        .to.be.revertedWithCustomError(market, "UnknownListing").withArgs(2n);
      await expect(market.connect(carol).fill(2n, SHARE))
        .to.be.revertedWithCustomError(market, "UnknownListing").withArgs(2n);
      await expect(market.connect(carol).fillWithApproval(2n, SHARE, 1n, 0n, "0x"))
        .to.be.revertedWithCustomError(market, "UnknownListing").withArgs(2n);
    });
  });

  describe("a buyer filling an approved listing", function () {
    it("pulls the payment from the buyer straight to the seller and moves the shares", async function () {
      const { market, token, usd, bob, carol, listingId } = await loadFixture(deployWithApprovedListing);
      const shares = 4_000n * SHARE;
      const paid = 32_000n * USD;
      const tx = market.connect(carol).fill(listingId, shares);
      await expect(tx).to.emit(market, "ListingFilled").withArgs(listingId, carol.address, shares, paid);
      await expect(tx).to.emit(token, "Transfer").withArgs(bob.address, carol.address, shares);
      await expect(tx).to.changeTokenBalances(ethers, usd, [carol, bob, market], [-paid, paid, 0n]);
      await expect(tx).to.changeTokenBalances(ethers, token, [bob, carol], [-shares, shares]);
      expect(await market.withdrawable(bob.address, usd)).to.equal(0n);
    });

    it("leaves the rest listed after a partial fill, and a later fill takes it", async function () {
      const { market, token, bob, carol, dave, listingId } = await loadFixture(deployWithApprovedListing);
      await market.connect(carol).fill(listingId, 4_000n * SHARE);
      const entry = await market.listing(listingId);
      expect(entry.filled).to.equal(4_000n * SHARE);
      expect(entry.amount).to.equal(LISTED);
      await expect(market.connect(dave).fill(listingId, 6_000n * SHARE + 1n))
        .to.be.revertedWithCustomError(market, "NotEnoughShares").withArgs(6_000n * SHARE + 1n, 6_000n * SHARE);
      await expect(market.connect(dave).fill(listingId, 6_000n * SHARE))
        .to.emit(market, "ListingFilled").withArgs(listingId, dave.address, 6_000n * SHARE, 48_000n * USD);
      expect((await market.listing(listingId)).filled).to.equal(LISTED);
      expect(await token.balanceOf(bob.address)).to.equal(BOB_SHARES - LISTED);
      expect(await token.balanceOf(carol.address)).to.equal(CAROL_SHARES + 4_000n * SHARE);
      expect(await token.balanceOf(dave.address)).to.equal(6_000n * SHARE);
    });

    it("adds each fill to the buyer's purchase record, and none to the seller's", async function () {
      const { market, token, bob, carol, listingId } = await loadFixture(deployWithApprovedListing);
      expect(await token.purchaseOf(carol.address)).to.deep.equal([0n, 0n]);
      await market.connect(carol).fill(listingId, 1_000n * SHARE);
      expect(await token.purchaseOf(carol.address)).to.deep.equal([8_000n * USD, 1_000n * SHARE]);
      await market.connect(carol).fill(listingId, 500n * SHARE);
      expect(await token.purchaseOf(carol.address)).to.deep.equal([12_000n * USD, 1_500n * SHARE]);
      expect(await token.averagePurchasePrice(carol.address)).to.equal(PRICE);
      expect(await token.purchaseOf(bob.address)).to.deep.equal([0n, 0n]);
    });

    it("charges ceil(shares × price / 10^18)", async function () {
      const { market, token, tokenAddress, usd, alice, bob, carol } = await loadFixture(deployWithHolders);
      const expiry = BigInt(await time.latest()) + WEEK;
      const price = 6_666_667n; // $6.666667
      await market.connect(bob).list(tokenAddress, LISTED, price, ZERO_ADDRESS, expiry);
      await market.connect(alice).approveListing(1n);
      const shares = (3n * SHARE) / 2n; // 1.5 shares: 10,000,000.5 units, rounded up
      const tx = market.connect(carol).fill(1n, shares);
      await expect(tx).to.emit(market, "ListingFilled").withArgs(1n, carol.address, shares, 10_000_001n);
      await expect(tx).to.changeTokenBalances(ethers, usd, [carol, bob], [-10_000_001n, 10_000_001n]);
      await expect(market.connect(carol).fill(1n, 1n))
        .to.emit(market, "ListingFilled").withArgs(1n, carol.address, 1n, 1n);
      expect(await token.purchaseOf(carol.address)).to.deep.equal([10_000_002n, shares + 1n]);
    });

    it("fills up to the second of its expiry", async function () {
      const { market, carol, listingId, expiry } = await loadFixture(deployWithApprovedListing);
      await time.setNextBlockTimestamp(expiry);
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.emit(market, "ListingFilled").withArgs(listingId, carol.address, SHARE, PRICE);
    });

    it("lets the buyer the listing names fill it", async function () {
      const { market, tokenAddress, alice, bob, dave } = await loadFixture(deployWithHolders);
      const expiry = BigInt(await time.latest()) + WEEK;
      await market.connect(bob).list(tokenAddress, LISTED, PRICE, dave.address, expiry);
      await market.connect(alice).approveListing(1n);
      await expect(market.connect(dave).fill(1n, LISTED))
        .to.emit(market, "ListingFilled").withArgs(1n, dave.address, LISTED, 80_000n * USD);
    });

    it("refuses a listing the owner has not approved (ListingNotApproved)", async function () {
      const { market, carol, listingId } = await loadFixture(deployWithListing);
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "ListingNotApproved").withArgs(listingId);
    });

    it("refuses a listing one second past its expiry (ListingExpired)", async function () {
      const { market, carol, listingId, expiry } = await loadFixture(deployWithApprovedListing);
      await time.setNextBlockTimestamp(expiry + 1n);
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "ListingExpired").withArgs(listingId, expiry);
    });

    it("refuses a fill of zero shares", async function () {
      const { market, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(carol).fill(listingId, 0n)).to.be.revertedWithCustomError(market, "ZeroAmount").withArgs();
    });

    it("refuses a fill of more shares than are listed", async function () {
      const { market, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(carol).fill(listingId, LISTED + 1n))
        .to.be.revertedWithCustomError(market, "NotEnoughShares").withArgs(LISTED + 1n, LISTED);
    });

    it("refuses any buyer but the one the listing names (ListingReservedForBuyer)", async function () {
      const { market, tokenAddress, alice, bob, carol, dave } = await loadFixture(deployWithHolders);
      const expiry = BigInt(await time.latest()) + WEEK;
      await market.connect(bob).list(tokenAddress, LISTED, PRICE, dave.address, expiry);
      await market.connect(alice).approveListing(1n);
      await expect(market.connect(carol).fill(1n, SHARE))
        .to.be.revertedWithCustomError(market, "ListingReservedForBuyer").withArgs(1n, dave.address);
    });

    it("refuses the seller as buyer of its own listing (SellerCannotBuy)", async function () {
      const { market, bob, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(bob).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "SellerCannotBuy").withArgs(bob.address);
    });

    it("refuses a buyer who is not verified (ERC7943CannotReceive)", async function () {
      const { market, usd, mallory, marketAddress, listingId } = await loadFixture(deployWithApprovedListing);
      await usd.mint(mallory.address, FUNDS);
      await usd.connect(mallory).approve(marketAddress, FUNDS);
      await expect(market.connect(mallory).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "ERC7943CannotReceive").withArgs(mallory.address);
    });

    it("refuses a buyer the owner kicked (ReceiverKicked)", async function () {
      const { market, token, alice, dave, listingId } = await loadFixture(deployWithApprovedListing);
      await token.connect(alice).transfer(dave.address, SHARE);
      await market.connect(alice).kick(await token.getAddress(), dave.address, 0n);
      await expect(market.connect(dave).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "ReceiverKicked").withArgs(dave.address);
    });

    it("refuses any fill while the token is paused (EnforcedPause)", async function () {
      const { market, token, arbiter, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await token.connect(arbiter).pause();
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "EnforcedPause").withArgs();
    });

    it("refuses ETH sent with a fill priced in an ERC-20", async function () {
      const { market, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(carol).fill(listingId, SHARE, { value: 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch").withArgs(1n, 0n);
    });

    it("refuses a fee-on-transfer quote asset that delivers less than was paid", async function () {
      const { market, carol, listingId } = await loadFixture(deployWithFeeListing);
      const due = dueFor(1_000n * SHARE, PRICE); // 8,000,000,000 units; 1% is burnt on the way
      await expect(market.connect(carol).fill(listingId, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "PaymentShortfall").withArgs(due, (due * 99n) / 100n);
    });

    it("refuses when the seller's shares are frozen at fill time", async function () {
      const { market, token, arbiter, bob, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await token.connect(arbiter).setFrozenTokens(bob.address, 95_000n * SHARE);
      await expect(market.connect(carol).fill(listingId, LISTED))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(bob.address, LISTED, 5_000n * SHARE);
      await expect(market.connect(carol).fill(listingId, 5_000n * SHARE))
        .to.emit(market, "ListingFilled").withArgs(listingId, carol.address, 5_000n * SHARE, 40_000n * USD);
    });

    it("refuses when the seller's listed shares are still locked by a grant at fill time", async function () {
      const { market, token, tokenAddress, alice, carol, dave } = await loadFixture(deployWithHolders);
      const now = BigInt(await time.latest());
      await token.connect(alice).transfer(dave.address, 10_000n * SHARE);
      await token.connect(alice).grant(dave.address, 20_000n * SHARE, now, 365n * DAY, 365n * DAY, memo("help"));
      await market.connect(dave).list(tokenAddress, 15_000n * SHARE, PRICE, ZERO_ADDRESS, now + WEEK);
      await market.connect(alice).approveListing(1n);
      await expect(market.connect(carol).fill(1n, 15_000n * SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(dave.address, 15_000n * SHARE, 10_000n * SHARE);
    });

    it("refuses when the seller no longer holds the listed shares", async function () {
      const { market, token, alice, bob, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await token.connect(bob).transfer(alice.address, BOB_SHARES - 5_000n * SHARE);
      await expect(market.connect(carol).fill(listingId, LISTED))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(bob.address, 5_000n * SHARE, LISTED);
    });

    it("refuses when the registrar banned the seller", async function () {
      const { market, token, registry, registrar, bob, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend").withArgs(bob.address);
    });
  });

  describe("a buyer filling a listing priced in ETH", function () {
    it("takes msg.value and credits the seller's withdrawable ETH", async function () {
      const { market, zoesToken, bob, carol, listingId } = await loadFixture(deployWithEthListing);
      const shares = 4_000n * SHARE;
      const paid = 4n * ONE_ETH;
      const tx = market.connect(carol).fill(listingId, shares, { value: paid });
      await expect(tx).to.emit(market, "Credited").withArgs(bob.address, ETH, paid);
      await expect(tx).to.emit(market, "ListingFilled").withArgs(listingId, carol.address, shares, paid);
      await expect(tx).to.changeEtherBalances(ethers, [carol, market, bob], [-paid, paid, 0n]);
      await expect(tx).to.changeTokenBalances(ethers, zoesToken, [bob, carol], [-shares, shares]);
      expect(await market.withdrawable(bob.address, ETH)).to.equal(paid);
      expect(await zoesToken.purchaseOf(carol.address)).to.deep.equal([paid, shares]);
    });

    it("lets the seller withdraw the ETH proceeds", async function () {
      const { market, bob, carol, listingId } = await loadFixture(deployWithEthListing);
      await market.connect(carol).fill(listingId, 4_000n * SHARE, { value: 4n * ONE_ETH });
      const tx = market.connect(bob).withdraw(ETH, bob.address);
      await expect(tx).to.emit(market, "Withdrawn").withArgs(bob.address, ETH, bob.address, 4n * ONE_ETH);
      await expect(tx).to.changeEtherBalances(ethers, [market, bob], [-4n * ONE_ETH, 4n * ONE_ETH]);
      expect(await market.withdrawable(bob.address, ETH)).to.equal(0n);
    });

    it("refuses a msg.value one wei off what is due, either way", async function () {
      const { market, carol, listingId } = await loadFixture(deployWithEthListing);
      const due = 4n * ONE_ETH;
      await expect(market.connect(carol).fill(listingId, 4_000n * SHARE, { value: due - 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch").withArgs(due - 1n, due);
      await expect(market.connect(carol).fill(listingId, 4_000n * SHARE, { value: due + 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch").withArgs(due + 1n, due);
      await expect(market.connect(carol).fill(listingId, 4_000n * SHARE))
        .to.be.revertedWithCustomError(market, "EthValueMismatch").withArgs(0n, due);
    });
  });

  describe("the last price, which only settlements of at least 0.01% of the supply set", function () {
    it("is 0 before any trade", async function () {
      const { token } = await loadFixture(deployWithHolders);
      expect(await token.lastPrice()).to.equal(0n);
    });

    it("is set by a fill of exactly 0.01% of the supply", async function () {
      const { market, token, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(carol).fill(listingId, SUPPLY / 10_000n))
        .to.emit(token, "LastPriceUpdated").withArgs(PRICE);
      expect(await token.lastPrice()).to.equal(PRICE);
    });

    it("is not set by a fill one share-wei short of 0.01% of the supply, which still counts as a purchase", async function () {
      const { market, token, usd, bob, carol, listingId } = await loadFixture(deployWithApprovedListing);
      const shares = SUPPLY / 10_000n - 1n;
      const tx = market.connect(carol).fill(listingId, shares);
      await expect(tx).not.to.emit(token, "LastPriceUpdated");
      await expect(tx).to.changeTokenBalances(ethers, usd, [carol, bob], [-800n * USD, 800n * USD]);
      expect(await token.lastPrice()).to.equal(0n);
      expect(await token.purchaseOf(carol.address)).to.deep.equal([800n * USD, shares]);
    });

    it("keeps the last real price when a dust trade follows at another price", async function () {
      const { market, token, tokenAddress, alice, carol, dave, listingId } = await loadFixture(deployWithApprovedListing);
      await market.connect(dave).fill(listingId, 100n * SHARE);
      const expiry = BigInt(await time.latest()) + WEEK;
      await market.connect(carol).list(tokenAddress, 100n * SHARE, 100n * USD, ZERO_ADDRESS, expiry);
      await market.connect(alice).approveListing(2n);
      await expect(market.connect(dave).fill(2n, 99n * SHARE)).not.to.emit(token, "LastPriceUpdated");
      expect(await token.lastPrice()).to.equal(PRICE);
    });

    it("measures a dilutive purchase against the supply after its shares are minted", async function () {
      const f = await loadFixture(deployWithHolders);
      const { offeringId } = await openOffering(f, f.alice, { shares: 1_000n * SHARE, price: 5n * USD, dilutive: true });
      // 0.01% of the supply before minting, and then some, but short of 0.01% of the supply after.
      const short = 100_010_001_000_100_010_001n;
      expect(short * 10_000n < SUPPLY + short).to.equal(true);
      await expect(f.market.connect(f.dave).buy(offeringId, short)).not.to.emit(f.token, "LastPriceUpdated");
      expect(await f.token.lastPrice()).to.equal(0n);
    });

    it("is set by the smallest dilutive purchase that is 0.01% of the supply after minting", async function () {
      const f = await loadFixture(deployWithHolders);
      const { offeringId } = await openOffering(f, f.alice, { shares: 1_000n * SHARE, price: 5n * USD, dilutive: true });
      const enough = 100_010_001_000_100_010_002n;
      expect(enough * 10_000n >= SUPPLY + enough).to.equal(true);
      await expect(f.market.connect(f.dave).buy(offeringId, enough))
        .to.emit(f.token, "LastPriceUpdated").withArgs(5n * USD);
      expect(await f.token.lastPrice()).to.equal(5n * USD);
    });
  });

  describe("a buyer filling with the owner's signed listing approval", function () {
    it("publishes the EIP-712 ListingApproval type hash", async function () {
      const { token } = await loadFixture(deployWithHolders);
      expect(await token.LISTING_APPROVAL_TYPEHASH()).to.equal(
        ethers.id(
          "ListingApproval(address seller,uint256 amount,uint256 price,address buyer,uint256 expiry,uint256 nonce,uint256 deadline)",
        ),
      );
    });

    it("approves the listing, uses the nonce and fills", async function () {
      const { market, token, usd, alice, bob, carol, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId), { nonce: 42n });
      const shares = 4_000n * SHARE;
      const tx = market
        .connect(carol)
        .fillWithApproval(listingId, shares, approval.nonce, approval.deadline, approval.signature);
      await expect(tx).to.emit(market, "ListingApproved").withArgs(listingId);
      await expect(tx).to.emit(token, "ApprovalNonceUsed").withArgs(42n);
      await expect(tx).to.emit(market, "ListingFilled").withArgs(listingId, carol.address, shares, 32_000n * USD);
      await expect(tx).to.emit(token, "Transfer").withArgs(bob.address, carol.address, shares);
      await expect(tx).to.changeTokenBalances(ethers, usd, [carol, bob], [-32_000n * USD, 32_000n * USD]);
      expect(await token.nonceUsed(42n)).to.equal(true);
      expect(await token.nonceUsed(1n)).to.equal(false);
      const entry = await market.listing(listingId);
      expect(entry.approved).to.equal(true);
      expect(entry.filled).to.equal(shares);
    });

    it("leaves the listing approved, so the rest fills without another signature", async function () {
      const { market, token, alice, carol, dave, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId));
      await market.connect(carol).fillWithApproval(listingId, 4_000n * SHARE, approval.nonce, approval.deadline, approval.signature);
      await expect(market.connect(dave).fill(listingId, 6_000n * SHARE))
        .to.emit(market, "ListingFilled").withArgs(listingId, dave.address, 6_000n * SHARE, 48_000n * USD);
    });

    it("accepts a signature up to the second of its deadline", async function () {
      const { market, token, alice, carol, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId));
      await time.setNextBlockTimestamp(approval.deadline);
      await expect(market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature))
        .to.emit(market, "ListingFilled").withArgs(listingId, carol.address, SHARE, PRICE);
    });

    it("refuses a replay of a used signature", async function () {
      const { market, token, alice, carol, dave, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId), { nonce: 7n });
      await market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature);
      await expect(market.connect(dave).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed").withArgs(7n);
    });

    it("refuses a signature past its deadline", async function () {
      const { market, token, alice, carol, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId));
      await time.setNextBlockTimestamp(approval.deadline + 1n);
      await expect(market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature))
        .to.be.revertedWithCustomError(token, "ApprovalExpired").withArgs(approval.deadline);
    });

    it("refuses a signature by anyone but the token's owner", async function () {
      const { market, token, bob, carol, listingId } = await loadFixture(deployWithListing);
      const entry = await market.listing(listingId);
      for (const signer of [bob, carol]) {
        const approval = await signListingApproval(signer, token, entry);
        await expect(market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature))
          .to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
      }
    });

    it("refuses a signature over another price, amount, buyer, expiry or seller than the listing's", async function () {
      const { market, token, alice, carol, listingId, expiry } = await loadFixture(deployWithListing);
      const entry = await market.listing(listingId);
      const variants: Partial<ListingApprovalMessage>[] = [
        { price: PRICE - 1n },
        { amount: LISTED + 1n },
        { buyer: carol.address },
        { expiry: expiry + 1n },
        { seller: carol.address },
      ];
      for (const variant of variants) {
        const approval = await signListingApproval(alice, token, entry, variant);
        await expect(market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature))
          .to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
      }
    });

    it("refuses a signature presented with another nonce or deadline than signed", async function () {
      const { market, token, alice, carol, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId));
      await expect(market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce + 1n, approval.deadline, approval.signature))
        .to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
      await expect(market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline + 1n, approval.signature))
        .to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("refuses a signature made for another token's domain", async function () {
      const { market, token, usdAddress, alice, carol, listingId } = await loadFixture(deployWithListing);
      const domain = { ...(await tokenDomain(token)), verifyingContract: usdAddress };
      const approval = await signListingApproval(alice, token, await market.listing(listingId), {}, domain);
      await expect(market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature))
        .to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("refuses a nonce the owner cancelled", async function () {
      const { market, token, alice, carol, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId), { nonce: 5n });
      await expect(token.connect(alice).cancelApproval(5n)).to.emit(token, "ApprovalCancelled").withArgs(5n);
      await expect(market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed").withArgs(5n);
    });

    it("shares its nonces with signed transfer approvals, in both directions", async function () {
      const { market, token, alice, bob, carol, dave, listingId } = await loadFixture(deployWithListing);
      const deadline = (await pinNextBlock()) + 3_600n;
      // A TransferApproval uses nonce 9: a ListingApproval with nonce 9 is dead.
      const transfer9 = await signTransferApproval(alice, token, { from: bob.address, to: dave.address, amount: SHARE, nonce: 9n, deadline });
      await token.connect(bob).transferWithApproval(dave.address, SHARE, 9n, deadline, transfer9);
      const listing9 = await signListingApproval(alice, token, await market.listing(listingId), { nonce: 9n, deadline });
      await expect(market.connect(carol).fillWithApproval(listingId, SHARE, 9n, deadline, listing9.signature))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed").withArgs(9n);
      // A ListingApproval uses nonce 10: a TransferApproval with nonce 10 is dead.
      const listing10 = await signListingApproval(alice, token, await market.listing(listingId), { nonce: 10n, deadline });
      await market.connect(carol).fillWithApproval(listingId, SHARE, 10n, deadline, listing10.signature);
      const transfer10 = await signTransferApproval(alice, token, { from: bob.address, to: dave.address, amount: SHARE, nonce: 10n, deadline });
      await expect(token.connect(bob).transferWithApproval(dave.address, SHARE, 10n, deadline, transfer10))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed").withArgs(10n);
    });

    it("refuses a cancelled listing even with a valid signature", async function () {
      const { market, token, alice, bob, carol, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId));
      await market.connect(bob).cancelListing(listingId);
      await expect(market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature))
        .to.be.revertedWithCustomError(market, "ListingIsCancelled").withArgs(listingId);
    });

    it("refuses an expired listing even with a valid signature, leaving the nonce unused", async function () {
      const { market, token, alice, carol, listingId, expiry } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId), {
        deadline: expiry + 3_600n,
      });
      await time.setNextBlockTimestamp(expiry + 1n);
      await expect(market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature))
        .to.be.revertedWithCustomError(market, "ListingExpired").withArgs(listingId, expiry);
      expect(await token.nonceUsed(approval.nonce)).to.equal(false);
    });

    it("lets only the market use a listing approval or settle a trade on the token", async function () {
      const { market, token, alice, bob, carol, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId));
      await expect(
        token.connect(carol).useListingApproval(
          approval.seller, approval.amount, approval.price, approval.buyer, approval.expiry,
          approval.nonce, approval.deadline, approval.signature,
        ),
      ).to.be.revertedWithCustomError(token, "CallerNotMarket").withArgs(carol.address);
      await expect(token.connect(alice).settleTrade(bob.address, carol.address, SHARE, PRICE, PRICE))
        .to.be.revertedWithCustomError(token, "CallerNotMarket").withArgs(alice.address);
      await expect(token.connect(alice).settleTrade(ZERO_ADDRESS, carol.address, SHARE, PRICE, PRICE))
        .to.be.revertedWithCustomError(token, "CallerNotMarket").withArgs(alice.address);
    });
  });

  describe("the owner kicking a holder out with a fair buyback", function () {
    it("buys back every share at the given price into an escrow only the holder can withdraw", async function () {
      const { market, token, usd, usdAddress, alice, dave } = await loadFixture(deployWithBuyer);
      const price = 9n * USD;
      const paid = 90_000n * USD;
      const tx = market.connect(alice).kick(await token.getAddress(), dave.address, price);
      await expect(tx).to.emit(token, "Kicked").withArgs(dave.address, LISTED, 0n).and.to.emit(market, "KickEscrowed").withArgs(await token.getAddress(), dave.address, price, paid);
      await expect(tx).to.emit(token, "Transfer").withArgs(dave.address, alice.address, LISTED);
      await expect(tx).to.emit(market, "Credited").withArgs(dave.address, usdAddress, paid);
      await expect(tx).to.changeTokenBalances(ethers, usd, [alice, market, dave], [-paid, paid, 0n]);
      await expect(tx).to.changeTokenBalances(ethers, token, [dave, alice], [-LISTED, LISTED]);
      expect(await market.withdrawable(dave.address, usdAddress)).to.equal(paid);
      expect(await market.withdrawable(alice.address, usdAddress)).to.equal(0n);
    });

    it("marks the holder kicked, without a pro-rata right, unable to receive, and leaves the last price", async function () {
      const { market, token, alice, dave } = await loadFixture(deployWithBuyer);
      expect(await token.hasProRataRight(dave.address)).to.equal(true);
      expect(await token.canReceive(dave.address)).to.equal(true);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, 9n * USD)).not.to.emit(token, "LastPriceUpdated");
      expect(await token.isKicked(dave.address)).to.equal(true);
      expect(await token.hasProRataRight(dave.address)).to.equal(false);
      expect(await token.canReceive(dave.address)).to.equal(false);
      expect(await token.balanceOf(dave.address)).to.equal(0n);
      expect(await token.lastPrice()).to.equal(PRICE);
    });

    it("lets the kicked holder withdraw its buyback from the market", async function () {
      const { market, token, usd, usdAddress, alice, dave, others } = await loadFixture(deployWithBuyer);
      await market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      const to = others[3];
      const tx = market.connect(dave).withdraw(usd, to.address);
      await expect(tx).to.emit(market, "Withdrawn").withArgs(dave.address, usdAddress, to.address, 80_000n * USD);
      await expect(tx).to.changeTokenBalances(ethers, usd, [market, to], [-80_000n * USD, 80_000n * USD]);
      expect(await market.withdrawable(dave.address, usdAddress)).to.equal(0n);
      await expect(market.connect(dave).withdraw(usd, dave.address))
        .to.be.revertedWithCustomError(market, "NothingToWithdraw").withArgs(dave.address, usdAddress);
    });

    it("leaves gains earned before the kick claimable from the distributor", async function () {
      const { market, token, usd, distributor, alice, dave } = await loadFixture(deployWithBuyer);
      await usd.mint(alice.address, 1_000_000n * USD);
      await usd.connect(alice).approve(await distributor.getAddress(), 1_000_000n * USD);
      await distributor.connect(alice).distribute(usd, 1_000_000n * USD, memo("gain"));
      await market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      expect(await distributor.claimable(dave.address, usd)).to.equal(10_000n * USD);
      await expect(distributor.connect(dave).claim(usd))
        .to.changeTokenBalances(ethers, usd, [distributor, dave], [-10_000n * USD, 10_000n * USD]);
      expect(await distributor.claimable(dave.address, usd)).to.equal(0n);
    });

    it("keeps a kicked address from receiving shares by any path", async function () {
      const f = await loadFixture(deployWithBuyer);
      const { market, token, tokenAddress, alice, arbiter, bob, carol, dave } = f;
      await market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await expect(token.connect(alice).issue(dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ReceiverKicked").withArgs(dave.address);
      await expect(token.connect(alice).transfer(dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ReceiverKicked").withArgs(dave.address);
      const now = BigInt(await time.latest());
      await expect(token.connect(alice).grant(dave.address, SHARE, now, 0n, DAY, memo("help")))
        .to.be.revertedWithCustomError(token, "ReceiverKicked").withArgs(dave.address);
      await expect(token.connect(arbiter).forcedTransfer(bob.address, dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ReceiverKicked").withArgs(dave.address);
      await token.connect(alice).approveTransfer(bob.address, dave.address, SHARE);
      await expect(token.connect(bob).transfer(dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ReceiverKicked").withArgs(dave.address);
      const { offeringId } = await openOffering(f, alice, { shares: 1_000n * SHARE });
      await expect(market.connect(dave).buy(offeringId, SHARE))
        .to.be.revertedWithCustomError(market, "ReceiverKicked").withArgs(dave.address);
      await market.connect(carol).list(tokenAddress, SHARE, PRICE, ZERO_ADDRESS, now + WEEK);
      await market.connect(alice).approveListing(2n);
      await expect(market.connect(dave).fill(2n, SHARE))
        .to.be.revertedWithCustomError(market, "ReceiverKicked").withArgs(dave.address);
      expect(await token.canTransfer(alice.address, dave.address, SHARE)).to.equal(false);
    });

    it("pays at least the holder's average purchase price, rounded up, when no trade set a last price", async function () {
      const { market, token, tokenAddress, usd, alice, bob, dave } = await loadFixture(deployWithHolders);
      const expiry = BigInt(await time.latest()) + WEEK;
      // Two dust fills (below 0.01% of the supply): 3 shares at $1 and 4 at $2, $11 for 7 shares in all.
      await market.connect(bob).list(tokenAddress, 3n * SHARE, USD, ZERO_ADDRESS, expiry);
      await market.connect(bob).list(tokenAddress, 4n * SHARE, 2n * USD, ZERO_ADDRESS, expiry);
      await market.connect(alice).approveListing(1n);
      await market.connect(alice).approveListing(2n);
      await market.connect(dave).fill(1n, 3n * SHARE);
      await market.connect(dave).fill(2n, 4n * SHARE);
      expect(await token.lastPrice()).to.equal(0n);
      expect(await token.purchaseOf(dave.address)).to.deep.equal([11n * USD, 7n * SHARE]);
      const average = 1_571_429n; // ceil(11,000,000 / 7)
      expect(await token.averagePurchasePrice(dave.address)).to.equal(average);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, average - 1n))
        .to.be.revertedWithCustomError(market, "KickPriceTooLow").withArgs(average - 1n, average);
      const paid = dueFor(7n * SHARE, average); // 11,000,003
      const tx = market.connect(alice).kick(await token.getAddress(), dave.address, average);
      await expect(tx).to.emit(token, "Kicked").withArgs(dave.address, 7n * SHARE, 0n).and.to.emit(market, "KickEscrowed").withArgs(await token.getAddress(), dave.address, average, paid);
      await expect(tx).to.changeTokenBalances(ethers, usd, [alice, market], [-paid, paid]);
    });

    it("refuses a price below the last price", async function () {
      const { market, token, tokenAddress, alice, bob, carol, dave } = await loadFixture(deployWithBuyer);
      const expiry = BigInt(await time.latest()) + WEEK;
      await market.connect(carol).list(tokenAddress, 1_000n * SHARE, 10n * USD, ZERO_ADDRESS, expiry);
      await market.connect(alice).approveListing(2n);
      await market.connect(bob).fill(2n, 1_000n * SHARE);
      expect(await token.lastPrice()).to.equal(10n * USD);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, 10n * USD - 1n))
        .to.be.revertedWithCustomError(market, "KickPriceTooLow").withArgs(10n * USD - 1n, 10n * USD);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, 10n * USD))
        .to.emit(token, "Kicked").withArgs(dave.address, LISTED, 0n).and.to.emit(market, "KickEscrowed").withArgs(await token.getAddress(), dave.address, 10n * USD, 100_000n * USD);
    });

    it("refuses a price below the holder's average purchase price when that is above the last price", async function () {
      const { market, token, tokenAddress, alice, bob, carol, dave } = await loadFixture(deployWithBuyer);
      const expiry = BigInt(await time.latest()) + WEEK;
      await market.connect(carol).list(tokenAddress, 1_000n * SHARE, 5n * USD, ZERO_ADDRESS, expiry);
      await market.connect(alice).approveListing(2n);
      await market.connect(bob).fill(2n, 1_000n * SHARE);
      expect(await token.lastPrice()).to.equal(5n * USD);
      expect(await token.averagePurchasePrice(dave.address)).to.equal(PRICE);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE - 1n))
        .to.be.revertedWithCustomError(market, "KickPriceTooLow").withArgs(PRICE - 1n, PRICE);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.emit(token, "Kicked").withArgs(dave.address, LISTED, 0n).and.to.emit(market, "KickEscrowed").withArgs(await token.getAddress(), dave.address, PRICE, 80_000n * USD);
    });

    it("asks the last price of a holder who never paid, once the token has traded", async function () {
      const { market, token, alice, bob } = await loadFixture(deployWithBuyer);
      await expect(market.connect(alice).kick(await token.getAddress(), bob.address, 0n))
        .to.be.revertedWithCustomError(market, "KickPriceTooLow").withArgs(0n, PRICE);
    });

    it("buys out a holder who never paid, on a token that never traded, for nothing", async function () {
      const { market, token, usd, usdAddress, registry, alice, bob } = await loadFixture(deployWithHolders);
      await usd.connect(alice).approve(await market.getAddress(), 0n);
      const tx = market.connect(alice).kick(await token.getAddress(), bob.address, 0n);
      await expect(tx).to.emit(token, "Kicked").withArgs(bob.address, BOB_SHARES, 0n).and.to.emit(market, "KickEscrowed").withArgs(await token.getAddress(), bob.address, 0n, 0n);
      await expect(tx).not.to.emit(market, "Credited");
      await expect(tx).not.to.emit(registry, "KickRecorded");
      await expect(tx).to.changeTokenBalances(ethers, usd, [alice, market], [0n, 0n]);
      await expect(tx).to.changeTokenBalances(ethers, token, [bob, alice], [-BOB_SHARES, BOB_SHARES]);
      expect(await market.withdrawable(bob.address, usdAddress)).to.equal(0n);
      expect(await token.isKicked(bob.address)).to.equal(true);
    });

    it("needs the owner's ERC-20 allowance to the market for the buyback", async function () {
      const { market, token, usd, marketAddress, alice, dave } = await loadFixture(deployWithBuyer);
      await usd.connect(alice).approve(marketAddress, 0n);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.be.revertedWithCustomError(usd, "ERC20InsufficientAllowance").withArgs(marketAddress, 0n, 80_000n * USD);
      expect(await market.withdrawable(dave.address, usd)).to.equal(0n);
    });

    it("refuses ETH sent with a kick priced in an ERC-20", async function () {
      const { market, token, alice, dave } = await loadFixture(deployWithBuyer);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE, { value: 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch").withArgs(1n, 0n);
    });

    it("refuses a fee-on-transfer quote asset that escrows less than is due", async function () {
      const { market, zoesToken, zoe, bob } = await loadFixture(deployWithFeeListing);
      const due = dueFor(LISTED, PRICE);
      await expect(market.connect(zoe).kick(await zoesToken.getAddress(), bob.address, PRICE))
        .to.be.revertedWithCustomError(market, "PaymentShortfall").withArgs(due, (due * 99n) / 100n);
    });

    it("refuses to kick the owner (OwnerCannotBeKicked) or an address without shares (NothingToKick)", async function () {
      const { market, token, alice, mallory, dave } = await loadFixture(deployWithHolders);
      await expect(market.connect(alice).kick(await token.getAddress(), alice.address, 0n))
        .to.be.revertedWithCustomError(token, "OwnerCannotBeKicked").withArgs(alice.address);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, 0n))
        .to.be.revertedWithCustomError(token, "NothingToKick").withArgs(dave.address);
      await expect(market.connect(alice).kick(await token.getAddress(), mallory.address, 0n))
        .to.be.revertedWithCustomError(token, "NothingToKick").withArgs(mallory.address);
    });

    it("refuses to kick a holder with any shares frozen: the arbiter's hold wins", async function () {
      const { market, token, alice, arbiter, dave } = await loadFixture(deployWithBuyer);
      await token.connect(arbiter).setFrozenTokens(dave.address, 1n);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.be.revertedWithCustomError(token, "HolderFrozen").withArgs(dave.address, 1n);
      await token.connect(arbiter).setFrozenTokens(dave.address, 0n);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.emit(token, "Kicked").withArgs(dave.address, LISTED, 0n).and.to.emit(market, "KickEscrowed").withArgs(await token.getAddress(), dave.address, PRICE, 80_000n * USD);
    });

    it("refuses a kick while the token is paused", async function () {
      const { market, token, alice, arbiter, dave } = await loadFixture(deployWithBuyer);
      await token.connect(arbiter).pause();
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE)).to.be.revertedWithCustomError(token, "EnforcedPause").withArgs();
    });

    it("refuses a kick by anyone but the owner", async function () {
      const { market, token, bob, arbiter, dave } = await loadFixture(deployWithBuyer);
      await expect(market.connect(bob).kick(await token.getAddress(), dave.address, PRICE))
        .to.be.revertedWithCustomError(market, "OwnableUnauthorizedAccount").withArgs(bob.address);
      await expect(market.connect(arbiter).kick(await token.getAddress(), dave.address, PRICE))
        .to.be.revertedWithCustomError(market, "OwnableUnauthorizedAccount").withArgs(arbiter.address);
    });

    it("kicks a banned holder, who can still withdraw its buyback", async function () {
      const { market, token, usd, registry, registrar, alice, dave } = await loadFixture(deployWithBuyer);
      await registry.connect(registrar).ban(dave.address, memo("fraud"));
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.emit(token, "Kicked").withArgs(dave.address, LISTED, 0n).and.to.emit(market, "KickEscrowed").withArgs(await token.getAddress(), dave.address, PRICE, 80_000n * USD);
      await expect(market.connect(dave).withdraw(usd, dave.address))
        .to.changeTokenBalances(ethers, usd, [market, dave], [-80_000n * USD, 80_000n * USD]);
    });

    it("kicks a holder whose verification expired", async function () {
      const { market, token, usd, registry, registrar, alice, dave } = await loadFixture(deployWithBuyer);
      const now = await pinNextBlock();
      await registry.connect(registrar).verify(dave.address, now + 10n, memo("short"));
      await time.increase(60);
      expect(await registry.isVerified(dave.address)).to.equal(false);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.emit(token, "Kicked").withArgs(dave.address, LISTED, 0n).and.to.emit(market, "KickEscrowed").withArgs(await token.getAddress(), dave.address, PRICE, 80_000n * USD);
      expect(await market.withdrawable(dave.address, usd)).to.equal(80_000n * USD);
    });
  });

  describe("the owner kicking a holder of a token priced in ETH", function () {
    it("takes exactly the buyback as msg.value and credits the holder's withdrawable ETH", async function () {
      const { market, zoesToken, zoe, bob } = await loadFixture(deployWithEthListing);
      const paid = 10n * ONE_ETH; // 10,000 shares at 0.001 ETH
      const tx = market.connect(zoe).kick(await zoesToken.getAddress(), bob.address, ETH_PRICE, { value: paid });
      await expect(tx).to.emit(zoesToken, "Kicked").withArgs(bob.address, LISTED, 0n).and.to.emit(market, "KickEscrowed").withArgs(await zoesToken.getAddress(), bob.address, ETH_PRICE, paid);
      await expect(tx).to.emit(market, "Credited").withArgs(bob.address, ETH, paid);
      await expect(tx).to.changeEtherBalances(ethers, [zoe, market, bob], [-paid, paid, 0n]);
      expect(await market.withdrawable(bob.address, ETH)).to.equal(paid);
      await expect(market.connect(bob).withdraw(ETH, bob.address))
        .to.changeEtherBalances(ethers, [market, bob], [-paid, paid]);
    });

    it("refuses any msg.value other than the buyback due", async function () {
      const { market, zoesToken, zoe, bob } = await loadFixture(deployWithEthListing);
      const due = 10n * ONE_ETH;
      await expect(market.connect(zoe).kick(await zoesToken.getAddress(), bob.address, ETH_PRICE, { value: due - 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch").withArgs(due - 1n, due);
      await expect(market.connect(zoe).kick(await zoesToken.getAddress(), bob.address, ETH_PRICE, { value: due + 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch").withArgs(due + 1n, due);
      await expect(market.connect(zoe).kick(await zoesToken.getAddress(), bob.address, ETH_PRICE))
        .to.be.revertedWithCustomError(market, "EthValueMismatch").withArgs(0n, due);
    });

    it("refuses ETH sent with a buyback of nothing", async function () {
      const { market, zoesToken, zoe, bob } = await loadFixture(deployWithEthListing);
      await expect(market.connect(zoe).kick(await zoesToken.getAddress(), bob.address, 0n, { value: 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch").withArgs(1n, 0n);
    });
  });

  describe("the owner readmitting a kicked address", function () {
    it("lets it receive shares again, without its pro-rata right", async function () {
      const { market, token, alice, dave } = await loadFixture(deployWithBuyer);
      await market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await expect(token.connect(alice).readmit(dave.address)).to.emit(token, "Readmitted").withArgs(dave.address);
      expect(await token.isKicked(dave.address)).to.equal(false);
      expect(await token.canReceive(dave.address)).to.equal(true);
      expect(await token.hasProRataRight(dave.address)).to.equal(false);
      await expect(token.connect(alice).transfer(dave.address, SHARE))
        .to.emit(token, "Transfer").withArgs(alice.address, dave.address, SHARE);
    });

    it("refuses to readmit an address that is not kicked", async function () {
      const { token, alice, bob } = await loadFixture(deployWithBuyer);
      await expect(token.connect(alice).readmit(bob.address))
        .to.be.revertedWithCustomError(token, "NotKicked").withArgs(bob.address);
    });

    it("refuses a readmission by anyone but the owner", async function () {
      const { market, token, alice, bob, dave } = await loadFixture(deployWithBuyer);
      await market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await expect(token.connect(bob).readmit(dave.address))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount").withArgs(bob.address);
    });
  });

  describe("kicking a holder with an unvested grant", function () {
    it("pays only for the vested and bought shares, takes the unvested ones back unpaid and clears the grant", async function () {
      const { market, token, usd, alice, dave } = await loadFixture(deployWithBuyer);
      const start = (await pinNextBlock()) + 100n;
      await expect(token.connect(alice).grant(dave.address, 20_000n * SHARE, start, 0n, 100n * DAY, memo("help")))
        .to.emit(token, "Granted").withArgs(dave.address, 20_000n * SHARE, start, 0n, 100n * DAY, memo("help"));
      // A quarter in: 5,000 of the 20,000 granted shares vested, 15,000 still locked.
      await time.setNextBlockTimestamp(start + 25n * DAY);
      const boughtBack = 15_000n * SHARE; // 10,000 bought + 5,000 vested
      const unvested = 15_000n * SHARE;
      const paid = 120_000n * USD;
      const tx = market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await expect(tx).to.emit(token, "Kicked").withArgs(dave.address, boughtBack, unvested).and.to.emit(market, "KickEscrowed").withArgs(await token.getAddress(), dave.address, PRICE, paid);
      await expect(tx).to.changeTokenBalances(ethers, token, [dave, alice], [-30_000n * SHARE, 30_000n * SHARE]);
      await expect(tx).to.changeTokenBalances(ethers, usd, [alice, market], [-paid, paid]);
      expect(await token.grantOf(dave.address)).to.deep.equal([0n, 0n, 0n, 0n]);
      expect(await token.lockedOf(dave.address)).to.equal(0n);
      expect(await market.withdrawable(dave.address, usd)).to.equal(paid);
    });

    it("returns a grant still before its cliff unpaid", async function () {
      const { market, token, usd, alice, carol } = await loadFixture(deployWithHolders);
      const now = BigInt(await time.latest());
      await token.connect(alice).grant(carol.address, 10_000n * SHARE, now, 30n * DAY, 100n * DAY, memo("help"));
      const tx = market.connect(alice).kick(await token.getAddress(), carol.address, 0n);
      await expect(tx).to.emit(token, "Kicked").withArgs(carol.address, CAROL_SHARES, 10_000n * SHARE).and.to.emit(market, "KickEscrowed").withArgs(await token.getAddress(), carol.address, 0n, 0n);
      await expect(tx).to.changeTokenBalances(ethers, token, [carol, alice], [-60_000n * SHARE, 60_000n * SHARE]);
      expect(await market.withdrawable(carol.address, usd)).to.equal(0n);
      expect(await token.grantOf(carol.address)).to.deep.equal([0n, 0n, 0n, 0n]);
    });
  });

  describe("kicking a holder with a pending all-or-nothing purchase", function () {
    /** As `deployWithBuyer`, plus an all-or-nothing sell-down of 20,000 shares at $8 needing $80,000 in which Dave bought 5,000. */
    async function deployWithPendingPurchase() {
      const f = await deployWithBuyer();
      const { offeringId, end } = await openOffering(f, f.alice, { minRaise: 80_000n * USD });
      await f.market.connect(f.dave).buy(offeringId, 5_000n * SHARE);
      return { ...f, offeringId, end };
    }

    it("refunds it before the end and offers its shares again", async function () {
      const { market, token, usd, usdAddress, alice, carol, dave, offeringId } = await loadFixture(deployWithPendingPurchase);
      expect((await market.offering(offeringId)).sold).to.equal(5_000n * SHARE);
      const tx = market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await expect(tx)
        .to.emit(market, "PurchaseSettled").withArgs(offeringId, dave.address, 5_000n * SHARE, 40_000n * USD, false);
      await expect(tx).to.emit(market, "Credited").withArgs(dave.address, usdAddress, 40_000n * USD);
      await expect(tx).to.emit(market, "Credited").withArgs(dave.address, usdAddress, 80_000n * USD);
      await expect(tx).to.changeTokenBalances(ethers, usd, [alice, market], [-80_000n * USD, 80_000n * USD]);
      expect(await market.withdrawable(dave.address, usd)).to.equal(120_000n * USD);
      const offering = await market.offering(offeringId);
      expect(offering.sold).to.equal(0n);
      expect(offering.raised).to.equal(0n);
      expect(offering.pendingShares).to.equal(0n);
      expect(offering.unsettled).to.equal(0n);
      const position = await market.position(offeringId, dave.address);
      expect([position.bought, position.pendingShares, position.pendingPaid]).to.deep.equal([0n, 0n, 0n]);
      await expect(market.connect(carol).buy(offeringId, 20_000n * SHARE))
        .to.emit(market, "Purchased").withArgs(offeringId, carol.address, 20_000n * SHARE, 160_000n * USD, false);
    });

    it("refunds it after the end but lets the offering's outcome stand", async function () {
      const { market, token, usd, alice, carol, dave, offeringId, end } = await loadFixture(deployWithPendingPurchase);
      await market.connect(carol).buy(offeringId, 10_000n * SHARE);
      await time.increaseTo(end + 1n);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.emit(market, "PurchaseSettled").withArgs(offeringId, dave.address, 5_000n * SHARE, 40_000n * USD, false);
      expect(await market.withdrawable(dave.address, usd)).to.equal(120_000n * USD);
      const offering = await market.offering(offeringId);
      expect(offering.sold).to.equal(15_000n * SHARE);
      expect(offering.raised).to.equal(120_000n * USD);
      expect(offering.pendingShares).to.equal(10_000n * SHARE);
      expect(offering.unsettled).to.equal(1n);
      expect((await market.position(offeringId, dave.address)).pendingShares).to.equal(0n);
      await expect(market.settle(offeringId, dave.address))
        .to.be.revertedWithCustomError(market, "NothingToSettle").withArgs(offeringId, dave.address);
      await expect(market.settle(offeringId, carol.address))
        .to.emit(market, "PurchaseSettled").withArgs(offeringId, carol.address, 10_000n * SHARE, 80_000n * USD, true);
      expect(await token.balanceOf(carol.address)).to.equal(CAROL_SHARES + 10_000n * SHARE);
      expect(await market.isFinished(offeringId)).to.equal(true);
    });
  });

  describe("an investor's reputation across kicks", function () {
    it("counts a kick of an investor who bought in the token on-chain", async function () {
      const { market, token, registry, alice, dave } = await loadFixture(deployWithBuyer);
      expect(await registry.kickCount(dave.address)).to.equal(0n);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.emit(registry, "KickRecorded").withArgs(dave.address, 1n);
      expect(await registry.kickCount(dave.address)).to.equal(1n);
    });

    it("counts a kick of an investor who bought in an offering", async function () {
      const f = await loadFixture(deployWithHolders);
      const { offeringId } = await openOffering(f, f.alice, { shares: 1_000n * SHARE });
      await f.market.connect(f.dave).buy(offeringId, 1_000n * SHARE);
      await expect(f.market.connect(f.alice).kick(await f.token.getAddress(), f.dave.address, PRICE))
        .to.emit(f.registry, "KickRecorded").withArgs(f.dave.address, 1n);
      expect(await f.registry.kickCount(f.dave.address)).to.equal(1n);
    });

    it("does not count a kick of a holder who only received transfers", async function () {
      const { market, token, registry, alice, bob, carol } = await loadFixture(deployWithBuyer);
      await expect(market.connect(alice).kick(await token.getAddress(), bob.address, PRICE)).not.to.emit(registry, "KickRecorded");
      await expect(market.connect(alice).kick(await token.getAddress(), carol.address, PRICE)).not.to.emit(registry, "KickRecorded");
      expect(await registry.kickCount(bob.address)).to.equal(0n);
      expect(await registry.kickCount(carol.address)).to.equal(0n);
    });

    it("counts one token once: kick, readmit, buy again, kick again still makes 1", async function () {
      const { market, token, tokenAddress, registry, alice, carol, dave } = await loadFixture(deployWithBuyer);
      await market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await token.connect(alice).readmit(dave.address);
      const expiry = BigInt(await time.latest()) + WEEK;
      await market.connect(carol).list(tokenAddress, 1_000n * SHARE, PRICE, ZERO_ADDRESS, expiry);
      await market.connect(alice).approveListing(2n);
      await market.connect(dave).fill(2n, 1_000n * SHARE);
      const tx = market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await expect(tx).to.emit(token, "Kicked").withArgs(dave.address, 1_000n * SHARE, 0n).and.to.emit(market, "KickEscrowed").withArgs(await token.getAddress(), dave.address, PRICE, 8_000n * USD);
      await expect(tx).not.to.emit(registry, "KickRecorded");
      expect(await registry.kickCount(dave.address)).to.equal(1n);
    });

    it("counts a second token that kicks the same investor", async function () {
      const { market, token, zoesToken, zoesTokenAddress, registry, alice, bob, dave, zoe } =
        await loadFixture(deployWithSecondToken);
      await market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      const expiry = BigInt(await time.latest()) + WEEK;
      await market.connect(bob).list(zoesTokenAddress, LISTED, PRICE, ZERO_ADDRESS, expiry);
      const listingId = await market.listingCount();
      await market.connect(zoe).approveListing(listingId);
      await market.connect(dave).fill(listingId, LISTED);
      await expect(market.connect(zoe).kick(await zoesToken.getAddress(), dave.address, PRICE))
        .to.emit(registry, "KickRecorded").withArgs(dave.address, 2n);
      expect(await registry.kickCount(dave.address)).to.equal(2n);
    });

    it("lets only the market record a kick", async function () {
      const { registry, alice, deployer } = await loadFixture(deployWithHolders);
      await expect(registry.connect(alice).recordKick(alice.address))
        .to.be.revertedWithCustomError(registry, "CallerNotMarket").withArgs(alice.address);
      await expect(registry.connect(deployer).recordKick(alice.address))
        .to.be.revertedWithCustomError(registry, "CallerNotMarket").withArgs(deployer.address);
    });

    it("binds the registry's market and the market's factory once, at deployment", async function () {
      const { registry, market, factory, deployer, bob, marketAddress } = await loadFixture(deployWithHolders);
      expect(await registry.market()).to.equal(marketAddress);
      expect(await market.factory()).to.equal(await factory.getAddress());
      await expect(registry.connect(deployer).bindMarket(bob.address))
        .to.be.revertedWithCustomError(registry, "AlreadyBound").withArgs(marketAddress);
      await expect(market.connect(deployer).bindFactory(bob.address))
        .to.be.revertedWithCustomError(market, "AlreadyBound").withArgs(await factory.getAddress());
      await expect(market.connect(bob).bindFactory(bob.address))
        .to.be.revertedWithCustomError(market, "CallerNotDeployer").withArgs(bob.address);
    });

    it("refuses a kick in a token the factory did not create", async function () {
      const { market, alice, bob } = await loadFixture(deployWithHolders);
      await expect(market.connect(alice).kick(alice.address, bob.address, 0n))
        .to.be.revertedWithCustomError(market, "UnknownToken").withArgs(alice.address);
    });
  });
});
