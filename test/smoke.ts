import { expect } from "chai";
import { deploySystem, ethers, networkHelpers, ONE_YEAR, SHARE } from "./helpers/fixtures.js";

describe("smoke", function () {
  it("creates a token and distributes", async function () {
    const s = await networkHelpers.loadFixture(deploySystem);
    const now = BigInt(await networkHelpers.time.latest());
    for (const who of [s.alice, s.bob]) await s.registry.connect(s.registrar).verify(who.address, now + ONE_YEAR, ethers.ZeroHash);
    const predicted = await s.factory.predictToken(s.alice.address);
    const tx = await s.factory.connect(s.alice).createToken("Alice", "ALICE", 1_000_000n * SHARE, 2000, ethers.ZeroAddress);
    const rc = await tx.wait();
    console.log("createToken gas", rc!.gasUsed);
    const token = await ethers.getContractAt("PersonalToken", predicted);
    expect(await token.owner()).to.equal(s.alice.address);
    const dist = await ethers.getContractAt("GainsDistributor", await token.distributor());
    expect(await dist.token()).to.equal(predicted);
    await token.connect(s.alice).transfer(s.bob.address, 10_000n * SHARE);
    await dist.connect(s.alice).distribute(ethers.ZeroAddress, 500_000n, ethers.ZeroHash, { value: 500_000n });
    expect(await dist.claimable(s.bob.address, ethers.ZeroAddress)).to.equal(5_000n);
    await token.connect(s.alice).approveTransfer(s.bob.address, s.alice.address, 0).catch(() => {});
  });
});
