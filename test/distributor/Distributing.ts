import { expect } from "chai";
import { deployWithToken, ETH, ethers, memo, SHARE, USD } from "../helpers/fixtures.js";
import {
  SCALE,
  ONE_ETH,
  FEE_UNIT,
  distributeErc20,
  expectTotals,
  claimableOf,
  withFeeToken,
  loadFixture,
} from "../helpers/distributor.js";

describe("GainsDistributor", function () {
  describe("a distributor belongs to one token", function () {
    it("reports Alice's token, which in turn names this distributor", async function () {
      const { token, distributor } = await loadFixture(deployWithToken);
      expect(await distributor.token()).to.equal(await token.getAddress());
      expect(await token.distributor()).to.equal(await distributor.getAddress());
    });

    it("publishes its fixed-point scale of 1e36 and its limit of 4 assets", async function () {
      const { distributor } = await loadFixture(deployWithToken);
      expect(await distributor.SCALE()).to.equal(SCALE);
      expect(await distributor.MAX_ASSETS()).to.equal(4n);
    });

    it("refuses a balance report from anyone but the token", async function () {
      const { distributor, alice, bob } = await loadFixture(deployWithToken);
      await expect(distributor.connect(alice).onBalanceChange(alice.address, bob.address, SHARE))
        .to.be.revertedWithCustomError(distributor, "CallerNotToken")
        .withArgs(alice.address);
    });

    it("reports nothing deposited, claimed or claimable before the first distribution", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      await expectTotals(distributor, ETH, 0n, 0n);
      await expectTotals(distributor, usd, 0n, 0n);
      expect(await distributor.claimable(alice.address, ETH)).to.equal(0n);
      expect(await distributor.claimable(alice.address, usd)).to.equal(0n);
    });

    it("refuses every use of the shared implementation directly", async function () {
      const { distributorImplementation: implementation, usd, alice, bob } = await loadFixture(deployWithToken);
      await expect(
        implementation.connect(alice).distribute(ETH, ONE_ETH, memo("x"), { value: ONE_ETH }),
      ).to.be.revertedWithCustomError(implementation, "ImplementationNotUsable");
      await expect(implementation.connect(alice).claim(usd)).to.be.revertedWithCustomError(
        implementation,
        "ImplementationNotUsable",
      );
      await expect(implementation.connect(alice).claimFor(bob.address, usd)).to.be.revertedWithCustomError(
        implementation,
        "ImplementationNotUsable",
      );
      await expect(implementation.connect(alice).enableAsset(usd)).to.be.revertedWithCustomError(
        implementation,
        "ImplementationNotUsable",
      );
    });
  });

  describe("distributing an ETH gain", function () {
    it("credits a 10 ETH gain to Alice, the only holder, and emits GainDistributed with depositor and memo", async function () {
      const { distributor, alice } = await loadFixture(deployWithToken);
      const tx = distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("sale-1"), { value: 10n * ONE_ETH });
      await expect(tx)
        .to.emit(distributor, "GainDistributed")
        .withArgs(ETH, alice.address, 10n * ONE_ETH, memo("sale-1"));
      await expect(tx).to.changeEtherBalances(ethers, [alice, distributor], [-10n * ONE_ETH, 10n * ONE_ETH]);
      expect(await distributor.claimable(alice.address, ETH)).to.equal(10n * ONE_ETH);
      await expectTotals(distributor, ETH, 10n * ONE_ETH, 0n);
    });

    it("lets anyone distribute, even an unverified outsider, once the owner opened the book", async function () {
      const { distributor, alice, bob, token, mallory } = await loadFixture(deployWithToken);
      await token.connect(alice).transfer(bob.address, 100_000n * SHARE);
      await distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("sale-1"), { value: 10n * ONE_ETH });
      await expect(distributor.connect(mallory).distribute(ETH, 2n * ONE_ETH, memo("gift"), { value: 2n * ONE_ETH }))
        .to.emit(distributor, "GainDistributed")
        .withArgs(ETH, mallory.address, 2n * ONE_ETH, memo("gift"));
      expect(await distributor.claimable(alice.address, ETH)).to.equal((108n * ONE_ETH) / 10n);
      expect(await distributor.claimable(bob.address, ETH)).to.equal((12n * ONE_ETH) / 10n);
      expect(await distributor.claimable(mallory.address, ETH)).to.equal(0n);
    });

    it("refuses an ETH distribution whose msg.value is below the amount", async function () {
      const { distributor, alice } = await loadFixture(deployWithToken);
      await expect(distributor.connect(alice).distribute(ETH, ONE_ETH, memo("x"), { value: ONE_ETH - 1n }))
        .to.be.revertedWithCustomError(distributor, "EthValueMismatch")
        .withArgs(ONE_ETH - 1n, ONE_ETH);
    });

    it("refuses an ETH distribution whose msg.value is above the amount", async function () {
      const { distributor, alice } = await loadFixture(deployWithToken);
      await expect(distributor.connect(alice).distribute(ETH, ONE_ETH, memo("x"), { value: 2n * ONE_ETH }))
        .to.be.revertedWithCustomError(distributor, "EthValueMismatch")
        .withArgs(2n * ONE_ETH, ONE_ETH);
    });

    it("refuses a zero ETH distribution", async function () {
      const { distributor, alice } = await loadFixture(deployWithToken);
      await expect(distributor.connect(alice).distribute(ETH, 0n, memo("x"), { value: 0n }))
        .to.be.revertedWithCustomError(distributor, "ZeroAmount")
        .withArgs();
    });
  });

  describe("distributing the ERC-20 quote asset", function () {
    it("pulls an approved $500,000 and credits exactly what arrived", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      await usd.mint(alice.address, 500_000n * USD);
      await usd.connect(alice).approve(await distributor.getAddress(), 500_000n * USD);
      const tx = distributor.connect(alice).distribute(usd, 500_000n * USD, memo("sale-1"));
      await expect(tx)
        .to.emit(distributor, "GainDistributed")
        .withArgs(await usd.getAddress(), alice.address, 500_000n * USD, memo("sale-1"));
      await expect(tx).to.changeTokenBalances(ethers, usd, [alice, distributor], [-500_000n * USD, 500_000n * USD]);
      expect(await distributor.claimable(alice.address, usd)).to.equal(500_000n * USD);
      await expectTotals(distributor, usd, 500_000n * USD, 0n);
    });

    it("refuses ETH sent along with an ERC-20 distribution", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      await usd.mint(alice.address, 100n * USD);
      await usd.connect(alice).approve(await distributor.getAddress(), 100n * USD);
      await expect(distributor.connect(alice).distribute(usd, 100n * USD, memo("x"), { value: 1n }))
        .to.be.revertedWithCustomError(distributor, "EthValueMismatch")
        .withArgs(1n, 0n);
    });

    it("refuses an ERC-20 that is neither the quote asset nor enabled", async function () {
      const { distributor, alice } = await loadFixture(deployWithToken);
      const other = await ethers.deployContract("MockERC20", ["Other", "OTH", 18]);
      await other.mint(alice.address, 100n);
      await other.connect(alice).approve(await distributor.getAddress(), 100n);
      await expect(distributor.connect(alice).distribute(other, 100n, memo("x")))
        .to.be.revertedWithCustomError(distributor, "AssetNotAccepted")
        .withArgs(await other.getAddress());
    });

    it("refuses a zero ERC-20 distribution", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      await expect(distributor.connect(alice).distribute(usd, 0n, memo("x")))
        .to.be.revertedWithCustomError(distributor, "ZeroAmount")
        .withArgs();
    });

    it("fails with the asset's own error when the depositor did not approve", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      await usd.mint(alice.address, 100n * USD);
      await expect(distributor.connect(alice).distribute(usd, 100n * USD, memo("x")))
        .to.be.revertedWithCustomError(usd, "ERC20InsufficientAllowance")
        .withArgs(await distributor.getAddress(), 0n, 100n * USD);
    });
  });

  describe("distributing a fee-on-transfer asset", function () {
    it("credits only what arrived: a 1,000-unit deposit at a 1% fee books 990", async function () {
      const { distributor, fee, alice } = await loadFixture(withFeeToken);
      const tx = distributeErc20(distributor, fee, alice, 1_000n * FEE_UNIT, memo("fee-sale"));
      await expect(tx)
        .to.emit(distributor, "GainDistributed")
        .withArgs(await fee.getAddress(), alice.address, 990n * FEE_UNIT, memo("fee-sale"));
      expect(await fee.balanceOf(await distributor.getAddress())).to.equal(990n * FEE_UNIT);
      await expectTotals(distributor, fee, 990n * FEE_UNIT, 0n);
    });

    it("splits what arrived 90/10 and keeps every claim covered by the distributor's balance", async function () {
      const { distributor, fee, alice, bob } = await loadFixture(withFeeToken);
      await distributeErc20(distributor, fee, alice, 1_000n * FEE_UNIT);
      const [aliceShare, bobShare] = await claimableOf(distributor, fee, [alice.address, bob.address]);
      expect(aliceShare).to.equal(891n * FEE_UNIT);
      expect(bobShare).to.equal(99n * FEE_UNIT);
      expect(aliceShare + bobShare).to.be.at.most(await fee.balanceOf(await distributor.getAddress()));
    });

    it("lets every holder claim, paying out the whole credited amount", async function () {
      const { distributor, fee, alice, bob } = await loadFixture(withFeeToken);
      await distributeErc20(distributor, fee, alice, 1_000n * FEE_UNIT);
      const feeAddress = await fee.getAddress();
      await expect(distributor.connect(bob).claim(fee))
        .to.emit(distributor, "GainClaimed")
        .withArgs(bob.address, feeAddress, bob.address, 99n * FEE_UNIT);
      // The asset burns 1% on the way out too: Bob receives 99 − 0.99.
      expect(await fee.balanceOf(bob.address)).to.equal((9_801n * FEE_UNIT) / 100n);
      await expect(distributor.connect(alice).claim(fee))
        .to.emit(distributor, "GainClaimed")
        .withArgs(alice.address, feeAddress, alice.address, 891n * FEE_UNIT);
      expect(await fee.balanceOf(await distributor.getAddress())).to.equal(0n);
      await expectTotals(distributor, fee, 990n * FEE_UNIT, 990n * FEE_UNIT);
    });

    it("stays solvent when the fee and the split both round: 1,001 wei books 991 and promises 990", async function () {
      const { distributor, fee, alice, bob } = await loadFixture(withFeeToken);
      await expect(distributeErc20(distributor, fee, alice, 1_001n))
        .to.emit(distributor, "GainDistributed")
        .withArgs(await fee.getAddress(), alice.address, 991n, memo("gain"));
      expect(await distributor.claimable(alice.address, fee)).to.equal(891n); // 991 × 90% = 891.9
      expect(await distributor.claimable(bob.address, fee)).to.equal(99n); // 991 × 10% = 99.1
      await distributor.connect(alice).claim(fee);
      await distributor.connect(bob).claim(fee);
      expect(await fee.balanceOf(await distributor.getAddress())).to.equal(1n);
      await expectTotals(distributor, fee, 991n, 990n);
    });

    it("refuses a deposit of which nothing arrives, a 100% fee (NothingReceived)", async function () {
      const { distributor, alice } = await loadFixture(deployWithToken);
      const burner = await ethers.deployContract("FeeOnTransferERC20", [10_000]);
      await distributor.connect(alice).enableAsset(burner);
      await expect(distributeErc20(distributor, burner, alice, 1_000n))
        .to.be.revertedWithCustomError(distributor, "NothingReceived")
        .withArgs(await burner.getAddress(), 1_000n);
    });
  });
});
