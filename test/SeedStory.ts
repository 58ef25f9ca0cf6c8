import { expect } from "chai";
import {
  deployWithToken, ethers, memo, networkHelpers, ONE_YEAR, pinNextBlock, SHARE, USD, verifyAll,
} from "./helpers/fixtures.js";

const { loadFixture, time } = networkHelpers;
const PRICE = 6_666_667n; // $6.666667 per share, in 6-decimal USD units
const DAY = 24n * 3600n;

/** The seed essay's story, end to end, settled on-chain in a USD stablecoin. */
describe("the seed story: Alice raises from mentors, shares gains, lets a mentor cash out and kicks an investor", function () {
  async function aliceRaisesFromThreeMentors() {
    const f = await deployWithToken();
    const { alice, bob: mentor1, carol: mentor2, dave: mentor3, others, registry, registrar, market, usd, token } = f;
    const [fourth, newcomer] = others;
    await verifyAll(registry, registrar, [fourth, newcomer]);
    for (const buyer of [mentor1, mentor2, mentor3, fourth, newcomer]) {
      await usd.mint(buyer.address, 1_000_000n * USD);
      await usd.connect(buyer).approve(await market.getAddress(), ethers.MaxUint256);
    }
    const start = (await pinNextBlock()) + 60n;
    const terms = {
      token: await token.getAddress(), shares: 30_000n * SHARE, price: PRICE, minPerInvestor: 0n,
      maxPerInvestor: 10_000n * SHARE, start, end: start + 7n * DAY, priorityWindow: 0n, minRaise: 0n, dilutive: false,
    };
    await market.connect(alice).openOffering(terms, []);
    await time.increaseTo(start);
    return { ...f, mentor1, mentor2, mentor3, fourth, newcomer, terms };
  }

  it("tells the whole story with exact figures", async function () {
    const { alice, mentor1, mentor2, mentor3, fourth, newcomer, market, usd, token, distributor, terms } =
      await loadFixture(aliceRaisesFromThreeMentors);
    const usdAddress = await usd.getAddress();

    // Three mentors buy 1% each: $66,666.67 apiece, $200,000.01 in all, straight to Alice.
    const aliceUsdBefore = await usd.balanceOf(alice.address);
    for (const mentor of [mentor1, mentor2, mentor3]) {
      await expect(market.connect(mentor).buy(1, 10_000n * SHARE))
        .to.emit(market, "Purchased").withArgs(1, mentor.address, 10_000n * SHARE, 66_666_670_000n, true);
      expect(await token.balanceOf(mentor.address)).to.equal(10_000n * SHARE);
    }
    expect((await usd.balanceOf(alice.address)) - aliceUsdBefore).to.equal(200_000_010_000n);
    expect(await token.lastPrice()).to.equal(PRICE);

    // After it ends, a second sell-down of 1,000 shares at the same price; a fourth investor buys it.
    await time.increaseTo(terms.end + 1n);
    const start = (await pinNextBlock()) + 60n;
    await market.connect(alice).openOffering({ ...terms, shares: 1_000n * SHARE, start, end: start + DAY }, []);
    await time.increaseTo(start);
    await market.connect(fourth).buy(2, 1_000n * SHARE);
    expect(await token.averagePurchasePrice(fourth.address)).to.equal(PRICE);

    // A $500,000 gain: each mentor claims exactly $5,000; the fourth investor is owed $500.
    await usd.mint(alice.address, 500_000n * USD);
    await usd.connect(alice).approve(await distributor.getAddress(), 500_000n * USD);
    await distributor.connect(alice).distribute(usdAddress, 500_000n * USD, memo("company-sale"));
    for (const mentor of [mentor1, mentor2, mentor3]) {
      await expect(distributor.connect(mentor).claim(usdAddress))
        .to.changeTokenBalance(ethers, usd, mentor, 5_000n * USD);
    }
    expect(await distributor.claimable(fourth.address, usdAddress)).to.equal(500n * USD);

    // Mentor 1 lists the whole stake at $8; with Alice's approval the newcomer buys half.
    const expiry = BigInt(await time.latest()) + ONE_YEAR;
    await market.connect(mentor1).list(await token.getAddress(), 10_000n * SHARE, 8n * USD, ethers.ZeroAddress, expiry);
    await market.connect(alice).approveListing(1);
    await expect(market.connect(newcomer).fill(1, 5_000n * SHARE))
      .to.changeTokenBalances(ethers, usd, [newcomer, mentor1], [-40_000n * USD, 40_000n * USD]);
    expect(await token.balanceOf(newcomer.address)).to.equal(5_000n * SHARE);
    expect(await token.lastPrice()).to.equal(8n * USD);

    // Alice kicks the fourth investor at the last price ($8 > its $6.666667 average): an $8,000 buyback.
    await usd.connect(alice).approve(await market.getAddress(), 8_000n * USD);
    await expect(market.connect(alice).kick(await token.getAddress(), fourth.address, 8n * USD))
      .to.emit(token, "Kicked").withArgs(fourth.address, 1_000n * SHARE, 0n).and.to.emit(market, "KickEscrowed").withArgs(await token.getAddress(), fourth.address, 8n * USD, 8_000n * USD);
    expect(await token.balanceOf(fourth.address)).to.equal(0n);
    expect(await token.isKicked(fourth.address)).to.equal(true);
    await expect(market.connect(fourth).withdraw(usdAddress, fourth.address))
      .to.changeTokenBalance(ethers, usd, fourth, 8_000n * USD);
    await expect(distributor.connect(fourth).claim(usdAddress)).to.changeTokenBalance(ethers, usd, fourth, 500n * USD);
    expect(await token.lastPrice()).to.equal(8n * USD);
    expect(await token.outsideShares()).to.equal(30_000n * SHARE);
  });
});
