import { expect } from "chai";
import type { AddressLike, Signer } from "ethers";
import {
  deployWithToken,
  ETH,
  ethers,
  memo,
  networkHelpers,
  pinNextBlock,
  SHARE,
  signTransferApproval,
  USD,
  verifyAll,
} from "./helpers/fixtures.js";
import type {
  FeeOnTransferERC20,
  GainsDistributor,
  ImpostorDistributor,
  MockERC20,
  PersonalToken,
} from "../types/ethers-contracts/index.js";

const { loadFixture } = networkHelpers;

const SCALE = 10n ** 36n;
const ONE_ETH = 10n ** 18n;
const FEE_UNIT = 10n ** 18n;
const MAX_TOTAL_DEPOSITS = 2n ** 128n - 2n;

// ───────────────────────────── helpers ─────────────────────────────

/** Mints `amount` of a mock ERC-20 to `depositor`, approves the distributor and distributes it. */
async function distributeErc20(
  distributor: GainsDistributor,
  asset: MockERC20 | FeeOnTransferERC20,
  depositor: Signer,
  amount: bigint,
  reference = memo("gain"),
) {
  await asset.mint(await depositor.getAddress(), amount);
  await asset.connect(depositor).approve(await distributor.getAddress(), amount);
  return distributor.connect(depositor).distribute(await asset.getAddress(), amount, reference);
}

async function expectTotals(distributor: GainsDistributor, asset: AddressLike, deposited: bigint, claimed: bigint) {
  const [actualDeposited, actualClaimed] = await distributor.totals(asset);
  expect(actualDeposited).to.equal(deposited);
  expect(actualClaimed).to.equal(claimed);
}

async function claimableOf(distributor: GainsDistributor, asset: AddressLike, holders: AddressLike[]) {
  return Promise.all(holders.map((holder) => distributor.claimable(holder, asset)));
}

const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

/** Gas used by Alice's sale of one share to `to`. */
async function saleGas(token: PersonalToken, alice: Signer, to: AddressLike) {
  const receipt = await (await token.connect(alice).transfer(to, SHARE)).wait();
  return receipt!.gasUsed;
}

/** The address as the bytes32 memo a chained claim carries: bytes32(uint256(uint160(address))). */
const addressMemo = (address: string) => ethers.zeroPadValue(address, 32).toLowerCase();

async function tokenAt(address: string) {
  return (await ethers.getContractAt("PersonalToken", address)) as unknown as PersonalToken;
}

async function distributorOf(token: PersonalToken) {
  return (await ethers.getContractAt("GainsDistributor", await token.distributor())) as unknown as GainsDistributor;
}

// ───────────────────────────── fixtures ─────────────────────────────

/** Alice has sold 1% (10,000 shares) to each of Bob, Carol and Dave; she keeps 970,000. */
async function withThreeOnePercentHolders() {
  const f = await deployWithToken();
  const { token, alice, bob, carol, dave } = f;
  for (const investor of [bob, carol, dave]) {
    await token.connect(alice).transfer(investor.address, 10_000n * SHARE);
  }
  return f;
}

/** As above, plus Erin, verified but not yet a holder (a sale to her is a move to a new holder). */
async function withThreeOnePercentHoldersAndErin() {
  const f = await withThreeOnePercentHolders();
  const erin = f.others[0];
  await verifyAll(f.registry, f.registrar, [erin]);
  return { ...f, erin };
}

/** As above, then Alice distributed a $500,000 gain in the USD quote asset. */
async function withUsdGain() {
  const f = await withThreeOnePercentHolders();
  await distributeErc20(f.distributor, f.usd, f.alice, 500_000n * USD, memo("sale-1"));
  return f;
}

/** As above, plus Erin (a fresh verified wallet, never an owner) for new holders and ownership moves. */
async function withUsdGainAndErin() {
  const f = await withUsdGain();
  const erin = f.others[0];
  await verifyAll(f.registry, f.registrar, [erin]);
  return { ...f, erin };
}

/** Alice enabled a token that burns 1% of every transfer, and sold 10% (100,000 shares) to Bob. */
async function withFeeToken() {
  const f = await deployWithToken();
  const fee = await ethers.deployContract("FeeOnTransferERC20", [100]);
  await f.distributor.connect(f.alice).enableAsset(await fee.getAddress());
  await f.token.connect(f.alice).transfer(f.bob.address, 100_000n * SHARE);
  return { ...f, fee };
}

/** A verified RejectingReceiver (refuses ETH) holds 1% of Alice's token; 100 ETH and $1,000 were distributed. */
async function withRejectingHolder() {
  const f = await deployWithToken();
  const receiver = await ethers.deployContract("RejectingReceiver");
  await verifyAll(f.registry, f.registrar, [receiver]);
  await f.token.connect(f.alice).transfer(await receiver.getAddress(), 10_000n * SHARE);
  await f.distributor.connect(f.alice).distribute(ETH, 100n * ONE_ETH, memo("eth"), { value: 100n * ONE_ETH });
  await distributeErc20(f.distributor, f.usd, f.alice, 1_000n * USD);
  return { ...f, receiver };
}

/**
 * Bob created his own USD-quoted token (1,000,000 shares) and sold 10% of it to Carol; the registrar verified Bob's
 * token as an investor and Alice sold it 10% (100,000 shares) of hers.
 */
async function withChainedTokens() {
  const f = await deployWithToken();
  const { factory, registry, registrar, token, alice, bob, carol, usd } = f;
  const bobTokenAddress = await factory.predictToken(bob.address);
  await factory.connect(bob).createToken("Bob", "BOB", 1_000_000n * SHARE, 2_000, await usd.getAddress());
  const bobToken = await tokenAt(bobTokenAddress);
  const bobDistributor = await distributorOf(bobToken);
  await bobToken.connect(bob).transfer(carol.address, 100_000n * SHARE);
  await verifyAll(registry, registrar, [bobToken]);
  await token.connect(alice).transfer(bobTokenAddress, 100_000n * SHARE);
  return { ...f, bobToken, bobDistributor };
}

/** Bob created a tiny token of 3 indivisible share units and sold one each to Carol and Dave (100% cap). */
async function withThreeUnitToken() {
  const f = await deployWithToken();
  const { factory, bob, carol, dave, usd } = f;
  const address = await factory.predictToken(bob.address);
  await factory.connect(bob).createToken("Tiny", "TINY", 3n, 10_000, await usd.getAddress());
  const tiny = await tokenAt(address);
  const tinyDistributor = await distributorOf(tiny);
  await tiny.connect(bob).transfer(carol.address, 1n);
  await tiny.connect(bob).transfer(dave.address, 1n);
  return { ...f, tiny, tinyDistributor };
}

/** Bob created an ETH-quoted token: only ETH is accepted until he enables more. */
async function withEthQuotedToken() {
  const f = await deployWithToken();
  const address = await f.factory.predictToken(f.bob.address);
  await f.factory.connect(f.bob).createToken("Bob", "BOB", 1_000_000n * SHARE, 2_000, ETH);
  const ethToken = await tokenAt(address);
  return { ...f, ethToken, ethDistributor: await distributorOf(ethToken) };
}

async function deployExtraAssets() {
  const eur = await ethers.deployContract("MockERC20", ["Mock EUR", "mEUR", 6]);
  const gbp = await ethers.deployContract("MockERC20", ["Mock GBP", "mGBP", 6]);
  const chf = await ethers.deployContract("MockERC20", ["Mock CHF", "mCHF", 6]);
  return { eur, gbp, chf };
}

/** Alice's token plus three extra mock ERC-20 assets, not yet enabled anywhere. */
async function withExtraAssets() {
  return { ...(await deployWithToken()), ...(await deployExtraAssets()) };
}

/** Bob's ETH-quoted token plus the three extra assets. */
async function withEthQuotedTokenAndExtraAssets() {
  return { ...(await withEthQuotedToken()), ...(await deployExtraAssets()) };
}

// ───────────────────────────── tests ─────────────────────────────

describe("GainsDistributor", function () {
  describe("a distributor belongs to one token", function () {
    it("reports Alice's token, which in turn names this distributor", async function () {
      const { token, distributor } = await loadFixture(deployWithToken);
      expect(await distributor.token()).to.equal(await token.getAddress());
      expect(await token.distributor()).to.equal(await distributor.getAddress());
    });

    it("publishes its fixed-point scale of 1e36 and its limit of 4 assets", async function () {
      const { distributor } = await loadFixture(deployWithToken);
      expect(await distributor.SCALE()).to.equal(SCALE);
      expect(await distributor.MAX_ASSETS()).to.equal(4n);
    });

    it("refuses a balance report from anyone but the token", async function () {
      const { distributor, alice, bob } = await loadFixture(deployWithToken);
      await expect(distributor.connect(alice).onBalanceChange(alice.address, bob.address, SHARE))
        .to.be.revertedWithCustomError(distributor, "CallerNotToken")
        .withArgs(alice.address);
    });

    it("reports nothing deposited, claimed or claimable before the first distribution", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      await expectTotals(distributor, ETH, 0n, 0n);
      await expectTotals(distributor, usd, 0n, 0n);
      expect(await distributor.claimable(alice.address, ETH)).to.equal(0n);
      expect(await distributor.claimable(alice.address, usd)).to.equal(0n);
    });

    it("refuses every use of the shared implementation directly", async function () {
      const { distributorImplementation: implementation, usd, alice, bob } = await loadFixture(deployWithToken);
      await expect(
        implementation.connect(alice).distribute(ETH, ONE_ETH, memo("x"), { value: ONE_ETH }),
      ).to.be.revertedWithCustomError(implementation, "ImplementationNotUsable");
      await expect(implementation.connect(alice).claim(usd)).to.be.revertedWithCustomError(
        implementation,
        "ImplementationNotUsable",
      );
      await expect(implementation.connect(alice).claimFor(bob.address, usd)).to.be.revertedWithCustomError(
        implementation,
        "ImplementationNotUsable",
      );
      await expect(implementation.connect(alice).enableAsset(usd)).to.be.revertedWithCustomError(
        implementation,
        "ImplementationNotUsable",
      );
    });
  });

  describe("distributing an ETH gain", function () {
    it("credits a 10 ETH gain to Alice, the only holder, and emits GainDistributed with depositor and memo", async function () {
      const { distributor, alice } = await loadFixture(deployWithToken);
      const tx = distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("sale-1"), { value: 10n * ONE_ETH });
      await expect(tx)
        .to.emit(distributor, "GainDistributed")
        .withArgs(ETH, alice.address, 10n * ONE_ETH, memo("sale-1"));
      await expect(tx).to.changeEtherBalances(ethers, [alice, distributor], [-10n * ONE_ETH, 10n * ONE_ETH]);
      expect(await distributor.claimable(alice.address, ETH)).to.equal(10n * ONE_ETH);
      await expectTotals(distributor, ETH, 10n * ONE_ETH, 0n);
    });

    it("lets anyone distribute, even an unverified outsider, once the owner opened the book", async function () {
      const { distributor, alice, bob, token, mallory } = await loadFixture(deployWithToken);
      await token.connect(alice).transfer(bob.address, 100_000n * SHARE);
      await distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("sale-1"), { value: 10n * ONE_ETH });
      await expect(distributor.connect(mallory).distribute(ETH, 2n * ONE_ETH, memo("gift"), { value: 2n * ONE_ETH }))
        .to.emit(distributor, "GainDistributed")
        .withArgs(ETH, mallory.address, 2n * ONE_ETH, memo("gift"));
      expect(await distributor.claimable(alice.address, ETH)).to.equal(108n * ONE_ETH / 10n);
      expect(await distributor.claimable(bob.address, ETH)).to.equal(12n * ONE_ETH / 10n);
      expect(await distributor.claimable(mallory.address, ETH)).to.equal(0n);
    });

    it("refuses an ETH distribution whose msg.value is below the amount", async function () {
      const { distributor, alice } = await loadFixture(deployWithToken);
      await expect(distributor.connect(alice).distribute(ETH, ONE_ETH, memo("x"), { value: ONE_ETH - 1n }))
        .to.be.revertedWithCustomError(distributor, "EthValueMismatch")
        .withArgs(ONE_ETH - 1n, ONE_ETH);
    });

    it("refuses an ETH distribution whose msg.value is above the amount", async function () {
      const { distributor, alice } = await loadFixture(deployWithToken);
      await expect(distributor.connect(alice).distribute(ETH, ONE_ETH, memo("x"), { value: 2n * ONE_ETH }))
        .to.be.revertedWithCustomError(distributor, "EthValueMismatch")
        .withArgs(2n * ONE_ETH, ONE_ETH);
    });

    it("refuses a zero ETH distribution", async function () {
      const { distributor, alice } = await loadFixture(deployWithToken);
      await expect(
        distributor.connect(alice).distribute(ETH, 0n, memo("x"), { value: 0n }),
      ).to.be.revertedWithCustomError(distributor, "ZeroAmount").withArgs();
    });
  });

  describe("distributing the ERC-20 quote asset", function () {
    it("pulls an approved $500,000 and credits exactly what arrived", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      await usd.mint(alice.address, 500_000n * USD);
      await usd.connect(alice).approve(await distributor.getAddress(), 500_000n * USD);
      const tx = distributor.connect(alice).distribute(usd, 500_000n * USD, memo("sale-1"));
      await expect(tx)
        .to.emit(distributor, "GainDistributed")
        .withArgs(await usd.getAddress(), alice.address, 500_000n * USD, memo("sale-1"));
      await expect(tx).to.changeTokenBalances(ethers, usd, [alice, distributor], [-500_000n * USD, 500_000n * USD]);
      expect(await distributor.claimable(alice.address, usd)).to.equal(500_000n * USD);
      await expectTotals(distributor, usd, 500_000n * USD, 0n);
    });

    it("refuses ETH sent along with an ERC-20 distribution", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      await usd.mint(alice.address, 100n * USD);
      await usd.connect(alice).approve(await distributor.getAddress(), 100n * USD);
      await expect(distributor.connect(alice).distribute(usd, 100n * USD, memo("x"), { value: 1n }))
        .to.be.revertedWithCustomError(distributor, "EthValueMismatch")
        .withArgs(1n, 0n);
    });

    it("refuses an ERC-20 that is neither the quote asset nor enabled", async function () {
      const { distributor, alice } = await loadFixture(deployWithToken);
      const other = await ethers.deployContract("MockERC20", ["Other", "OTH", 18]);
      await other.mint(alice.address, 100n);
      await other.connect(alice).approve(await distributor.getAddress(), 100n);
      await expect(distributor.connect(alice).distribute(other, 100n, memo("x")))
        .to.be.revertedWithCustomError(distributor, "AssetNotAccepted")
        .withArgs(await other.getAddress());
    });

    it("refuses a zero ERC-20 distribution", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      await expect(distributor.connect(alice).distribute(usd, 0n, memo("x")))
        .to.be.revertedWithCustomError(distributor, "ZeroAmount")
        .withArgs();
    });

    it("fails with the asset's own error when the depositor did not approve", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      await usd.mint(alice.address, 100n * USD);
      await expect(distributor.connect(alice).distribute(usd, 100n * USD, memo("x")))
        .to.be.revertedWithCustomError(usd, "ERC20InsufficientAllowance")
        .withArgs(await distributor.getAddress(), 0n, 100n * USD);
    });
  });

  describe("opening an asset's book: only the owner makes the first deposit", function () {
    it("refuses a stranger's first ETH deposit with AssetBookNotOpen(asset, caller), and changes nothing", async function () {
      const { distributor, mallory } = await loadFixture(withThreeOnePercentHolders);
      await expect(distributor.connect(mallory).distribute(ETH, 1n, memo("x"), { value: 1n }))
        .to.be.revertedWithCustomError(distributor, "AssetBookNotOpen")
        .withArgs(ETH, mallory.address);
      await expectTotals(distributor, ETH, 0n, 0n);
      expect(await ethers.provider.getBalance(await distributor.getAddress())).to.equal(0n);
    });

    it("refuses a holder's first deposit in the quote asset the same way, and pulls nothing", async function () {
      const { distributor, usd, bob } = await loadFixture(withThreeOnePercentHolders);
      await expect(distributeErc20(distributor, usd, bob, 1n))
        .to.be.revertedWithCustomError(distributor, "AssetBookNotOpen")
        .withArgs(await usd.getAddress(), bob.address);
      await expectTotals(distributor, usd, 0n, 0n);
      expect(await usd.balanceOf(bob.address)).to.equal(1n);
      expect(await usd.balanceOf(await distributor.getAddress())).to.equal(0n);
    });

    it("keeps a later sale to a new holder as cheap as before a stranger tried to open books", async function () {
      const fresh = await loadFixture(withThreeOnePercentHoldersAndErin);
      const untouched = await saleGas(fresh.token, fresh.alice, fresh.erin.address);

      const { distributor, token, usd, alice, erin, mallory } = await loadFixture(withThreeOnePercentHoldersAndErin);
      await expect(distributor.connect(mallory).distribute(ETH, 1n, memo("x"), { value: 1n }))
        .to.be.revertedWithCustomError(distributor, "AssetBookNotOpen")
        .withArgs(ETH, mallory.address);
      await expect(distributeErc20(distributor, usd, mallory, 1n))
        .to.be.revertedWithCustomError(distributor, "AssetBookNotOpen")
        .withArgs(await usd.getAddress(), mallory.address);
      await expectTotals(distributor, ETH, 0n, 0n);
      await expectTotals(distributor, usd, 0n, 0n);
      expect(await saleGas(token, alice, erin.address)).to.equal(untouched);

      // Open books are what a move pays for: once the owner opened both, the same sale costs more.
      const opened = await loadFixture(withThreeOnePercentHoldersAndErin);
      await opened.distributor.connect(opened.alice).distribute(ETH, 1n, memo("x"), { value: 1n });
      await distributeErc20(opened.distributor, opened.usd, opened.alice, 1n);
      expect(await saleGas(opened.token, opened.alice, opened.erin.address)).to.be.above(untouched);
    });

    it("lets a stranger add to the ETH and USD books only once the owner's first deposits opened them", async function () {
      const { distributor, usd, alice, bob, mallory } = await loadFixture(withThreeOnePercentHolders);
      await expect(distributor.connect(mallory).distribute(ETH, 90n * ONE_ETH, memo("gift"), { value: 90n * ONE_ETH }))
        .to.be.revertedWithCustomError(distributor, "AssetBookNotOpen")
        .withArgs(ETH, mallory.address);
      await distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("eth"), { value: 10n * ONE_ETH });
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      await expect(distributor.connect(mallory).distribute(ETH, 90n * ONE_ETH, memo("gift"), { value: 90n * ONE_ETH }))
        .to.emit(distributor, "GainDistributed")
        .withArgs(ETH, mallory.address, 90n * ONE_ETH, memo("gift"));
      await expect(distributeErc20(distributor, usd, bob, 400_000n * USD, memo("gift")))
        .to.emit(distributor, "GainDistributed")
        .withArgs(await usd.getAddress(), bob.address, 400_000n * USD, memo("gift"));
      await expectTotals(distributor, ETH, 100n * ONE_ETH, 0n);
      await expectTotals(distributor, usd, 500_000n * USD, 0n);
      expect(await distributor.claimable(bob.address, ETH)).to.equal(ONE_ETH);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
    });

    it("follows ownership: after a move the old wallet can no longer open a book, the new one can", async function () {
      const { distributor, token, alice, erin } = await loadFixture(withThreeOnePercentHoldersAndErin);
      await token.connect(alice).transferOwnership(erin.address);
      await token.connect(erin).acceptOwnership();
      await expect(distributor.connect(alice).distribute(ETH, ONE_ETH, memo("x"), { value: ONE_ETH }))
        .to.be.revertedWithCustomError(distributor, "AssetBookNotOpen")
        .withArgs(ETH, alice.address);
      await expect(distributor.connect(erin).distribute(ETH, ONE_ETH, memo("x"), { value: ONE_ETH }))
        .to.emit(distributor, "GainDistributed")
        .withArgs(ETH, erin.address, ONE_ETH, memo("x"));
    });
  });

  describe("distributing a fee-on-transfer asset", function () {
    it("credits only what arrived: a 1,000-unit deposit at a 1% fee books 990", async function () {
      const { distributor, fee, alice } = await loadFixture(withFeeToken);
      const tx = distributeErc20(distributor, fee, alice, 1_000n * FEE_UNIT, memo("fee-sale"));
      await expect(tx)
        .to.emit(distributor, "GainDistributed")
        .withArgs(await fee.getAddress(), alice.address, 990n * FEE_UNIT, memo("fee-sale"));
      expect(await fee.balanceOf(await distributor.getAddress())).to.equal(990n * FEE_UNIT);
      await expectTotals(distributor, fee, 990n * FEE_UNIT, 0n);
    });

    it("splits what arrived 90/10 and keeps every claim covered by the distributor's balance", async function () {
      const { distributor, fee, alice, bob } = await loadFixture(withFeeToken);
      await distributeErc20(distributor, fee, alice, 1_000n * FEE_UNIT);
      const [aliceShare, bobShare] = await claimableOf(distributor, fee, [alice.address, bob.address]);
      expect(aliceShare).to.equal(891n * FEE_UNIT);
      expect(bobShare).to.equal(99n * FEE_UNIT);
      expect(aliceShare + bobShare).to.be.at.most(await fee.balanceOf(await distributor.getAddress()));
    });

    it("lets every holder claim, paying out the whole credited amount", async function () {
      const { distributor, fee, alice, bob } = await loadFixture(withFeeToken);
      await distributeErc20(distributor, fee, alice, 1_000n * FEE_UNIT);
      const feeAddress = await fee.getAddress();
      await expect(distributor.connect(bob).claim(fee))
        .to.emit(distributor, "GainClaimed")
        .withArgs(bob.address, feeAddress, bob.address, 99n * FEE_UNIT);
      // The asset burns 1% on the way out too: Bob receives 99 − 0.99.
      expect(await fee.balanceOf(bob.address)).to.equal(9_801n * FEE_UNIT / 100n);
      await expect(distributor.connect(alice).claim(fee))
        .to.emit(distributor, "GainClaimed")
        .withArgs(alice.address, feeAddress, alice.address, 891n * FEE_UNIT);
      expect(await fee.balanceOf(await distributor.getAddress())).to.equal(0n);
      await expectTotals(distributor, fee, 990n * FEE_UNIT, 990n * FEE_UNIT);
    });

    it("stays solvent when the fee and the split both round: 1,001 wei books 991 and promises 990", async function () {
      const { distributor, fee, alice, bob } = await loadFixture(withFeeToken);
      await expect(distributeErc20(distributor, fee, alice, 1_001n))
        .to.emit(distributor, "GainDistributed")
        .withArgs(await fee.getAddress(), alice.address, 991n, memo("gain"));
      expect(await distributor.claimable(alice.address, fee)).to.equal(891n); // 991 × 90% = 891.9
      expect(await distributor.claimable(bob.address, fee)).to.equal(99n); // 991 × 10% = 99.1
      await distributor.connect(alice).claim(fee);
      await distributor.connect(bob).claim(fee);
      expect(await fee.balanceOf(await distributor.getAddress())).to.equal(1n);
      await expectTotals(distributor, fee, 991n, 990n);
    });

    it("refuses a deposit of which nothing arrives, a 100% fee (NothingReceived)", async function () {
      const { distributor, alice } = await loadFixture(deployWithToken);
      const burner = await ethers.deployContract("FeeOnTransferERC20", [10_000]);
      await distributor.connect(alice).enableAsset(burner);
      await expect(distributeErc20(distributor, burner, alice, 1_000n))
        .to.be.revertedWithCustomError(distributor, "NothingReceived")
        .withArgs(await burner.getAddress(), 1_000n);
    });
  });

  describe("exact pro-rata split", function () {
    it("pays each 1% holder exactly $5,000 of a $500,000 gain", async function () {
      const { distributor, usd, bob, carol, dave } = await loadFixture(withUsdGain);
      expect(await claimableOf(distributor, usd, [bob.address, carol.address, dave.address])).to.deep.equal([
        5_000n * USD,
        5_000n * USD,
        5_000n * USD,
      ]);
    });

    it("leaves Alice, holding 97%, exactly $485,000", async function () {
      const { distributor, usd, alice } = await loadFixture(withUsdGain);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
    });

    it("pays a claim to the caller, emits GainClaimed and returns the amount", async function () {
      const { distributor, usd, bob } = await loadFixture(withUsdGain);
      expect(await distributor.connect(bob).claim.staticCall(usd)).to.equal(5_000n * USD);
      const tx = distributor.connect(bob).claim(usd);
      await expect(tx)
        .to.emit(distributor, "GainClaimed")
        .withArgs(bob.address, await usd.getAddress(), bob.address, 5_000n * USD);
      await expect(tx).to.changeTokenBalances(ethers, usd, [bob, distributor], [5_000n * USD, -5_000n * USD]);
      expect(await distributor.claimable(bob.address, usd)).to.equal(0n);
      await expectTotals(distributor, usd, 500_000n * USD, 5_000n * USD);
    });

    it("pays everyone in full and leaves the distributor empty", async function () {
      const { distributor, usd, alice, bob, carol, dave } = await loadFixture(withUsdGain);
      for (const holder of [alice, bob, carol, dave]) await distributor.connect(holder).claim(usd);
      expect(await usd.balanceOf(alice.address)).to.equal(485_000n * USD);
      expect(await usd.balanceOf(dave.address)).to.equal(5_000n * USD);
      expect(await usd.balanceOf(await distributor.getAddress())).to.equal(0n);
      await expectTotals(distributor, usd, 500_000n * USD, 500_000n * USD);
    });

    it("pays an ETH gain the same way: 1% of 10 ETH is exactly 0.1 ETH", async function () {
      const { distributor, alice, bob } = await loadFixture(withThreeOnePercentHolders);
      await distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("eth"), { value: 10n * ONE_ETH });
      expect(await distributor.claimable(alice.address, ETH)).to.equal(97n * ONE_ETH / 10n);
      const tx = distributor.connect(bob).claim(ETH);
      await expect(tx).to.emit(distributor, "GainClaimed").withArgs(bob.address, ETH, bob.address, ONE_ETH / 10n);
      await expect(tx).to.changeEtherBalances(ethers, [bob, distributor], [ONE_ETH / 10n, -ONE_ETH / 10n]);
      await expectTotals(distributor, ETH, 10n * ONE_ETH, ONE_ETH / 10n);
    });

    it("refuses a second claim with NothingToClaim(holder, asset)", async function () {
      const { distributor, usd, bob } = await loadFixture(withUsdGain);
      await distributor.connect(bob).claim(usd);
      await expect(distributor.connect(bob).claim(usd))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(bob.address, await usd.getAddress());
    });

    it("refuses a claim in an asset that was never distributed", async function () {
      const { distributor, bob } = await loadFixture(withUsdGain);
      expect(await distributor.claimable(bob.address, ETH)).to.equal(0n);
      await expect(distributor.connect(bob).claim(ETH))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(bob.address, ETH);
    });

    it("refuses a claim by an address that never held shares", async function () {
      const { distributor, usd, mallory } = await loadFixture(withUsdGain);
      expect(await distributor.claimable(mallory.address, usd)).to.equal(0n);
      await expect(distributor.connect(mallory).claim(usd))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(mallory.address, await usd.getAddress());
    });

    it("adds up successive gains: $500,000 then $100,000 gives a 1% holder $6,000", async function () {
      const { distributor, usd, alice, bob } = await loadFixture(withUsdGain);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(6_000n * USD);
      expect(await distributor.claimable(alice.address, usd)).to.equal(582_000n * USD);
      await expectTotals(distributor, usd, 600_000n * USD, 0n);
    });
  });

  describe("entitlements survive balance changes", function () {
    it("keeps both entitlements when Alice sells more shares after a gain", async function () {
      const { distributor, usd, token, alice, bob } = await loadFixture(withUsdGain);
      await token.connect(alice).transfer(bob.address, 10_000n * SHARE);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(7_000n * USD); // + 2% of $100,000
      expect(await distributor.claimable(alice.address, usd)).to.equal(581_000n * USD); // + 96%
    });

    it("keeps both entitlements across an investor-to-investor transfer the owner approved", async function () {
      const { distributor, usd, token, alice, bob, carol } = await loadFixture(withUsdGain);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 10_000n * SHARE);
      await token.connect(bob).transfer(carol.address, 10_000n * SHARE);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
      expect(await distributor.claimable(carol.address, usd)).to.equal(5_000n * USD);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
      expect(await distributor.claimable(carol.address, usd)).to.equal(7_000n * USD);
    });

    it("keeps both entitlements across a transfer with the owner's signed permission", async function () {
      const { distributor, usd, token, alice, carol, dave } = await loadFixture(withUsdGain);
      const deadline = (await pinNextBlock()) + 3_600n;
      const amount = 5_000n * SHARE;
      const signature = await signTransferApproval(alice, token, {
        from: carol.address,
        to: dave.address,
        amount,
        nonce: 1n,
        deadline,
      });
      await token.connect(carol).transferWithApproval(dave.address, amount, 1n, deadline, signature);
      expect(await distributor.claimable(carol.address, usd)).to.equal(5_000n * USD);
      expect(await distributor.claimable(dave.address, usd)).to.equal(5_000n * USD);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(carol.address, usd)).to.equal(5_500n * USD); // 0.5%
      expect(await distributor.claimable(dave.address, usd)).to.equal(6_500n * USD); // 1.5%
    });

    it("lets issuance dilute only later gains", async function () {
      const { distributor, usd, token, alice, bob } = await loadFixture(withUsdGain);
      await token.connect(alice).issue(alice.address, 1_000_000n * SHARE); // supply 2,000,000
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_500n * USD); // 0.5% of $100,000
      expect(await distributor.claimable(alice.address, usd)).to.equal(583_500n * USD); // 98.5%
    });

    it("gives a newly issued holder nothing from earlier gains", async function () {
      const { distributor, usd, token, alice, erin } = await loadFixture(withUsdGainAndErin);
      await token.connect(alice).issue(erin.address, 30_000n * SHARE); // supply 1,030,000
      expect(await distributor.claimable(erin.address, usd)).to.equal(0n);
      await expect(distributor.connect(erin).claim(usd))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(erin.address, await usd.getAddress());
      await distributeErc20(distributor, usd, alice, 103_000n * USD); // $0.10 a share
      expect(await distributor.claimable(erin.address, usd)).to.equal(3_000n * USD);
      expect(await distributor.claimable(alice.address, usd)).to.equal(582_000n * USD);
    });

    it("gives a buyer nothing from gains distributed before the purchase", async function () {
      const { distributor, usd, token, alice, erin } = await loadFixture(withUsdGainAndErin);
      await token.connect(alice).transfer(erin.address, 10_000n * SHARE);
      expect(await distributor.claimable(erin.address, usd)).to.equal(0n);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(erin.address, usd)).to.equal(1_000n * USD);
    });

    it("keeps both entitlements across the arbiter's forced transfer, and the kicked holder can still claim", async function () {
      const { distributor, usd, token, alice, arbiter, bob, carol } = await loadFixture(withUsdGain);
      await token.connect(arbiter).forcedTransfer(bob.address, carol.address, 10_000n * SHARE);
      expect(await token.balanceOf(bob.address)).to.equal(0n);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
      expect(await distributor.claimable(carol.address, usd)).to.equal(5_000n * USD);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(bob.address, usd)).to.equal(5_000n * USD);
      expect(await distributor.claimable(carol.address, usd)).to.equal(7_000n * USD);
      await expect(distributor.connect(bob).claim(usd)).to.changeTokenBalance(ethers, usd, bob, 5_000n * USD);
    });

    it("leaves what Alice earned with her old wallet after a two-step ownership move; the new wallet earns only later gains", async function () {
      const { distributor, usd, token, alice, erin } = await loadFixture(withUsdGainAndErin);
      await token.connect(alice).transferOwnership(erin.address);
      await token.connect(erin).acceptOwnership();
      expect(await token.balanceOf(erin.address)).to.equal(970_000n * SHARE);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      expect(await distributor.claimable(erin.address, usd)).to.equal(0n);
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      expect(await distributor.claimable(erin.address, usd)).to.equal(97_000n * USD);
      await expect(distributor.connect(alice).claim(usd)).to.changeTokenBalance(ethers, usd, alice, 485_000n * USD);
    });

    it("leaves what the lost wallet earned with it after the arbiter recovers ownership", async function () {
      const { distributor, usd, token, alice, arbiter, erin } = await loadFixture(withUsdGainAndErin);
      await expect(token.connect(arbiter).recoverOwnership(erin.address))
        .to.emit(token, "OwnershipRecovered")
        .withArgs(alice.address, erin.address);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      expect(await distributor.claimable(erin.address, usd)).to.equal(0n);
      await distributeErc20(distributor, usd, erin, 100_000n * USD);
      expect(await distributor.claimable(alice.address, usd)).to.equal(485_000n * USD);
      expect(await distributor.claimable(erin.address, usd)).to.equal(97_000n * USD);
    });

    it("keeps entitlements in all four accepted assets across one share move", async function () {
      const { distributor, usd, token, alice, bob, carol } = await loadFixture(withThreeOnePercentHolders);
      const eur = await ethers.deployContract("MockERC20", ["Mock EUR", "mEUR", 6]);
      const gbp = await ethers.deployContract("MockERC20", ["Mock GBP", "mGBP", 6]);
      await distributor.connect(alice).enableAsset(eur);
      await distributor.connect(alice).enableAsset(gbp);
      await distributor.connect(alice).distribute(ETH, 100n * ONE_ETH, memo("eth"), { value: 100n * ONE_ETH });
      await distributeErc20(distributor, usd, alice, 100_000n * USD);
      await distributeErc20(distributor, eur, alice, 200_000n * USD);
      await distributeErc20(distributor, gbp, alice, 300_000n * USD);
      await token.connect(alice).approveTransfer(bob.address, carol.address, 10_000n * SHARE);
      await token.connect(bob).transfer(carol.address, 10_000n * SHARE);
      const assets = [ETH, usd, eur, gbp] as const;
      const bobs = await Promise.all(assets.map((asset) => distributor.claimable(bob.address, asset)));
      const carols = await Promise.all(assets.map((asset) => distributor.claimable(carol.address, asset)));
      expect(bobs).to.deep.equal([ONE_ETH, 1_000n * USD, 2_000n * USD, 3_000n * USD]);
      expect(carols).to.deep.equal([ONE_ETH, 1_000n * USD, 2_000n * USD, 3_000n * USD]);
    });

    it("pays the hand-computed amounts after four gains interleaved with sales, trades, issuance, a forced transfer, a claim and two ownership moves", async function () {
      const { distributor, usd, token, registry, registrar, arbiter, alice, bob, carol, dave, others } =
        await loadFixture(deployWithToken);
      const [alice2, alice3] = others;
      await verifyAll(registry, registrar, [alice2, alice3]);

      // Alice sells 10% to Bob and 5% to Carol: Alice 850,000 · Bob 100,000 · Carol 50,000 (supply 1,000,000).
      await token.connect(alice).transfer(bob.address, 100_000n * SHARE);
      await token.connect(alice).transfer(carol.address, 50_000n * SHARE);

      // Gain 1, $100,000 at $0.10 a share: Alice 85,000 · Bob 10,000 · Carol 5,000.
      await distributeErc20(distributor, usd, alice, 100_000n * USD, memo("gain-1"));

      // Bob sells Carol 40,000 with Alice's permission: Bob 60,000 · Carol 90,000.
      await token.connect(alice).approveTransfer(bob.address, carol.address, 40_000n * SHARE);
      await token.connect(bob).transfer(carol.address, 40_000n * SHARE);
      // Alice issues 900,000 to herself and 100,000 to Dave: supply 2,000,000; Alice 1,750,000 · Dave 100,000.
      await token.connect(alice).issue(alice.address, 900_000n * SHARE);
      await token.connect(alice).issue(dave.address, 100_000n * SHARE);
      expect(await distributor.claimable(dave.address, usd)).to.equal(0n);

      // Gain 2, $200,000 at $0.10 a share: Alice 175,000 · Bob 6,000 · Carol 9,000 · Dave 10,000.
      await distributeErc20(distributor, usd, alice, 200_000n * USD, memo("gain-2"));

      // The arbiter moves all of Carol's 90,000 to Dave (Dave 190,000); Bob claims 10,000 + 6,000.
      await token.connect(arbiter).forcedTransfer(carol.address, dave.address, 90_000n * SHARE);
      await expect(distributor.connect(bob).claim(usd))
        .to.emit(distributor, "GainClaimed")
        .withArgs(bob.address, await usd.getAddress(), bob.address, 16_000n * USD);
      // Alice moves ownership, and her 1,750,000 shares, to her new wallet alice2.
      await token.connect(alice).transferOwnership(alice2.address);
      await token.connect(alice2).acceptOwnership();

      // Gain 3, $400,000 at $0.20 a share: alice2 350,000 · Bob 12,000 · Dave 38,000.
      await distributeErc20(distributor, usd, alice2, 400_000n * USD, memo("gain-3"));

      // alice2 is lost; the arbiter recovers ownership to alice3.
      await token.connect(arbiter).recoverOwnership(alice3.address);

      // Gain 4, $20,000 at $0.01 a share: alice3 17,500 · Bob 600 · Dave 1,900.
      await distributeErc20(distributor, usd, alice3, 20_000n * USD, memo("gain-4"));

      const holders = [alice, alice2, alice3, bob, carol, dave].map((signer) => signer.address);
      const expected = [260_000n, 350_000n, 17_500n, 12_600n, 14_000n, 49_900n].map((dollars) => dollars * USD);
      expect(await claimableOf(distributor, usd, holders)).to.deep.equal(expected);
      await expectTotals(distributor, usd, 720_000n * USD, 16_000n * USD);

      for (const [i, holder] of [alice, alice2, alice3, bob, carol, dave].entries()) {
        await expect(distributor.connect(holder).claim(usd)).to.changeTokenBalance(ethers, usd, holder, expected[i]);
      }
      expect(await usd.balanceOf(await distributor.getAddress())).to.equal(0n);
      await expectTotals(distributor, usd, 720_000n * USD, 720_000n * USD);
    });
  });

  describe("rounding never over-pays and strands nothing", function () {
    it("carries the remainder of 1 wei split three ways until the third wei pays each holder exactly 1", async function () {
      const { tinyDistributor, usd, bob, carol, dave } = await loadFixture(withThreeUnitToken);
      const holders = [bob.address, carol.address, dave.address];

      await distributeErc20(tinyDistributor, usd, bob, 1n);
      expect(await claimableOf(tinyDistributor, usd, holders)).to.deep.equal([0n, 0n, 0n]);
      await expectTotals(tinyDistributor, usd, 1n, 0n);
      await expect(tinyDistributor.connect(bob).claim(usd))
        .to.be.revertedWithCustomError(tinyDistributor, "NothingToClaim")
        .withArgs(bob.address, await usd.getAddress());

      await distributeErc20(tinyDistributor, usd, bob, 1n);
      expect(await claimableOf(tinyDistributor, usd, holders)).to.deep.equal([0n, 0n, 0n]);

      await distributeErc20(tinyDistributor, usd, bob, 1n);
      expect(await claimableOf(tinyDistributor, usd, holders)).to.deep.equal([1n, 1n, 1n]);

      for (const holder of [bob, carol, dave]) await tinyDistributor.connect(holder).claim(usd);
      expect(await usd.balanceOf(await tinyDistributor.getAddress())).to.equal(0n);
      await expectTotals(tinyDistributor, usd, 3n, 3n);
    });

    it("carries 2-wei gains split three ways: 0 each at 2 wei, 1 each at 4 wei, 2 each at 6 wei", async function () {
      const { tinyDistributor, usd, bob, carol, dave } = await loadFixture(withThreeUnitToken);
      const holders = [bob.address, carol.address, dave.address];
      await distributeErc20(tinyDistributor, usd, bob, 2n);
      expect(await claimableOf(tinyDistributor, usd, holders)).to.deep.equal([0n, 0n, 0n]);
      await distributeErc20(tinyDistributor, usd, bob, 2n); // 4 wei in all: 1 each, 1 carried
      expect(await claimableOf(tinyDistributor, usd, holders)).to.deep.equal([1n, 1n, 1n]);
      await distributeErc20(tinyDistributor, usd, bob, 2n); // 6 wei in all: 2 each, nothing left over
      expect(await claimableOf(tinyDistributor, usd, holders)).to.deep.equal([2n, 2n, 2n]);
      await expectTotals(tinyDistributor, usd, 6n, 0n);
    });

    it("pays exactly floor(floor(1e36 × deposited / supply) × balance / 1e36) on an odd supply with odd amounts, and strands less than 1 unit per holder", async function () {
      const { distributor, usd, token, alice, bob, carol, dave } = await loadFixture(deployWithToken);
      // An odd supply coprime with 1e36, so every deposit leaves a remainder to carry.
      await token.connect(alice).issue(alice.address, 7n);
      const supply = 1_000_000n * SHARE + 7n;
      const balances = new Map<string, bigint>([
        [bob.address, 33_333n * SHARE + 333n],
        [carol.address, 7n],
        [dave.address, 66_666n * SHARE + 1n],
      ]);
      for (const [holder, amount] of balances) await token.connect(alice).transfer(holder, amount);
      balances.set(alice.address, await token.balanceOf(alice.address));
      expect(sum([...balances.values()])).to.equal(supply);

      const claimed = new Map<string, bigint>([...balances.keys()].map((holder) => [holder, 0n]));
      const model = (deposited: bigint, holder: string) =>
        ((deposited * SCALE) / supply) * balances.get(holder)! / SCALE - claimed.get(holder)!;

      let deposited = 0n;
      const amounts = [1n, 2n, 999_999n, 123_456_789n, 1n, 10n ** 12n + 7n, 3n];
      for (const [step, amount] of amounts.entries()) {
        await distributeErc20(distributor, usd, alice, amount);
        deposited += amount;
        if (step === 3) {
          for (const holder of [bob, dave]) {
            const due = model(deposited, holder.address);
            await distributor.connect(holder).claim(usd);
            claimed.set(holder.address, claimed.get(holder.address)! + due);
          }
        }
        const holders = [...balances.keys()];
        const actual = await claimableOf(distributor, usd, holders);
        expect(actual).to.deep.equal(holders.map((holder) => model(deposited, holder)));
        const totalClaimed = sum([...claimed.values()]);
        await expectTotals(distributor, usd, deposited, totalClaimed);
        const stranded = deposited - totalClaimed - sum(actual);
        expect(stranded).to.be.at.least(0n);
        expect(stranded).to.be.below(BigInt(holders.length));
        expect(await usd.balanceOf(await distributor.getAddress())).to.equal(deposited - totalClaimed);
      }
      expect(deposited).to.equal(1_000_124_456_802n);
      // Carol's 7 share units are worth 7 × 10⁻²⁴ of the gains: always rounded down to nothing.
      expect(await distributor.claimable(carol.address, usd)).to.equal(0n);
    });

    it("pays a 10% holder exactly 1 wei once ten 1-wei gains have accumulated", async function () {
      const { distributor, usd, token, alice, bob } = await loadFixture(deployWithToken);
      await token.connect(alice).transfer(bob.address, 100_000n * SHARE);
      for (let i = 1; i <= 9; i++) await distributeErc20(distributor, usd, alice, 1n);
      expect(await distributor.claimable(bob.address, usd)).to.equal(0n);
      expect(await distributor.claimable(alice.address, usd)).to.equal(8n); // 9 × 0.9 = 8.1
      await distributeErc20(distributor, usd, alice, 1n);
      expect(await distributor.claimable(bob.address, usd)).to.equal(1n);
      expect(await distributor.claimable(alice.address, usd)).to.equal(9n);
      await expectTotals(distributor, usd, 10n, 0n);
    });
  });

  describe("claimFor: anyone can pay a holder", function () {
    it("lets an outsider pay Bob his $5,000, emitting GainClaimed with Bob as recipient", async function () {
      const { distributor, usd, bob, mallory } = await loadFixture(withUsdGain);
      expect(await distributor.connect(mallory).claimFor.staticCall(bob.address, usd)).to.equal(5_000n * USD);
      const tx = distributor.connect(mallory).claimFor(bob.address, usd);
      await expect(tx)
        .to.emit(distributor, "GainClaimed")
        .withArgs(bob.address, await usd.getAddress(), bob.address, 5_000n * USD);
      await expect(tx).to.changeTokenBalances(ethers, usd, [bob, mallory], [5_000n * USD, 0n]);
      await expectTotals(distributor, usd, 500_000n * USD, 5_000n * USD);
    });

    it("pays ETH to the holder, not the caller", async function () {
      const { distributor, alice, bob, mallory } = await loadFixture(withThreeOnePercentHolders);
      await distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("eth"), { value: 10n * ONE_ETH });
      await expect(distributor.connect(mallory).claimFor(bob.address, ETH)).to.changeEtherBalances(
        ethers,
        [bob, mallory, distributor],
        [ONE_ETH / 10n, 0n, -ONE_ETH / 10n],
      );
    });

    it("refuses to pay a holder with nothing to claim", async function () {
      const { distributor, usd, bob, mallory } = await loadFixture(withUsdGain);
      await distributor.connect(mallory).claimFor(bob.address, usd);
      await expect(distributor.connect(mallory).claimFor(bob.address, usd))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(bob.address, await usd.getAddress());
      await expect(distributor.connect(mallory).claimFor(bob.address, ETH))
        .to.be.revertedWithCustomError(distributor, "NothingToClaim")
        .withArgs(bob.address, ETH);
    });

    it("works while the token is paused, by claim and by claimFor", async function () {
      const { distributor, usd, token, arbiter, bob, carol, dave, mallory } = await loadFixture(withUsdGain);
      await token.connect(arbiter).pause();
      await expect(token.connect(bob).transfer(carol.address, 1n)).to.be.revertedWithCustomError(token, "EnforcedPause");
      await expect(distributor.connect(bob).claim(usd)).to.changeTokenBalance(ethers, usd, bob, 5_000n * USD);
      await expect(distributor.connect(mallory).claimFor(dave.address, usd)).to.changeTokenBalance(
        ethers,
        usd,
        dave,
        5_000n * USD,
      );
    });

    it("lets a banned holder claim what it earned, itself or through claimFor", async function () {
      const { distributor, usd, registry, registrar, bob, carol, mallory } = await loadFixture(withUsdGain);
      await registry.connect(registrar).ban(bob.address, memo("fraud"));
      await registry.connect(registrar).ban(carol.address, memo("fraud"));
      expect(await registry.isBanned(bob.address)).to.equal(true);
      await expect(distributor.connect(bob).claim(usd)).to.changeTokenBalance(ethers, usd, bob, 5_000n * USD);
      await expect(distributor.connect(mallory).claimFor(carol.address, usd)).to.changeTokenBalance(
        ethers,
        usd,
        carol,
        5_000n * USD,
      );
    });

    it("reverts with FailedCall when a holder refuses ETH, and keeps its entitlement", async function () {
      const { distributor, receiver, mallory } = await loadFixture(withRejectingHolder);
      const receiverAddress = await receiver.getAddress();
      expect(await distributor.claimable(receiverAddress, ETH)).to.equal(ONE_ETH);
      await expect(distributor.connect(mallory).claimFor(receiverAddress, ETH)).to.be.revertedWithCustomError(
        distributor,
        "FailedCall",
      );
      const claimCall = distributor.interface.encodeFunctionData("claim", [ETH]);
      await expect(receiver.call(await distributor.getAddress(), claimCall)).to.be.revertedWithCustomError(
        distributor,
        "FailedCall",
      );
      expect(await distributor.claimable(receiverAddress, ETH)).to.equal(ONE_ETH);
      await expectTotals(distributor, ETH, 100n * ONE_ETH, 0n);
      expect(await ethers.provider.getBalance(await distributor.getAddress())).to.equal(100n * ONE_ETH);
    });

    it("still pays a holder that refuses ETH in an ERC-20", async function () {
      const { distributor, usd, receiver, mallory } = await loadFixture(withRejectingHolder);
      const receiverAddress = await receiver.getAddress();
      await expect(distributor.connect(mallory).claimFor(receiverAddress, usd))
        .to.emit(distributor, "GainClaimed")
        .withArgs(receiverAddress, await usd.getAddress(), receiverAddress, 10n * USD);
      expect(await usd.balanceOf(receiverAddress)).to.equal(10n * USD);
    });
  });

  describe("chains of tokens: a personal token holding another's shares", function () {
    it("forwards Bob's token's share of a USD gain into Bob's distributor as a distribution", async function () {
      const { distributor, bobToken, bobDistributor, usd, token, alice, mallory } = await loadFixture(withChainedTokens);
      await distributeErc20(distributor, usd, alice, 500_000n * USD);
      const bobTokenAddress = await bobToken.getAddress();
      const bobDistributorAddress = await bobDistributor.getAddress();
      const usdAddress = await usd.getAddress();
      expect(await distributor.claimable(bobTokenAddress, usd)).to.equal(50_000n * USD);

      const tx = distributor.connect(mallory).claimFor(bobTokenAddress, usd);
      await expect(tx)
        .to.emit(distributor, "GainClaimed")
        .withArgs(bobTokenAddress, usdAddress, bobDistributorAddress, 50_000n * USD);
      await expect(tx)
        .to.emit(bobDistributor, "GainDistributed")
        .withArgs(usdAddress, await distributor.getAddress(), 50_000n * USD, addressMemo(await token.getAddress()));
      await expect(tx).to.changeTokenBalances(
        ethers,
        usd,
        [distributor, bobDistributor, bobTokenAddress],
        [-50_000n * USD, 50_000n * USD, 0n],
      );
      await expectTotals(distributor, usd, 500_000n * USD, 50_000n * USD);
      await expectTotals(bobDistributor, usd, 50_000n * USD, 0n);
      expect(await distributor.claimable(bobTokenAddress, usd)).to.equal(0n);
    });

    it("lets Bob's holders claim the forwarded gain pro rata: Bob $45,000, Carol $5,000", async function () {
      const { distributor, bobToken, bobDistributor, usd, alice, bob, carol } = await loadFixture(withChainedTokens);
      await distributeErc20(distributor, usd, alice, 500_000n * USD);
      await distributor.claimFor(await bobToken.getAddress(), usd);
      expect(await bobDistributor.claimable(bob.address, usd)).to.equal(45_000n * USD);
      expect(await bobDistributor.claimable(carol.address, usd)).to.equal(5_000n * USD);
      await expect(bobDistributor.connect(bob).claim(usd)).to.changeTokenBalance(ethers, usd, bob, 45_000n * USD);
      await expect(bobDistributor.connect(carol).claim(usd)).to.changeTokenBalance(ethers, usd, carol, 5_000n * USD);
      expect(await usd.balanceOf(await bobDistributor.getAddress())).to.equal(0n);
    });

    it("forwards an ETH gain the same way", async function () {
      const { distributor, bobToken, bobDistributor, token, alice, bob, carol } = await loadFixture(withChainedTokens);
      await distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("eth"), { value: 10n * ONE_ETH });
      const bobTokenAddress = await bobToken.getAddress();
      const tx = distributor.claimFor(bobTokenAddress, ETH);
      await expect(tx)
        .to.emit(distributor, "GainClaimed")
        .withArgs(bobTokenAddress, ETH, await bobDistributor.getAddress(), ONE_ETH);
      await expect(tx)
        .to.emit(bobDistributor, "GainDistributed")
        .withArgs(ETH, await distributor.getAddress(), ONE_ETH, addressMemo(await token.getAddress()));
      await expect(tx).to.changeEtherBalances(ethers, [distributor, bobDistributor], [-ONE_ETH, ONE_ETH]);
      expect(await bobDistributor.claimable(bob.address, ETH)).to.equal(9n * ONE_ETH / 10n);
      expect(await bobDistributor.claimable(carol.address, ETH)).to.equal(ONE_ETH / 10n);
    });

    it("refuses to forward an ERC-20 that Bob's distributor does not accept, and keeps the entitlement until Bob enables it", async function () {
      const { distributor, bobToken, bobDistributor, token, alice, bob, carol } = await loadFixture(withChainedTokens);
      const eur = await ethers.deployContract("MockERC20", ["Mock EUR", "mEUR", 6]);
      const eurAddress = await eur.getAddress();
      await distributor.connect(alice).enableAsset(eur);
      await distributeErc20(distributor, eur, alice, 100_000n * USD);
      const bobTokenAddress = await bobToken.getAddress();

      await expect(distributor.claimFor(bobTokenAddress, eur))
        .to.be.revertedWithCustomError(bobDistributor, "AssetNotAccepted")
        .withArgs(eurAddress);
      expect(await distributor.claimable(bobTokenAddress, eur)).to.equal(10_000n * USD);
      await expectTotals(distributor, eur, 100_000n * USD, 0n);

      await bobDistributor.connect(bob).enableAsset(eur);
      await expect(distributor.claimFor(bobTokenAddress, eur))
        .to.emit(bobDistributor, "GainDistributed")
        .withArgs(eurAddress, await distributor.getAddress(), 10_000n * USD, addressMemo(await token.getAddress()));
      expect(await bobDistributor.claimable(bob.address, eur)).to.equal(9_000n * USD);
      expect(await bobDistributor.claimable(carol.address, eur)).to.equal(1_000n * USD);
    });
  });

  describe("chains of tokens: a gain passed on opens the holder token's book", function () {
    it("opens Bob's USD book with the gain Alice's distributor passes on, where a stranger's first deposit was refused", async function () {
      const { distributor, bobToken, bobDistributor, usd, token, alice, bob, mallory } = await loadFixture(withChainedTokens);
      await distributeErc20(distributor, usd, alice, 500_000n * USD);
      await expect(distributeErc20(bobDistributor, usd, mallory, 1n))
        .to.be.revertedWithCustomError(bobDistributor, "AssetBookNotOpen")
        .withArgs(await usd.getAddress(), mallory.address);

      await expect(distributor.connect(mallory).claimFor(await bobToken.getAddress(), usd))
        .to.emit(bobDistributor, "GainDistributed")
        .withArgs(await usd.getAddress(), await distributor.getAddress(), 50_000n * USD, addressMemo(await token.getAddress()));
      await expectTotals(bobDistributor, usd, 50_000n * USD, 0n);
      // Once open, anyone may add to it.
      await distributeErc20(bobDistributor, usd, mallory, 50_000n * USD);
      expect(await bobDistributor.claimable(bob.address, usd)).to.equal(90_000n * USD);
    });

    it("opens Bob's ETH book with a gain earned before Alice kicked Bob's token, which now holds no shares", async function () {
      const { market, distributor, bobToken, bobDistributor, token, alice, bob, carol, mallory } =
        await loadFixture(withChainedTokens);
      const bobTokenAddress = await bobToken.getAddress();
      await distributor.connect(alice).distribute(ETH, 10n * ONE_ETH, memo("eth"), { value: 10n * ONE_ETH });
      await market.connect(alice).kick(await token.getAddress(), bobTokenAddress, 0n);
      expect(await token.balanceOf(bobTokenAddress)).to.equal(0n);
      expect(await distributor.claimable(bobTokenAddress, ETH)).to.equal(ONE_ETH);
      await expect(bobDistributor.connect(mallory).distribute(ETH, 1n, memo("x"), { value: 1n }))
        .to.be.revertedWithCustomError(bobDistributor, "AssetBookNotOpen")
        .withArgs(ETH, mallory.address);

      await expect(distributor.connect(mallory).claimFor(bobTokenAddress, ETH))
        .to.emit(bobDistributor, "GainDistributed")
        .withArgs(ETH, await distributor.getAddress(), ONE_ETH, addressMemo(await token.getAddress()));
      await expectTotals(bobDistributor, ETH, ONE_ETH, 0n);
      expect(await bobDistributor.claimable(bob.address, ETH)).to.equal(9n * ONE_ETH / 10n);
      expect(await bobDistributor.claimable(carol.address, ETH)).to.equal(ONE_ETH / 10n);
    });

    it("refuses an outsider, and Alice herself, who pass Alice's token as the memo of a first deposit", async function () {
      const { bobDistributor, token, alice, mallory } = await loadFixture(withChainedTokens);
      const aliceTokenMemo = addressMemo(await token.getAddress());
      for (const depositor of [mallory, alice]) {
        await expect(bobDistributor.connect(depositor).distribute(ETH, ONE_ETH, aliceTokenMemo, { value: ONE_ETH }))
          .to.be.revertedWithCustomError(bobDistributor, "AssetBookNotOpen")
          .withArgs(ETH, depositor.address);
      }
      await expectTotals(bobDistributor, ETH, 0n, 0n);
    });

    it("refuses a contract that poses as Alice's distributor, naming her token in token() and in the memo", async function () {
      const { bobDistributor, token, usd, mallory } = await loadFixture(withChainedTokens);
      const impostor = (await ethers.deployContract("ImpostorDistributor", [
        await token.getAddress(),
      ])) as unknown as ImpostorDistributor;
      const impostorAddress = await impostor.getAddress();
      expect(await impostor.token()).to.equal(await token.getAddress());
      await usd.mint(impostorAddress, 1_000n * USD);

      await expect(impostor.connect(mallory).forward(bobDistributor, usd, 1_000n * USD))
        .to.be.revertedWithCustomError(bobDistributor, "AssetBookNotOpen")
        .withArgs(await usd.getAddress(), impostorAddress);
      await expect(impostor.connect(mallory).forward(bobDistributor, ETH, ONE_ETH, { value: ONE_ETH }))
        .to.be.revertedWithCustomError(bobDistributor, "AssetBookNotOpen")
        .withArgs(ETH, impostorAddress);
      await expectTotals(bobDistributor, usd, 0n, 0n);
      await expectTotals(bobDistributor, ETH, 0n, 0n);
    });
  });

  describe("enabling extra assets", function () {
    it("accepts ETH and the quote asset from the start, and nothing else", async function () {
      const { distributor, usd, eur } = await loadFixture(withExtraAssets);
      expect([...(await distributor.acceptedAssets())]).to.deep.equal([ETH, await usd.getAddress()]);
      expect(await distributor.isAccepted(ETH)).to.equal(true);
      expect(await distributor.isAccepted(usd)).to.equal(true);
      expect(await distributor.isAccepted(eur)).to.equal(false);
    });

    it("lets the owner enable an asset, emitting AssetEnabled", async function () {
      const { distributor, usd, eur, gbp, alice } = await loadFixture(withExtraAssets);
      await expect(distributor.connect(alice).enableAsset(eur))
        .to.emit(distributor, "AssetEnabled")
        .withArgs(await eur.getAddress());
      await distributor.connect(alice).enableAsset(gbp);
      expect(await distributor.isAccepted(eur)).to.equal(true);
      expect([...(await distributor.acceptedAssets())]).to.deep.equal([
        ETH,
        await usd.getAddress(),
        await eur.getAddress(),
        await gbp.getAddress(),
      ]);
    });

    it("accepts distributions in an enabled asset and splits them pro rata", async function () {
      const { distributor, token, eur, alice, bob } = await loadFixture(withExtraAssets);
      await token.connect(alice).transfer(bob.address, 200_000n * SHARE);
      await distributor.connect(alice).enableAsset(eur);
      await expect(distributeErc20(distributor, eur, alice, 1_000n * USD, memo("eur")))
        .to.emit(distributor, "GainDistributed")
        .withArgs(await eur.getAddress(), alice.address, 1_000n * USD, memo("eur"));
      expect(await distributor.claimable(bob.address, eur)).to.equal(200n * USD);
    });

    it("refuses anyone but the token's owner", async function () {
      const { distributor, eur, bob } = await loadFixture(withExtraAssets);
      await expect(distributor.connect(bob).enableAsset(eur))
        .to.be.revertedWithCustomError(distributor, "OwnableUnauthorizedAccount")
        .withArgs(bob.address);
    });

    it("follows ownership: after a move only the new owner may enable assets", async function () {
      const { distributor, token, registry, registrar, eur, alice, others } = await loadFixture(withExtraAssets);
      const erin = others[0];
      await verifyAll(registry, registrar, [erin]);
      await token.connect(alice).transferOwnership(erin.address);
      await token.connect(erin).acceptOwnership();
      await expect(distributor.connect(alice).enableAsset(eur))
        .to.be.revertedWithCustomError(distributor, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(distributor.connect(erin).enableAsset(eur))
        .to.emit(distributor, "AssetEnabled")
        .withArgs(await eur.getAddress());
    });

    it("refuses ETH, the quote asset and an asset enabled twice with AssetAlreadyAccepted", async function () {
      const { distributor, usd, eur, alice } = await loadFixture(withExtraAssets);
      await expect(distributor.connect(alice).enableAsset(ETH))
        .to.be.revertedWithCustomError(distributor, "AssetAlreadyAccepted")
        .withArgs(ETH);
      await expect(distributor.connect(alice).enableAsset(usd))
        .to.be.revertedWithCustomError(distributor, "AssetAlreadyAccepted")
        .withArgs(await usd.getAddress());
      await distributor.connect(alice).enableAsset(eur);
      await expect(distributor.connect(alice).enableAsset(eur))
        .to.be.revertedWithCustomError(distributor, "AssetAlreadyAccepted")
        .withArgs(await eur.getAddress());
    });

    it("refuses an address without code", async function () {
      const { distributor, alice, mallory } = await loadFixture(withExtraAssets);
      await expect(distributor.connect(alice).enableAsset(mallory.address))
        .to.be.revertedWithCustomError(distributor, "AssetNotContract")
        .withArgs(mallory.address);
    });

    it("refuses a third extra asset on a USD-quoted token: 4 in all, ETH and USD included", async function () {
      const { distributor, eur, gbp, chf, alice } = await loadFixture(withExtraAssets);
      await distributor.connect(alice).enableAsset(eur);
      await distributor.connect(alice).enableAsset(gbp);
      await expect(distributor.connect(alice).enableAsset(chf))
        .to.be.revertedWithCustomError(distributor, "TooManyAssets")
        .withArgs(4n);
      expect(await distributor.isAccepted(chf)).to.equal(false);
      expect(await distributor.acceptedAssets()).to.have.length(4);
    });

    it("accepts only ETH on an ETH-quoted token, then three extras, and refuses a fourth", async function () {
      const { ethDistributor, usd, eur, gbp, chf, bob } = await loadFixture(withEthQuotedTokenAndExtraAssets);
      expect([...(await ethDistributor.acceptedAssets())]).to.deep.equal([ETH]);
      expect(await ethDistributor.isAccepted(usd)).to.equal(false);
      for (const asset of [usd, eur, gbp]) {
        await expect(ethDistributor.connect(bob).enableAsset(asset))
          .to.emit(ethDistributor, "AssetEnabled")
          .withArgs(await asset.getAddress());
      }
      await expect(ethDistributor.connect(bob).enableAsset(chf))
        .to.be.revertedWithCustomError(ethDistributor, "TooManyAssets")
        .withArgs(4n);
      expect([...(await ethDistributor.acceptedAssets())]).to.deep.equal([
        ETH,
        await usd.getAddress(),
        await eur.getAddress(),
        await gbp.getAddress(),
      ]);
    });

    it("refuses the quote asset of another token on an ETH-quoted token until it is enabled", async function () {
      const { ethDistributor, usd, alice, bob } = await loadFixture(withEthQuotedToken);
      await usd.mint(alice.address, 100n * USD);
      await usd.connect(alice).approve(await ethDistributor.getAddress(), 100n * USD);
      await expect(ethDistributor.connect(alice).distribute(usd, 100n * USD, memo("x")))
        .to.be.revertedWithCustomError(ethDistributor, "AssetNotAccepted")
        .withArgs(await usd.getAddress());
      await ethDistributor.connect(bob).enableAsset(usd);
      await expect(distributeErc20(ethDistributor, usd, bob, 100n * USD, memo("x")))
        .to.emit(ethDistributor, "GainDistributed")
        .withArgs(await usd.getAddress(), bob.address, 100n * USD, memo("x"));
      expect(await ethDistributor.claimable(bob.address, usd)).to.equal(100n * USD);
    });
  });

  describe("deposit bounds", function () {
    it("accepts deposits up to 2^128 − 2 (MAX_TOTAL_DEPOSITS) of one asset and pays them exactly", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      await distributeErc20(distributor, usd, alice, MAX_TOTAL_DEPOSITS);
      expect(await distributor.claimable(alice.address, usd)).to.equal(MAX_TOTAL_DEPOSITS);
      await expectTotals(distributor, usd, MAX_TOTAL_DEPOSITS, 0n);
      await expect(distributeErc20(distributor, usd, alice, 1n))
        .to.be.revertedWithCustomError(distributor, "DepositLimitExceeded")
        .withArgs(await usd.getAddress());
      await expect(distributor.connect(alice).claim(usd)).to.changeTokenBalance(ethers, usd, alice, MAX_TOTAL_DEPOSITS);
    });

    it("refuses a single deposit above MAX_TOTAL_DEPOSITS", async function () {
      const { distributor, usd, alice } = await loadFixture(deployWithToken);
      expect(await distributor.MAX_TOTAL_DEPOSITS()).to.equal(MAX_TOTAL_DEPOSITS);
      await expect(distributeErc20(distributor, usd, alice, MAX_TOTAL_DEPOSITS + 1n))
        .to.be.revertedWithCustomError(distributor, "DepositLimitExceeded")
        .withArgs(await usd.getAddress());
      await expectTotals(distributor, usd, 0n, 0n);
    });
  });
});
