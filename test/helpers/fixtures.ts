import { network } from "hardhat";
import type { Signer, TypedDataDomain } from "ethers";
import PersonalTokenSystem from "../../deploy/modules/PersonalTokenSystem.js";
import { LISTING_APPROVAL_TYPES, TRANSFER_APPROVAL_TYPES } from "../../tasks/lib/approvals.js";
import type {
  GainsDistributor,
  Holdings,
  InvestorRegistry,
  PersonalToken,
  PersonalTokenFactory,
  ShareMarket,
} from "../../types/ethers-contracts/index.js";

export const connection = await network.create();
export const { ethers, networkHelpers, ignition } = connection;

export const ONE_YEAR = 365n * 24n * 60n * 60n;
export const SHARE = 10n ** 18n;
export const USD = 10n ** 6n;
export const ZERO_ADDRESS = ethers.ZeroAddress;
export const ETH = ethers.ZeroAddress;
export const memo = (text: string) => ethers.encodeBytes32String(text);

/**
 * The chain's time for the next transaction: pins the next block one second after the latest one and returns that
 * time. The simulated chain stamps blocks by the wall clock, and restoring a fixture's snapshot leaves its clock running
 * ahead of `time.latest()`, so a window or deadline of `latest() + N` may already have passed when the next
 * transaction is mined on a busy machine. Windows, deadlines and expiries derived from this one cannot: call it right
 * before the transaction that uses them. Later blocks follow the wall clock again: reach a chosen time with
 * `increaseTo` / `setNextBlockTimestamp`, never by assuming how long the machine takes.
 */
export async function pinNextBlock(): Promise<bigint> {
  // The one place a time is taken from `latest`: it is handed to setNextBlockTimestamp at once, before any block.
  const next = 1n + BigInt(await networkHelpers.time.latest());
  await networkHelpers.time.setNextBlockTimestamp(next);
  return next;
}

/** Deploys the system through the Ignition module, with separate admin, registrar and arbiter accounts. */
export async function deploySystem() {
  const [deployer, admin, registrar, arbiter, alice, bob, carol, dave, mallory, ...others] = await ethers.getSigners();
  const { registry, market, factory, tokenImplementation, distributorImplementation, holdingsImplementation } =
    await ignition.deploy(PersonalTokenSystem, {
      parameters: {
        PersonalTokenSystem: { admin: admin.address, registrar: registrar.address, arbiter: arbiter.address },
      },
    });
  return {
    deployer,
    admin,
    registrar,
    arbiter,
    alice,
    bob,
    carol,
    dave,
    mallory,
    others,
    registry: registry as unknown as InvestorRegistry,
    market: market as unknown as ShareMarket,
    factory: factory as unknown as PersonalTokenFactory,
    tokenImplementation: tokenImplementation as unknown as PersonalToken,
    distributorImplementation: distributorImplementation as unknown as GainsDistributor,
    holdingsImplementation: holdingsImplementation as unknown as Holdings,
  };
}

/** Verifies `accounts` for one year from now. */
export async function verifyAll(
  registry: InvestorRegistry,
  registrar: Signer,
  accounts: { getAddress(): Promise<string> }[],
) {
  const until = BigInt(await networkHelpers.time.latest()) + ONE_YEAR;
  for (const account of accounts) {
    await registry.connect(registrar).verify(await account.getAddress(), until, memo("kyc"));
  }
}

/**
 * The system plus Alice's token: Alice, Bob, Carol and Dave verified for a year (Mallory is not); Alice created
 * "Alice" / "ALICE" with 1,000,000 shares, a 20% cap, priced in a 6-decimal mock USD stablecoin.
 */
export async function deployWithToken() {
  const system = await deploySystem();
  const { registry, registrar, factory, alice, bob, carol, dave } = system;
  await verifyAll(registry, registrar, [alice, bob, carol, dave]);
  const usd = await ethers.deployContract("MockERC20", ["Mock USD", "mUSD", 6]);
  const tokenAddress = await factory.predictToken(alice.address);
  await factory.connect(alice).createToken("Alice", "ALICE", 1_000_000n * SHARE, 2_000, await usd.getAddress());
  const token = (await ethers.getContractAt("PersonalToken", tokenAddress)) as unknown as PersonalToken;
  const distributor = (await ethers.getContractAt(
    "GainsDistributor",
    await token.distributor(),
  )) as unknown as GainsDistributor;
  return { ...system, usd, token, distributor };
}

/** The token's EIP-712 domain as the token reports it (ERC-5267), as every client reads it. */
export async function tokenDomain(token: PersonalToken): Promise<TypedDataDomain> {
  const { name, version, chainId, verifyingContract } = await token.eip712Domain();
  return { name, version, chainId, verifyingContract };
}

export { LISTING_APPROVAL_TYPES, TRANSFER_APPROVAL_TYPES };

export interface TransferApprovalMessage {
  from: string;
  to: string;
  amount: bigint;
  nonce: bigint;
  deadline: bigint;
}

/** The owner's EIP-712 `TransferApproval` signature over `token`'s domain (override the domain to test replays). */
export async function signTransferApproval(
  signer: Signer,
  token: PersonalToken,
  message: TransferApprovalMessage,
  domain?: TypedDataDomain,
) {
  return signer.signTypedData(domain ?? (await tokenDomain(token)), TRANSFER_APPROVAL_TYPES, message);
}
