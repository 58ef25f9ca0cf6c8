import { expect } from "chai";
import {
  deploySystem,
  deployWithToken,
  ETH,
  ethers,
  memo,
  networkHelpers,
  ONE_YEAR,
  SHARE,
  ZERO_ADDRESS,
} from "../helpers/fixtures.js";
import {
  ALICE_SUPPLY,
  deployWithSecondFactory,
  deploySystemWithDefaultParameters,
  impersonate,
  expectedDistributorOf,
  time,
} from "../helpers/factory.js";

describe("PersonalTokenFactory", function () {
  describe("a deployer wiring a factory to its implementations", function () {
    it("records the registry and the two implementations", async function () {
      const { factory, registry, tokenImplementation, distributorImplementation } =
        await networkHelpers.loadFixture(deploySystem);
      expect(await factory.registry()).to.equal(await registry.getAddress());
      expect(await factory.tokenImplementation()).to.equal(await tokenImplementation.getAddress());
      expect(await factory.distributorImplementation()).to.equal(await distributorImplementation.getAddress());
    });

    it("deploys a second factory over the same registry and implementations", async function () {
      const { otherFactory, otherToken, registry, tokenImplementation, bob } =
        await networkHelpers.loadFixture(deployWithSecondFactory);
      expect(await otherFactory.registry()).to.equal(await registry.getAddress());
      expect(await otherFactory.tokenImplementation()).to.equal(await tokenImplementation.getAddress());
      expect(await otherToken.factory()).to.equal(await otherFactory.getAddress());
      expect(await otherToken.owner()).to.equal(bob.address);
    });

    it("refuses a token implementation linked to another registry", async function () {
      const {
        factory,
        admin,
        registrar,
        arbiter,
        tokenImplementation,
        distributorImplementation,
        holdingsImplementation,
      } = await networkHelpers.loadFixture(deploySystem);
      const otherRegistry = await ethers.deployContract("InvestorRegistry", [
        admin.address,
        registrar.address,
        arbiter.address,
      ]);
      await expect(
        ethers.deployContract("PersonalTokenFactory", [
          await otherRegistry.getAddress(),
          await tokenImplementation.getAddress(),
          await distributorImplementation.getAddress(),
          await holdingsImplementation.getAddress(),
        ]),
      )
        .to.be.revertedWithCustomError(factory, "ImplementationMismatch")
        .withArgs();
    });

    it("refuses a distributor implementation other than the token implementation's", async function () {
      const { factory, registry, tokenImplementation, holdingsImplementation } =
        await networkHelpers.loadFixture(deploySystem);
      const otherDistributor = await ethers.deployContract("GainsDistributor");
      await expect(
        ethers.deployContract("PersonalTokenFactory", [
          await registry.getAddress(),
          await tokenImplementation.getAddress(),
          await otherDistributor.getAddress(),
          await holdingsImplementation.getAddress(),
        ]),
      )
        .to.be.revertedWithCustomError(factory, "ImplementationMismatch")
        .withArgs();
    });

    it("refuses a Holdings implementation bound to another market", async function () {
      const { factory, registry, tokenImplementation, distributorImplementation } =
        await networkHelpers.loadFixture(deploySystem);
      const otherMarket = await ethers.deployContract("ShareMarket", [await registry.getAddress()]);
      const otherHoldings = await ethers.deployContract("Holdings", [await otherMarket.getAddress()]);
      await expect(
        ethers.deployContract("PersonalTokenFactory", [
          await registry.getAddress(),
          await tokenImplementation.getAddress(),
          await distributorImplementation.getAddress(),
          await otherHoldings.getAddress(),
        ]),
      )
        .to.be.revertedWithCustomError(factory, "ImplementationMismatch")
        .withArgs();
    });

    it("accepts a freshly deployed set that belongs together", async function () {
      const { factory, registry, market } = await networkHelpers.loadFixture(deploySystem);
      const otherDistributor = await ethers.deployContract("GainsDistributor");
      const otherTokenImplementation = await ethers.deployContract("PersonalToken", [
        await registry.getAddress(),
        await otherDistributor.getAddress(),
        await market.getAddress(),
      ]);
      const otherFactory = await ethers.deployContract("PersonalTokenFactory", [
        await registry.getAddress(),
        await otherTokenImplementation.getAddress(),
        await otherDistributor.getAddress(),
        await ethers.deployContract("Holdings", [await market.getAddress()]).then((h) => h.getAddress()),
      ]);
      expect(await otherFactory.distributorImplementation()).to.equal(await otherDistributor.getAddress());
      expect(await otherFactory.tokenImplementation()).to.equal(await otherTokenImplementation.getAddress());
      expect(await otherFactory.getAddress()).to.not.equal(await factory.getAddress());
    });
  });

  describe("nobody using the implementations directly", function () {
    it("refuses to initialize the token implementation", async function () {
      const { tokenImplementation, alice, deployer } = await networkHelpers.loadFixture(deploySystem);
      for (const caller of [alice, deployer]) {
        await expect(
          tokenImplementation.connect(caller).initialize(alice.address, "Alice", "ALICE", ALICE_SUPPLY, 2_000, ETH),
        )
          .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
          .withArgs();
      }
      expect(await tokenImplementation.owner()).to.equal(ZERO_ADDRESS);
      expect(await tokenImplementation.totalSupply()).to.equal(0n);
    });

    it("refuses to initialize a created token again, whoever asks (even its owner)", async function () {
      const { token, alice, mallory } = await networkHelpers.loadFixture(deployWithToken);
      for (const caller of [alice, mallory]) {
        await expect(token.connect(caller).initialize(caller.address, "Evil", "EVIL", ALICE_SUPPLY, 10_000, ETH))
          .to.be.revertedWithCustomError(token, "CallerNotFactory")
          .withArgs(caller.address);
      }
      expect(await token.owner()).to.equal(alice.address);
      expect(await token.name()).to.equal("Alice");
      expect(await token.totalSupply()).to.equal(ALICE_SUPPLY);
    });

    it("refuses a second initialization even from the factory", async function () {
      const { factory, token, alice, mallory } = await networkHelpers.loadFixture(deployWithToken);
      const asFactory = await impersonate(await factory.getAddress());
      await expect(token.connect(asFactory).initialize(mallory.address, "Evil", "EVIL", ALICE_SUPPLY, 10_000, ETH))
        .to.be.revertedWithCustomError(token, "InvalidInitialization")
        .withArgs();
      expect(await token.owner()).to.equal(alice.address);
    });

    it("refuses the arbiter's pause, unpause, freeze, forced transfer and recovery on the token implementation", async function () {
      const { tokenImplementation, arbiter, alice, bob } = await networkHelpers.loadFixture(deployWithToken);
      const asArbiter = tokenImplementation.connect(arbiter);
      await expect(asArbiter.pause())
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asArbiter.unpause())
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asArbiter.setFrozenTokens(alice.address, SHARE))
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asArbiter.forcedTransfer(alice.address, bob.address, 0n))
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asArbiter.recoverOwnership(bob.address))
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
        .withArgs();
      expect(await tokenImplementation.paused()).to.equal(false);
      expect(await tokenImplementation.getFrozenTokens(alice.address)).to.equal(0n);
    });

    it("refuses share movements on the token implementation", async function () {
      const { tokenImplementation, alice, bob } = await networkHelpers.loadFixture(deployWithToken);
      await expect(tokenImplementation.connect(alice).transfer(bob.address, 0n))
        .to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable")
        .withArgs();
    });

    it("leaves the token implementation without an owner, so nobody can issue from it", async function () {
      const { tokenImplementation, alice } = await networkHelpers.loadFixture(deployWithToken);
      expect(await tokenImplementation.owner()).to.equal(ZERO_ADDRESS);
      await expect(tokenImplementation.connect(alice).issue(alice.address, SHARE))
        .to.be.revertedWithCustomError(tokenImplementation, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });

    it("refuses distributions and claims on the distributor implementation", async function () {
      const { distributorImplementation, usd, alice } = await networkHelpers.loadFixture(deployWithToken);
      const asAlice = distributorImplementation.connect(alice);
      await expect(asAlice.distribute(ETH, SHARE, memo("gain"), { value: SHARE }))
        .to.be.revertedWithCustomError(distributorImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asAlice.distribute(await usd.getAddress(), 1_000n, memo("gain")))
        .to.be.revertedWithCustomError(distributorImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asAlice.claim(ETH))
        .to.be.revertedWithCustomError(distributorImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asAlice.claimFor(alice.address, ETH))
        .to.be.revertedWithCustomError(distributorImplementation, "ImplementationNotUsable")
        .withArgs();
      await expect(asAlice.enableAsset(await usd.getAddress()))
        .to.be.revertedWithCustomError(distributorImplementation, "ImplementationNotUsable")
        .withArgs();
      expect(await ethers.provider.getBalance(await distributorImplementation.getAddress())).to.equal(0n);
    });
  });

  describe("a deployer using the PersonalTokenSystem Ignition module", function () {
    it("returns a registry and a factory wired together", async function () {
      const { registry, factory, tokenImplementation, distributorImplementation } =
        await networkHelpers.loadFixture(deploySystem);
      const registryAddress = await registry.getAddress();
      expect(await factory.registry()).to.equal(registryAddress);
      expect(await factory.tokenImplementation()).to.equal(await tokenImplementation.getAddress());
      expect(await factory.distributorImplementation()).to.equal(await distributorImplementation.getAddress());
      expect(await tokenImplementation.registry()).to.equal(registryAddress);
      expect(await tokenImplementation.distributorImplementation()).to.equal(
        await distributorImplementation.getAddress(),
      );
    });

    it("grants the roles to the admin, registrar and arbiter parameters", async function () {
      const { registry, admin, registrar, arbiter } = await networkHelpers.loadFixture(deploySystem);
      expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), admin.address)).to.equal(true);
      expect(await registry.hasRole(await registry.REGISTRAR_ROLE(), registrar.address)).to.equal(true);
      expect(await registry.isArbiter(arbiter.address)).to.equal(true);
    });

    it("gives every role to the deployer when no parameters are given", async function () {
      const { registry, factory, deployer } = await networkHelpers.loadFixture(deploySystemWithDefaultParameters);
      expect(await factory.registry()).to.equal(await registry.getAddress());
      expect(await registry.hasRole(await registry.DEFAULT_ADMIN_ROLE(), deployer.address)).to.equal(true);
      expect(await registry.hasRole(await registry.REGISTRAR_ROLE(), deployer.address)).to.equal(true);
      expect(await registry.isArbiter(deployer.address)).to.equal(true);
    });

    it("deploys a system in which a verified person can create a token", async function () {
      const { registry, factory, deployer, tokenImplementation } = await networkHelpers.loadFixture(
        deploySystemWithDefaultParameters,
      );
      expect(await factory.tokenImplementation()).to.equal(tokenImplementation);
      await registry.verify(deployer.address, BigInt(await time.latest()) + ONE_YEAR, memo("kyc"));
      const predicted = await factory.predictToken(deployer.address);
      await expect(factory.createToken("Deployer", "DEP", SHARE, 1_000, ETH))
        .to.emit(factory, "TokenCreated")
        .withArgs(
          deployer.address,
          predicted,
          await expectedDistributorOf(factory, deployer.address),
          "Deployer",
          "DEP",
          SHARE,
          1_000,
          ETH,
        );
      expect(await factory.tokenOf(deployer.address)).to.equal(predicted);
    });
  });
});
