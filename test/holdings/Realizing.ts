import { expect } from "chai";
import { ethers, SHARE, USD } from "../helpers/fixtures.js";
import {
  BOUGHT,
  BOUGHT_PAID,
  addressMemo,
  deployWithHoldingsListing,
  deployWithPledge,
  listFromHoldings,
  loadFixture,
  withErin,
} from "../helpers/holdings.js";

describe("Holdings: sales realize at average cost", function () {
  describe("a buyer filling a Holdings listing at a gain", function () {
    it("sends the gain to the token's holders with the held token as memo, and the basis sold to capital", async function () {
      const f = await loadFixture(deployWithHoldingsListing);
      const { token, usd, market, holdings, bobDistributor, bob, carol, dave, listingId } = f;
      const tokenAddress = await token.getAddress();
      const usdAddress = await usd.getAddress();
      // 4,000 of 10,000 shares: basis sold $8,000 of $20,000; proceeds $20,000; gain $12,000.
      const tx = market.connect(dave).fill(listingId, 4_000n * SHARE);
      await expect(tx)
        .to.emit(holdings, "Realized")
        .withArgs(tokenAddress, usdAddress, 4_000n * SHARE, 20_000n * USD, 8_000n * USD, 12_000n * USD, 0n);
      await expect(tx)
        .to.emit(bobDistributor, "GainDistributed")
        .withArgs(usdAddress, await holdings.getAddress(), 12_000n * USD, addressMemo(tokenAddress));
      await expect(tx).to.changeTokenBalances(
        ethers,
        usd,
        [dave, holdings, bobDistributor],
        [-20_000n * USD, 8_000n * USD, 12_000n * USD],
      );
      expect(await holdings.capital(usdAddress)).to.equal(8_000n * USD);
      expect(await holdings.position(tokenAddress)).to.deep.equal([12_000n * USD, 0n]);
      // Every holder of Bob's token pro rata, Bob included: 90% and 10%.
      expect(await bobDistributor.claimable(bob.address, usdAddress)).to.equal(10_800n * USD);
      expect(await bobDistributor.claimable(carol.address, usdAddress)).to.equal(1_200n * USD);
    });

    it("conserves the basis across partial sales: the last share takes what is left", async function () {
      const f = await loadFixture(deployWithPledge);
      const { token, usd, market, holdings, alice, bob, dave } = f;
      const tokenAddress = await token.getAddress();
      const listingId = await listFromHoldings(f, holdings, bob, token, alice, BOUGHT, 3n * USD);
      let sold = 0n;
      for (const shares of [BOUGHT / 3n, BOUGHT / 3n, BOUGHT - 2n * (BOUGHT / 3n)]) {
        const receipt = await (await market.connect(dave).fill(listingId, shares)).wait();
        const realized = receipt!.logs
          .map((log) => holdings.interface.parseLog(log))
          .find((parsed) => parsed?.name === "Realized")!;
        sold += realized.args.basisSold as bigint;
      }
      expect(sold).to.equal(BOUGHT_PAID);
      expect(await holdings.position(tokenAddress)).to.deep.equal([0n, 0n]);
      expect(await holdings.capital(await usd.getAddress())).to.equal(BOUGHT_PAID);
    });

    it("lets only the market report a sale", async function () {
      const { token, usd, holdings, bob } = await loadFixture(deployWithPledge);
      await expect(
        holdings.connect(bob).onSale(await token.getAddress(), await usd.getAddress(), bob.address, SHARE, 1n),
      )
        .to.be.revertedWithCustomError(holdings, "CallerNotMarket")
        .withArgs(bob.address);
    });
  });

  describe("a sale at a loss", function () {
    it("credits the proceeds to capital and records the loss, distributing nothing", async function () {
      const f = await loadFixture(deployWithPledge);
      const { token, usd, market, holdings, alice, bob, dave, bobDistributor } = f;
      const tokenAddress = await token.getAddress();
      const usdAddress = await usd.getAddress();
      const listingId = await listFromHoldings(f, holdings, bob, token, alice, 5_000n * SHARE, USD);
      const tx = market.connect(dave).fill(listingId, 5_000n * SHARE);
      await expect(tx)
        .to.emit(holdings, "Realized")
        .withArgs(tokenAddress, usdAddress, 5_000n * SHARE, 5_000n * USD, 10_000n * USD, 0n, 5_000n * USD);
      await expect(tx).not.to.emit(bobDistributor, "GainDistributed");
      expect(await holdings.capital(usdAddress)).to.equal(5_000n * USD);
      expect(await holdings.position(tokenAddress)).to.deep.equal([10_000n * USD, 5_000n * USD]);
    });
  });

  describe("the token's owner and her Holdings' listing", function () {
    it("refuses the owner herself as buyer (self-dealing), and nothing moves", async function () {
      const { token, market, holdings, bob, listingId } = await loadFixture(deployWithHoldingsListing);
      await expect(market.connect(bob).fill(listingId, SHARE))
        .to.be.revertedWithCustomError(holdings, "HoldingsOwnerCannotBuy")
        .withArgs(bob.address);
      expect(await token.balanceOf(await holdings.getAddress())).to.equal(BOUGHT);
    });

    it("cancels the listing for the Holdings", async function () {
      const { market, holdings, bob, listingId } = await loadFixture(deployWithHoldingsListing);
      await expect(holdings.connect(bob).cancelListing(listingId))
        .to.emit(market, "ListingCancelled")
        .withArgs(listingId);
    });
  });

  describe("the held token's owner kicking the Holdings", function () {
    it("pays the Holdings at once and realizes the whole position as a sale", async function () {
      const { token, usd, market, holdings, bobDistributor, alice } = await loadFixture(deployWithPledge);
      const tokenAddress = await token.getAddress();
      const usdAddress = await usd.getAddress();
      const holdingsAddress = await holdings.getAddress();
      // At $3 a share: proceeds $30,000, all $20,000 of basis sold, gain $10,000.
      const tx = market.connect(alice).kick(tokenAddress, holdingsAddress, 3n * USD);
      await expect(tx)
        .to.emit(market, "KickPaid")
        .withArgs(tokenAddress, holdingsAddress, 3n * USD, 30_000n * USD);
      await expect(tx)
        .to.emit(holdings, "Realized")
        .withArgs(tokenAddress, usdAddress, BOUGHT, 30_000n * USD, BOUGHT_PAID, 10_000n * USD, 0n);
      await expect(tx)
        .to.emit(bobDistributor, "GainDistributed")
        .withArgs(usdAddress, holdingsAddress, 10_000n * USD, addressMemo(tokenAddress));
      expect(await market.withdrawable(holdingsAddress, usdAddress)).to.equal(0n);
      expect(await holdings.capital(usdAddress)).to.equal(BOUGHT_PAID);
      expect(await token.balanceOf(holdingsAddress)).to.equal(0n);
    });

    it("cannot pay less than the kick floor the Holdings carried from the pledge", async function () {
      const { token, market, holdings, alice } = await loadFixture(deployWithPledge);
      await expect(market.connect(alice).kick(await token.getAddress(), await holdings.getAddress(), USD))
        .to.be.revertedWithCustomError(market, "KickPriceTooLow")
        .withArgs(USD, 2n * USD);
    });
  });

  describe("the arbiter's forced transfers", function () {
    it("takes shares forced out off the position with their basis, realizing nothing", async function () {
      const { token, usd, holdings, arbiter, dave } = await loadFixture(deployWithPledge);
      const tokenAddress = await token.getAddress();
      const tx = token.connect(arbiter).forcedTransfer(await holdings.getAddress(), dave.address, 2_500n * SHARE);
      await expect(tx)
        .to.emit(holdings, "ForcedOut")
        .withArgs(tokenAddress, 2_500n * SHARE, 5_000n * USD);
      await expect(tx).not.to.emit(holdings, "Realized");
      expect(await holdings.position(tokenAddress)).to.deep.equal([15_000n * USD, 0n]);
      expect(await holdings.capital(await usd.getAddress())).to.equal(0n);
    });

    it("counts shares forced in at zero basis, lowering the average cost", async function () {
      const f = await loadFixture(deployWithPledge);
      const { token, usd, market, holdings, alice, arbiter, bob, dave } = f;
      await token.connect(alice).transfer(dave.address, BOUGHT);
      await token.connect(arbiter).forcedTransfer(dave.address, await holdings.getAddress(), BOUGHT);
      // 20,000 shares for $20,000 of basis: selling 10,000 sells $10,000 of it.
      const listingId = await listFromHoldings(f, holdings, bob, token, alice, BOUGHT, USD);
      await expect(market.connect(dave).fill(listingId, BOUGHT))
        .to.emit(holdings, "Realized")
        .withArgs(await token.getAddress(), await usd.getAddress(), BOUGHT, 10_000n * USD, 10_000n * USD, 0n, 0n);
    });

    it("lets only a personal token report a forced transfer", async function () {
      const { holdings, mallory } = await loadFixture(deployWithPledge);
      await expect(holdings.connect(mallory).onForcedTransfer(SHARE))
        .to.be.revertedWithCustomError(holdings, "CallerNotToken")
        .withArgs(mallory.address);
    });
  });

  describe("the owner withdrawing capital", function () {
    it("pays her what sales returned, and no more", async function () {
      const { usd, market, holdings, bob, dave, listingId } = await loadFixture(deployWithHoldingsListing);
      const usdAddress = await usd.getAddress();
      await market.connect(dave).fill(listingId, 4_000n * SHARE);
      await expect(holdings.connect(bob).withdrawCapital(usdAddress, 8_000n * USD + 1n))
        .to.be.revertedWithCustomError(holdings, "InsufficientCapital")
        .withArgs(usdAddress, 8_000n * USD, 8_000n * USD + 1n);
      const tx = holdings.connect(bob).withdrawCapital(usdAddress, 8_000n * USD);
      await expect(tx)
        .to.emit(holdings, "CapitalWithdrawn")
        .withArgs(usdAddress, bob.address, 8_000n * USD);
      await expect(tx).to.changeTokenBalances(ethers, usd, [holdings, bob], [-8_000n * USD, 8_000n * USD]);
      expect(await holdings.capital(usdAddress)).to.equal(0n);
    });

    it("refuses nothing deposited or withdrawn, and anyone but the owner", async function () {
      const f = await loadFixture(deployWithPledge);
      const { usd, holdings, bob } = f;
      const erin = await withErin(f);
      const usdAddress = await usd.getAddress();
      await expect(holdings.connect(bob).depositCapital(usdAddress, 0n)).to.be.revertedWithCustomError(
        holdings,
        "ZeroAmount",
      );
      await expect(holdings.connect(bob).withdrawCapital(usdAddress, 0n)).to.be.revertedWithCustomError(
        holdings,
        "ZeroAmount",
      );
      await expect(holdings.connect(erin).withdrawCapital(usdAddress, 1n))
        .to.be.revertedWithCustomError(holdings, "OwnableUnauthorizedAccount")
        .withArgs(erin.address);
    });
  });
});
