import { expect } from "chai";
import {
  ethers,
  pinNextBlock,
  SHARE,
  signTransferApproval,
  tokenDomain,
  USD,
  ZERO_ADDRESS,
} from "../helpers/fixtures.js";
import {
  PRICE,
  LISTED,
  deployWithHolders,
  deployWithListing,
  ListingApprovalMessage,
  signListingApproval,
  loadFixture,
  time,
} from "../helpers/listings.js";

describe("ShareMarket: secondary sales and kicks", function () {
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
      const { market, token, usd, alice, bob, carol, listingId, tokenAddress, usdAddress } =
        await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId), { nonce: 42n });
      const shares = 4_000n * SHARE;
      const tx = market
        .connect(carol)
        .fillWithApproval(listingId, shares, approval.nonce, approval.deadline, approval.signature);
      await expect(tx).to.emit(market, "ListingApproved").withArgs(listingId);
      await expect(tx).to.emit(token, "ApprovalNonceUsed").withArgs(42n);
      await expect(tx)
        .to.emit(market, "ListingFilled")
        .withArgs(listingId, tokenAddress, carol.address, bob.address, usdAddress, shares, 32_000n * USD);
      await expect(tx).to.emit(token, "Transfer").withArgs(bob.address, carol.address, shares);
      await expect(tx).to.changeTokenBalances(ethers, usd, [carol, bob], [-32_000n * USD, 32_000n * USD]);
      expect(await token.nonceUsed(42n)).to.equal(true);
      expect(await token.nonceUsed(1n)).to.equal(false);
      const entry = await market.listing(listingId);
      expect(entry.approved).to.equal(true);
      expect(entry.filled).to.equal(shares);
    });

    it("leaves the listing approved, so the rest fills without another signature", async function () {
      const { market, token, alice, carol, dave, listingId, tokenAddress, usdAddress, bob } =
        await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId));
      await market
        .connect(carol)
        .fillWithApproval(listingId, 4_000n * SHARE, approval.nonce, approval.deadline, approval.signature);
      await expect(market.connect(dave).fill(listingId, 6_000n * SHARE))
        .to.emit(market, "ListingFilled")
        .withArgs(listingId, tokenAddress, dave.address, bob.address, usdAddress, 6_000n * SHARE, 48_000n * USD);
    });

    it("accepts a signature up to the second of its deadline", async function () {
      const { market, token, alice, carol, listingId, tokenAddress, usdAddress, bob } =
        await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId));
      await time.setNextBlockTimestamp(approval.deadline);
      await expect(
        market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature),
      )
        .to.emit(market, "ListingFilled")
        .withArgs(listingId, tokenAddress, carol.address, bob.address, usdAddress, SHARE, PRICE);
    });

    it("refuses a replay of a used signature", async function () {
      const { market, token, alice, carol, dave, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId), { nonce: 7n });
      await market
        .connect(carol)
        .fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature);
      await expect(
        market.connect(dave).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature),
      )
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed")
        .withArgs(7n);
    });

    it("refuses a signature past its deadline", async function () {
      const { market, token, alice, carol, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId));
      await time.setNextBlockTimestamp(approval.deadline + 1n);
      await expect(
        market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature),
      )
        .to.be.revertedWithCustomError(token, "ApprovalExpired")
        .withArgs(approval.deadline);
    });

    it("refuses a signature by anyone but the token's owner", async function () {
      const { market, token, bob, carol, listingId } = await loadFixture(deployWithListing);
      const entry = await market.listing(listingId);
      for (const signer of [bob, carol]) {
        const approval = await signListingApproval(signer, token, entry);
        await expect(
          market
            .connect(carol)
            .fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature),
        ).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
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
        await expect(
          market
            .connect(carol)
            .fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature),
        ).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
      }
    });

    it("refuses a signature presented with another nonce or deadline than signed", async function () {
      const { market, token, alice, carol, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId));
      await expect(
        market
          .connect(carol)
          .fillWithApproval(listingId, SHARE, approval.nonce + 1n, approval.deadline, approval.signature),
      ).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
      await expect(
        market
          .connect(carol)
          .fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline + 1n, approval.signature),
      ).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("refuses a signature made for another token's domain", async function () {
      const { market, token, usdAddress, alice, carol, listingId } = await loadFixture(deployWithListing);
      const domain = { ...(await tokenDomain(token)), verifyingContract: usdAddress };
      const approval = await signListingApproval(alice, token, await market.listing(listingId), {}, domain);
      await expect(
        market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature),
      ).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");
    });

    it("refuses a nonce the owner cancelled", async function () {
      const { market, token, alice, carol, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId), { nonce: 5n });
      await expect(token.connect(alice).cancelApproval(5n)).to.emit(token, "ApprovalCancelled").withArgs(5n);
      await expect(
        market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature),
      )
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed")
        .withArgs(5n);
    });

    it("shares its nonces with signed transfer approvals, in both directions", async function () {
      const { market, token, alice, bob, carol, dave, listingId } = await loadFixture(deployWithListing);
      const deadline = (await pinNextBlock()) + 3_600n;
      // A TransferApproval uses nonce 9: a ListingApproval with nonce 9 is dead.
      const transfer9 = await signTransferApproval(alice, token, {
        from: bob.address,
        to: dave.address,
        amount: SHARE,
        nonce: 9n,
        deadline,
      });
      await token.connect(bob).transferWithApproval(dave.address, SHARE, 9n, deadline, transfer9);
      const listing9 = await signListingApproval(alice, token, await market.listing(listingId), {
        nonce: 9n,
        deadline,
      });
      await expect(market.connect(carol).fillWithApproval(listingId, SHARE, 9n, deadline, listing9.signature))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed")
        .withArgs(9n);
      // A ListingApproval uses nonce 10: a TransferApproval with nonce 10 is dead.
      const listing10 = await signListingApproval(alice, token, await market.listing(listingId), {
        nonce: 10n,
        deadline,
      });
      await market.connect(carol).fillWithApproval(listingId, SHARE, 10n, deadline, listing10.signature);
      const transfer10 = await signTransferApproval(alice, token, {
        from: bob.address,
        to: dave.address,
        amount: SHARE,
        nonce: 10n,
        deadline,
      });
      await expect(token.connect(bob).transferWithApproval(dave.address, SHARE, 10n, deadline, transfer10))
        .to.be.revertedWithCustomError(token, "ApprovalNonceAlreadyUsed")
        .withArgs(10n);
    });

    it("refuses a cancelled listing even with a valid signature", async function () {
      const { market, token, alice, bob, carol, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId));
      await market.connect(bob).cancelListing(listingId);
      await expect(
        market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature),
      )
        .to.be.revertedWithCustomError(market, "ListingIsCancelled")
        .withArgs(listingId);
    });

    it("refuses an expired listing even with a valid signature, leaving the nonce unused", async function () {
      const { market, token, alice, carol, listingId, expiry } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId), {
        deadline: expiry + 3_600n,
      });
      await time.setNextBlockTimestamp(expiry + 1n);
      await expect(
        market.connect(carol).fillWithApproval(listingId, SHARE, approval.nonce, approval.deadline, approval.signature),
      )
        .to.be.revertedWithCustomError(market, "ListingExpired")
        .withArgs(listingId, expiry);
      expect(await token.nonceUsed(approval.nonce)).to.equal(false);
    });

    it("lets only the market use a listing approval or settle a trade on the token", async function () {
      const { market, token, alice, bob, carol, listingId } = await loadFixture(deployWithListing);
      const approval = await signListingApproval(alice, token, await market.listing(listingId));
      await expect(
        token
          .connect(carol)
          .useListingApproval(
            approval.seller,
            approval.amount,
            approval.price,
            approval.buyer,
            approval.expiry,
            approval.nonce,
            approval.deadline,
            approval.signature,
          ),
      )
        .to.be.revertedWithCustomError(token, "CallerNotMarket")
        .withArgs(carol.address);
      await expect(token.connect(alice).settleTrade(bob.address, carol.address, SHARE, PRICE, PRICE))
        .to.be.revertedWithCustomError(token, "CallerNotMarket")
        .withArgs(alice.address);
      await expect(token.connect(alice).settleTrade(ZERO_ADDRESS, carol.address, SHARE, PRICE, PRICE))
        .to.be.revertedWithCustomError(token, "CallerNotMarket")
        .withArgs(alice.address);
    });
  });
});
