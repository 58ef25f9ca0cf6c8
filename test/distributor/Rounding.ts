import { expect } from "chai";
import { deployWithToken, ETH, ethers, memo, SHARE, USD } from "../helpers/fixtures.js";
import {
  SCALE,
  ONE_ETH,
  MAX_TOTAL_DEPOSITS,
  distributeErc20,
  expectTotals,
  claimableOf,
  sum,
  withThreeOnePercentHolders,
  withUsdGain,
  withRejectingHolder,
  withThreeUnitToken,
  loadFixture,
} from "../helpers/distributor.js";

describe("GainsDistributor", function () {
  describe("rounding never over-pays and strands nothing", function () {
    it("carries the remainder of 1 wei split three ways until the third wei pays each holder exactly 1", async function () {
      const { tinyDistributor, usd, bob, carol, dave } = await loadFixture(withThreeUnitToken);
      const holders = [bob.address, carol.address, dave.address];

      await distributeErc20(tinyDistributor, usd, bob, 1n);
      expect(await claimableOf(tinyDistributor, usd, holders)).to.deep.equal([0n, 0n, 0n]);
      await expectTotals(tinyDistributor, usd, 1n, 0n);
      await expect(tinyDistributor.connect(bob).claim(usd))
        .to.be.revertedWithCustomError(tinyDistributor, "NothingToClaim")
        .withArgs(bob.address, await usd.getAddress());

      await distributeErc20(tinyDistributor, usd, bob, 1n);
      expect(await claimableOf(tinyDistributor, usd, holders)).to.deep.equal([0n, 0n, 0n]);

      await distributeErc20(tinyDistributor, usd, bob, 1n);
      expect(await claimableOf(tinyDistributor, usd, holders)).to.deep.equal([1n, 1n, 1n]);

      for (const holder of [bob, carol, dave]) await tinyDistributor.connect(holder).claim(usd);
      expect(await usd.balanceOf(await tinyDistributor.getAddress())).to.equal(0n);
      await expectTotals(tinyDistributor, usd, 3n, 3n);
    });

    it("carries 2-wei gains split three ways: 0 each at 2 wei, 1 each at 4 wei, 2 each at 6 wei", async function () {
      const { tinyDistributor, usd, bob, carol, dave } = await loadFixture(withThreeUnitToken);
      const holders = [bob.address, carol.address, dave.address];
      await distributeErc20(tinyDistributor, usd, bob, 2n);
      expect(await claimableOf(tinyDistributor, usd, holders)).to.deep.equal([0n, 0n, 0n]);
      await distributeErc20(tinyDistributor, usd, bob, 2n); // 4 wei in all: 1 each, 1 carried
      expect(await claimableOf(tinyDistributor, usd, holders)).to.deep.equal([1n, 1n, 1n]);
      await distributeErc20(tinyDistributor, usd, bob, 2n); // 6 wei in all: 2 each, nothing left over
      expect(await claimableOf(tinyDistributor, usd, holders)).to.deep.equal([2n, 2n, 2n]);
      await expectTotals(tinyDistributor, usd, 6n, 0n);
    });

    it("pays exactly floor(floor(1e36 × deposited / supply) × balance / 1e36) on an odd supply with odd amounts, and strands less than 1 unit per holder", async function () {
      const { distributor, usd, token, alice, bob, carol, dave } = await loadFixture(deployWithToken);
      // An odd supply coprime with 1e36, so every deposit leaves a remainder to carry.
      await token.connect(alice).issue(alice.address, 7n);
      const supply = 1_000_000n * SHARE + 7n;
      const balances = new Map<string, bigint>([
        [bob.address, 33_333n * SHARE + 333n],
        [carol.address, 7n],
        [dave.address, 66_666n * SHARE + 1n],
      ]);
      for (const [holder, amount] of balances) await token.connect(alice).transfer(holder, amount);
      balances.set(alice.address, await token.balanceOf(alice.address));
      expect(sum([...balances.values()])).to.equal(supply);

      const claimed = new Map<string, bigint>([...balances.keys()].map((holder) => [holder, 0n]));
      const model = (deposited: bigint, holder: string) =>
        (((deposited * SCALE) / supply) * balances.get(holder)!) / SCALE - claimed.get(holder)!;

      let deposited = 0n;
      const amounts = [1n, 2n, 999_999n, 123_456_789n, 1n, 10n ** 12n + 7n, 3n];
      for (const [step, amount] of amounts.entries()) {
        await distributeErc20(distributor, usd, alice, amount);
        deposited += amount;
        if (step === 3) {
          for (const holder of [bob, dave]) {
            const due = model(deposited, holder.address);
            await distributor.connect(holder).claim(usd);
            claimed.set(holder.address, claimed.get(holder.address)! + due);
          }
        }
        const holders = [...balances.keys()];
        const actual = await claimableOf(distributor, usd, holders);
        expect(actual).to.deep.equal(holders.map((holder) => model(deposited, holder)));
        const totalClaimed = sum([...claimed.values()]);
        await expectTotals(distributor, usd, deposited, totalClaimed);
        const stranded = deposited - totalClaimed - sum(actual);
        expect(stranded).to.be.at.least(0n);
        expect(stranded).to.be.below(BigInt(holders.length));
        expect(await usd.balanceOf(await distributor.getAddress())).to.equal(deposited - totalClaimed);
      }
      expect(deposited).to.equal(1_000_124_456_802n);
      // Carol's 7 share units are worth 7 × 10⁻²⁴ of the gains: always rounded down to nothing.
      expect(await distributor.claimable(carol.address, usd)).to.equal(0n);
    });

    it("pays a 10% holder exactly 1 wei once ten 1-wei gains have accumulated", async function () {
      const { distributor, usd, token, alice, bob } = await loadFixture(deployWithToken);
      await token.connect(alice).transfer(bob.address, 100_000n * SHARE);
      for (let i = 1; i <= 9; i++) await distributeErc20(distributor, usd, alice, 1n);
      expect(await distributor.claimable(bob.address, usd)).to.equal(0n);
      expect(await distributor.claimable(alice.address, usd)).to.equal(8n); // 9 × 0.9 = 8.1
      await distributeErc20(distributor, usd, alice, 1n);
      expect(await distributor.claimable(bob.address, usd)).to.equal(1n);
      expect(await distributor.claimable(alice.address, usd)).to.equal(9n);
      await expectTotals(distributor, usd, 10n, 0n);
    });
  });

  describe("claimFor: anyone can pay a holder", function () {
    it("lets an outsider pay Bob his $5,000, emitting GainClaimed with Bob as recipient", async function () {
      const { distributor, usd, bob, mallory } = await loadFixture(withUsdGain);
      expect(await distributor.connect(mallory).claimFor.staticCall(bob.address, usd)).to.equal(5_000n * USD);
      const tx = distributor.connect(mallory).claimFor(bob.address, usd);
      await expect(tx)
        .to.emit(distributor, "GainClaimed")
        .withArgs(bob.address, await usd.getAddress(), bob.address, 5_000n * USD);
      await expect(tx).to.changeTokenBalances(ethers, usd, [bob, mallory], [5_000n * USD, 0n]);
      await expectTotals(distributor, usd, 500_000n * USD, 5_000n * USD);
    });

    it("pays ETH to the holder, not the caller", async function () {
      const { distributor, alice, bob, mallory } = await loadFixture(withThreeOnePercentHolders);
      await distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("eth"), { value: 10n * ONE_ETH });
      await expect(distributor.connect(mallory).claimFor(bob.address, ETH)).to.changeEtherBalances(
        ethers,
        [bob, mallory, distributor],
        [ONE_ETH / 10n, 0n, -ONE_ETH / 10n],
      );
    });

    it("refuses to pay a holder with nothing to claim", async function () {
      const { distributor, usd, bob, mallory } = await loadFixture(withUsdGain);
      await distributor.connect(mallory).claimFor(bob.address, usd);
      await expect(distributor.connect(mallory).claimFor(bob.address, usd))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(bob.address, await usd.getAddress());
      await expect(distributor.connect(mallory).claimFor(bob.address, ETH))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(bob.address, ETH);
    });

    it("works while the token is paused, by claim and by claimFor", async function () {
      const { distributor, usd, token, arbiter, bob, carol, dave, mallory } = await loadFixture(withUsdGain);
      await token.connect(arbiter).pause();
      await expect(token.connect(bob).transfer(carol.address, 1n)).to.be.revertedWithCustomError(
        token,
        "EnforcedPause",
      );
      await expect(distributor.connect(bob).claim(usd)).to.changeTokenBalance(ethers, usd, bob, 5_000n * USD);
      await expect(distributor.connect(mallory).claimFor(dave.address, usd)).to.changeTokenBalance(
        ethers,
        usd,
        dave,
        5_000n * USD,
      );
    });

    it("lets a banned holder claim what it earned, itself or through claimFor", async function () {
      const { distributor, usd, registry, registrar, bob, carol, mallory } = await loadFixture(withUsdGain);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      await registry.connect(registrar).ban(carol.address, memo("fraud"));
      expect(await registry.isBanned(bob.address)).to.equal(true);
      await expect(distributor.connect(bob).claim(usd)).to.changeTokenBalance(ethers, usd, bob, 5_000n * USD);
      await expect(distributor.connect(mallory).claimFor(carol.address, usd)).to.changeTokenBalance(
        ethers,
        usd,
        carol,
        5_000n * USD,
      );
    });

    it("reverts with FailedCall when a holder refuses ETH, and keeps its entitlement", async function () {
      const { distributor, receiver, mallory } = await loadFixture(withRejectingHolder);
      const receiverAddress = await receiver.getAddress();
      expect(await distributor.claimable(receiverAddress, ETH)).to.equal(ONE_ETH);
      await expect(distributor.connect(mallory).claimFor(receiverAddress, ETH)).to.be.revertedWithCustomError(
        distributor,
        "FailedCall",
      );
      const claimCall = distributor.interface.encodeFunctionData("claim", [ETH]);
      await expect(receiver.call(await distributor.getAddress(), claimCall)).to.be.revertedWithCustomError(
        distributor,
        "FailedCall",
      );
      expect(await distributor.claimable(receiverAddress, ETH)).to.equal(ONE_ETH);
      await expectTotals(distributor, ETH, 100n * ONE_ETH, 0n);
      expect(await ethers.provider.getBalance(await distributor.getAddress())).to.equal(100n * ONE_ETH);
    });

    it("still pays a holder that refuses ETH in an ERC-20", async function () {
      const { distributor, usd, receiver, mallory } = await loadFixture(withRejectingHolder);
      const receiverAddress = await receiver.getAddress();
      await expect(distributor.connect(mallory).claimFor(receiverAddress, usd))
        .to.emit(distributor, "GainClaimed")
        .withArgs(receiverAddress, await usd.getAddress(), receiverAddress, 10n * USD);
      expect(await usd.balanceOf(receiverAddress)).to.equal(10n * USD);
    });
  });

  describe("deposit bounds", function () {
    it("accepts deposits up to 2^128 − 2 (MAX_TOTAL_DEPOSITS) of one asset and pays them exactly", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      await distributeErc20(distributor, usd, alice, MAX_TOTAL_DEPOSITS);
      expect(await distributor.claimable(alice.address, usd)).to.equal(MAX_TOTAL_DEPOSITS);
      await expectTotals(distributor, usd, MAX_TOTAL_DEPOSITS, 0n);
      await expect(distributeErc20(distributor, usd, alice, 1n))
        .to.be.revertedWithCustomError(distributor, "DepositLimitExceeded")
        .withArgs(await usd.getAddress());
      await expect(distributor.connect(alice).claim(usd)).to.changeTokenBalance(ethers, usd, alice, MAX_TOTAL_DEPOSITS);
    });

    it("refuses a single deposit above MAX_TOTAL_DEPOSITS", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      expect(await distributor.MAX_TOTAL_DEPOSITS()).to.equal(MAX_TOTAL_DEPOSITS);
      await expect(distributeErc20(distributor, usd, alice, MAX_TOTAL_DEPOSITS + 1n))
        .to.be.revertedWithCustomError(distributor, "DepositLimitExceeded")
        .withArgs(await usd.getAddress());
      await expectTotals(distributor, usd, 0n, 0n);
    });
  });
});
