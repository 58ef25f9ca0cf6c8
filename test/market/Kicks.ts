import { expect } from "chai";
import { CreditReason } from "../../client/market.ts";
import { ETH, ethers, memo, pinNextBlock, SHARE, USD, ZERO_ADDRESS } from "../helpers/fixtures.js";
import {
  BOB_SHARES,
  PRICE,
  LISTED,
  ONE_ETH,
  ETH_PRICE,
  DAY,
  WEEK,
  dueFor,
  deployWithHolders,
  deployWithBuyer,
  deployWithEthListing,
  deployWithFeeListing,
  openOffering,
  loadFixture,
  time,
} from "../helpers/listings.js";

describe("ShareMarket: secondary sales and kicks", function () {
  describe("the owner kicking a holder out with a fair buyback", function () {
    it("buys back every share at the given price into an escrow only the holder can withdraw", async function () {
      const { market, token, tokenAddress, usd, usdAddress, alice, dave } = await loadFixture(deployWithBuyer);
      const price = 9n * USD;
      const paid = 90_000n * USD;
      const tx = market.connect(alice).kick(await token.getAddress(), dave.address, price);
      await expect(tx)
        .to.emit(token, "Kicked")
        .withArgs(dave.address, LISTED, 0n)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), dave.address, price, paid);
      await expect(tx).to.emit(token, "Transfer").withArgs(dave.address, alice.address, LISTED);
      await expect(tx)
        .to.emit(market, "Credited")
        .withArgs(dave.address, tokenAddress, usdAddress, paid, CreditReason.Buyback);
      await expect(tx).to.changeTokenBalances(ethers, usd, [alice, market, dave], [-paid, paid, 0n]);
      await expect(tx).to.changeTokenBalances(ethers, token, [dave, alice], [-LISTED, LISTED]);
      expect(await market.withdrawable(dave.address, usdAddress)).to.equal(paid);
      expect(await market.withdrawable(alice.address, usdAddress)).to.equal(0n);
    });

    it("marks the holder kicked, without a pro-rata right, unable to receive, and leaves the last price", async function () {
      const { market, token, alice, dave } = await loadFixture(deployWithBuyer);
      expect(await token.hasProRataRight(dave.address)).to.equal(true);
      expect(await token.canReceive(dave.address)).to.equal(true);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, 9n * USD)).not.to.emit(
        token,
        "LastPriceUpdated",
      );
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
      await expect(tx)
        .to.emit(market, "Withdrawn")
        .withArgs(dave.address, usdAddress, to.address, 80_000n * USD);
      await expect(tx).to.changeTokenBalances(ethers, usd, [market, to], [-80_000n * USD, 80_000n * USD]);
      expect(await market.withdrawable(dave.address, usdAddress)).to.equal(0n);
      await expect(market.connect(dave).withdraw(usd, dave.address))
        .to.be.revertedWithCustomError(market, "NothingToWithdraw")
        .withArgs(dave.address, usdAddress);
    });

    it("leaves gains earned before the kick claimable from the distributor", async function () {
      const { market, token, usd, distributor, alice, dave } = await loadFixture(deployWithBuyer);
      await usd.mint(alice.address, 1_000_000n * USD);
      await usd.connect(alice).approve(await distributor.getAddress(), 1_000_000n * USD);
      await distributor.connect(alice).distribute(usd, 1_000_000n * USD, memo("gain"));
      await market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      expect(await distributor.claimable(dave.address, usd)).to.equal(10_000n * USD);
      await expect(distributor.connect(dave).claim(usd)).to.changeTokenBalances(
        ethers,
        usd,
        [distributor, dave],
        [-10_000n * USD, 10_000n * USD],
      );
      expect(await distributor.claimable(dave.address, usd)).to.equal(0n);
    });

    it("keeps a kicked address from receiving shares by any path", async function () {
      const f = await loadFixture(deployWithBuyer);
      const { market, token, tokenAddress, alice, arbiter, bob, carol, dave } = f;
      await market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await expect(token.connect(alice).issue(dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ReceiverKicked")
        .withArgs(dave.address);
      await expect(token.connect(alice).transfer(dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ReceiverKicked")
        .withArgs(dave.address);
      const now = BigInt(await time.latest());
      await expect(token.connect(alice).grant(dave.address, SHARE, now, 0n, DAY, memo("help")))
        .to.be.revertedWithCustomError(token, "ReceiverKicked")
        .withArgs(dave.address);
      await expect(token.connect(arbiter).forcedTransfer(bob.address, dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ReceiverKicked")
        .withArgs(dave.address);
      await token.connect(alice).approveTransfer(bob.address, dave.address, SHARE);
      await expect(token.connect(bob).transfer(dave.address, SHARE))
        .to.be.revertedWithCustomError(token, "ReceiverKicked")
        .withArgs(dave.address);
      const { offeringId } = await openOffering(f, alice, { shares: 1_000n * SHARE });
      await expect(market.connect(dave).buy(offeringId, SHARE))
        .to.be.revertedWithCustomError(market, "ReceiverKicked")
        .withArgs(dave.address);
      await market.connect(carol).list(tokenAddress, SHARE, PRICE, ZERO_ADDRESS, now + WEEK);
      await market.connect(alice).approveListing(2n);
      await expect(market.connect(dave).fill(2n, SHARE))
        .to.be.revertedWithCustomError(market, "ReceiverKicked")
        .withArgs(dave.address);
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
        .to.be.revertedWithCustomError(market, "KickPriceTooLow")
        .withArgs(average - 1n, average);
      const paid = dueFor(7n * SHARE, average); // 11,000,003
      const tx = market.connect(alice).kick(await token.getAddress(), dave.address, average);
      await expect(tx)
        .to.emit(token, "Kicked")
        .withArgs(dave.address, 7n * SHARE, 0n)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), dave.address, average, paid);
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
        .to.be.revertedWithCustomError(market, "KickPriceTooLow")
        .withArgs(10n * USD - 1n, 10n * USD);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, 10n * USD))
        .to.emit(token, "Kicked")
        .withArgs(dave.address, LISTED, 0n)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), dave.address, 10n * USD, 100_000n * USD);
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
        .to.be.revertedWithCustomError(market, "KickPriceTooLow")
        .withArgs(PRICE - 1n, PRICE);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.emit(token, "Kicked")
        .withArgs(dave.address, LISTED, 0n)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), dave.address, PRICE, 80_000n * USD);
    });

    it("asks the last price of a holder who never paid, once the token has traded", async function () {
      const { market, token, alice, bob } = await loadFixture(deployWithBuyer);
      await expect(market.connect(alice).kick(await token.getAddress(), bob.address, 0n))
        .to.be.revertedWithCustomError(market, "KickPriceTooLow")
        .withArgs(0n, PRICE);
    });

    it("buys out a holder who never paid, on a token that never traded, for nothing", async function () {
      const { market, token, usd, usdAddress, registry, alice, bob } = await loadFixture(deployWithHolders);
      await usd.connect(alice).approve(await market.getAddress(), 0n);
      const tx = market.connect(alice).kick(await token.getAddress(), bob.address, 0n);
      await expect(tx)
        .to.emit(token, "Kicked")
        .withArgs(bob.address, BOB_SHARES, 0n)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), bob.address, 0n, 0n);
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
        .to.be.revertedWithCustomError(usd, "ERC20InsufficientAllowance")
        .withArgs(marketAddress, 0n, 80_000n * USD);
      expect(await market.withdrawable(dave.address, usd)).to.equal(0n);
    });

    it("refuses ETH sent with a kick priced in an ERC-20", async function () {
      const { market, token, alice, dave } = await loadFixture(deployWithBuyer);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE, { value: 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch")
        .withArgs(1n, 0n);
    });

    it("refuses a fee-on-transfer quote asset that escrows less than is due", async function () {
      const { market, zoesToken, zoe, bob } = await loadFixture(deployWithFeeListing);
      const due = dueFor(LISTED, PRICE);
      await expect(market.connect(zoe).kick(await zoesToken.getAddress(), bob.address, PRICE))
        .to.be.revertedWithCustomError(market, "PaymentShortfall")
        .withArgs(due, (due * 99n) / 100n);
    });

    it("refuses to kick the owner (OwnerCannotBeKicked) or an address without shares (NothingToKick)", async function () {
      const { market, token, alice, mallory, dave } = await loadFixture(deployWithHolders);
      await expect(market.connect(alice).kick(await token.getAddress(), alice.address, 0n))
        .to.be.revertedWithCustomError(token, "OwnerCannotBeKicked")
        .withArgs(alice.address);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, 0n))
        .to.be.revertedWithCustomError(token, "NothingToKick")
        .withArgs(dave.address);
      await expect(market.connect(alice).kick(await token.getAddress(), mallory.address, 0n))
        .to.be.revertedWithCustomError(token, "NothingToKick")
        .withArgs(mallory.address);
    });

    it("refuses to kick a holder with any shares frozen: the arbiter's hold wins", async function () {
      const { market, token, alice, arbiter, dave } = await loadFixture(deployWithBuyer);
      await token.connect(arbiter).setFrozenTokens(dave.address, 1n);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.be.revertedWithCustomError(token, "HolderFrozen")
        .withArgs(dave.address, 1n);
      await token.connect(arbiter).setFrozenTokens(dave.address, 0n);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.emit(token, "Kicked")
        .withArgs(dave.address, LISTED, 0n)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), dave.address, PRICE, 80_000n * USD);
    });

    it("refuses a kick while the token is paused", async function () {
      const { market, token, alice, arbiter, dave } = await loadFixture(deployWithBuyer);
      await token.connect(arbiter).pause();
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.be.revertedWithCustomError(token, "EnforcedPause")
        .withArgs();
    });

    it("refuses a kick by anyone but the owner", async function () {
      const { market, token, bob, arbiter, dave } = await loadFixture(deployWithBuyer);
      await expect(market.connect(bob).kick(await token.getAddress(), dave.address, PRICE))
        .to.be.revertedWithCustomError(market, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
      await expect(market.connect(arbiter).kick(await token.getAddress(), dave.address, PRICE))
        .to.be.revertedWithCustomError(market, "OwnableUnauthorizedAccount")
        .withArgs(arbiter.address);
    });

    it("kicks a banned holder, who can still withdraw its buyback", async function () {
      const { market, token, usd, registry, registrar, alice, dave } = await loadFixture(deployWithBuyer);
      await registry.connect(registrar).ban(dave.address, memo("fraud"));
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.emit(token, "Kicked")
        .withArgs(dave.address, LISTED, 0n)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), dave.address, PRICE, 80_000n * USD);
      await expect(market.connect(dave).withdraw(usd, dave.address)).to.changeTokenBalances(
        ethers,
        usd,
        [market, dave],
        [-80_000n * USD, 80_000n * USD],
      );
    });

    it("kicks a holder whose verification expired", async function () {
      const { market, token, usd, registry, registrar, alice, dave } = await loadFixture(deployWithBuyer);
      const now = await pinNextBlock();
      await registry.connect(registrar).verify(dave.address, now + 10n, memo("short"));
      await time.increase(60);
      expect(await registry.isVerified(dave.address)).to.equal(false);
      await expect(market.connect(alice).kick(await token.getAddress(), dave.address, PRICE))
        .to.emit(token, "Kicked")
        .withArgs(dave.address, LISTED, 0n)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await token.getAddress(), dave.address, PRICE, 80_000n * USD);
      expect(await market.withdrawable(dave.address, usd)).to.equal(80_000n * USD);
    });
  });

  describe("the owner kicking a holder of a token priced in ETH", function () {
    it("takes exactly the buyback as msg.value and credits the holder's withdrawable ETH", async function () {
      const { market, zoesToken, zoe, bob } = await loadFixture(deployWithEthListing);
      const paid = 10n * ONE_ETH; // 10,000 shares at 0.001 ETH
      const tx = market.connect(zoe).kick(await zoesToken.getAddress(), bob.address, ETH_PRICE, { value: paid });
      await expect(tx)
        .to.emit(zoesToken, "Kicked")
        .withArgs(bob.address, LISTED, 0n)
        .and.to.emit(market, "KickEscrowed")
        .withArgs(await zoesToken.getAddress(), bob.address, ETH_PRICE, paid);
      await expect(tx)
        .to.emit(market, "Credited")
        .withArgs(bob.address, await zoesToken.getAddress(), ETH, paid, CreditReason.Buyback);
      await expect(tx).to.changeEtherBalances(ethers, [zoe, market, bob], [-paid, paid, 0n]);
      expect(await market.withdrawable(bob.address, ETH)).to.equal(paid);
      await expect(market.connect(bob).withdraw(ETH, bob.address)).to.changeEtherBalances(
        ethers,
        [market, bob],
        [-paid, paid],
      );
    });

    it("refuses any msg.value other than the buyback due", async function () {
      const { market, zoesToken, zoe, bob } = await loadFixture(deployWithEthListing);
      const due = 10n * ONE_ETH;
      await expect(market.connect(zoe).kick(await zoesToken.getAddress(), bob.address, ETH_PRICE, { value: due - 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch")
        .withArgs(due - 1n, due);
      await expect(market.connect(zoe).kick(await zoesToken.getAddress(), bob.address, ETH_PRICE, { value: due + 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch")
        .withArgs(due + 1n, due);
      await expect(market.connect(zoe).kick(await zoesToken.getAddress(), bob.address, ETH_PRICE))
        .to.be.revertedWithCustomError(market, "EthValueMismatch")
        .withArgs(0n, due);
    });

    it("refuses ETH sent with a buyback of nothing", async function () {
      const { market, zoesToken, zoe, bob } = await loadFixture(deployWithEthListing);
      await expect(market.connect(zoe).kick(await zoesToken.getAddress(), bob.address, 0n, { value: 1n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch")
        .withArgs(1n, 0n);
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
        .to.emit(token, "Transfer")
        .withArgs(alice.address, dave.address, SHARE);
    });

    it("refuses to readmit an address that is not kicked", async function () {
      const { token, alice, bob } = await loadFixture(deployWithBuyer);
      await expect(token.connect(alice).readmit(bob.address))
        .to.be.revertedWithCustomError(token, "NotKicked")
        .withArgs(bob.address);
    });

    it("refuses a readmission by anyone but the owner", async function () {
      const { market, token, alice, bob, dave } = await loadFixture(deployWithBuyer);
      await market.connect(alice).kick(await token.getAddress(), dave.address, PRICE);
      await expect(token.connect(bob).readmit(dave.address))
        .to.be.revertedWithCustomError(token, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });
  });
});
