// Fixtures and helpers shared by the tests split from PersonalTokenFactory.ts.
import PersonalTokenSystem from "../../deploy/modules/PersonalTokenSystem.js";
import {
  deploySystem,
  deployWithToken,
  ETH,
  ethers,
  ignition,
  networkHelpers,
  ONE_YEAR,
  SHARE,
  verifyAll,
} from "./fixtures.js";
import type { InvestorRegistry, PersonalTokenFactory } from "../../types/ethers-contracts/index.js";

export const { time } = networkHelpers;

export const MAX_SUPPLY = 10n ** 36n;
export const ALICE_SUPPLY = 1_000_000n * SHARE;

/** The creation code OpenZeppelin's `Clones` deploys for an ERC-1167 clone of `implementation` with immutable `args`. */
export function cloneCreationCode(implementation: string, args: string) {
  return ethers.concat([
    "0x61",
    ethers.toBeHex(ethers.dataLength(args) + 0x2d, 2),
    "0x3d81600a3d39f3363d3d373d3d3d363d73",
    implementation,
    "0x5af43d82803e903d91602b57fd5bf3",
    args,
  ]);
}

/** The runtime code of that clone: the ERC-1167 proxy followed by its immutable arguments. */
export function cloneRuntimeCode(implementation: string, args: string) {
  return ethers
    .concat(["0x363d3d373d3d3d363d73", implementation, "0x5af43d82803e903d91602b57fd5bf3", args])
    .toLowerCase();
}

/** Where the factory puts `creator`'s token: CREATE2 with salt = creator and the factory's address as argument. */
export function expectedTokenAddress(factory: string, tokenImplementation: string, creator: string) {
  const initCode = cloneCreationCode(tokenImplementation, factory);
  return ethers.getCreate2Address(factory, ethers.zeroPadValue(creator, 32), ethers.keccak256(initCode));
}

/** Where the factory puts a token's distributor: CREATE2 with salt 0 and the token's address as argument. */
export function expectedDistributorAddress(factory: string, distributorImplementation: string, token: string) {
  const initCode = cloneCreationCode(distributorImplementation, token);
  return ethers.getCreate2Address(factory, ethers.ZeroHash, ethers.keccak256(initCode));
}

/** The system with Alice, Bob, Carol and Dave verified for a year (Mallory is not) and a mock USD stablecoin. */
export async function deployWithVerifiedPeople() {
  const system = await deploySystem();
  const { registry, registrar, alice, bob, carol, dave } = system;
  const verifiedUntil = BigInt(await time.latest()) + ONE_YEAR;
  await verifyAll(registry, registrar, [alice, bob, carol, dave]);
  const usd = await ethers.deployContract("MockERC20", ["Mock USD", "mUSD", 6]);
  return { ...system, usd, verifiedUntil };
}

/** Alice's token (from the shared fixture) whose ownership Alice moved to Bob, her other verified wallet. */
export async function deployWithOwnershipMovedToBob() {
  const system = await deployWithToken();
  const { token, alice, bob } = system;
  await token.connect(alice).transferOwnership(bob.address);
  await token.connect(bob).acceptOwnership();
  return system;
}

/** Alice's token plus Bob's own token ("Bob" / "BOB", 500 shares, 10% cap, priced in ETH). */
export async function deployWithTwoTokens() {
  const system = await deployWithToken();
  const { factory, bob } = system;
  const bobTokenAddress = await factory.predictToken(bob.address);
  await factory.connect(bob).createToken("Bob", "BOB", 500n * SHARE, 1_000, ETH);
  const bobToken = await ethers.getContractAt("PersonalToken", bobTokenAddress);
  return { ...system, bobToken };
}

/** Another factory wired to the same registry and implementations, in which Bob created a token. */
export async function deployWithSecondFactory() {
  const system = await deployWithToken();
  const { registry, tokenImplementation, distributorImplementation, holdingsImplementation, bob } = system;
  const otherFactory = await ethers.deployContract("PersonalTokenFactory", [
    await registry.getAddress(),
    await tokenImplementation.getAddress(),
    await distributorImplementation.getAddress(),
    await holdingsImplementation.getAddress(),
  ]);
  const otherTokenAddress = await otherFactory.predictToken(bob.address);
  await otherFactory.connect(bob).createToken("Bob elsewhere", "BOBX", 100n * SHARE, 500, ETH);
  const otherToken = await ethers.getContractAt("PersonalToken", otherTokenAddress);
  return { ...system, otherFactory, otherToken };
}

/** The Ignition module with no parameters: every role defaults to the deployer. */
export async function deploySystemWithDefaultParameters() {
  const [deployer] = await ethers.getSigners();
  const { registry, factory, tokenImplementation, distributorImplementation } =
    await ignition.deploy(PersonalTokenSystem);
  return {
    deployer,
    registry: registry as unknown as InvestorRegistry,
    factory: factory as unknown as PersonalTokenFactory,
    tokenImplementation: await tokenImplementation.getAddress(),
    distributorImplementation: await distributorImplementation.getAddress(),
  };
}

/** A signer sending transactions from `address` (a contract, here), funded for gas. */
export async function impersonate(address: string) {
  await networkHelpers.impersonateAccount(address);
  await networkHelpers.setBalance(address, 10n ** 18n);
  return ethers.getImpersonatedSigner(address);
}

/** The distributor address the factory will use for `creator`'s token, computed independently of the contracts. */
export async function expectedDistributorOf(factory: PersonalTokenFactory, creator: string) {
  return expectedDistributorAddress(
    await factory.getAddress(),
    await factory.distributorImplementation(),
    await factory.predictToken(creator),
  );
}
