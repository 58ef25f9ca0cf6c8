import { expect } from "chai";
import { CreditReason } from "../../client/market.ts";
import { ETH, ethers, memo, SHARE, USD, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  SUPPLY,
  BOB_SHARES,
  CAROL_SHARES,
  FUNDS,
  PRICE,
  LISTED,
  ONE_ETH,
  DAY,
  WEEK,
  dueFor,
  deployWithHolders,
  deployWithListing,
  deployWithApprovedListing,
  deployWithEthListing,
  deployWithFeeListing,
  openOffering,
  loadFixture,
  time,
} from "../helpers/listings.js";

describe("ShareMarket: secondary sales and kicks", function () {
  describe("a buyer filling an approved listing", function () {
    it("pulls the payment from the buyer straight to the seller and moves the shares", async function () {
      const { market, token, usd, bob, carol, listingId, tokenAddress, usdAddress } =
        await loadFixture(deployWithApprovedListing);
      const shares = 4_000n * SHARE;
      const paid = 32_000n * USD;
      const tx = market.connect(carol).fill(listingId, shares);
      await expect(tx)
        .to.emit(market, "ListingFilled")
        .withArgs(listingId, tokenAddress, carol.address, bob.address, usdAddress, shares, paid);
      await expect(tx).to.emit(token, "Transfer").withArgs(bob.address, carol.address, shares);
      await expect(tx).to.changeTokenBalances(ethers, usd, [carol, bob, market], [-paid, paid, 0n]);
      await expect(tx).to.changeTokenBalances(ethers, token, [bob, carol], [-shares, shares]);
      expect(await market.withdrawable(bob.address, usd)).to.equal(0n);
    });

    it("leaves the rest listed after a partial fill, and a later fill takes it", async function () {
      const { market, token, bob, carol, dave, listingId, tokenAddress, usdAddress } =
        await loadFixture(deployWithApprovedListing);
      await market.connect(carol).fill(listingId, 4_000n * SHARE);
      const entry = await market.listing(listingId);
      expect(entry.filled).to.equal(4_000n * SHARE);
      expect(entry.amount).to.equal(LISTED);
      await expect(market.connect(dave).fill(listingId, 6_000n * SHARE + 1n))
        .to.be.revertedWithCustomError(market, "NotEnoughShares")
        .withArgs(6_000n * SHARE + 1n, 6_000n * SHARE);
      await expect(market.connect(dave).fill(listingId, 6_000n * SHARE))
        .to.emit(market, "ListingFilled")
        .withArgs(listingId, tokenAddress, dave.address, bob.address, usdAddress, 6_000n * SHARE, 48_000n * USD);
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
      const { market, token, tokenAddress, usd, alice, bob, carol, usdAddress } = await loadFixture(deployWithHolders);
      const expiry = BigInt(await time.latest()) + WEEK;
      const price = 6_666_667n; // $6.666667
      await market.connect(bob).list(tokenAddress, LISTED, price, ZERO_ADDRESS, expiry);
      await market.connect(alice).approveListing(1n);
      const shares = (3n * SHARE) / 2n; // 1.5 shares: 10,000,000.5 units, rounded up
      const tx = market.connect(carol).fill(1n, shares);
      await expect(tx)
        .to.emit(market, "ListingFilled")
        .withArgs(1n, tokenAddress, carol.address, bob.address, usdAddress, shares, 10_000_001n);
      await expect(tx).to.changeTokenBalances(ethers, usd, [carol, bob], [-10_000_001n, 10_000_001n]);
      await expect(market.connect(carol).fill(1n, 1n))
        .to.emit(market, "ListingFilled")
        .withArgs(1n, tokenAddress, carol.address, bob.address, usdAddress, 1n, 1n);
      expect(await token.purchaseOf(carol.address)).to.deep.equal([10_000_002n, shares + 1n]);
    });

    it("fills up to the second of its expiry", async function () {
      const { market, carol, listingId, expiry, tokenAddress, usdAddress, bob } =
        await loadFixture(deployWithApprovedListing);
      await time.setNextBlockTimestamp(expiry);
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.emit(market, "ListingFilled")
        .withArgs(listingId, tokenAddress, carol.address, bob.address, usdAddress, SHARE, PRICE);
    });

    it("lets the buyer the listing names fill it", async function () {
      const { market, tokenAddress, alice, bob, dave, usdAddress } = await loadFixture(deployWithHolders);
      const expiry = BigInt(await time.latest()) + WEEK;
      await market.connect(bob).list(tokenAddress, LISTED, PRICE, dave.address, expiry);
      await market.connect(alice).approveListing(1n);
      await expect(market.connect(dave).fill(1n, LISTED))
        .to.emit(market, "ListingFilled")
        .withArgs(1n, tokenAddress, dave.address, bob.address, usdAddress, LISTED, 80_000n * USD);
    });

    it("refuses a listing the owner has not approved (ListingNotApproved)", async function () {
      const { market, carol, listingId } = await loadFixture(deployWithListing);
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "ListingNotApproved")
        .withArgs(listingId);
    });

    it("refuses a listing one second past its expiry (ListingExpired)", async function () {
      const { market, carol, listingId, expiry } = await loadFixture(deployWithApprovedListing);
      await time.setNextBlockTimestamp(expiry + 1n);
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "ListingExpired")
        .withArgs(listingId, expiry);
    });

    it("refuses a fill of zero shares", async function () {
      const { market, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(carol).fill(listingId, 0n))
        .to.be.revertedWithCustomError(market, "ZeroAmount")
        .withArgs();
    });

    it("refuses a fill of more shares than are listed", async function () {
      const { market, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(carol).fill(listingId, LISTED + 1n))
        .to.be.revertedWithCustomError(market, "NotEnoughShares")
        .withArgs(LISTED + 1n, LISTED);
    });

    it("refuses any buyer but the one the listing names (ListingReservedForBuyer)", async function () {
      const { market, tokenAddress, alice, bob, carol, dave } = await loadFixture(deployWithHolders);
      const expiry = BigInt(await time.latest()) + WEEK;
      await market.connect(bob).list(tokenAddress, LISTED, PRICE, dave.address, expiry);
      await market.connect(alice).approveListing(1n);
      await expect(market.connect(carol).fill(1n, SHARE))
        .to.be.revertedWithCustomError(market, "ListingReservedForBuyer")
        .withArgs(1n, dave.address);
    });

    it("refuses the seller as buyer of its own listing (SellerCannotBuy)", async function () {
      const { market, bob, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(bob).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "SellerCannotBuy")
        .withArgs(bob.address);
    });

    it("refuses a buyer who is not verified (ERC7943CannotReceive)", async function () {
      const { market, usd, mallory, marketAddress, listingId } = await loadFixture(deployWithApprovedListing);
      await usd.mint(mallory.address, FUNDS);
      await usd.connect(mallory).approve(marketAddress, FUNDS);
      await expect(market.connect(mallory).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "ERC7943CannotReceive")
        .withArgs(mallory.address);
    });

    it("refuses a buyer the owner kicked (ReceiverKicked)", async function () {
      const { market, token, alice, dave, listingId } = await loadFixture(deployWithApprovedListing);
      await token.connect(alice).transfer(dave.address, SHARE);
      await market.connect(alice).kick(await token.getAddress(), dave.address, 0n);
      await expect(market.connect(dave).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "ReceiverKicked")
        .withArgs(dave.address);
    });

    it("refuses any fill while the token is paused (EnforcedPause)", async function () {
      const { market, token, arbiter, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await token.connect(arbiter).pause();
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(market, "EnforcedPause")
        .withArgs();
    });

    it("refuses ETH sent with a fill priced in an ERC-20", async function () {
      const { market, carol, listingId } = await loadFixture(deployWithApprovedListing);
      await expect(market.connect(carol).fill(listingId, SHARE, { value: 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch")
        .withArgs(1n, 0n);
    });

    it("refuses a fee-on-transfer quote asset that delivers less than was paid", async function () {
      const { market, carol, listingId } = await loadFixture(deployWithFeeListing);
      const due = dueFor(1_000n * SHARE, PRICE); // 8,000,000,000 units; 1% is burnt on the way
      await expect(market.connect(carol).fill(listingId, 1_000n * SHARE))
        .to.be.revertedWithCustomError(market, "PaymentShortfall")
        .withArgs(due, (due * 99n) / 100n);
    });

    it("refuses when the seller's shares are frozen at fill time", async function () {
      const { market, token, arbiter, bob, carol, listingId, tokenAddress, usdAddress } =
        await loadFixture(deployWithApprovedListing);
      await token.connect(arbiter).setFrozenTokens(bob.address, 95_000n * SHARE);
      await expect(market.connect(carol).fill(listingId, LISTED))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(bob.address, LISTED, 5_000n * SHARE);
      await expect(market.connect(carol).fill(listingId, 5_000n * SHARE))
        .to.emit(market, "ListingFilled")
        .withArgs(listingId, tokenAddress, carol.address, bob.address, usdAddress, 5_000n * SHARE, 40_000n * USD);
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
      const { market, token, registry, registrar, bob, carol, listingId } =
        await loadFixture(deployWithApprovedListing);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      await expect(market.connect(carol).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(bob.address);
    });
  });

  describe("a buyer filling a listing priced in ETH", function () {
    it("takes msg.value and credits the seller's withdrawable ETH", async function () {
      const { market, zoesToken, zoesTokenAddress, bob, carol, listingId } = await loadFixture(deployWithEthListing);
      const shares = 4_000n * SHARE;
      const paid = 4n * ONE_ETH;
      const tx = market.connect(carol).fill(listingId, shares, { value: paid });
      await expect(tx)
        .to.emit(market, "Credited")
        .withArgs(bob.address, zoesTokenAddress, ETH, paid, CreditReason.SaleProceeds);
      await expect(tx)
        .to.emit(market, "ListingFilled")
        .withArgs(listingId, zoesTokenAddress, carol.address, bob.address, ETH, shares, paid);
      await expect(tx).to.changeEtherBalances(ethers, [carol, market, bob], [-paid, paid, 0n]);
      await expect(tx).to.changeTokenBalances(ethers, zoesToken, [bob, carol], [-shares, shares]);
      expect(await market.withdrawable(bob.address, ETH)).to.equal(paid);
      expect(await zoesToken.purchaseOf(carol.address)).to.deep.equal([paid, shares]);
    });

    it("lets the seller withdraw the ETH proceeds", async function () {
      const { market, bob, carol, listingId } = await loadFixture(deployWithEthListing);
      await market.connect(carol).fill(listingId, 4_000n * SHARE, { value: 4n * ONE_ETH });
      const tx = market.connect(bob).withdraw(ETH, bob.address);
      await expect(tx)
        .to.emit(market, "Withdrawn")
        .withArgs(bob.address, ETH, bob.address, 4n * ONE_ETH);
      await expect(tx).to.changeEtherBalances(ethers, [market, bob], [-4n * ONE_ETH, 4n * ONE_ETH]);
      expect(await market.withdrawable(bob.address, ETH)).to.equal(0n);
    });

    it("refuses a msg.value one wei off what is due, either way", async function () {
      const { market, carol, listingId } = await loadFixture(deployWithEthListing);
      const due = 4n * ONE_ETH;
      await expect(market.connect(carol).fill(listingId, 4_000n * SHARE, { value: due - 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch")
        .withArgs(due - 1n, due);
      await expect(market.connect(carol).fill(listingId, 4_000n * SHARE, { value: due + 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch")
        .withArgs(due + 1n, due);
      await expect(market.connect(carol).fill(listingId, 4_000n * SHARE))
        .to.be.revertedWithCustomError(market, "EthValueMismatch")
        .withArgs(0n, due);
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
        .to.emit(token, "LastPriceUpdated")
        .withArgs(PRICE);
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
      const { market, token, tokenAddress, alice, carol, dave, listingId } =
        await loadFixture(deployWithApprovedListing);
      await market.connect(dave).fill(listingId, 100n * SHARE);
      const expiry = BigInt(await time.latest()) + WEEK;
      await market.connect(carol).list(tokenAddress, 100n * SHARE, 100n * USD, ZERO_ADDRESS, expiry);
      await market.connect(alice).approveListing(2n);
      await expect(market.connect(dave).fill(2n, 99n * SHARE)).not.to.emit(token, "LastPriceUpdated");
      expect(await token.lastPrice()).to.equal(PRICE);
    });

    it("measures a dilutive purchase against the supply after its shares are minted", async function () {
      const f = await loadFixture(deployWithHolders);
      const { offeringId } = await openOffering(f, f.alice, {
        shares: 1_000n * SHARE,
        price: 5n * USD,
        dilutive: true,
      });
      // 0.01% of the supply before minting, and then some, but short of 0.01% of the supply after.
      const short = 100_010_001_000_100_010_001n;
      expect(short * 10_000n < SUPPLY + short).to.equal(true);
      await expect(f.market.connect(f.dave).buy(offeringId, short)).not.to.emit(f.token, "LastPriceUpdated");
      expect(await f.token.lastPrice()).to.equal(0n);
    });

    it("is set by the smallest dilutive purchase that is 0.01% of the supply after minting", async function () {
      const f = await loadFixture(deployWithHolders);
      const { offeringId } = await openOffering(f, f.alice, {
        shares: 1_000n * SHARE,
        price: 5n * USD,
        dilutive: true,
      });
      const enough = 100_010_001_000_100_010_002n;
      expect(enough * 10_000n >= SUPPLY + enough).to.equal(true);
      await expect(f.market.connect(f.dave).buy(offeringId, enough))
        .to.emit(f.token, "LastPriceUpdated")
        .withArgs(5n * USD);
      expect(await f.token.lastPrice()).to.equal(5n * USD);
    });
  });
});
