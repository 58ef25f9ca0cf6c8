// Fixtures and helpers shared by the tests split from PersonalToken.ts.
import { expect } from "chai";
import type { Signer, TypedDataDomain } from "ethers";
import type { InvestorRegistry, MockSmartWallet, PersonalToken } from "../../types/ethers-contracts/index.js";
import {
  deployWithToken,
  ethers,
  memo,
  networkHelpers,
  pinNextBlock,
  SHARE,
  signTransferApproval,
  verifyAll,
} from "./fixtures.js";

export const { loadFixture, time } = networkHelpers;

export const SUPPLY = 1_000_000n * SHARE;
export const CAP_BPS = 2_000n;
export const MAX_OUTSIDE = (SUPPLY * CAP_BPS) / 10_000n; // 200,000 shares
export const BOB_SHARES = 100_000n * SHARE;
export const CAROL_SHARES = 50_000n * SHARE;
export const MAX_SUPPLY = 10n ** 36n;
/** ERC-1404 restriction codes → the custom error `transfer` reverts with; index 0 is "no restriction". */
export const RESTRICTION_ERRORS = [
  "",
  "EnforcedPause",
  "ERC7943CannotSend",
  "ERC20InsufficientBalance",
  "ERC7943InsufficientUnfrozenBalance",
  "ERC20InvalidReceiver",
  "ERC7943CannotReceive",
  "ReceiverKicked",
  "CapExceeded",
  "ERC7943CannotTransfer",
];

// ───────────────────────────── fixtures ─────────────────────────────

/** Alice's token after two sales: Bob holds 100,000 shares and Carol 50,000 (15% outside, cap 20%). */
export async function deployWithInvestors() {
  const f = await deployWithToken();
  await f.token.connect(f.alice).transfer(f.bob.address, BOB_SHARES);
  await f.token.connect(f.alice).transfer(f.carol.address, CAROL_SHARES);
  return f;
}

/** As `deployWithInvestors`, plus Alice's second wallet, verified and never an owner. */
export async function deployWithNewWallet() {
  const f = await deployWithInvestors();
  const newWallet = f.others[0];
  await verifyAll(f.registry, f.registrar, [newWallet]);
  return { ...f, newWallet };
}

/** As `deployWithInvestors`, plus Dave's own token, named "Alice" like Alice's so only its address differs. */
export async function deployWithDavesToken() {
  const f = await deployWithInvestors();
  const davesTokenAddress = await f.factory.predictToken(f.dave.address);
  await f.factory.connect(f.dave).createToken("Alice", "DAVE", SUPPLY, 2_000, await f.usd.getAddress());
  const davesToken = (await ethers.getContractAt("PersonalToken", davesTokenAddress)) as unknown as PersonalToken;
  return { ...f, davesToken };
}

/** Zoe (freshly verified) owns a token 10 shares-wei short of the supply bound, with a 100% cap. */
export async function deployWithBigToken() {
  const f = await deployWithToken();
  const zoe = f.others[0];
  await verifyAll(f.registry, f.registrar, [zoe]);
  const address = await f.factory.predictToken(zoe.address);
  await f.factory.connect(zoe).createToken("Zoe", "ZOE", MAX_SUPPLY - 10n, 10_000, await f.usd.getAddress());
  const bigToken = (await ethers.getContractAt("PersonalToken", address)) as unknown as PersonalToken;
  return { ...f, zoe, bigToken };
}

/** A smart-contract wallet (signed for by an EOA through ERC-1271) that created its own token and sold to Bob. */
export async function deployWithSmartWalletOwner() {
  const f = await deployWithToken();
  const walletSigner = f.others[1];
  const wallet = (await ethers.deployContract("MockSmartWallet", [walletSigner.address])) as unknown as MockSmartWallet;
  const walletAddress = await wallet.getAddress();
  await verifyAll(f.registry, f.registrar, [wallet]);
  const walletTokenAddress = await f.factory.predictToken(walletAddress);
  const createToken = f.factory.interface.encodeFunctionData("createToken", [
    "Multisig",
    "MSIG",
    SUPPLY,
    2_000,
    await f.usd.getAddress(),
  ]);
  await wallet.connect(walletSigner).execute(await f.factory.getAddress(), 0n, createToken);
  const walletToken = (await ethers.getContractAt("PersonalToken", walletTokenAddress)) as unknown as PersonalToken;
  const sale = walletToken.interface.encodeFunctionData("transfer", [f.bob.address, BOB_SHARES]);
  await wallet.connect(walletSigner).execute(walletTokenAddress, 0n, sale);
  return { ...f, wallet, walletAddress, walletSigner, walletToken };
}

// ───────────────────────────── helpers ─────────────────────────────

/** Shortens `account`'s verification so that it has expired (the record stays, unlike a revocation). */
export async function expireVerification(registry: InvestorRegistry, registrar: Signer, account: string) {
  const until = (await pinNextBlock()) + 3600n;
  await registry.connect(registrar).verify(account, until, memo("short"));
  await time.increaseTo(until + 1n);
  expect(await registry.isVerified(account)).to.equal(false);
  expect(await registry.verifiedUntil(account)).to.equal(until);
}

export interface SignedApproval {
  to: string;
  amount: bigint;
  nonce: bigint;
  deadline: bigint;
  signature: string;
}

/** `signer` signs a TransferApproval for `from` → `to` over `token`'s domain (or `domain`), valid for an hour. */
export async function signApproval(
  signer: Signer,
  token: PersonalToken,
  move: { from: string; to: string; amount: bigint; nonce?: bigint; deadline?: bigint },
  domain?: TypedDataDomain,
): Promise<SignedApproval> {
  const nonce = move.nonce ?? 1n;
  const deadline = move.deadline ?? (await pinNextBlock()) + 3_600n;
  const message = { from: move.from, to: move.to, amount: move.amount, nonce, deadline };
  const signature = await signTransferApproval(signer, token, message, domain);
  return { to: move.to, amount: move.amount, nonce, deadline, signature };
}

/** `sender` presents `approval` to `token`. */
export function present(token: PersonalToken, sender: Signer, approval: SignedApproval) {
  return token
    .connect(sender)
    .transferWithApproval(approval.to, approval.amount, approval.nonce, approval.deadline, approval.signature);
}

// ───────────────────────────── tests ─────────────────────────────
