import { expect } from "chai";
import { CreditReason } from "../../client/market.ts";
import { ETH, ethers, memo, SHARE, ZERO_ADDRESS } from "../helpers/fixtures.js";
import { ONE_ETH, deployEthOffering, loadFixture } from "../helpers/offerings.js";

describe("ShareMarket offerings", function () {
  describe("An offering priced in ETH, and withdrawals", function () {
    it("takes exactly the amount due in ETH and credits it to the owner's withdrawable balance", async function () {
      const { market, zoe, zoeToken, bob, id } = await loadFixture(deployEthOffering);
      const zoeTokenAddress = await zoeToken.getAddress();

      // 1,000 shares at 0.001 ETH.
      const tx = market.connect(bob).buy(id, 1_000n * SHARE, { value: ONE_ETH });

      await expect(tx).to.changeEtherBalances(ethers, [bob, market, zoe], [-ONE_ETH, ONE_ETH, 0n]);
      await expect(tx).to.changeTokenBalances(ethers, zoeToken, [zoe, bob], [-1_000n * SHARE, 1_000n * SHARE]);
      await expect(tx)
        .to.emit(market, "Credited")
        .withArgs(zoe.address, zoeTokenAddress, ETH, ONE_ETH, CreditReason.SaleProceeds);
      await expect(tx)
        .to.emit(market, "Purchased")
        .withArgs(id, zoeTokenAddress, bob.address, ETH, 1_000n * SHARE, ONE_ETH, true);
      await expect(tx)
        .to.emit(zoeToken, "LastPriceUpdated")
        .withArgs(ONE_ETH / 1_000n);
      expect(await market.withdrawable(zoe.address, ETH)).to.equal(ONE_ETH);
      const [paid, bought] = await zoeToken.purchaseOf(bob.address);
      expect(paid).to.equal(ONE_ETH);
      expect(bought).to.equal(1_000n * SHARE);
    });

    it("refuses any ETH amount other than what is due (EthValueMismatch)", async function () {
      const { market, bob, id } = await loadFixture(deployEthOffering);

      for (const sent of [0n, ONE_ETH - 1n, ONE_ETH + 1n]) {
        await expect(market.connect(bob).buy(id, 1_000n * SHARE, { value: sent }))
          .to.be.revertedWithCustomError(market, "EthValueMismatch")
          .withArgs(sent, ONE_ETH);
      }
    });

    it("rounds an ETH amount due up to the next wei", async function () {
      const { market, bob, id, zoeToken } = await loadFixture(deployEthOffering);

      // One share unit at 10^15 wei per share costs 0.001 wei, charged as 1 wei.
      await expect(market.connect(bob).buy(id, 1n, { value: 0n }))
        .to.be.revertedWithCustomError(market, "EthValueMismatch")
        .withArgs(0n, 1n);
      await expect(market.connect(bob).buy(id, 1n, { value: 1n }))
        .to.emit(market, "Purchased")
        .withArgs(id, await zoeToken.getAddress(), bob.address, ETH, 1n, 1n, true);
    });

    it("sends the owner's whole ETH balance on withdraw, then has nothing left (NothingToWithdraw)", async function () {
      const { market, zoe, bob, carol, id } = await loadFixture(deployEthOffering);
      await market.connect(bob).buy(id, 1_000n * SHARE, { value: ONE_ETH });
      await market.connect(carol).buy(id, 500n * SHARE, { value: ONE_ETH / 2n });
      const total = (3n * ONE_ETH) / 2n;
      expect(await market.withdrawable(zoe.address, ETH)).to.equal(total);

      const tx = market.connect(zoe).withdraw(ETH, zoe.address);

      await expect(tx).to.changeEtherBalances(ethers, [market, zoe], [-total, total]);
      await expect(tx).to.emit(market, "Withdrawn").withArgs(zoe.address, ETH, zoe.address, total);
      expect(await market.withdrawable(zoe.address, ETH)).to.equal(0n);
      await expect(market.connect(zoe).withdraw(ETH, zoe.address))
        .to.be.revertedWithCustomError(market, "NothingToWithdraw")
        .withArgs(zoe.address, ETH);
    });

    it("withdraws to another recipient, and refuses the zero address (ZeroRecipient)", async function () {
      const { market, zoe, bob, dave, id } = await loadFixture(deployEthOffering);
      await market.connect(bob).buy(id, 1_000n * SHARE, { value: ONE_ETH });

      await expect(market.connect(zoe).withdraw(ETH, ZERO_ADDRESS)).to.be.revertedWithCustomError(
        market,
        "ZeroRecipient",
      );
      const tx = market.connect(zoe).withdraw(ETH, dave.address);
      await expect(tx).to.changeEtherBalances(ethers, [market, zoe, dave], [-ONE_ETH, 0n, ONE_ETH]);
      await expect(tx).to.emit(market, "Withdrawn").withArgs(zoe.address, ETH, dave.address, ONE_ETH);
    });

    it("refuses a withdrawal by someone with nothing escrowed in that asset (NothingToWithdraw)", async function () {
      const { market, zoe, bob, mallory, usdAddress, id } = await loadFixture(deployEthOffering);
      await market.connect(bob).buy(id, 1_000n * SHARE, { value: ONE_ETH });

      await expect(market.connect(mallory).withdraw(ETH, mallory.address))
        .to.be.revertedWithCustomError(market, "NothingToWithdraw")
        .withArgs(mallory.address, ETH);
      await expect(market.connect(zoe).withdraw(usdAddress, zoe.address))
        .to.be.revertedWithCustomError(market, "NothingToWithdraw")
        .withArgs(zoe.address, usdAddress);
    });

    it("lets a banned owner withdraw while the token is paused", async function () {
      const { market, registry, registrar, arbiter, zoe, zoeToken, bob, id } = await loadFixture(deployEthOffering);
      await market.connect(bob).buy(id, 1_000n * SHARE, { value: ONE_ETH });
      await zoeToken.connect(arbiter).pause();
      await registry.connect(registrar).ban(zoe.address, memo("fraud"));

      await expect(market.connect(zoe).withdraw(ETH, zoe.address)).to.changeEtherBalances(
        ethers,
        [market, zoe],
        [-ONE_ETH, ONE_ETH],
      );
    });
  });
});
