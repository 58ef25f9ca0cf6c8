import { expect } from "chai";
import { deployWithToken, networkHelpers, pinNextBlock, SHARE, signTransferApproval } from "../helpers/fixtures.js";

describe("fixtures", function () {
  it("gives Alice a token whose signed permissions work", async function () {
    const { token, alice, bob, carol } = await networkHelpers.loadFixture(deployWithToken);
    await token.connect(alice).transfer(bob.address, 1_000n * SHARE);
    const deadline = (await pinNextBlock()) + 3600n;
    const message = { from: bob.address, to: carol.address, amount: 10n * SHARE, nonce: 7n, deadline };
    const signature = await signTransferApproval(alice, token, message);
    await token.connect(bob).transferWithApproval(carol.address, 10n * SHARE, 7n, deadline, signature);
    expect(await token.balanceOf(carol.address)).to.equal(10n * SHARE);
  });
});
