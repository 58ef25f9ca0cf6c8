import { expect } from "chai";
import type { InvestorRegistry, ShareMarket } from "../../types/ethers-contracts/index.js";
import { deploySystem, deployWithToken, ethers, ZERO_ADDRESS } from "../helpers/fixtures.js";
import { loadFixture } from "../helpers/grants.js";

describe("PersonalToken grants and trading rules", function () {
  // ───────────────────────────── wiring ─────────────────────────────
  describe("The registry, the market and the factory are wired once", function () {
    it("starts every investor with no kicks and points the registry at the bound market", async function () {
      const { registry, market, bob, mallory } = await loadFixture(deploySystem);
      expect(await registry.kickCount(bob.address)).to.equal(0n);
      expect(await registry.kickCount(mallory.address)).to.equal(0n);
      expect(await registry.market()).to.equal(await market.getAddress());
    });

    it("refuses to bind the system registry's market a second time", async function () {
      const { registry, market, deployer, bob } = await loadFixture(deploySystem);
      await expect(registry.connect(deployer).bindMarket(bob.address))
        .to.be.revertedWithCustomError(registry, "AlreadyBound")
        .withArgs(await market.getAddress());
    });

    it("lets only the deployer bind a fresh registry's market, once, to a non-zero address", async function () {
      const { deployer, admin, registrar, arbiter, market, bob } = await loadFixture(deploySystem);
      const fresh = (await ethers.deployContract(
        "InvestorRegistry",
        [admin.address, registrar.address, arbiter.address],
        deployer,
      )) as unknown as InvestorRegistry;
      expect(await fresh.market()).to.equal(ZERO_ADDRESS);
      await expect(fresh.connect(bob).bindMarket(await market.getAddress()))
        .to.be.revertedWithCustomError(fresh, "CallerNotDeployer")
        .withArgs(bob.address);
      await expect(fresh.connect(deployer).bindMarket(ZERO_ADDRESS))
        .to.be.revertedWithCustomError(fresh, "BindingToZeroAddress")
        .withArgs();
      await expect(fresh.connect(deployer).bindMarket(await market.getAddress()))
        .to.emit(fresh, "MarketBound")
        .withArgs(await market.getAddress());
      expect(await fresh.market()).to.equal(await market.getAddress());
      await expect(fresh.connect(deployer).bindMarket(bob.address))
        .to.be.revertedWithCustomError(fresh, "AlreadyBound")
        .withArgs(await market.getAddress());
      expect(await fresh.market()).to.equal(await market.getAddress());
    });

    it("shows the market's registry and factory", async function () {
      const { registry, market, factory } = await loadFixture(deploySystem);
      expect(await market.registry()).to.equal(await registry.getAddress());
      expect(await market.factory()).to.equal(await factory.getAddress());
    });

    it("lets only the deployer bind a fresh market's factory, once, to a non-zero address", async function () {
      const { deployer, registry, factory, market, bob } = await loadFixture(deploySystem);
      await expect(market.connect(deployer).bindFactory(bob.address))
        .to.be.revertedWithCustomError(market, "AlreadyBound")
        .withArgs(await factory.getAddress());
      const fresh = (await ethers.deployContract(
        "ShareMarket",
        [await registry.getAddress()],
        deployer,
      )) as unknown as ShareMarket;
      expect(await fresh.factory()).to.equal(ZERO_ADDRESS);
      await expect(fresh.connect(bob).bindFactory(await factory.getAddress()))
        .to.be.revertedWithCustomError(fresh, "CallerNotDeployer")
        .withArgs(bob.address);
      await expect(fresh.connect(deployer).bindFactory(ZERO_ADDRESS))
        .to.be.revertedWithCustomError(fresh, "BindingToZeroAddress")
        .withArgs();
      await expect(fresh.connect(deployer).bindFactory(await factory.getAddress()))
        .to.emit(fresh, "FactoryBound")
        .withArgs(await factory.getAddress());
      expect(await fresh.factory()).to.equal(await factory.getAddress());
      await expect(fresh.connect(deployer).bindFactory(bob.address))
        .to.be.revertedWithCustomError(fresh, "AlreadyBound")
        .withArgs(await factory.getAddress());
    });

    it("deploys the system through the Ignition module with the market wired to the factory, registry and tokens", async function () {
      const { registry, market, factory, tokenImplementation, token } = await loadFixture(deployWithToken);
      const marketAddress = await market.getAddress();
      expect(await market.factory()).to.equal(await factory.getAddress());
      expect(await market.registry()).to.equal(await registry.getAddress());
      expect(await registry.market()).to.equal(marketAddress);
      expect(await tokenImplementation.market()).to.equal(marketAddress);
      expect(await token.market()).to.equal(marketAddress);
    });
  });
});
