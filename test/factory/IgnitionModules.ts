import { expect } from "chai";
import PersonalTokenModule from "../../deploy/modules/PersonalToken.js";
import { deploySystem, ethers, ignition, networkHelpers, SHARE, verifyAll } from "../helpers/fixtures.js";

describe("a person deploying their token with the PersonalToken Ignition module", function () {
  it("creates the token through the factory with the person's own key and returns it", async function () {
    const { factory, registry, registrar, alice } = await networkHelpers.loadFixture(deploySystem);
    await verifyAll(registry, registrar, [alice]);
    const { token, distributor } = await ignition.deploy(PersonalTokenModule, {
      defaultSender: alice.address,
      parameters: {
        PersonalToken: {
          factory: await factory.getAddress(),
          name: "Alice",
          symbol: "ALICE",
          initialSupply: 1_000_000n * SHARE,
          capBps: 2_000,
          quoteAsset: ethers.ZeroAddress,
        },
      },
    });
    expect(await token.getAddress()).to.equal(await factory.predictToken(alice.address));
    expect(await factory.tokenOf(alice.address)).to.equal(await token.getAddress());
    expect(await token.getFunction("owner")()).to.equal(alice.address);
    expect(await token.getFunction("balanceOf")(alice.address)).to.equal(1_000_000n * SHARE);
    expect(await distributor.getFunction("token")()).to.equal(await token.getAddress());
  });
});
