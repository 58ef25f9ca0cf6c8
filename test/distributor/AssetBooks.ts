import { expect } from "chai";
import { ETH, ethers, memo, SHARE, USD, verifyAll } from "../helpers/fixtures.js";
import {
  ONE_ETH,
  distributeErc20,
  expectTotals,
  saleGas,
  withThreeOnePercentHolders,
  withThreeOnePercentHoldersAndErin,
  withEthQuotedToken,
  withExtraAssets,
  withEthQuotedTokenAndExtraAssets,
  loadFixture,
} from "../helpers/distributor.js";

describe("GainsDistributor", function () {
  describe("opening an asset's book: only the owner makes the first deposit", function () {
    it("refuses a stranger's first ETH deposit with AssetBookNotOpen(asset, caller), and changes nothing", async function () {
      const { distributor, mallory } = await loadFixture(withThreeOnePercentHolders);
      await expect(distributor.connect(mallory).distribute(ETH, 1n, memo("x"), { value: 1n }))
        .to.be.revertedWithCustomError(distributor, "AssetBookNotOpen")
        .withArgs(ETH, mallory.address);
      await expectTotals(distributor, ETH, 0n, 0n);
      expect(await ethers.provider.getBalance(await distributor.getAddress())).to.equal(0n);
    });

    it("refuses a holder's first deposit in the quote asset the same way, and pulls nothing", async function () {
      const { distributor, usd, bob } = await loadFixture(withThreeOnePercentHolders);
      await expect(distributeErc20(distributor, usd, bob, 1n))
        .to.be.revertedWithCustomError(distributor, "AssetBookNotOpen")
        .withArgs(await usd.getAddress(), bob.address);
      await expectTotals(distributor, usd, 0n, 0n);
      expect(await usd.balanceOf(bob.address)).to.equal(1n);
      expect(await usd.balanceOf(await distributor.getAddress())).to.equal(0n);
    });

    it("keeps a later sale to a new holder as cheap as before a stranger tried to open books", async function () {
      const fresh = await loadFixture(withThreeOnePercentHoldersAndErin);
      const untouched = await saleGas(fresh.token, fresh.alice, fresh.erin.address);

      const { distributor, token, usd, alice, erin, mallory } = await loadFixture(withThreeOnePercentHoldersAndErin);
      await expect(distributor.connect(mallory).distribute(ETH, 1n, memo("x"), { value: 1n }))
        .to.be.revertedWithCustomError(distributor, "AssetBookNotOpen")
        .withArgs(ETH, mallory.address);
      await expect(distributeErc20(distributor, usd, mallory, 1n))
        .to.be.revertedWithCustomError(distributor, "AssetBookNotOpen")
        .withArgs(await usd.getAddress(), mallory.address);
      await expectTotals(distributor, ETH, 0n, 0n);
      await expectTotals(distributor, usd, 0n, 0n);
      expect(await saleGas(token, alice, erin.address)).to.equal(untouched);

      // Open books are what a move pays for: once the owner opened both, the same sale costs more.
      const opened = await loadFixture(withThreeOnePercentHoldersAndErin);
      await opened.distributor.connect(opened.alice).distribute(ETH, 1n, memo("x"), { value: 1n });
      await distributeErc20(opened.distributor, opened.usd, opened.alice, 1n);
      expect(await saleGas(opened.token, opened.alice, opened.erin.address)).to.be.above(untouched);
    });

    it("lets a stranger add to the ETH and USD books only once the owner's first deposits opened them", async function () {
      const { distributor, usd, alice, bob, mallory } = await loadFixture(withThreeOnePercentHolders);
      await expect(distributor.connect(mallory).distribute(ETH, 90n * ONE_ETH, memo("gift"), { value: 90n * ONE_ETH }))
        .to.be.revertedWithCustomError(distributor, "AssetBookNotOpen")
        .withArgs(ETH, mallory.address);
      await distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("eth"), { value: 10n * ONE_ETH });
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      await expect(distributor.connect(mallory).distribute(ETH, 90n * ONE_ETH, memo("gift"), { value: 90n * ONE_ETH }))
        .to.emit(distributor, "GainDistributed")
        .withArgs(ETH, mallory.address, 90n * ONE_ETH, memo("gift"));
      await expect(distributeErc20(distributor, usd, bob, 400_000n * USD, memo("gift")))
        .to.emit(distributor, "GainDistributed")
        .withArgs(await usd.getAddress(), bob.address, 400_000n * USD, memo("gift"));
      await expectTotals(distributor, ETH, 100n * ONE_ETH, 0n);
      await expectTotals(distributor, usd, 500_000n * USD, 0n);
      expect(await distributor.claimable(bob.address, ETH)).to.equal(ONE_ETH);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
    });

    it("follows ownership: after a move the old wallet can no longer open a book, the new one can", async function () {
      const { distributor, token, alice, erin } = await loadFixture(withThreeOnePercentHoldersAndErin);
      await token.connect(alice).transferOwnership(erin.address);
      await token.connect(erin).acceptOwnership();
      await expect(distributor.connect(alice).distribute(ETH, ONE_ETH, memo("x"), { value: ONE_ETH }))
        .to.be.revertedWithCustomError(distributor, "AssetBookNotOpen")
        .withArgs(ETH, alice.address);
      await expect(distributor.connect(erin).distribute(ETH, ONE_ETH, memo("x"), { value: ONE_ETH }))
        .to.emit(distributor, "GainDistributed")
        .withArgs(ETH, erin.address, ONE_ETH, memo("x"));
    });
  });

  describe("enabling extra assets", function () {
    it("accepts ETH and the quote asset from the start, and nothing else", async function () {
      const { distributor, usd, eur } = await loadFixture(withExtraAssets);
      expect([...(await distributor.acceptedAssets())]).to.deep.equal([ETH, await usd.getAddress()]);
      expect(await distributor.isAccepted(ETH)).to.equal(true);
      expect(await distributor.isAccepted(usd)).to.equal(true);
      expect(await distributor.isAccepted(eur)).to.equal(false);
    });

    it("lets the owner enable an asset, emitting AssetEnabled", async function () {
      const { distributor, usd, eur, gbp, alice } = await loadFixture(withExtraAssets);
      await expect(distributor.connect(alice).enableAsset(eur))
        .to.emit(distributor, "AssetEnabled")
        .withArgs(await eur.getAddress());
      await distributor.connect(alice).enableAsset(gbp);
      expect(await distributor.isAccepted(eur)).to.equal(true);
      expect([...(await distributor.acceptedAssets())]).to.deep.equal([
        ETH,
        await usd.getAddress(),
        await eur.getAddress(),
        await gbp.getAddress(),
      ]);
    });

    it("accepts distributions in an enabled asset and splits them pro rata", async function () {
      const { distributor, token, eur, alice, bob } = await loadFixture(withExtraAssets);
      await token.connect(alice).transfer(bob.address, 200_000n * SHARE);
      await distributor.connect(alice).enableAsset(eur);
      await expect(distributeErc20(distributor, eur, alice, 1_000n * USD, memo("eur")))
        .to.emit(distributor, "GainDistributed")
        .withArgs(await eur.getAddress(), alice.address, 1_000n * USD, memo("eur"));
      expect(await distributor.claimable(bob.address, eur)).to.equal(200n * USD);
    });

    it("refuses anyone but the token's owner", async function () {
      const { distributor, eur, bob } = await loadFixture(withExtraAssets);
      await expect(distributor.connect(bob).enableAsset(eur))
        .to.be.revertedWithCustomError(distributor, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("follows ownership: after a move only the new owner may enable assets", async function () {
      const { distributor, token, registry, registrar, eur, alice, others } = await loadFixture(withExtraAssets);
      const erin = others[0];
      await verifyAll(registry, registrar, [erin]);
      await token.connect(alice).transferOwnership(erin.address);
      await token.connect(erin).acceptOwnership();
      await expect(distributor.connect(alice).enableAsset(eur))
        .to.be.revertedWithCustomError(distributor, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(distributor.connect(erin).enableAsset(eur))
        .to.emit(distributor, "AssetEnabled")
        .withArgs(await eur.getAddress());
    });

    it("refuses ETH, the quote asset and an asset enabled twice with AssetAlreadyAccepted", async function () {
      const { distributor, usd, eur, alice } = await loadFixture(withExtraAssets);
      await expect(distributor.connect(alice).enableAsset(ETH))
        .to.be.revertedWithCustomError(distributor, "AssetAlreadyAccepted")
        .withArgs(ETH);
      await expect(distributor.connect(alice).enableAsset(usd))
        .to.be.revertedWithCustomError(distributor, "AssetAlreadyAccepted")
        .withArgs(await usd.getAddress());
      await distributor.connect(alice).enableAsset(eur);
      await expect(distributor.connect(alice).enableAsset(eur))
        .to.be.revertedWithCustomError(distributor, "AssetAlreadyAccepted")
        .withArgs(await eur.getAddress());
    });

    it("refuses an address without code", async function () {
      const { distributor, alice, mallory } = await loadFixture(withExtraAssets);
      await expect(distributor.connect(alice).enableAsset(mallory.address))
        .to.be.revertedWithCustomError(distributor, "AssetNotContract")
        .withArgs(mallory.address);
    });

    it("refuses a third extra asset on a USD-quoted token: 4 in all, ETH and USD included", async function () {
      const { distributor, eur, gbp, chf, alice } = await loadFixture(withExtraAssets);
      await distributor.connect(alice).enableAsset(eur);
      await distributor.connect(alice).enableAsset(gbp);
      await expect(distributor.connect(alice).enableAsset(chf))
        .to.be.revertedWithCustomError(distributor, "TooManyAssets")
        .withArgs(4n);
      expect(await distributor.isAccepted(chf)).to.equal(false);
      expect(await distributor.acceptedAssets()).to.have.length(4);
    });

    it("accepts only ETH on an ETH-quoted token, then three extras, and refuses a fourth", async function () {
      const { ethDistributor, usd, eur, gbp, chf, bob } = await loadFixture(withEthQuotedTokenAndExtraAssets);
      expect([...(await ethDistributor.acceptedAssets())]).to.deep.equal([ETH]);
      expect(await ethDistributor.isAccepted(usd)).to.equal(false);
      for (const asset of [usd, eur, gbp]) {
        await expect(ethDistributor.connect(bob).enableAsset(asset))
          .to.emit(ethDistributor, "AssetEnabled")
          .withArgs(await asset.getAddress());
      }
      await expect(ethDistributor.connect(bob).enableAsset(chf))
        .to.be.revertedWithCustomError(ethDistributor, "TooManyAssets")
        .withArgs(4n);
      expect([...(await ethDistributor.acceptedAssets())]).to.deep.equal([
        ETH,
        await usd.getAddress(),
        await eur.getAddress(),
        await gbp.getAddress(),
      ]);
    });

    it("refuses the quote asset of another token on an ETH-quoted token until it is enabled", async function () {
      const { ethDistributor, usd, alice, bob } = await loadFixture(withEthQuotedToken);
      await usd.mint(alice.address, 100n * USD);
      await usd.connect(alice).approve(await ethDistributor.getAddress(), 100n * USD);
      await expect(ethDistributor.connect(alice).distribute(usd, 100n * USD, memo("x")))
        .to.be.revertedWithCustomError(ethDistributor, "AssetNotAccepted")
        .withArgs(await usd.getAddress());
      await ethDistributor.connect(bob).enableAsset(usd);
      await expect(distributeErc20(ethDistributor, usd, bob, 100n * USD, memo("x")))
        .to.emit(ethDistributor, "GainDistributed")
        .withArgs(await usd.getAddress(), bob.address, 100n * USD, memo("x"));
      expect(await ethDistributor.claimable(bob.address, usd)).to.equal(100n * USD);
    });
  });
});
