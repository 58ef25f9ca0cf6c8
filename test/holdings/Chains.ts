import { expect } from "chai";
import { ethers, SHARE, USD } from "../helpers/fixtures.js";
import {
  FUNDS,
  addressMemo,
  deployWithPledge,
  distributorOf,
  holdingsAt,
  listFromHoldings,
  loadFixture,
  tokenAt,
  withErin,
} from "../helpers/holdings.js";

/**
 * A chain of three tokens: Bob's Holdings holds 10,000 of Alice's shares (basis $20,000); Carol pledged her 10% of
 * Bob's token into her own token's Holdings, so Bob's holders are Bob (90%) and Carol's Holdings (10%); Dave holds
 * 20% of Carol's token. Bob's Holdings lists 4,000 of Alice's shares at $5, approved by Alice.
 */
async function deployChain() {
  const f = await deployWithPledge();
  const { factory, usd, bobToken, carol, dave } = f;
  const erin = await withErin(f);
  await factory.connect(carol).createToken("Carol", "CAROL", 1_000_000n * SHARE, 2_000, await usd.getAddress());
  const carolToken = await tokenAt(await factory.tokenOf(carol.address));
  const carolDistributor = await distributorOf(carolToken);
  await factory.createHoldings(await carolToken.getAddress());
  const carolHoldings = await holdingsAt(await factory.holdingsOf(await carolToken.getAddress()));
  await carolHoldings.connect(carol).pledge(await bobToken.getAddress(), 100_000n * SHARE);
  await carolToken.connect(carol).transfer(dave.address, 200_000n * SHARE);
  const listingId = await listFromHoldings(f, f.holdings, f.bob, f.token, f.alice, 4_000n * SHARE, 5n * USD);
  return { ...f, erin, carolToken, carolDistributor, carolHoldings, listingId };
}

/** The chain after Bob enabled a euro stablecoin and distributed 1,000 EUR, which Carol's token does not accept. */
async function deployChainWithEuroGain() {
  const f = await deployChain();
  const eur = await ethers.deployContract("MockERC20", ["Mock EUR", "mEUR", 6]);
  const eurAddress = await eur.getAddress();
  await f.bobDistributor.connect(f.bob).enableAsset(eurAddress);
  await eur.mint(f.bob.address, 1_000n * USD);
  await eur.connect(f.bob).approve(await f.bobDistributor.getAddress(), 1_000n * USD);
  await f.bobDistributor.connect(f.bob).distribute(eurAddress, 1_000n * USD, ethers.id("eur"));
  return { ...f, eur, eurAddress };
}

describe("Holdings: gains through chains of tokens", function () {
  describe("a gain realized at the bottom of a three-token chain", function () {
    it("reaches the top token's holders exactly pro rata, nothing created or lost", async function () {
      const f = await loadFixture(deployChain);
      const { token, usd, market, bobDistributor, carolDistributor, carolHoldings, bob, carol, dave, erin } = f;
      const usdAddress = await usd.getAddress();
      const carolHoldingsAddress = await carolHoldings.getAddress();
      // Bottom: a $12,000 gain into Bob's distributor; Carol's Holdings earns 10% of it.
      await market.connect(erin).fill(f.listingId, 4_000n * SHARE);
      expect(await bobDistributor.claimable(bob.address, usdAddress)).to.equal(10_800n * USD);
      expect(await bobDistributor.claimable(carolHoldingsAddress, usdAddress)).to.equal(1_200n * USD);
      // One hop, by anyone: the Holdings' $1,200 flows on into Carol's distributor, named by Bob's token.
      const hop = bobDistributor.connect(erin).claimFor(carolHoldingsAddress, usdAddress);
      await expect(hop)
        .to.emit(bobDistributor, "GainClaimed")
        .withArgs(carolHoldingsAddress, usdAddress, await carolDistributor.getAddress(), 1_200n * USD);
      await expect(hop)
        .to.emit(carolDistributor, "GainDistributed")
        .withArgs(
          usdAddress,
          await bobDistributor.getAddress(),
          1_200n * USD,
          addressMemo(await f.bobToken.getAddress()),
        );
      // Top: Dave holds 20% of Carol's token, Carol the rest.
      expect(await carolDistributor.claimable(dave.address, usdAddress)).to.equal(240n * USD);
      expect(await carolDistributor.claimable(carol.address, usdAddress)).to.equal(960n * USD);
      expect(await usd.balanceOf(carolHoldingsAddress)).to.equal(0n);
      await expect(carolDistributor.connect(dave).claim(usdAddress)).to.changeTokenBalance(
        ethers,
        usd,
        dave,
        240n * USD,
      );
      // The sale's $20,000: $8,000 capital in Bob's Holdings, $10,800 for Bob, $960 for Carol, $240 for Dave.
      expect(await f.holdings.capital(usdAddress)).to.equal(8_000n * USD);
      expect(await usd.balanceOf(erin.address)).to.equal(FUNDS - 20_000n * USD);
      expect(await token.balanceOf(erin.address)).to.equal(4_000n * SHARE);
    });
  });

  describe("an asset the next token's distributor does not accept", function () {
    it("is paid to the Holdings and waits there as pending, not stuck", async function () {
      const { eur, eurAddress, bobToken, bobDistributor, carolHoldings } = await loadFixture(deployChainWithEuroGain);
      const carolHoldingsAddress = await carolHoldings.getAddress();
      const hop = bobDistributor.claimFor(carolHoldingsAddress, eurAddress);
      await expect(hop)
        .to.emit(carolHoldings, "GainPending")
        .withArgs(eurAddress, await bobToken.getAddress(), 100n * USD);
      await expect(hop)
        .to.emit(bobDistributor, "GainClaimed")
        .withArgs(carolHoldingsAddress, eurAddress, carolHoldingsAddress, 100n * USD);
      expect(await carolHoldings.pending(eurAddress)).to.equal(100n * USD);
      expect(await eur.balanceOf(carolHoldingsAddress)).to.equal(100n * USD);
    });

    it("becomes capital if the owner settles it while the asset is still not accepted", async function () {
      const { eurAddress, bobDistributor, carolHoldings, carol } = await loadFixture(deployChainWithEuroGain);
      await bobDistributor.claimFor(await carolHoldings.getAddress(), eurAddress);
      await expect(carolHoldings.connect(carol).settlePending(eurAddress))
        .to.emit(carolHoldings, "PendingSettled")
        .withArgs(eurAddress, 100n * USD, false);
      expect(await carolHoldings.pending(eurAddress)).to.equal(0n);
      expect(await carolHoldings.capital(eurAddress)).to.equal(100n * USD);
      await expect(carolHoldings.connect(carol).settlePending(eurAddress))
        .to.be.revertedWithCustomError(carolHoldings, "NothingPending")
        .withArgs(eurAddress);
    });

    it("is distributed to the token's holders once the owner enables the asset and settles it", async function () {
      const f = await loadFixture(deployChainWithEuroGain);
      const { eurAddress, bobDistributor, carolDistributor, carolHoldings, carol, dave } = f;
      await bobDistributor.claimFor(await carolHoldings.getAddress(), eurAddress);
      await carolDistributor.connect(carol).enableAsset(eurAddress);
      const tx = carolHoldings.connect(carol).settlePending(eurAddress);
      await expect(tx)
        .to.emit(carolHoldings, "PendingSettled")
        .withArgs(eurAddress, 100n * USD, true);
      await expect(tx)
        .to.emit(carolDistributor, "GainDistributed")
        .withArgs(
          eurAddress,
          await carolHoldings.getAddress(),
          100n * USD,
          addressMemo(await carolHoldings.getAddress()),
        );
      expect(await carolDistributor.claimable(dave.address, eurAddress)).to.equal(20n * USD);
    });

    it("lets only the named token's distributor hand a gain to a Holdings", async function () {
      const { eurAddress, bobToken, carolHoldings, mallory } = await loadFixture(deployChainWithEuroGain);
      await expect(carolHoldings.connect(mallory).receiveGain(eurAddress, 1n, await bobToken.getAddress()))
        .to.be.revertedWithCustomError(carolHoldings, "CallerNotDistributor")
        .withArgs(mallory.address);
    });
  });

  describe("a realization the token's distributor refuses", function () {
    it("never reverts the fill: the gain is booked as pending", async function () {
      const f = await loadFixture(deployWithPledge);
      const { factory, market, holdings, bobDistributor, arbiter, bob, dave } = f;
      const erin = await withErin(f);
      // Shares of a euro-quoted token forced into Bob's Holdings: zero basis, in an asset Bob's token does not accept.
      const eur = await ethers.deployContract("MockERC20", ["Mock EUR", "mEUR", 6]);
      const eurAddress = await eur.getAddress();
      await factory.connect(dave).createToken("Dave", "DAVE", 1_000_000n * SHARE, 2_000, eurAddress);
      const daveToken = await tokenAt(await factory.tokenOf(dave.address));
      await daveToken.connect(dave).transfer(bob.address, 1_000n * SHARE);
      await daveToken.connect(arbiter).forcedTransfer(bob.address, await holdings.getAddress(), 1_000n * SHARE);
      const listingId = await listFromHoldings(f, holdings, bob, daveToken, dave, 1_000n * SHARE, USD);
      await eur.mint(erin.address, 1_000n * USD);
      await eur.connect(erin).approve(await market.getAddress(), 1_000n * USD);
      const tx = market.connect(erin).fill(listingId, 1_000n * SHARE);
      await expect(tx)
        .to.emit(holdings, "GainPending")
        .withArgs(eurAddress, await daveToken.getAddress(), 1_000n * USD);
      await expect(tx).not.to.emit(bobDistributor, "GainDistributed");
      expect(await daveToken.balanceOf(erin.address)).to.equal(1_000n * SHARE);
      expect(await holdings.pending(eurAddress)).to.equal(1_000n * USD);
      expect(await eur.balanceOf(await holdings.getAddress())).to.equal(1_000n * USD);
    });
  });
});
