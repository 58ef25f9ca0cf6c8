import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ethers, SHARE, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  BOB_SHARES,
  PRICE,
  LISTED,
  WEEK,
  MAX_UINT128,
  deployWithHolders,
  deployWithListing,
  deployWithApprovedListing,
  deployWithBuyer,
  loadFixture,
  time,
} from "../helpers/listings.js";

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
        .to.emit(token, "Transfer")
        .withArgs(bob.address, alice.address, BOB_SHARES);
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
        .to.be.revertedWithCustomError(market, "UnknownToken")
        .withArgs(usdAddress);
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
        .to.emit(market, "ListingApproved")
        .withArgs(listingId);
      expect((await market.listing(listingId)).approved).to.equal(true);
    });

    it("refuses an approval by anyone but the token's owner, the seller included", async function () {
      const { market, bob, carol, listingId } = await loadFixture(deployWithListing);
      await expect(market.connect(bob).approveListing(listingId))
        .to.be.revertedWithCustomError(market, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
      await expect(market.connect(carol).approveListing(listingId))
        .to.be.revertedWithCustomError(market, "OwnableUnauthorizedAccount")
        .withArgs(carol.address);
    });

    it("lets the owner revoke an approval, after which the listing cannot fill until approved again", async function () {
      const { market, alice, carol, listingId, tokenAddress, usdAddress, bob } =
        await loadFixture(deployWithApprovedListing);
      await expect(market.connect(alice).revokeListingApproval(listingId))
        .to.emit(market, "ListingApprovalRevoked")
        .withArgs(listingId);
      expect((await market.listing(listingId)).approved).to.equal(false);
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "ListingNotApproved")
        .withArgs(listingId);
      await market.connect(alice).approveListing(listingId);
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.emit(market, "ListingFilled")
        .withArgs(listingId, tokenAddress, carol.address, bob.address, usdAddress, SHARE, PRICE);
    });

    it("refuses to revoke an approval that was never given", async function () {
      const { market, alice, listingId } = await loadFixture(deployWithListing);
      await expect(market.connect(alice).revokeListingApproval(listingId))
        .to.be.revertedWithCustomError(market, "ListingNotApproved")
        .withArgs(listingId);
    });

    it("refuses a revocation by anyone but the token's owner", async function () {
      const { market, bob, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(bob).revokeListingApproval(listingId))
        .to.be.revertedWithCustomError(market, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("lets the seller cancel, after which the listing cannot fill", async function () {
      const { market, bob, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(bob).cancelListing(listingId))
        .to.emit(market, "ListingCancelled")
        .withArgs(listingId);
      expect((await market.listing(listingId)).cancelled).to.equal(true);
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "ListingIsCancelled")
        .withArgs(listingId);
    });

    it("refuses a cancellation by anyone but the seller, the token's owner included", async function () {
      const { market, alice, carol, listingId } = await loadFixture(deployWithListing);
      await expect(market.connect(alice).cancelListing(listingId))
        .to.be.revertedWithCustomError(market, "CallerNotSeller")
        .withArgs(alice.address);
      await expect(market.connect(carol).cancelListing(listingId))
        .to.be.revertedWithCustomError(market, "CallerNotSeller")
        .withArgs(carol.address);
    });

    it("closes a cancelled listing to approval, revocation and another cancellation", async function () {
      const { market, alice, bob, listingId } = await loadFixture(deployWithApprovedListing);
      await market.connect(bob).cancelListing(listingId);
      await expect(market.connect(alice).approveListing(listingId))
        .to.be.revertedWithCustomError(market, "ListingIsCancelled")
        .withArgs(listingId);
      await expect(market.connect(alice).revokeListingApproval(listingId))
        .to.be.revertedWithCustomError(market, "ListingIsCancelled")
        .withArgs(listingId);
      await expect(market.connect(bob).cancelListing(listingId))
        .to.be.revertedWithCustomError(market, "ListingIsCancelled")
        .withArgs(listingId);
    });

    it("closes a fully filled listing to approval, revocation and cancellation", async function () {
      const { market, alice, bob, carol, listingId } = await loadFixture(deployWithBuyer);
      await expect(market.connect(alice).approveListing(listingId))
        .to.be.revertedWithCustomError(market, "ListingSoldOut")
        .withArgs(listingId);
      await expect(market.connect(alice).revokeListingApproval(listingId))
        .to.be.revertedWithCustomError(market, "ListingSoldOut")
        .withArgs(listingId);
      await expect(market.connect(bob).cancelListing(listingId))
        .to.be.revertedWithCustomError(market, "ListingSoldOut")
        .withArgs(listingId);
      await expect(market.connect(carol).fill(listingId, 1n))
        .to.be.revertedWithCustomError(market, "NotEnoughShares")
        .withArgs(1n, 0n);
    });

    it("refuses every action on a listing that does not exist", async function () {
      const { market, alice, bob, carol } = await loadFixture(deployWithListing);
      await expect(market.connect(alice).approveListing(2n))
        .to.be.revertedWithCustomError(market, "UnknownListing")
        .withArgs(2n);
      await expect(market.connect(alice).revokeListingApproval(0n))
        .to.be.revertedWithCustomError(market, "UnknownListing")
        .withArgs(0n);
      await expect(market.connect(bob).cancelListing(2n))
        .to.be.revertedWithCustomError(market, "UnknownListing")
        .withArgs(2n);
      await expect(market.connect(carol).fill(2n, SHARE))
        .to.be.revertedWithCustomError(market, "UnknownListing")
        .withArgs(2n);
      await expect(market.connect(carol).fillWithApproval(2n, SHARE, 1n, 0n, "0x"))
        .to.be.revertedWithCustomError(market, "UnknownListing")
        .withArgs(2n);
    });
  });
});
