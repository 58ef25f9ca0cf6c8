import { expect } from "chai";
import { ETH, ethers, SHARE, USD, verifyAll } from "../helpers/fixtures.js";
import {
  BOUGHT,
  BOUGHT_PAID,
  OFFER_PRICE,
  deployWithHoldings,
  deployWithPledge,
  holdingsAt,
  loadFixture,
  openSellDown,
  tokenAt,
} from "../helpers/holdings.js";

describe("Holdings: creating one and pledging into it", function () {
  describe("anyone creating a token's Holdings", function () {
    it("creates it at the address the factory predicts, once, and links it to the token", async function () {
      const { factory, market, token, mallory } = await loadFixture(deployWithHoldings);
      const tokenAddress = await token.getAddress();
      const predicted = await factory.holdingsOf(tokenAddress);
      expect(await ethers.provider.getCode(predicted)).to.equal("0x");
      await expect(factory.connect(mallory).createHoldings(tokenAddress))
        .to.emit(factory, "HoldingsCreated")
        .withArgs(tokenAddress, predicted);
      const holdings = await holdingsAt(predicted);
      expect(await holdings.token()).to.equal(tokenAddress);
      expect(await holdings.market()).to.equal(await market.getAddress());
      expect(await factory.tokenOfHoldings(predicted)).to.equal(tokenAddress);
      await expect(factory.createHoldings(tokenAddress))
        .to.be.revertedWithCustomError(factory, "HoldingsAlreadyCreated")
        .withArgs(tokenAddress, predicted);
    });

    it("refuses an address that is not one of the factory's tokens", async function () {
      const { factory, usd } = await loadFixture(deployWithHoldings);
      await expect(factory.createHoldings(await usd.getAddress()))
        .to.be.revertedWithCustomError(factory, "NotAToken")
        .withArgs(await usd.getAddress());
    });

    it("leaves the implementation unusable", async function () {
      const { factory, bob } = await loadFixture(deployWithHoldings);
      const implementation = await holdingsAt(await factory.holdingsImplementation());
      await expect(implementation.connect(bob).withdrawCapital(ETH, 1n)).to.be.revertedWithCustomError(
        implementation,
        "ImplementationNotUsable",
      );
    });
  });

  describe("the owner pledging shares of another personal token", function () {
    it("moves them from her wallet without the held token's owner's permission, with their purchase record", async function () {
      const { token, holdings, bob } = await loadFixture(deployWithHoldings);
      const holdingsAddress = await holdings.getAddress();
      const tx = holdings.connect(bob).pledge(await token.getAddress(), BOUGHT);
      await expect(tx)
        .to.emit(holdings, "Pledged")
        .withArgs(await token.getAddress(), bob.address, BOUGHT, BOUGHT_PAID);
      await expect(tx)
        .to.emit(token, "PurchaseRecordCarried")
        .withArgs(bob.address, holdingsAddress, BOUGHT_PAID, BOUGHT);
      await expect(tx).to.changeTokenBalances(ethers, token, [bob, holdings], [-BOUGHT, BOUGHT]);
      expect(await holdings.position(await token.getAddress())).to.deep.equal([BOUGHT_PAID, 0n]);
      expect(await token.purchaseOf(bob.address)).to.deep.equal([0n, 0n]);
      expect(await token.purchaseOf(holdingsAddress)).to.deep.equal([BOUGHT_PAID, BOUGHT]);
      // The Holdings keeps the kick floor Bob earned: his average purchase price.
      expect(await token.kickFloor(holdingsAddress)).to.equal(OFFER_PRICE);
    });

    it("uses each recorded purchase once: a part carries its share, shares beyond the record carry no basis", async function () {
      const { token, holdings, alice, bob } = await loadFixture(deployWithHoldings);
      const tokenAddress = await token.getAddress();
      await holdings.connect(bob).pledge(tokenAddress, 4_000n * SHARE);
      expect(await holdings.position(tokenAddress)).to.deep.equal([8_000n * USD, 0n]);
      expect(await token.purchaseOf(bob.address)).to.deep.equal([12_000n * USD, 6_000n * SHARE]);
      // 1,000 shares given to Bob carry no record: of the next 7,000, only 6,000 have a basis.
      await token.connect(alice).transfer(bob.address, 1_000n * SHARE);
      await expect(holdings.connect(bob).pledge(tokenAddress, 7_000n * SHARE))
        .to.emit(holdings, "Pledged")
        .withArgs(tokenAddress, bob.address, 7_000n * SHARE, 12_000n * USD);
      expect(await holdings.position(tokenAddress)).to.deep.equal([BOUGHT_PAID, 0n]);
      expect(await token.purchaseOf(bob.address)).to.deep.equal([0n, 0n]);
    });

    it("rounds a carried basis down, in favour of the token's holders", async function () {
      const { token, holdings, bob } = await loadFixture(deployWithHoldings);
      // 1/3 of $20,000 is $6,666.666666…; the Holdings carries $6,666.666666 and Bob keeps the rest.
      await holdings.connect(bob).pledge(await token.getAddress(), BOUGHT / 3n);
      const [basis] = await holdings.position(await token.getAddress());
      expect(basis).to.equal((BOUGHT_PAID * (BOUGHT / 3n)) / BOUGHT);
      expect((await token.purchaseOf(bob.address))[0]).to.equal(BOUGHT_PAID - basis);
    });

    it("applies the pledger's sender rules: frozen shares stay", async function () {
      const { token, holdings, arbiter, bob } = await loadFixture(deployWithHoldings);
      await token.connect(arbiter).setFrozenTokens(bob.address, 1n);
      await expect(holdings.connect(bob).pledge(await token.getAddress(), BOUGHT))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(bob.address, BOUGHT, BOUGHT - 1n);
    });

    it("is refused when the Holdings' owner is no longer verified (a Holdings holds while its owner is verified)", async function () {
      const { token, holdings, registry, registrar, bob } = await loadFixture(deployWithHoldings);
      await registry.connect(registrar).revoke(bob.address, ethers.id("expired"));
      await expect(holdings.connect(bob).pledge(await token.getAddress(), BOUGHT))
        .to.be.revertedWithCustomError(token, "ERC7943CannotReceive")
        .withArgs(await holdings.getAddress());
      expect(await token.canReceive(await holdings.getAddress())).to.equal(false);
    });

    it("refuses a company ERC-20 (not a personal token)", async function () {
      const { usd, holdings, bob } = await loadFixture(deployWithHoldings);
      await expect(holdings.connect(bob).pledge(await usd.getAddress(), 1n))
        .to.be.revertedWithCustomError(holdings, "NotAPersonalToken")
        .withArgs(await usd.getAddress());
    });

    it("refuses the token's own shares", async function () {
      const { bobToken, holdings, bob } = await loadFixture(deployWithHoldings);
      await expect(holdings.connect(bob).pledge(await bobToken.getAddress(), SHARE))
        .to.be.revertedWithCustomError(holdings, "OwnTokenPosition")
        .withArgs(await bobToken.getAddress());
    });

    it("refuses an ETH-quoted position, which no Holdings may receive", async function () {
      const { factory, holdings, bob, dave } = await loadFixture(deployWithHoldings);
      await factory.connect(dave).createToken("Dave", "DAVE", 1_000_000n * SHARE, 2_000, ETH);
      const daveToken = await tokenAt(await factory.tokenOf(dave.address));
      await daveToken.connect(dave).transfer(bob.address, SHARE);
      await expect(holdings.connect(bob).pledge(await daveToken.getAddress(), SHARE))
        .to.be.revertedWithCustomError(holdings, "EthQuotedPosition")
        .withArgs(await daveToken.getAddress());
      expect(await daveToken.canReceive(await holdings.getAddress())).to.equal(false);
    });

    it("refuses a position quoted in an asset the token's distributor does not accept", async function () {
      const { factory, holdings, bob, dave } = await loadFixture(deployWithHoldings);
      const eur = await ethers.deployContract("MockERC20", ["Mock EUR", "mEUR", 6]);
      await factory.connect(dave).createToken("Dave", "DAVE", 1_000_000n * SHARE, 2_000, await eur.getAddress());
      const daveToken = await tokenAt(await factory.tokenOf(dave.address));
      await expect(holdings.connect(bob).pledge(await daveToken.getAddress(), SHARE))
        .to.be.revertedWithCustomError(holdings, "QuoteNotAccepted")
        .withArgs(await daveToken.getAddress(), await eur.getAddress());
    });

    it("refuses nothing pledged", async function () {
      const { token, holdings, bob } = await loadFixture(deployWithHoldings);
      await expect(holdings.connect(bob).pledge(await token.getAddress(), 0n)).to.be.revertedWithCustomError(
        holdings,
        "ZeroAmount",
      );
    });

    it("lets only a Holdings pledge at the token", async function () {
      const { token, bob } = await loadFixture(deployWithHoldings);
      await expect(token.connect(bob).pledge(bob.address, SHARE))
        .to.be.revertedWithCustomError(token, "CallerNotHoldings")
        .withArgs(bob.address);
    });
  });

  describe("control following the token's ownership", function () {
    it("passes to the new owner after a move, and the old wallet can no longer act", async function () {
      const { bobToken, token, holdings, registry, registrar, bob, market, alice } =
        await loadFixture(deployWithPledge);
      const newWallet = (await ethers.getSigners())[12];
      await verifyAll(registry, registrar, [newWallet]);
      await bobToken.connect(bob).transferOwnership(newWallet.address);
      await bobToken.connect(newWallet).acceptOwnership();
      await expect(holdings.connect(bob).withdrawCapital(await token.getAddress(), 1n))
        .to.be.revertedWithCustomError(holdings, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
      // The new owner lists a held position: the market records the Holdings as seller.
      const expiry = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 86_400n;
      await holdings.connect(newWallet).list(await token.getAddress(), SHARE, USD, ethers.ZeroAddress, expiry);
      const entry = await market.listing(await market.listingCount());
      expect(entry.seller).to.equal(await holdings.getAddress());
      expect(entry.byHoldings).to.equal(true);
      await expect(market.connect(alice).approveListing(await market.listingCount())).to.emit(
        market,
        "ListingApproved",
      );
    });

    it("passes to the wallet the arbiter recovers ownership to", async function () {
      const { bobToken, usd, holdings, registry, registrar, arbiter, bob } = await loadFixture(deployWithPledge);
      const newWallet = (await ethers.getSigners())[12];
      await verifyAll(registry, registrar, [newWallet]);
      await bobToken.connect(arbiter).recoverOwnership(newWallet.address);
      await usd.mint(newWallet.address, 100n * USD);
      await usd.connect(newWallet).approve(await holdings.getAddress(), 100n * USD);
      await expect(holdings.connect(newWallet).depositCapital(await usd.getAddress(), 100n * USD))
        .to.emit(holdings, "CapitalDeposited")
        .withArgs(await usd.getAddress(), newWallet.address, 100n * USD);
      await expect(holdings.connect(bob).depositCapital(await usd.getAddress(), 1n))
        .to.be.revertedWithCustomError(holdings, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });
  });

  describe("buying for the Holdings from capital", function () {
    it("buys in a plain offering at the exact price, which becomes the basis", async function () {
      const { token, usd, market, holdings, alice, bob, offeringId } = await loadFixture(deployWithHoldings);
      const usdAddress = await usd.getAddress();
      await holdings.connect(bob).depositCapital(usdAddress, 5_000n * USD);
      const tx = holdings.connect(bob).buyOffering(offeringId, 1_000n * SHARE);
      await expect(tx)
        .to.emit(holdings, "Bought")
        .withArgs(await token.getAddress(), usdAddress, 1_000n * SHARE, 2_000n * USD);
      await expect(tx).to.changeTokenBalances(ethers, usd, [holdings, alice], [-2_000n * USD, 2_000n * USD]);
      expect(await holdings.capital(usdAddress)).to.equal(3_000n * USD);
      expect(await holdings.position(await token.getAddress())).to.deep.equal([2_000n * USD, 0n]);
      expect(await usd.allowance(await holdings.getAddress(), await market.getAddress())).to.equal(0n);
    });

    it("refuses a purchase beyond its capital, an all-or-nothing offering and an unknown offering", async function () {
      const { token, usd, market, holdings, alice, bob, offeringId } = await loadFixture(deployWithHoldings);
      const usdAddress = await usd.getAddress();
      await holdings.connect(bob).depositCapital(usdAddress, 1_000n * USD);
      await expect(holdings.connect(bob).buyOffering(offeringId, 1_000n * SHARE))
        .to.be.revertedWithCustomError(holdings, "InsufficientCapital")
        .withArgs(usdAddress, 1_000n * USD, 2_000n * USD);
      await market.connect(alice).cancelOffering(offeringId);
      const allOrNothing = await openSellDown({ market }, token, alice, 1_000n * SHARE, USD, 500n * USD);
      await expect(holdings.connect(bob).buyOffering(allOrNothing, SHARE))
        .to.be.revertedWithCustomError(holdings, "AllOrNothingOffering")
        .withArgs(allOrNothing);
      await expect(holdings.connect(bob).buyOffering(99n, SHARE))
        .to.be.revertedWithCustomError(market, "UnknownOffering")
        .withArgs(99n);
    });

    it("fills another holder's listing at its price, and refuses its own owner's listing and an unknown one", async function () {
      const { token, usd, market, holdings, alice, bob, carol } = await loadFixture(deployWithHoldings);
      const usdAddress = await usd.getAddress();
      const tokenAddress = await token.getAddress();
      await holdings.connect(bob).depositCapital(usdAddress, 10_000n * USD);
      await token.connect(alice).transfer(carol.address, 1_000n * SHARE);
      const expiry = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 86_400n;
      await market.connect(carol).list(tokenAddress, 1_000n * SHARE, 3n * USD, ethers.ZeroAddress, expiry);
      await market.connect(alice).approveListing(1n);
      await expect(holdings.connect(bob).buyListing(1n, 1_000n * SHARE))
        .to.emit(holdings, "Bought")
        .withArgs(tokenAddress, usdAddress, 1_000n * SHARE, 3_000n * USD);
      expect(await holdings.position(tokenAddress)).to.deep.equal([3_000n * USD, 0n]);
      await market.connect(bob).list(tokenAddress, 1_000n * SHARE, 3n * USD, ethers.ZeroAddress, expiry);
      await expect(holdings.connect(bob).buyListing(2n, SHARE))
        .to.be.revertedWithCustomError(holdings, "ListingByOwner")
        .withArgs(2n, bob.address);
      await expect(holdings.connect(bob).buyListing(99n, SHARE))
        .to.be.revertedWithCustomError(market, "UnknownListing")
        .withArgs(99n);
    });
  });
});
