import { expect } from "chai";
import {
  deployWithToken,
  ethers,
  LISTING_APPROVAL_TYPES,
  TRANSFER_APPROVAL_TYPES,
  ZERO_ADDRESS,
} from "../helpers/fixtures.js";
import { SUPPLY, CAP_BPS, MAX_SUPPLY, loadFixture } from "../helpers/token.js";

describe("PersonalToken", function () {
  describe("a person's token as created by the factory", function () {
    it("exposes its ERC-20 identity and the owner's initial shares", async function () {
      const { token, alice } = await loadFixture(deployWithToken);
      expect(await token.name()).to.equal("Alice");
      expect(await token.symbol()).to.equal("ALICE");
      expect(await token.decimals()).to.equal(18n);
      expect(await token.totalSupply()).to.equal(SUPPLY);
      expect(await token.balanceOf(alice.address)).to.equal(SUPPLY);
      expect(await token.owner()).to.equal(alice.address);
      expect(await token.pendingOwner()).to.equal(ZERO_ADDRESS);
      expect(await token.paused()).to.equal(false);
    });

    it("links its registry, factory, distributor, quote asset and cap", async function () {
      const { token, registry, factory, usd, distributor, distributorImplementation } =
        await loadFixture(deployWithToken);
      expect(await token.registry()).to.equal(await registry.getAddress());
      expect(await token.factory()).to.equal(await factory.getAddress());
      expect(await token.distributorImplementation()).to.equal(await distributorImplementation.getAddress());
      expect(await token.distributor()).to.equal(await distributor.getAddress());
      expect(await distributor.token()).to.equal(await token.getAddress());
      expect(await token.quoteAsset()).to.equal(await usd.getAddress());
      expect(await token.capBps()).to.equal(CAP_BPS);
    });

    it("publishes its supply bound and the EIP-712 TransferApproval type hash", async function () {
      const { token } = await loadFixture(deployWithToken);
      expect(await token.MAX_SUPPLY()).to.equal(MAX_SUPPLY);
      expect(await token.TRANSFER_APPROVAL_TYPEHASH()).to.equal(
        ethers.id("TransferApproval(address from,address to,uint256 amount,uint256 nonce,uint256 deadline)"),
      );
    });

    it("hashes the clients' EIP-712 types (the one TypeScript definition) to the contract's type hashes", async function () {
      const { token } = await loadFixture(deployWithToken);
      const typeHash = (types: Record<string, { name: string; type: string }[]>) =>
        ethers.id(ethers.TypedDataEncoder.from(types).encodeType(Object.keys(types)[0]));
      expect(typeHash(TRANSFER_APPROVAL_TYPES)).to.equal(await token.TRANSFER_APPROVAL_TYPEHASH());
      expect(typeHash(LISTING_APPROVAL_TYPES)).to.equal(await token.LISTING_APPROVAL_TYPEHASH());
    });

    it("refuses to be initialized a second time, even by its owner", async function () {
      const { token, alice, usd } = await loadFixture(deployWithToken);
      await expect(token.connect(alice).initialize(alice.address, "X", "X", SUPPLY, 10_000, await usd.getAddress()))
        .to.be.revertedWithCustomError(token, "CallerNotFactory")
        .withArgs(alice.address);
    });

    it("refuses any use of the implementation contract itself", async function () {
      const { tokenImplementation, alice, arbiter, usd } = await loadFixture(deployWithToken);
      await expect(
        tokenImplementation.connect(alice).initialize(alice.address, "X", "X", SUPPLY, 2_000, await usd.getAddress()),
      ).to.be.revertedWithCustomError(tokenImplementation, "ImplementationNotUsable");
      await expect(tokenImplementation.connect(arbiter).pause()).to.be.revertedWithCustomError(
        tokenImplementation,
        "ImplementationNotUsable",
      );
      await expect(tokenImplementation.connect(alice).transfer(alice.address, 0n)).to.be.revertedWithCustomError(
        tokenImplementation,
        "ImplementationNotUsable",
      );
    });
  });
});
