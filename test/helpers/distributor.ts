// Fixtures and helpers shared by the tests split from GainsDistributor.ts.
import { expect } from "chai";
import type { AddressLike, Signer } from "ethers";
import { deployWithToken, ETH, ethers, memo, networkHelpers, SHARE, USD, verifyAll } from "./fixtures.js";
import type {
  FeeOnTransferERC20,
  GainsDistributor,
  MockERC20,
  PersonalToken,
} from "../../types/ethers-contracts/index.js";

export const { loadFixture } = networkHelpers;

export const SCALE = 10n ** 36n;
export const ONE_ETH = 10n ** 18n;
export const FEE_UNIT = 10n ** 18n;
export const MAX_TOTAL_DEPOSITS = 2n ** 128n - 2n;

// ───────────────────────────── helpers ─────────────────────────────

/** Mints `amount` of a mock ERC-20 to `depositor`, approves the distributor and distributes it. */
export async function distributeErc20(
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

export async function expectTotals(
  distributor: GainsDistributor,
  asset: AddressLike,
  deposited: bigint,
  claimed: bigint,
) {
  const [actualDeposited, actualClaimed] = await distributor.totals(asset);
  expect(actualDeposited).to.equal(deposited);
  expect(actualClaimed).to.equal(claimed);
}

export async function claimableOf(distributor: GainsDistributor, asset: AddressLike, holders: AddressLike[]) {
  return Promise.all(holders.map((holder) => distributor.claimable(holder, asset)));
}

export const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);

/** Gas used by Alice's sale of one share to `to`. */
export async function saleGas(token: PersonalToken, alice: Signer, to: AddressLike) {
  const receipt = await (await token.connect(alice).transfer(to, SHARE)).wait();
  return receipt!.gasUsed;
}

/** The address as the bytes32 memo a chained claim carries: bytes32(uint256(uint160(address))). */
export const addressMemo = (address: string) => ethers.zeroPadValue(address, 32).toLowerCase();

export async function tokenAt(address: string) {
  return (await ethers.getContractAt("PersonalToken", address)) as unknown as PersonalToken;
}

export async function distributorOf(token: PersonalToken) {
  return (await ethers.getContractAt("GainsDistributor", await token.distributor())) as unknown as GainsDistributor;
}

// ───────────────────────────── fixtures ─────────────────────────────

/** Alice has sold 1% (10,000 shares) to each of Bob, Carol and Dave; she keeps 970,000. */
export async function withThreeOnePercentHolders() {
  const f = await deployWithToken();
  const { token, alice, bob, carol, dave } = f;
  for (const investor of [bob, carol, dave]) {
    await token.connect(alice).transfer(investor.address, 10_000n * SHARE);
  }
  return f;
}

/** As above, plus Erin, verified but not yet a holder (a sale to her is a move to a new holder). */
export async function withThreeOnePercentHoldersAndErin() {
  const f = await withThreeOnePercentHolders();
  const erin = f.others[0];
  await verifyAll(f.registry, f.registrar, [erin]);
  return { ...f, erin };
}

/** As above, then Alice distributed a $500,000 gain in the USD quote asset. */
export async function withUsdGain() {
  const f = await withThreeOnePercentHolders();
  await distributeErc20(f.distributor, f.usd, f.alice, 500_000n * USD, memo("sale-1"));
  return f;
}

/** As above, plus Erin (a fresh verified wallet, never an owner) for new holders and ownership moves. */
export async function withUsdGainAndErin() {
  const f = await withUsdGain();
  const erin = f.others[0];
  await verifyAll(f.registry, f.registrar, [erin]);
  return { ...f, erin };
}

/** Alice enabled a token that burns 1% of every transfer, and sold 10% (100,000 shares) to Bob. */
export async function withFeeToken() {
  const f = await deployWithToken();
  const fee = await ethers.deployContract("FeeOnTransferERC20", [100]);
  await f.distributor.connect(f.alice).enableAsset(await fee.getAddress());
  await f.token.connect(f.alice).transfer(f.bob.address, 100_000n * SHARE);
  return { ...f, fee };
}

/** A verified RejectingReceiver (refuses ETH) holds 1% of Alice's token; 100 ETH and $1,000 were distributed. */
export async function withRejectingHolder() {
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
export async function withChainedTokens() {
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
export async function withThreeUnitToken() {
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
export async function withEthQuotedToken() {
  const f = await deployWithToken();
  const address = await f.factory.predictToken(f.bob.address);
  await f.factory.connect(f.bob).createToken("Bob", "BOB", 1_000_000n * SHARE, 2_000, ETH);
  const ethToken = await tokenAt(address);
  return { ...f, ethToken, ethDistributor: await distributorOf(ethToken) };
}

export async function deployExtraAssets() {
  const eur = await ethers.deployContract("MockERC20", ["Mock EUR", "mEUR", 6]);
  const gbp = await ethers.deployContract("MockERC20", ["Mock GBP", "mGBP", 6]);
  const chf = await ethers.deployContract("MockERC20", ["Mock CHF", "mCHF", 6]);
  return { eur, gbp, chf };
}

/** Alice's token plus three extra mock ERC-20 assets, not yet enabled anywhere. */
export async function withExtraAssets() {
  return { ...(await deployWithToken()), ...(await deployExtraAssets()) };
}

/** Bob's ETH-quoted token plus the three extra assets. */
export async function withEthQuotedTokenAndExtraAssets() {
  return { ...(await withEthQuotedToken()), ...(await deployExtraAssets()) };
}

// ───────────────────────────── tests ─────────────────────────────
