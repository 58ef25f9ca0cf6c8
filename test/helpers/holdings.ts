// Fixtures and helpers shared by the Holdings stories (test/holdings/).
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { GainsDistributor, Holdings, PersonalToken } from "../../types/ethers-contracts/index.js";
import { deployWithToken, ethers, networkHelpers, SHARE, USD, verifyAll, ZERO_ADDRESS } from "./fixtures.js";

export const { loadFixture, time } = networkHelpers;

export const WEEK = 7n * 86_400n;
export const FUNDS = 10_000_000n * USD;
/** Alice's sell-down price, and so Bob's average purchase price: $2 per share. */
export const OFFER_PRICE = 2n * USD;
/** Bob's purchase in Alice's offering, pledged into his Holdings: 10,000 shares for $20,000. */
export const BOUGHT = 10_000n * SHARE;
export const BOUGHT_PAID = 20_000n * USD;
/** Carol's part of Bob's token: 10%. */
export const CAROL_BOB_SHARES = 100_000n * SHARE;

/** The address as the bytes32 memo a realization or a chained claim carries. */
export const addressMemo = (address: string) => ethers.zeroPadValue(address, 32).toLowerCase();

export async function tokenAt(address: string) {
  return (await ethers.getContractAt("PersonalToken", address)) as unknown as PersonalToken;
}

export async function distributorOf(token: PersonalToken) {
  return (await ethers.getContractAt("GainsDistributor", await token.distributor())) as unknown as GainsDistributor;
}

export async function holdingsAt(address: string) {
  return (await ethers.getContractAt("Holdings", address)) as unknown as Holdings;
}

/** Opens a plain sell-down offering of `token` by its owner, started already, for a week; returns its id. */
export async function openSellDown(
  f: { market: Awaited<ReturnType<typeof deployWithToken>>["market"] },
  token: PersonalToken,
  owner: HardhatEthersSigner,
  shares: bigint,
  price: bigint,
  minRaise = 0n,
) {
  const start = BigInt(await time.latest());
  await f.market.connect(owner).openOffering(
    {
      token: await token.getAddress(),
      shares,
      price,
      minPerInvestor: 0n,
      maxPerInvestor: 0n,
      start,
      end: start + WEEK,
      priorityWindow: 0n,
      minRaise,
      dilutive: false,
    },
    [],
  );
  return f.market.offeringCount();
}

/** Lists `amount` of `heldToken` from `holdings` at `price` for a week and has `heldOwner` approve it. */
export async function listFromHoldings(
  f: { market: Awaited<ReturnType<typeof deployWithToken>>["market"] },
  holdings: Holdings,
  owner: HardhatEthersSigner,
  heldToken: PersonalToken,
  heldOwner: HardhatEthersSigner,
  amount: bigint,
  price: bigint,
) {
  const expiry = BigInt(await time.latest()) + WEEK;
  await holdings.connect(owner).list(await heldToken.getAddress(), amount, price, ZERO_ADDRESS, expiry);
  const listingId = await f.market.listingCount();
  await f.market.connect(heldOwner).approveListing(listingId);
  return listingId;
}

// ───────────────────────────── fixtures ─────────────────────────────

/**
 * Alice's USD-quoted token (1,000,000 shares, 20% cap) and Bob's (the same), Carol holding 10% of Bob's. Bob bought
 * 10,000 of Alice's shares at $2 in her sell-down (a purchase record of $20,000). Bob's Holdings exists (Dave
 * created it). Everyone holds $10,000,000 of mock USD, approved to the market and to Bob's Holdings.
 */
export async function deployWithHoldings() {
  const f = await deployWithToken();
  const { factory, market, token, usd, alice, bob, carol, dave } = f;
  await factory.connect(bob).createToken("Bob", "BOB", 1_000_000n * SHARE, 2_000, await usd.getAddress());
  const bobToken = await tokenAt(await factory.tokenOf(bob.address));
  const bobDistributor = await distributorOf(bobToken);
  await bobToken.connect(bob).transfer(carol.address, CAROL_BOB_SHARES);
  await factory.connect(dave).createHoldings(await bobToken.getAddress());
  const holdings = await holdingsAt(await factory.holdingsOf(await bobToken.getAddress()));
  for (const who of [alice, bob, carol, dave]) {
    await usd.mint(who.address, FUNDS);
    await usd.connect(who).approve(await market.getAddress(), ethers.MaxUint256);
    await usd.connect(who).approve(await holdings.getAddress(), ethers.MaxUint256);
  }
  const offeringId = await openSellDown(f, token, alice, 100_000n * SHARE, OFFER_PRICE);
  await market.connect(bob).buy(offeringId, BOUGHT);
  return { ...f, bobToken, bobDistributor, holdings, offeringId };
}

/** As above, after Bob pledged his 10,000 Alice shares: his Holdings' basis is the $20,000 he paid. */
export async function deployWithPledge() {
  const f = await deployWithHoldings();
  await f.holdings.connect(f.bob).pledge(await f.token.getAddress(), BOUGHT);
  return f;
}

/** As above, with the Holdings listing 4,000 of the pledged shares at $5 (approved by Alice). */
export async function deployWithHoldingsListing() {
  const f = await deployWithPledge();
  const listingId = await listFromHoldings(f, f.holdings, f.bob, f.token, f.alice, 4_000n * SHARE, 5n * USD);
  return { ...f, listingId };
}

/** Erin: verified, never an owner, funded and approved to the market. */
export async function withErin<T extends Awaited<ReturnType<typeof deployWithHoldings>>>(f: T) {
  const erin = f.others[0];
  await verifyAll(f.registry, f.registrar, [erin]);
  await f.usd.mint(erin.address, FUNDS);
  await f.usd.connect(erin).approve(await f.market.getAddress(), ethers.MaxUint256);
  return erin;
}
