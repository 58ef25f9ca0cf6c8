import { expect } from "chai";
import { deployWithToken, ethers, networkHelpers, pinNextBlock, SHARE } from "../helpers/fixtures.js";

const { loadFixture, time } = networkHelpers;

/** OpenZeppelin errors our contracts inherit, proven reachable where a plain call reaches them. */
describe("inherited OpenZeppelin guards", function () {
  it("refuses a forced transfer out of the zero address (ERC20InvalidSender)", async function () {
    const { token, arbiter, bob } = await loadFixture(deployWithToken);
    await expect(token.connect(arbiter).forcedTransfer(ethers.ZeroAddress, bob.address, 0n))
      .to.be.revertedWithCustomError(token, "ERC20InvalidSender")
      .withArgs(ethers.ZeroAddress);
  });

  it("refuses a transferFrom on behalf of the zero address (ERC20InvalidApprover)", async function () {
    const { token, alice, bob } = await loadFixture(deployWithToken);
    await expect(token.connect(bob).transferFrom(ethers.ZeroAddress, alice.address, 0n))
      .to.be.revertedWithCustomError(token, "ERC20InvalidApprover")
      .withArgs(ethers.ZeroAddress);
  });

  it("refuses an allowance for the zero address (ERC20InvalidSpender)", async function () {
    const { token, bob } = await loadFixture(deployWithToken);
    await expect(token.connect(bob).approve(ethers.ZeroAddress, SHARE))
      .to.be.revertedWithCustomError(token, "ERC20InvalidSpender")
      .withArgs(ethers.ZeroAddress);
  });

  it("refuses to renounce a role for another account (AccessControlBadConfirmation)", async function () {
    const { registry, registrar, arbiter } = await loadFixture(deployWithToken);
    await expect(
      registry.connect(registrar).renounceRole(await registry.REGISTRAR_ROLE(), arbiter.address),
    ).to.be.revertedWithCustomError(registry, "AccessControlBadConfirmation");
  });

  it("refuses a purchase whose raise would not fit the offering's 120-bit total (SafeCastOverflowedUintDowncast)", async function () {
    const { token, market, usd, alice, bob } = await loadFixture(deployWithToken);
    const start = (await pinNextBlock()) + 10n;
    const price = 2n ** 128n - 1n;
    await market.connect(alice).openOffering(
      {
        token: await token.getAddress(),
        shares: 10_000n * SHARE,
        price,
        minPerInvestor: 0n,
        maxPerInvestor: 0n,
        start,
        end: start + 3600n,
        priorityWindow: 0n,
        minRaise: 0n,
        dilutive: false,
      },
      [],
    );
    await time.increaseTo(start);
    await usd.mint(bob.address, 2n ** 250n);
    await usd.connect(bob).approve(await market.getAddress(), ethers.MaxUint256);
    const shares = 10n * SHARE; // costs 10 × (2^128 − 1) units: more than 2^120
    await expect(market.connect(bob).buy(1, shares))
      .to.be.revertedWithCustomError(market, "SafeCastOverflowedUintDowncast")
      .withArgs(120, 10n * price);
    expect(await usd.balanceOf(bob.address)).to.equal(2n ** 250n);
  });
});

describe("inherited OpenZeppelin guards against misbehaving assets", function () {
  async function withMisbehavingAsset() {
    const f = await deployWithToken();
    const bad = await ethers.deployContract("MisbehavingERC20");
    await f.distributor.connect(f.alice).enableAsset(await bad.getAddress());
    await bad.mint(f.alice.address, 1_000n * SHARE);
    await bad.connect(f.alice).approve(await f.distributor.getAddress(), ethers.MaxUint256);
    return { ...f, bad };
  }

  it("refuses a distribution in an asset whose transferFrom returns false (SafeERC20FailedOperation)", async function () {
    const { distributor, bad, alice } = await loadFixture(withMisbehavingAsset);
    await bad.setReturnFalse(true);
    await expect(distributor.connect(alice).distribute(await bad.getAddress(), SHARE, ethers.ZeroHash))
      .to.be.revertedWithCustomError(distributor, "SafeERC20FailedOperation")
      .withArgs(await bad.getAddress());
  });

  it("refuses a distribution re-entered from the asset's transfer (ReentrancyGuardReentrantCall)", async function () {
    const { distributor, bad, alice } = await loadFixture(withMisbehavingAsset);
    const reenter = distributor.interface.encodeFunctionData("distribute", [
      await bad.getAddress(),
      SHARE,
      ethers.ZeroHash,
    ]);
    await bad.setHook(await distributor.getAddress(), reenter);
    await expect(
      distributor.connect(alice).distribute(await bad.getAddress(), SHARE, ethers.ZeroHash),
    ).to.be.revertedWithCustomError(distributor, "ReentrancyGuardReentrantCall");
    expect((await distributor.totals(await bad.getAddress()))[0]).to.equal(0n);
  });
});
