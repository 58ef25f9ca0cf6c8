import { expect } from "chai";
import { ETH, ethers, memo, USD } from "../helpers/fixtures.js";
import type { ImpostorDistributor } from "../../types/ethers-contracts/index.js";
import {
  ONE_ETH,
  distributeErc20,
  expectTotals,
  addressMemo,
  withChainedTokens,
  loadFixture,
} from "../helpers/distributor.js";

describe("GainsDistributor", function () {
  describe("chains of tokens: a personal token holding another's shares", function () {
    it("forwards Bob's token's share of a USD gain into Bob's distributor as a distribution", async function () {
      const { distributor, bobToken, bobDistributor, usd, token, alice, mallory } =
        await loadFixture(withChainedTokens);
      await distributeErc20(distributor, usd, alice, 500_000n * USD);
      const bobTokenAddress = await bobToken.getAddress();
      const bobDistributorAddress = await bobDistributor.getAddress();
      const usdAddress = await usd.getAddress();
      expect(await distributor.claimable(bobTokenAddress, usd)).to.equal(50_000n * USD);

      const tx = distributor.connect(mallory).claimFor(bobTokenAddress, usd);
      await expect(tx)
        .to.emit(distributor, "GainClaimed")
        .withArgs(bobTokenAddress, usdAddress, bobDistributorAddress, 50_000n * USD);
      await expect(tx)
        .to.emit(bobDistributor, "GainDistributed")
        .withArgs(usdAddress, await distributor.getAddress(), 50_000n * USD, addressMemo(await token.getAddress()));
      await expect(tx).to.changeTokenBalances(
        ethers,
        usd,
        [distributor, bobDistributor, bobTokenAddress],
        [-50_000n * USD, 50_000n * USD, 0n],
      );
      await expectTotals(distributor, usd, 500_000n * USD, 50_000n * USD);
      await expectTotals(bobDistributor, usd, 50_000n * USD, 0n);
      expect(await distributor.claimable(bobTokenAddress, usd)).to.equal(0n);
    });

    it("lets Bob's holders claim the forwarded gain pro rata: Bob $45,000, Carol $5,000", async function () {
      const { distributor, bobToken, bobDistributor, usd, alice, bob, carol } = await loadFixture(withChainedTokens);
      await distributeErc20(distributor, usd, alice, 500_000n * USD);
      await distributor.claimFor(await bobToken.getAddress(), usd);
      expect(await bobDistributor.claimable(bob.address, usd)).to.equal(45_000n * USD);
      expect(await bobDistributor.claimable(carol.address, usd)).to.equal(5_000n * USD);
      await expect(bobDistributor.connect(bob).claim(usd)).to.changeTokenBalance(ethers, usd, bob, 45_000n * USD);
      await expect(bobDistributor.connect(carol).claim(usd)).to.changeTokenBalance(ethers, usd, carol, 5_000n * USD);
      expect(await usd.balanceOf(await bobDistributor.getAddress())).to.equal(0n);
    });

    it("forwards an ETH gain the same way", async function () {
      const { distributor, bobToken, bobDistributor, token, alice, bob, carol } = await loadFixture(withChainedTokens);
      await distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("eth"), { value: 10n * ONE_ETH });
      const bobTokenAddress = await bobToken.getAddress();
      const tx = distributor.claimFor(bobTokenAddress, ETH);
      await expect(tx)
        .to.emit(distributor, "GainClaimed")
        .withArgs(bobTokenAddress, ETH, await bobDistributor.getAddress(), ONE_ETH);
      await expect(tx)
        .to.emit(bobDistributor, "GainDistributed")
        .withArgs(ETH, await distributor.getAddress(), ONE_ETH, addressMemo(await token.getAddress()));
      await expect(tx).to.changeEtherBalances(ethers, [distributor, bobDistributor], [-ONE_ETH, ONE_ETH]);
      expect(await bobDistributor.claimable(bob.address, ETH)).to.equal((9n * ONE_ETH) / 10n);
      expect(await bobDistributor.claimable(carol.address, ETH)).to.equal(ONE_ETH / 10n);
    });

    it("refuses to forward an ERC-20 that Bob's distributor does not accept, and keeps the entitlement until Bob enables it", async function () {
      const { distributor, bobToken, bobDistributor, token, alice, bob, carol } = await loadFixture(withChainedTokens);
      const eur = await ethers.deployContract("MockERC20", ["Mock EUR", "mEUR", 6]);
      const eurAddress = await eur.getAddress();
      await distributor.connect(alice).enableAsset(eur);
      await distributeErc20(distributor, eur, alice, 100_000n * USD);
      const bobTokenAddress = await bobToken.getAddress();

      await expect(distributor.claimFor(bobTokenAddress, eur))
        .to.be.revertedWithCustomError(bobDistributor, "AssetNotAccepted")
        .withArgs(eurAddress);
      expect(await distributor.claimable(bobTokenAddress, eur)).to.equal(10_000n * USD);
      await expectTotals(distributor, eur, 100_000n * USD, 0n);

      await bobDistributor.connect(bob).enableAsset(eur);
      await expect(distributor.claimFor(bobTokenAddress, eur))
        .to.emit(bobDistributor, "GainDistributed")
        .withArgs(eurAddress, await distributor.getAddress(), 10_000n * USD, addressMemo(await token.getAddress()));
      expect(await bobDistributor.claimable(bob.address, eur)).to.equal(9_000n * USD);
      expect(await bobDistributor.claimable(carol.address, eur)).to.equal(1_000n * USD);
    });
  });

  describe("chains of tokens: a gain passed on opens the holder token's book", function () {
    it("opens Bob's USD book with the gain Alice's distributor passes on, where a stranger's first deposit was refused", async function () {
      const { distributor, bobToken, bobDistributor, usd, token, alice, bob, mallory } =
        await loadFixture(withChainedTokens);
      await distributeErc20(distributor, usd, alice, 500_000n * USD);
      await expect(distributeErc20(bobDistributor, usd, mallory, 1n))
        .to.be.revertedWithCustomError(bobDistributor, "AssetBookNotOpen")
        .withArgs(await usd.getAddress(), mallory.address);

      await expect(distributor.connect(mallory).claimFor(await bobToken.getAddress(), usd))
        .to.emit(bobDistributor, "GainDistributed")
        .withArgs(
          await usd.getAddress(),
          await distributor.getAddress(),
          50_000n * USD,
          addressMemo(await token.getAddress()),
        );
      await expectTotals(bobDistributor, usd, 50_000n * USD, 0n);
      // Once open, anyone may add to it.
      await distributeErc20(bobDistributor, usd, mallory, 50_000n * USD);
      expect(await bobDistributor.claimable(bob.address, usd)).to.equal(90_000n * USD);
    });

    it("opens Bob's ETH book with a gain earned before Alice kicked Bob's token, which now holds no shares", async function () {
      const { market, distributor, bobToken, bobDistributor, token, alice, bob, carol, mallory } =
        await loadFixture(withChainedTokens);
      const bobTokenAddress = await bobToken.getAddress();
      await distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("eth"), { value: 10n * ONE_ETH });
      await market.connect(alice).kick(await token.getAddress(), bobTokenAddress, 0n);
      expect(await token.balanceOf(bobTokenAddress)).to.equal(0n);
      expect(await distributor.claimable(bobTokenAddress, ETH)).to.equal(ONE_ETH);
      await expect(bobDistributor.connect(mallory).distribute(ETH, 1n, memo("x"), { value: 1n }))
        .to.be.revertedWithCustomError(bobDistributor, "AssetBookNotOpen")
        .withArgs(ETH, mallory.address);

      await expect(distributor.connect(mallory).claimFor(bobTokenAddress, ETH))
        .to.emit(bobDistributor, "GainDistributed")
        .withArgs(ETH, await distributor.getAddress(), ONE_ETH, addressMemo(await token.getAddress()));
      await expectTotals(bobDistributor, ETH, ONE_ETH, 0n);
      expect(await bobDistributor.claimable(bob.address, ETH)).to.equal((9n * ONE_ETH) / 10n);
      expect(await bobDistributor.claimable(carol.address, ETH)).to.equal(ONE_ETH / 10n);
    });

    it("refuses an outsider, and Alice herself, who pass Alice's token as the memo of a first deposit", async function () {
      const { bobDistributor, token, alice, mallory } = await loadFixture(withChainedTokens);
      const aliceTokenMemo = addressMemo(await token.getAddress());
      for (const depositor of [mallory, alice]) {
        await expect(bobDistributor.connect(depositor).distribute(ETH, ONE_ETH, aliceTokenMemo, { value: ONE_ETH }))
          .to.be.revertedWithCustomError(bobDistributor, "AssetBookNotOpen")
          .withArgs(ETH, depositor.address);
      }
      await expectTotals(bobDistributor, ETH, 0n, 0n);
    });

    it("refuses a contract that poses as Alice's distributor, naming her token in token() and in the memo", async function () {
      const { bobDistributor, token, usd, mallory } = await loadFixture(withChainedTokens);
      const impostor = (await ethers.deployContract("ImpostorDistributor", [
        await token.getAddress(),
      ])) as unknown as ImpostorDistributor;
      const impostorAddress = await impostor.getAddress();
      expect(await impostor.token()).to.equal(await token.getAddress());
      await usd.mint(impostorAddress, 1_000n * USD);

      await expect(impostor.connect(mallory).forward(bobDistributor, usd, 1_000n * USD))
        .to.be.revertedWithCustomError(bobDistributor, "AssetBookNotOpen")
        .withArgs(await usd.getAddress(), impostorAddress);
      await expect(impostor.connect(mallory).forward(bobDistributor, ETH, ONE_ETH, { value: ONE_ETH }))
        .to.be.revertedWithCustomError(bobDistributor, "AssetBookNotOpen")
        .withArgs(ETH, impostorAddress);
      await expectTotals(bobDistributor, usd, 0n, 0n);
      await expectTotals(bobDistributor, ETH, 0n, 0n);
    });
  });
});
