// Fixtures and helpers shared by the tests split from ShareMarketListingsAndKicks.ts.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Signer, TypedDataDomain } from "ethers";
import type { IShareMarket, PersonalToken } from "../../types/ethers-contracts/index.js";
import {
  deployWithToken,
  ETH,
  ethers,
  networkHelpers,
  pinNextBlock,
  SHARE,
  tokenDomain,
  LISTING_APPROVAL_TYPES,
  USD,
  verifyAll,
  ZERO_ADDRESS,
} from "./fixtures.js";

export const { loadFixture, time } = networkHelpers;

export const SUPPLY = 1_000_000n * SHARE;
export const BOB_SHARES = 100_000n * SHARE;
export const CAROL_SHARES = 50_000n * SHARE;
export const FUNDS = 10_000_000n * USD;
export const PRICE = 8n * USD; // $8 per whole share
export const LISTED = 10_000n * SHARE;
export const ONE_ETH = 10n ** 18n;
export const ETH_PRICE = ONE_ETH / 1_000n; // 0.001 ETH per whole share
export const DAY = 24n * 60n * 60n;
export const WEEK = 7n * DAY;
export const MAX_UINT128 = 2n ** 128n - 1n;

/** What a trade of `shares` at `price` costs: ceil(shares × price / 10^18). */
export function dueFor(shares: bigint, price: bigint) {
  return (shares * price + SHARE - 1n) / SHARE;
}

// ───────────────────────────── fixtures ─────────────────────────────

/**
 * Alice's token after two owner sales: Bob holds 100,000 shares and Carol 50,000 (neither paid on-chain). Alice,
 * Bob, Carol and Dave each hold $10,000,000 of mock USD and have approved the market for it.
 */
export async function deployWithHolders() {
  const f = await deployWithToken();
  const { token, usd, market, alice, bob, carol, dave } = f;
  await token.connect(alice).transfer(bob.address, BOB_SHARES);
  await token.connect(alice).transfer(carol.address, CAROL_SHARES);
  const marketAddress = await market.getAddress();
  for (const account of [alice, bob, carol, dave]) {
    await usd.mint(account.address, FUNDS);
    await usd.connect(account).approve(marketAddress, ethers.MaxUint256);
  }
  return { ...f, tokenAddress: await token.getAddress(), usdAddress: await usd.getAddress(), marketAddress };
}

/** Bob lists 10,000 shares at $8 for anyone, for a week (listing 1, not approved yet). */
export async function deployWithListing() {
  const f = await deployWithHolders();
  const expiry = BigInt(await time.latest()) + WEEK;
  await f.market.connect(f.bob).list(f.tokenAddress, LISTED, PRICE, ZERO_ADDRESS, expiry);
  return { ...f, listingId: 1n, expiry };
}

/** As `deployWithListing`, with Alice's on-chain approval. */
export async function deployWithApprovedListing() {
  const f = await deployWithListing();
  await f.market.connect(f.alice).approveListing(f.listingId);
  return f;
}

/** Dave filled Bob's whole listing: 10,000 shares for $80,000, which set the last price to $8. */
export async function deployWithBuyer() {
  const f = await deployWithApprovedListing();
  await f.market.connect(f.dave).fill(f.listingId, LISTED);
  return f;
}

/** Zoe (freshly verified) creates her token (1,000,000 shares, 20% cap) priced in `quote`. */
export async function createZoesToken(f: Awaited<ReturnType<typeof deployWithHolders>>, quote: string) {
  const zoe = f.others[0];
  await verifyAll(f.registry, f.registrar, [zoe]);
  const address = await f.factory.predictToken(zoe.address);
  await f.factory.connect(zoe).createToken("Zoe", "ZOE", SUPPLY, 2_000, quote);
  const zoesToken = (await ethers.getContractAt("PersonalToken", address)) as unknown as PersonalToken;
  return { zoe, zoesToken, zoesTokenAddress: address };
}

/** Zoe's ETH-priced token: Zoe sold Bob 10,000 shares, Bob listed them at 0.001 ETH each and Zoe approved. */
export async function deployWithEthListing() {
  const f = await deployWithHolders();
  const z = await createZoesToken(f, ETH);
  await z.zoesToken.connect(z.zoe).transfer(f.bob.address, LISTED);
  const expiry = BigInt(await time.latest()) + WEEK;
  await f.market.connect(f.bob).list(z.zoesTokenAddress, LISTED, ETH_PRICE, ZERO_ADDRESS, expiry);
  await f.market.connect(z.zoe).approveListing(1n);
  return { ...f, ...z, listingId: 1n };
}

/** Zoe's token priced in a 1% fee-on-transfer ERC-20: Bob listed 10,000 shares at 8·10^6 units, Zoe approved. */
export async function deployWithFeeListing() {
  const f = await deployWithHolders();
  const feeToken = await ethers.deployContract("FeeOnTransferERC20", [100n]);
  const z = await createZoesToken(f, await feeToken.getAddress());
  await z.zoesToken.connect(z.zoe).transfer(f.bob.address, LISTED);
  const expiry = BigInt(await time.latest()) + WEEK;
  await f.market.connect(f.bob).list(z.zoesTokenAddress, LISTED, PRICE, ZERO_ADDRESS, expiry);
  await f.market.connect(z.zoe).approveListing(1n);
  for (const account of [f.carol, z.zoe]) {
    await feeToken.mint(account.address, FUNDS);
    await feeToken.connect(account).approve(f.marketAddress, ethers.MaxUint256);
  }
  return { ...f, ...z, feeToken, listingId: 1n };
}

/** As `deployWithBuyer`, plus Zoe's USD-priced token in which Zoe sold Bob 10,000 shares; Zoe holds USD too. */
export async function deployWithSecondToken() {
  const f = await deployWithBuyer();
  const z = await createZoesToken(f, f.usdAddress);
  await z.zoesToken.connect(z.zoe).transfer(f.bob.address, LISTED);
  await f.usd.mint(z.zoe.address, FUNDS);
  await f.usd.connect(z.zoe).approve(f.marketAddress, ethers.MaxUint256);
  return { ...f, ...z };
}

// ───────────────────────────── helpers ─────────────────────────────

export interface ListingApprovalMessage {
  seller: string;
  amount: bigint;
  price: bigint;
  buyer: string;
  expiry: bigint;
  nonce: bigint;
  deadline: bigint;
}

/**
 * `signer` signs a ListingApproval over the listing's own terms (any field can be overridden), on `token`'s domain
 * unless `domain` is given; nonce 1 and a one-hour deadline by default.
 */
export async function signListingApproval(
  signer: Signer,
  token: PersonalToken,
  listing: IShareMarket.ListingStructOutput,
  overrides: Partial<ListingApprovalMessage> = {},
  domain?: TypedDataDomain,
) {
  const message: ListingApprovalMessage = {
    seller: listing.seller,
    amount: listing.amount,
    price: listing.price,
    buyer: listing.buyer,
    expiry: listing.expiry,
    nonce: 1n,
    deadline: (await pinNextBlock()) + 3_600n,
    ...overrides,
  };
  const signature = await signer.signTypedData(domain ?? (await tokenDomain(token)), LISTING_APPROVAL_TYPES, message);
  return { ...message, signature };
}

/** Opens an offering of `token` by its owner from now for a week, with the given overrides of a plain sell-down. */
export async function openOffering(
  f: Awaited<ReturnType<typeof deployWithHolders>>,
  owner: HardhatEthersSigner,
  terms: Partial<IShareMarket.OfferingTermsStruct>,
) {
  const start = BigInt(await time.latest());
  await f.market.connect(owner).openOffering(
    {
      token: f.tokenAddress,
      shares: 20_000n * SHARE,
      price: PRICE,
      minPerInvestor: 0n,
      maxPerInvestor: 0n,
      start,
      end: start + WEEK,
      priorityWindow: 0n,
      minRaise: 0n,
      dilutive: false,
      ...terms,
    },
    [],
  );
  const offeringId = await f.market.offeringCount();
  const offering = await f.market.offering(offeringId);
  return { offeringId, end: offering.terms.end };
}

// ───────────────────────────── tests ─────────────────────────────
