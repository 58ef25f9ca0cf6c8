import { expect } from "chai";
import {
  deployWithToken,
  ETH,
  ethers,
  memo,
  pinNextBlock,
  SHARE,
  signTransferApproval,
  USD,
  verifyAll,
} from "../helpers/fixtures.js";
import {
  ONE_ETH,
  distributeErc20,
  expectTotals,
  claimableOf,
  withThreeOnePercentHolders,
  withUsdGain,
  withUsdGainAndErin,
  loadFixture,
} from "../helpers/distributor.js";

describe("GainsDistributor", function () {
  describe("exact pro-rata split", function () {
    it("pays each 1% holder exactly $5,000 of a $500,000 gain", async function () {
      const { distributor, usd, bob, carol, dave } = await loadFixture(withUsdGain);
      expect(await claimableOf(distributor, usd, [bob.address, carol.address, dave.address])).to.deep.equal([
        5_000n * USD,
        5_000n * USD,
        5_000n * USD,
      ]);
    });

    it("leaves Alice, holding 97%, exactly $485,000", async function () {
      const { distributor, usd, alice } = await loadFixture(withUsdGain);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
    });

    it("pays a claim to the caller, emits GainClaimed and returns the amount", async function () {
      const { distributor, usd, bob } = await loadFixture(withUsdGain);
      expect(await distributor.connect(bob).claim.staticCall(usd)).to.equal(5_000n * USD);
      const tx = distributor.connect(bob).claim(usd);
      await expect(tx)
        .to.emit(distributor, "GainClaimed")
        .withArgs(bob.address, await usd.getAddress(), bob.address, 5_000n * USD);
      await expect(tx).to.changeTokenBalances(ethers, usd, [bob, distributor], [5_000n * USD, -5_000n * USD]);
      expect(await distributor.claimable(bob.address, usd)).to.equal(0n);
      await expectTotals(distributor, usd, 500_000n * USD, 5_000n * USD);
    });

    it("pays everyone in full and leaves the distributor empty", async function () {
      const { distributor, usd, alice, bob, carol, dave } = await loadFixture(withUsdGain);
      for (const holder of [alice, bob, carol, dave]) await distributor.connect(holder).claim(usd);
      expect(await usd.balanceOf(alice.address)).to.equal(485_000n * USD);
      expect(await usd.balanceOf(dave.address)).to.equal(5_000n * USD);
      expect(await usd.balanceOf(await distributor.getAddress())).to.equal(0n);
      await expectTotals(distributor, usd, 500_000n * USD, 500_000n * USD);
    });

    it("pays an ETH gain the same way: 1% of 10 ETH is exactly 0.1 ETH", async function () {
      const { distributor, alice, bob } = await loadFixture(withThreeOnePercentHolders);
      await distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("eth"), { value: 10n * ONE_ETH });
      expect(await distributor.claimable(alice.address, ETH)).to.equal((97n * ONE_ETH) / 10n);
      const tx = distributor.connect(bob).claim(ETH);
      await expect(tx)
        .to.emit(distributor, "GainClaimed")
        .withArgs(bob.address, ETH, bob.address, ONE_ETH / 10n);
      await expect(tx).to.changeEtherBalances(ethers, [bob, distributor], [ONE_ETH / 10n, -ONE_ETH / 10n]);
      await expectTotals(distributor, ETH, 10n * ONE_ETH, ONE_ETH / 10n);
    });

    it("refuses a second claim with NothingToClaim(holder, asset)", async function () {
      const { distributor, usd, bob } = await loadFixture(withUsdGain);
      await distributor.connect(bob).claim(usd);
      await expect(distributor.connect(bob).claim(usd))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(bob.address, await usd.getAddress());
    });

    it("refuses a claim in an asset that was never distributed", async function () {
      const { distributor, bob } = await loadFixture(withUsdGain);
      expect(await distributor.claimable(bob.address, ETH)).to.equal(0n);
      await expect(distributor.connect(bob).claim(ETH))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(bob.address, ETH);
    });

    it("refuses a claim by an address that never held shares", async function () {
      const { distributor, usd, mallory } = await loadFixture(withUsdGain);
      expect(await distributor.claimable(mallory.address, usd)).to.equal(0n);
      await expect(distributor.connect(mallory).claim(usd))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(mallory.address, await usd.getAddress());
    });

    it("adds up successive gains: $500,000 then $100,000 gives a 1% holder $6,000", async function () {
      const { distributor, usd, alice, bob } = await loadFixture(withUsdGain);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(6_000n * USD);
      expect(await distributor.claimable(alice.address, usd)).to.equal(582_000n * USD);
      await expectTotals(distributor, usd, 600_000n * USD, 0n);
    });
  });

  describe("entitlements survive balance changes", function () {
    it("keeps both entitlements when Alice sells more shares after a gain", async function () {
      const { distributor, usd, token, alice, bob } = await loadFixture(withUsdGain);
      await token.connect(alice).transfer(bob.address, 10_000n * SHARE);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(7_000n * USD); // + 2% of $100,000
      expect(await distributor.claimable(alice.address, usd)).to.equal(581_000n * USD); // + 96%
    });

    it("keeps both entitlements across an investor-to-investor transfer the owner approved", async function () {
      const { distributor, usd, token, alice, bob, carol } = await loadFixture(withUsdGain);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 10_000n * SHARE);
      await token.connect(bob).transfer(carol.address, 10_000n * SHARE);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
      expect(await distributor.claimable(carol.address, usd)).to.equal(5_000n * USD);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
      expect(await distributor.claimable(carol.address, usd)).to.equal(7_000n * USD);
    });

    it("keeps both entitlements across a transfer with the owner's signed permission", async function () {
      const { distributor, usd, token, alice, carol, dave } = await loadFixture(withUsdGain);
      const deadline = (await pinNextBlock()) + 3_600n;
      const amount = 5_000n * SHARE;
      const signature = await signTransferApproval(alice, token, {
        from: carol.address,
        to: dave.address,
        amount,
        nonce: 1n,
        deadline,
      });
      await token.connect(carol).transferWithApproval(dave.address, amount, 1n, deadline, signature);
      expect(await distributor.claimable(carol.address, usd)).to.equal(5_000n * USD);
      expect(await distributor.claimable(dave.address, usd)).to.equal(5_000n * USD);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(carol.address, usd)).to.equal(5_500n * USD); // 0.5%
      expect(await distributor.claimable(dave.address, usd)).to.equal(6_500n * USD); // 1.5%
    });

    it("lets issuance dilute only later gains", async function () {
      const { distributor, usd, token, alice, bob } = await loadFixture(withUsdGain);
      await token.connect(alice).issue(alice.address, 1_000_000n * SHARE); // supply 2,000,000
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_500n * USD); // 0.5% of $100,000
      expect(await distributor.claimable(alice.address, usd)).to.equal(583_500n * USD); // 98.5%
    });

    it("gives a newly issued holder nothing from earlier gains", async function () {
      const { distributor, usd, token, alice, erin } = await loadFixture(withUsdGainAndErin);
      await token.connect(alice).issue(erin.address, 30_000n * SHARE); // supply 1,030,000
      expect(await distributor.claimable(erin.address, usd)).to.equal(0n);
      await expect(distributor.connect(erin).claim(usd))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(erin.address, await usd.getAddress());
      await distributeErc20(distributor, usd, alice, 103_000n * USD); // $0.10 a share
      expect(await distributor.claimable(erin.address, usd)).to.equal(3_000n * USD);
      expect(await distributor.claimable(alice.address, usd)).to.equal(582_000n * USD);
    });

    it("gives a buyer nothing from gains distributed before the purchase", async function () {
      const { distributor, usd, token, alice, erin } = await loadFixture(withUsdGainAndErin);
      await token.connect(alice).transfer(erin.address, 10_000n * SHARE);
      expect(await distributor.claimable(erin.address, usd)).to.equal(0n);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(erin.address, usd)).to.equal(1_000n * USD);
    });

    it("keeps both entitlements across the arbiter's forced transfer, and the kicked holder can still claim", async function () {
      const { distributor, usd, token, alice, arbiter, bob, carol } = await loadFixture(withUsdGain);
      await token.connect(arbiter).forcedTransfer(bob.address, carol.address, 10_000n * SHARE);
      expect(await token.balanceOf(bob.address)).to.equal(0n);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
      expect(await distributor.claimable(carol.address, usd)).to.equal(5_000n * USD);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
      expect(await distributor.claimable(carol.address, usd)).to.equal(7_000n * USD);
      await expect(distributor.connect(bob).claim(usd)).to.changeTokenBalance(ethers, usd, bob, 5_000n * USD);
    });

    it("leaves what Alice earned with her old wallet after a two-step ownership move; the new wallet earns only later gains", async function () {
      const { distributor, usd, token, alice, erin } = await loadFixture(withUsdGainAndErin);
      await token.connect(alice).transferOwnership(erin.address);
      await token.connect(erin).acceptOwnership();
      expect(await token.balanceOf(erin.address)).to.equal(970_000n * SHARE);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      expect(await distributor.claimable(erin.address, usd)).to.equal(0n);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      expect(await distributor.claimable(erin.address, usd)).to.equal(97_000n * USD);
      await expect(distributor.connect(alice).claim(usd)).to.changeTokenBalance(ethers, usd, alice, 485_000n * USD);
    });

    it("leaves what the lost wallet earned with it after the arbiter recovers ownership", async function () {
      const { distributor, usd, token, alice, arbiter, erin } = await loadFixture(withUsdGainAndErin);
      await expect(token.connect(arbiter).recoverOwnership(erin.address))
        .to.emit(token, "OwnershipRecovered")
        .withArgs(alice.address, erin.address);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      expect(await distributor.claimable(erin.address, usd)).to.equal(0n);
      await distributeErc20(distributor, usd, erin, 100_000n * USD);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      expect(await distributor.claimable(erin.address, usd)).to.equal(97_000n * USD);
    });

    it("keeps entitlements in all four accepted assets across one share move", async function () {
      const { distributor, usd, token, alice, bob, carol } = await loadFixture(withThreeOnePercentHolders);
      const eur = await ethers.deployContract("MockERC20", ["Mock EUR", "mEUR", 6]);
      const gbp = await ethers.deployContract("MockERC20", ["Mock GBP", "mGBP", 6]);
      await distributor.connect(alice).enableAsset(eur);
      await distributor.connect(alice).enableAsset(gbp);
      await distributor.connect(alice).distribute(ETH, 100n * ONE_ETH, memo("eth"), { value: 100n * ONE_ETH });
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      await distributeErc20(distributor, eur, alice, 200_000n * USD);
      await distributeErc20(distributor, gbp, alice, 300_000n * USD);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 10_000n * SHARE);
      await token.connect(bob).transfer(carol.address, 10_000n * SHARE);
      const assets = [ETH, usd, eur, gbp] as const;
      const bobs = await Promise.all(assets.map((asset) => distributor.claimable(bob.address, asset)));
      const carols = await Promise.all(assets.map((asset) => distributor.claimable(carol.address, asset)));
      expect(bobs).to.deep.equal([ONE_ETH, 1_000n * USD, 2_000n * USD, 3_000n * USD]);
      expect(carols).to.deep.equal([ONE_ETH, 1_000n * USD, 2_000n * USD, 3_000n * USD]);
    });

    it("pays the hand-computed amounts after four gains interleaved with sales, trades, issuance, a forced transfer, a claim and two ownership moves", async function () {
      const { distributor, usd, token, registry, registrar, arbiter, alice, bob, carol, dave, others } =
        await loadFixture(deployWithToken);
      const [alice2, alice3] = others;
      await verifyAll(registry, registrar, [alice2, alice3]);

      // Alice sells 10% to Bob and 5% to Carol: Alice 850,000 · Bob 100,000 · Carol 50,000 (supply 1,000,000).
      await token.connect(alice).transfer(bob.address, 100_000n * SHARE);
      await token.connect(alice).transfer(carol.address, 50_000n * SHARE);

      // Gain 1, $100,000 at $0.10 a share: Alice 85,000 · Bob 10,000 · Carol 5,000.
      await distributeErc20(distributor, usd, alice, 100_000n * USD, memo("gain-1"));

      // Bob sells Carol 40,000 with Alice's permission: Bob 60,000 · Carol 90,000.
      await token.connect(alice).approveTransfer(bob.address, carol.address, 40_000n * SHARE);
      await token.connect(bob).transfer(carol.address, 40_000n * SHARE);
      // Alice issues 900,000 to herself and 100,000 to Dave: supply 2,000,000; Alice 1,750,000 · Dave 100,000.
      await token.connect(alice).issue(alice.address, 900_000n * SHARE);
      await token.connect(alice).issue(dave.address, 100_000n * SHARE);
      expect(await distributor.claimable(dave.address, usd)).to.equal(0n);

      // Gain 2, $200,000 at $0.10 a share: Alice 175,000 · Bob 6,000 · Carol 9,000 · Dave 10,000.
      await distributeErc20(distributor, usd, alice, 200_000n * USD, memo("gain-2"));

      // The arbiter moves all of Carol's 90,000 to Dave (Dave 190,000); Bob claims 10,000 + 6,000.
      await token.connect(arbiter).forcedTransfer(carol.address, dave.address, 90_000n * SHARE);
      await expect(distributor.connect(bob).claim(usd))
        .to.emit(distributor, "GainClaimed")
        .withArgs(bob.address, await usd.getAddress(), bob.address, 16_000n * USD);
      // Alice moves ownership, and her 1,750,000 shares, to her new wallet alice2.
      await token.connect(alice).transferOwnership(alice2.address);
      await token.connect(alice2).acceptOwnership();

      // Gain 3, $400,000 at $0.20 a share: alice2 350,000 · Bob 12,000 · Dave 38,000.
      await distributeErc20(distributor, usd, alice2, 400_000n * USD, memo("gain-3"));

      // alice2 is lost; the arbiter recovers ownership to alice3.
      await token.connect(arbiter).recoverOwnership(alice3.address);

      // Gain 4, $20,000 at $0.01 a share: alice3 17,500 · Bob 600 · Dave 1,900.
      await distributeErc20(distributor, usd, alice3, 20_000n * USD, memo("gain-4"));

      const holders = [alice, alice2, alice3, bob, carol, dave].map((signer) => signer.address);
      const expected = [260_000n, 350_000n, 17_500n, 12_600n, 14_000n, 49_900n].map((dollars) => dollars * USD);
      expect(await claimableOf(distributor, usd, holders)).to.deep.equal(expected);
      await expectTotals(distributor, usd, 720_000n * USD, 16_000n * USD);

      for (const [i, holder] of [alice, alice2, alice3, bob, carol, dave].entries()) {
        await expect(distributor.connect(holder).claim(usd)).to.changeTokenBalance(ethers, usd, holder, expected[i]);
      }
      expect(await usd.balanceOf(await distributor.getAddress())).to.equal(0n);
      await expectTotals(distributor, usd, 720_000n * USD, 720_000n * USD);
    });
  });
});
