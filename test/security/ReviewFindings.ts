import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { PersonalToken, ShareMarket } from "../../types/ethers-contracts/index.js";
import {
  ethers,
  networkHelpers,
  deployWithToken,
  verifyAll,
  memo,
  signTransferApproval,
  SHARE,
  USD,
  ZERO_ADDRESS,
} from "../helpers/fixtures.js";

// One story per finding of the outside review (SECURITY.md lists them); each test failed on the code it reviewed.

const { loadFixture, time } = networkHelpers;

const SUPPLY = 1_000_000n * SHARE;
const MAX_SUPPLY = 10n ** 36n;
const DAY = 86_400n;
const WEEK = 7n * DAY;
const GRACE = 7n * DAY; // ShareMarket.SETTLEMENT_GRACE_PERIOD
const PRICE = 5n * USD;

interface OfferingOptions {
  shares: bigint;
  minRaise?: bigint;
  dilutive?: boolean;
}

/** Terms of an offering at $5 a share that starts with the next block (so no test waits for a start) and ends a
 * week after the chain's present. */
async function termsNow(token: PersonalToken, o: OfferingOptions) {
  const now = BigInt(await time.latest());
  return {
    token: await token.getAddress(),
    shares: o.shares,
    price: PRICE,
    minPerInvestor: 0n,
    maxPerInvestor: 0n,
    start: now,
    end: now + WEEK,
    priorityWindow: 0n,
    minRaise: o.minRaise ?? 0n,
    dilutive: o.dilutive ?? false,
  };
}

/** `owner` opens an offering on `termsNow`; returns its id and end. */
async function openNow(market: ShareMarket, owner: HardhatEthersSigner, token: PersonalToken, o: OfferingOptions) {
  const terms = await termsNow(token, o);
  await market.connect(owner).openOffering(terms, []);
  return { id: await market.offeringCount(), end: terms.end };
}

/** Alice's token; Bob and Carol hold $10,000,000 each and approved the market; Bob holds 100,000 shares. */
async function deployWithBuyers() {
  const f = await deployWithToken();
  const marketAddress = await f.market.getAddress();
  for (const buyer of [f.bob, f.carol]) {
    await f.usd.mint(buyer.address, 10_000_000n * USD);
    await f.usd.connect(buyer).approve(marketAddress, ethers.MaxUint256);
  }
  await f.token.connect(f.alice).transfer(f.bob.address, 100_000n * SHARE);
  return { ...f, tokenAddress: await f.token.getAddress(), usdAddress: await f.usd.getAddress() };
}

/** As `deployWithBuyers`, with Alice's all-or-nothing sell-down of 30,000 shares ($100,000 minimum) bought out by
 * Bob ($50,000) and Carol ($100,000): the minimum is reached. */
async function deployReachedSellDown() {
  const f = await deployWithBuyers();
  const { id, end } = await openNow(f.market, f.alice, f.token, { shares: 30_000n * SHARE, minRaise: 100_000n * USD });
  await f.market.connect(f.bob).buy(id, 10_000n * SHARE);
  await f.market.connect(f.carol).buy(id, 20_000n * SHARE);
  return { ...f, id, end };
}

describe("Findings of the outside review", function () {
  describe("1 (high): a dilutive all-or-nothing offering's shares stay mintable until it settles", function () {
    it("counts the shares the offering still has to mint in every other mint, before and after its end", async function () {
      const { market, token, alice, bob, mallory, tokenAddress, usdAddress } = await loadFixture(deployWithBuyers);
      const { id, end } = await openNow(market, alice, token, {
        shares: 100_000n * SHARE,
        minRaise: 100_000n * USD,
        dilutive: true,
      });
      await market.connect(bob).buy(id, 20_000n * SHARE); // $100,000: the minimum

      // Before the end the whole offering is promised.
      const room = MAX_SUPPLY - SUPPLY - 100_000n * SHARE;
      await expect(token.connect(alice).issue(alice.address, room + 1n))
        .to.be.revertedWithCustomError(token, "SupplyLimitExceeded")
        .withArgs(MAX_SUPPLY + 1n);
      await token.connect(alice).issue(alice.address, room);

      // After it, the pending purchase is: 80,000 unsold shares are free again, not one more.
      await time.increaseTo(end + 1n);
      await expect(token.connect(alice).issue(alice.address, 80_000n * SHARE + 1n))
        .to.be.revertedWithCustomError(token, "SupplyLimitExceeded")
        .withArgs(MAX_SUPPLY + 1n);
      await token.connect(alice).issue(alice.address, 80_000n * SHARE);
      expect(await token.totalSupply()).to.equal(MAX_SUPPLY - 20_000n * SHARE);

      // So the purchase Bob paid for can always be delivered, by anyone.
      await expect(market.connect(mallory).settle(id, bob.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 20_000n * SHARE, 100_000n * USD, true);
      expect(await token.totalSupply()).to.equal(MAX_SUPPLY);
      expect(await market.isFinished(id)).to.equal(true);
    });
  });

  describe("2 (medium): no owner path moves shares her sender rules would hold", function () {
    it("refuses a grant of the owner's frozen shares", async function () {
      const { token, alice, arbiter, carol } = await loadFixture(deployWithBuyers);
      const ownerShares = await token.balanceOf(alice.address);
      await token.connect(arbiter).setFrozenTokens(alice.address, ownerShares - SHARE);
      const now = BigInt(await time.latest());
      await expect(token.connect(alice).grant(carol.address, 2n * SHARE, now, 0n, 1n, memo("help")))
        .to.be.revertedWithCustomError(token, "ERC7943InsufficientUnfrozenBalance")
        .withArgs(alice.address, 2n * SHARE, SHARE);
      await token.connect(alice).grant(carol.address, SHARE, now, 0n, 1n, memo("help"));
      expect(await token.balanceOf(carol.address)).to.equal(SHARE);
    });

    it("refuses a grant and an issue by a banned owner", async function () {
      const { token, registry, registrar, alice, carol } = await loadFixture(deployWithBuyers);
      await registry.connect(registrar).ban(alice.address, memo("fraud"));
      const now = BigInt(await time.latest());
      await expect(token.connect(alice).grant(carol.address, SHARE, now, 0n, 1n, memo("help")))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(alice.address);
      await expect(token.connect(alice).issue(carol.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(alice.address);
      await expect(token.connect(alice).issue(alice.address, SHARE))
        .to.be.revertedWithCustomError(token, "ERC7943CannotSend")
        .withArgs(alice.address);
    });

    it("refuses to open a sell-down of frozen shares or by a banned owner, but not a dilutive offering", async function () {
      const { market, token, registry, registrar, alice, arbiter } = await loadFixture(deployWithBuyers);
      const ownerShares = await token.balanceOf(alice.address);
      await token.connect(arbiter).setFrozenTokens(alice.address, ownerShares - 10_000n * SHARE);
      await expect(market.connect(alice).openOffering(await termsNow(token, { shares: 10_000n * SHARE + 1n }), []))
        .to.be.revertedWithCustomError(market, "OfferingExceedsOwnerBalance")
        .withArgs(10_000n * SHARE + 1n, 10_000n * SHARE);

      await token.connect(arbiter).setFrozenTokens(alice.address, 0n);
      await registry.connect(registrar).ban(alice.address, memo("fraud"));
      await expect(market.connect(alice).openOffering(await termsNow(token, { shares: SHARE }), []))
        .to.be.revertedWithCustomError(market, "ERC7943CannotSend")
        .withArgs(alice.address);
      const dilutive = await termsNow(token, { shares: SHARE, dilutive: true });
      await expect(market.connect(alice).openOffering(dilutive, [])).to.emit(market, "OfferingOpened");
    });

    it("refunds a sell-down whose owner was frozen after the sale, at the buyer's request", async function () {
      const { market, token, usd, alice, arbiter, bob, end, id, tokenAddress, usdAddress } =
        await loadFixture(deployReachedSellDown);
      await time.increaseTo(end + 1n);
      await token.connect(arbiter).setFrozenTokens(alice.address, await token.balanceOf(alice.address));
      await expect(market.connect(bob).settle(id, bob.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 10_000n * SHARE, 50_000n * USD, false);
      expect(await market.withdrawable(bob.address, await usd.getAddress())).to.equal(50_000n * USD);
    });
  });

  describe("3 (low): only the arbiter moves frozen shares", function () {
    it("refuses to cancel the grant of a holder with frozen shares", async function () {
      const { token, alice, arbiter, carol } = await loadFixture(deployWithBuyers);
      const now = BigInt(await time.latest());
      await token.connect(alice).grant(carol.address, 10n * SHARE, now, 0n, 1_000_000n, memo("help"));
      await token.connect(arbiter).setFrozenTokens(carol.address, 1n);
      await expect(token.connect(alice).cancelGrant(carol.address))
        .to.be.revertedWithCustomError(token, "HolderFrozen")
        .withArgs(carol.address, 1n);
      await token.connect(arbiter).setFrozenTokens(carol.address, 0n);
      await expect(token.connect(alice).cancelGrant(carol.address)).to.emit(token, "GrantCancelled");
    });
  });

  describe("4 (low): nobody but the buyer picks the moment a purchase becomes a refund", function () {
    it("lets anyone deliver a purchase that can be delivered, even its buyer, who cannot take a refund instead", async function () {
      const { market, token, bob, id, end, tokenAddress, usdAddress } = await loadFixture(deployReachedSellDown);
      await time.increaseTo(end + 1n);
      await expect(market.connect(bob).settle(id, bob.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 10_000n * SHARE, 50_000n * USD, true);
      expect(await token.balanceOf(bob.address)).to.equal(110_000n * SHARE);
      expect(await market.isFinished(id)).to.equal(false);
    });

    it("refuses a stranger's refund of a lapsed buyer's purchase until the grace period has passed", async function () {
      const { market, token, usd, registry, registrar, bob, carol, mallory, id, end, tokenAddress, usdAddress } =
        await loadFixture(deployReachedSellDown);
      await time.increaseTo(end + 1n);
      await registry.connect(registrar).revoke(bob.address, memo("lapsed"));
      await expect(market.connect(mallory).settle(id, bob.address))
        .to.be.revertedWithCustomError(market, "RefundReservedForBuyer")
        .withArgs(id, bob.address, end + GRACE);

      // Bob's verification comes back within the grace period: a stranger now delivers.
      await verifyAll(registry, registrar, [bob]);
      await expect(market.connect(mallory).settle(id, bob.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 10_000n * SHARE, 50_000n * USD, true);
      expect(await token.balanceOf(bob.address)).to.equal(110_000n * SHARE);

      // Carol lapses for good: after the grace period anyone may refund her, and the offering finishes.
      await registry.connect(registrar).revoke(carol.address, memo("lapsed"));
      await time.setNextBlockTimestamp(end + GRACE);
      await expect(market.connect(mallory).settle(id, carol.address))
        .to.be.revertedWithCustomError(market, "RefundReservedForBuyer")
        .withArgs(id, carol.address, end + GRACE);
      await time.increaseTo(end + GRACE + 1n);
      await expect(market.connect(mallory).settle(id, carol.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, carol.address, usdAddress, 20_000n * SHARE, 100_000n * USD, false);
      expect(await market.withdrawable(carol.address, await usd.getAddress())).to.equal(100_000n * USD);
      expect(await market.isFinished(id)).to.equal(true);
    });

    it("lets a lapsed buyer of a dilutive offering take a refund, and delivers to a buyer who became the owner", async function () {
      const { market, token, usd, registry, registrar, alice, bob, carol, mallory, tokenAddress, usdAddress } =
        await loadFixture(deployWithBuyers);
      const { id, end } = await openNow(market, alice, token, {
        shares: 50_000n * SHARE,
        minRaise: 100_000n * USD,
        dilutive: true,
      });
      await market.connect(bob).buy(id, 10_000n * SHARE);
      await market.connect(carol).buy(id, 10_000n * SHARE);
      // Carol lapses; Bob takes over Alice's token before the end.
      await registry.connect(registrar).revoke(carol.address, memo("lapsed"));
      await token.connect(alice).transferOwnership(bob.address);
      await token.connect(bob).acceptOwnership();
      await time.increaseTo(end + 1n);

      await expect(market.connect(mallory).settle(id, carol.address))
        .to.be.revertedWithCustomError(market, "RefundReservedForBuyer")
        .withArgs(id, carol.address, end + GRACE);
      await expect(market.connect(carol).settle(id, carol.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, carol.address, usdAddress, 10_000n * SHARE, 50_000n * USD, false);
      expect(await market.withdrawable(carol.address, await usd.getAddress())).to.equal(50_000n * USD);

      const supply = await token.totalSupply();
      await expect(market.connect(mallory).settle(id, bob.address))
        .to.emit(market, "PurchaseSettled")
        .withArgs(id, tokenAddress, bob.address, usdAddress, 10_000n * SHARE, 50_000n * USD, true);
      expect(await token.totalSupply()).to.equal(supply + 10_000n * SHARE);
      expect(await market.isFinished(id)).to.equal(true);
    });

    it("lets anyone refund a purchase of an offering that missed its minimum", async function () {
      const f = await loadFixture(deployWithBuyers);
      const { id, end } = await openNow(f.market, f.alice, f.token, {
        shares: 30_000n * SHARE,
        minRaise: 100_000n * USD,
      });
      await f.market.connect(f.bob).buy(id, 10_000n * SHARE);
      await time.increaseTo(end + 1n);
      await expect(f.market.connect(f.mallory).settle(id, f.bob.address))
        .to.emit(f.market, "PurchaseSettled")
        .withArgs(id, f.tokenAddress, f.bob.address, f.usdAddress, 10_000n * SHARE, 50_000n * USD, false);
    });
  });

  describe("5 (info): an ownership move voids every permission the previous owner gave", function () {
    /** Bob listed 1,000 shares at $1 each, Alice approved the listing, Bob may move 1,000 shares to Carol, and
     * Alice signed a transfer approval from Bob to Carol. */
    async function deployWithPermissions() {
      const f = await deployWithBuyers();
      const now = BigInt(await time.latest());
      await f.market.connect(f.bob).list(await f.token.getAddress(), 1_000n * SHARE, USD, ZERO_ADDRESS, now + WEEK);
      await f.market.connect(f.alice).approveListing(1n);
      await f.token.connect(f.alice).approveTransfer(f.bob.address, f.carol.address, 1_000n * SHARE);
      const approval = { from: f.bob.address, to: f.carol.address, amount: SHARE, nonce: 7n, deadline: now + WEEK };
      const signature = await signTransferApproval(f.alice, f.token, approval);
      const newWallet = f.others[0];
      await verifyAll(f.registry, f.registrar, [newWallet]);
      return { ...f, approval, signature, newWallet };
    }

    for (const how of ["acceptOwnership", "recoverOwnership"] as const) {
      it(`voids approvals, approved listings and signatures on ${how}`, async function () {
        const { token, market, alice, arbiter, bob, carol, newWallet, approval, signature } =
          await loadFixture(deployWithPermissions);
        const lastPrice = await token.lastPrice();
        let tx;
        if (how === "acceptOwnership") {
          await token.connect(alice).transferOwnership(newWallet.address);
          tx = token.connect(newWallet).acceptOwnership();
        } else {
          tx = token.connect(arbiter).recoverOwnership(newWallet.address);
        }
        await expect(tx).to.emit(token, "OwnerPermissionsVoided").withArgs(1n);
        expect(await token.ownerEpoch()).to.equal(1n);

        expect(await token.transferApproval(bob.address, carol.address)).to.equal(0n);
        expect(await token.canTransfer(bob.address, carol.address, SHARE)).to.equal(false);
        await expect(token.connect(bob).transfer(carol.address, SHARE))
          .to.be.revertedWithCustomError(token, "ERC7943CannotTransfer")
          .withArgs(bob.address, carol.address, SHARE);
        await expect(
          token.connect(bob).transferWithApproval(carol.address, SHARE, approval.nonce, approval.deadline, signature),
        ).to.be.revertedWithCustomError(token, "InvalidApprovalSignature");

        expect((await market.listing(1n)).approved).to.equal(false);
        await expect(market.connect(carol).fill(1n, 1_000n * SHARE))
          .to.be.revertedWithCustomError(market, "ListingNotApproved")
          .withArgs(1n);
        await expect(market.connect(newWallet).revokeListingApproval(1n))
          .to.be.revertedWithCustomError(market, "ListingNotApproved")
          .withArgs(1n);
        expect(await token.lastPrice()).to.equal(lastPrice);

        // The new owner's own permissions count.
        await market.connect(newWallet).approveListing(1n);
        await expect(market.connect(carol).fill(1n, 1_000n * SHARE)).to.emit(market, "ListingFilled");
        await token.connect(newWallet).approveTransfer(bob.address, carol.address, SHARE);
        await expect(token.connect(bob).transfer(carol.address, SHARE))
          .to.emit(token, "Transfer")
          .withArgs(bob.address, carol.address, SHARE);
      });
    }
  });

  describe("7 (info): cumulative purchase records saturate instead of blocking a settlement", function () {
    it("settles a purchase that takes a holder's bought total past 2^120 share units", async function () {
      const f = await loadFixture(deployWithToken);
      const { factory, market, usd, bob, others } = f;
      const zoe = others[1];
      await verifyAll(f.registry, f.registrar, [zoe]);
      const address = await factory.predictToken(zoe.address);
      await factory.connect(zoe).createToken("Zoe", "ZOE", MAX_SUPPLY, 10_000, await usd.getAddress());
      const zoeToken = (await ethers.getContractAt("PersonalToken", address)) as unknown as PersonalToken;
      await usd.mint(bob.address, 10n ** 30n);
      await usd.connect(bob).approve(await market.getAddress(), ethers.MaxUint256);

      const half = (MAX_SUPPLY * 9n) / 10n; // 0.9 × 10^36: twice that passes 2^120 ≈ 1.33 × 10^36
      for (let round = 0; round < 2; round++) {
        const now = BigInt(await time.latest());
        const terms = {
          token: address,
          shares: half,
          price: 1n,
          minPerInvestor: 0n,
          maxPerInvestor: 0n,
          start: now,
          end: now + WEEK,
          priorityWindow: 0n,
          minRaise: 0n,
          dilutive: false,
        };
        await market.connect(zoe).openOffering(terms, []);
        const id = await market.offeringCount();
        await market.connect(bob).buy(id, half);
        await zoeToken.connect(bob).transfer(zoe.address, half);
        await time.increaseTo(terms.end + 1n);
      }
      const [, bought] = await zoeToken.purchaseOf(bob.address);
      expect(bought).to.equal(2n ** 120n - 1n);
    });
  });

  describe("found by our own invariant handlers: a forced transfer of nothing moves no records", function () {
    it("keeps a kicked holder kicked, and the kick counted once, when the arbiter moves zero shares from her", async function () {
      const f = await loadFixture(deployReachedSellDown);
      const { token, market, registry, arbiter, alice, carol, end, id, others } = f;
      const erin = others[0];
      await verifyAll(registry, f.registrar, [erin]);
      await time.increaseTo(end + 1n);
      await market.connect(carol).settle(id, carol.address);
      await f.usd.mint(alice.address, 100_000n * USD);
      await f.usd.connect(alice).approve(await market.getAddress(), 100_000n * USD);
      await market.connect(alice).kick(await token.getAddress(), carol.address, PRICE);
      expect(await registry.kickCount(carol.address)).to.equal(1n);

      const tx = token.connect(arbiter).forcedTransfer(carol.address, erin.address, 0n);
      await expect(tx).to.emit(token, "ForcedTransfer").withArgs(carol.address, erin.address, 0n);
      await expect(tx).not.to.emit(token, "HolderRecordsMoved");
      expect(await token.isKicked(carol.address)).to.equal(true);
      expect(await token.isKicked(erin.address)).to.equal(false);
      await expect(token.connect(alice).transfer(carol.address, SHARE))
        .to.be.revertedWithCustomError(token, "ReceiverKicked")
        .withArgs(carol.address);
      expect(await registry.kickCount(carol.address)).to.equal(1n);
    });
  });
});
