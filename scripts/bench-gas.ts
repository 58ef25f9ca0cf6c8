// Gas benchmark: `npm run bench:gas`. Prints a markdown table of the gas each operation uses on the in-process chain,
// beside the targets of the core issue. Steady state unless a row says otherwise: one asset with distributions,
// holders that already have accounting records and already hold the payout asset, after a warm-up move. Writes the
// figures to snapshots/gas.json; the clock is pinned (scripts/bench-common.ts), so a figure changes only with the code.
import { network } from "hardhat";
import type { ContractTransactionResponse, Signer } from "ethers";
import PersonalTokenSystem from "../deploy/modules/PersonalTokenSystem.js";
import { TRANSFER_APPROVAL_TYPES } from "../tasks/lib/approvals.js";
import { BENCH_EPOCH, DAY, YEAR, pinClock, writeSnapshot } from "./bench-common.js";
import type { InvestorRegistry, PersonalTokenFactory, ShareMarket } from "../types/ethers-contracts/index.js";

const { ethers, ignition, networkHelpers } = await network.create();
const SHARE = 10n ** 18n;
const USD = 10n ** 6n;
const ETH = ethers.ZeroAddress;

type Row = { operation: string; gas: bigint; target?: bigint };
const rows: Row[] = [];

async function measure(operation: string, sent: Promise<ContractTransactionResponse>, target?: bigint) {
  const receipt = await (await sent).wait();
  rows.push({ operation, gas: receipt!.gasUsed, target });
  return receipt!.gasUsed;
}

const signers = await ethers.getSigners();
const [deployer, registrar, arbiter, alice, bob, carol, dave, erin, frank, grace, heidi] = signers;
const system = await ignition.deploy(PersonalTokenSystem, {
  parameters: {
    PersonalTokenSystem: { admin: deployer.address, registrar: registrar.address, arbiter: arbiter.address },
  },
});
const registry = system.registry as unknown as InvestorRegistry;
const factory = system.factory as unknown as PersonalTokenFactory;
const market = system.market as unknown as ShareMarket;
const marketAddress = await market.getAddress();
await pinClock(networkHelpers.time);
const until = BENCH_EPOCH + 10n * YEAR;

// ── verify ──
await measure(
  "verify (new investor)",
  registry.connect(registrar).verify(alice.address, until, ethers.id("kyc")),
  60_000n,
);
for (const who of [bob, carol, dave, erin, frank, grace, heidi]) {
  await registry.connect(registrar).verify(who.address, until, ethers.id("kyc"));
}
await measure("verify (renewal)", registry.connect(registrar).verify(alice.address, until + 1n, ethers.id("kyc")));

// ── createToken ──
const usd = await ethers.deployContract("MockERC20", ["Mock USD", "mUSD", 6]);
const usdAddress = await usd.getAddress();
await measure(
  "createToken (ERC-20 quote)",
  factory.connect(alice).createToken("Alice", "ALICE", 1_000_000n * SHARE, 2_000, usdAddress),
  377_000n, // issue 9: the clone initialization margin is 7.9k
);
await measure(
  "createToken (ETH quote)",
  factory.connect(heidi).createToken("Heidi", "HEIDI", 1_000_000n * SHARE, 2_000, ETH),
);
const token = await ethers.getContractAt("PersonalToken", await factory.tokenOf(alice.address));
const distributor = await ethers.getContractAt("GainsDistributor", await token.distributor());
const distributorAddress = await distributor.getAddress();

// Every holder already holds some of the payout asset, so payouts measure our code, not a first balance write.
for (const who of [alice, bob, carol, dave, erin, frank, grace]) await usd.mint(who.address, 1n);
await usd.mint(alice.address, 10n ** 30n);
await usd.connect(alice).approve(distributorAddress, ethers.MaxUint256);

// ── owner sales ──
await token.connect(alice).transfer(bob.address, 10_000n * SHARE);
await token.connect(alice).transfer(carol.address, 10_000n * SHARE);
await token.connect(alice).transfer(dave.address, 10_000n * SHARE);
await distributor.connect(alice).distribute(usdAddress, 500_000n * USD, ethers.id("sale-1"));
await token.connect(alice).transfer(bob.address, SHARE); // warm-up move
await measure("owner sale to an existing holder", token.connect(alice).transfer(carol.address, 1_000n * SHARE));
await measure("owner sale to a new holder", token.connect(alice).transfer(erin.address, 1_000n * SHARE));

// ── investor transfers with a signed permission ──
const { name, version, chainId, verifyingContract } = await token.eip712Domain();
const domain = { name, version, chainId, verifyingContract };
let nonce = 0n;
async function signedTransfer(from: Signer, to: string, amount: bigint) {
  const deadline = BENCH_EPOCH + YEAR;
  const message = { from: await from.getAddress(), to, amount, nonce: nonce++, deadline };
  const signature = await alice.signTypedData(domain, TRANSFER_APPROVAL_TYPES, message);
  return token.connect(from).transferWithApproval(to, amount, message.nonce, deadline, signature);
}
// Warm-up: the nonce word is in use. (Amounts differ from the earlier move so no correction nets back to zero.)
await (await signedTransfer(bob, carol.address, 3n * SHARE)).wait();
await measure("signed transfer to an existing holder, 1 asset", signedTransfer(bob, carol.address, SHARE), 100_000n);
await measure("signed transfer to a new holder, 1 asset", signedTransfer(bob, frank.address, SHARE));

// ── issue, forced transfer ──
await measure("issue to an existing holder", token.connect(alice).issue(dave.address, 100n * SHARE));
await measure(
  "forcedTransfer between existing holders",
  token.connect(arbiter).forcedTransfer(bob.address, carol.address, SHARE),
  100_000n,
);

// ── claims ──
await measure("claim after 1 distribution", distributor.connect(bob).claim(usdAddress), 70_000n);
for (let i = 0; i < 100; i++)
  await distributor.connect(alice).distribute(usdAddress, 1_000n * USD, ethers.id(`sale-${i}`));
await measure("claim after 100 more distributions", distributor.connect(carol).claim(usdAddress), 70_000n);
await measure("claim again after 100 distributions", distributor.connect(bob).claim(usdAddress), 70_000n);

// ── 4 assets with distributions ──
const extras = [];
for (const symbol of ["EURx", "GBPx"]) {
  const asset = await ethers.deployContract("MockERC20", [symbol, symbol, 6]);
  await distributor.connect(alice).enableAsset(await asset.getAddress());
  await asset.mint(alice.address, 10n ** 30n);
  await asset.connect(alice).approve(distributorAddress, ethers.MaxUint256);
  await distributor.connect(alice).distribute(await asset.getAddress(), 1_000n * USD, ethers.id("fx"));
  extras.push(asset);
}
await distributor.connect(alice).distribute(ETH, 10n ** 18n, ethers.id("eth"), { value: 10n ** 18n });
await (await signedTransfer(bob, carol.address, 5n * SHARE)).wait(); // warm-up with 4 assets
await measure("signed transfer to an existing holder, 4 assets", signedTransfer(bob, carol.address, SHARE));
await measure("signed transfer to a new holder, 4 assets", signedTransfer(bob, grace.address, SHARE));

// ── trading (plain ERC-20 quote, one distributed asset, payers and market already holding the quote) ──
{
  const people = signers.slice(11, 21);
  for (const who of people) {
    await registry.connect(registrar).verify(who.address, until, ethers.id("kyc"));
    await usd.mint(who.address, 10n ** 15n);
    await usd.connect(who).approve(marketAddress, ethers.MaxUint256);
  }
  const [owner, early, h1, h2, newcomer1, newcomer2, grantee, lister, firstBuyer] = people;
  await factory.connect(owner).createToken("Olivia", "OLI", 1_000_000n * SHARE, 2_000, usdAddress);
  const t = await ethers.getContractAt("PersonalToken", await factory.tokenOf(owner.address));
  const tAddress = await t.getAddress();
  const d = await ethers.getContractAt("GainsDistributor", await t.distributor());
  await usd.mint(owner.address, 10n ** 15n);
  await usd.connect(owner).approve(marketAddress, ethers.MaxUint256);
  await usd.connect(owner).approve(await d.getAddress(), ethers.MaxUint256);
  await usd.mint(marketAddress, 1n); // the market already holds the quote asset
  // Holders already hold shares and accounting records; one asset has had a distribution.
  for (const who of [early, h1, h2, lister, firstBuyer]) await t.connect(owner).transfer(who.address, 5_000n * SHARE);
  await d.connect(owner).distribute(usdAddress, 1_000n * USD, ethers.id("gain"));
  for (const who of [early, h1, h2, lister, firstBuyer]) await t.connect(owner).transfer(who.address, SHARE);
  // h1 and h2 bought this token before (a listing fill), so they have purchase records.
  const expiry = BENCH_EPOCH + YEAR;
  await market.connect(lister).list(tAddress, 4_000n * SHARE, 6n * USD, ethers.ZeroAddress, expiry);
  const listingId = await market.listingCount();
  await market.connect(owner).approveListing(listingId);
  await market.connect(h1).fill(listingId, 10n * SHARE);
  await market.connect(h2).fill(listingId, 10n * SHARE);

  // Already started when it opens (a start in the past is allowed), so no time jump is needed.
  const terms = {
    token: tAddress,
    shares: 50_000n * SHARE,
    price: 5n * USD,
    minPerInvestor: SHARE,
    maxPerInvestor: 20_000n * SHARE,
    start: BENCH_EPOCH,
    end: BENCH_EPOCH + 30n * DAY,
    priorityWindow: 0n,
    minRaise: 0n,
    dilutive: false,
  };
  await market.connect(owner).openOffering(terms, []);
  await market.connect(early).buy(1n, 100n * SHARE); // the offering's first sale
  await measure(
    "buy: holder's first purchase in an offering with per-investor limits",
    market.connect(h1).buy(1n, 100n * SHARE),
    175_000n,
  );
  await measure("buy: holder that already bought in this offering", market.connect(h1).buy(1n, 100n * SHARE), 150_000n);
  await measure("buy: holder's first purchase ever in this token", market.connect(firstBuyer).buy(1n, 100n * SHARE));
  await measure("buy: new holder", market.connect(newcomer1).buy(1n, 100n * SHARE), 230_000n);

  await measure("fill: existing holder", market.connect(h2).fill(listingId, 100n * SHARE), 160_000n);
  await measure("fill: new holder", market.connect(newcomer2).fill(listingId, 100n * SHARE), 200_000n);

  await measure("kick", market.connect(owner).kick(tAddress, newcomer1.address, 6n * USD), 160_000n);
  await measure(
    "grant to a new holder",
    t.connect(owner).grant(grantee.address, 1_000n * SHARE, BENCH_EPOCH, 0, YEAR, ethers.id("help")),
    170_000n,
  ); // the owner's sender rules (ban, freeze) cost ~6k since the review (issue 8)
}

// ── distributions by holder count (cost must not depend on it) ──
const seeder = await ethers.deployContract("HolderSeeder");
await registry.connect(deployer).grantRole(await registry.REGISTRAR_ROLE(), await seeder.getAddress());
const bigToken = await ethers.getContractAt("PersonalToken", await factory.tokenOf(heidi.address));
const bigDistributor = await ethers.getContractAt("GainsDistributor", await bigToken.distributor());
const bigDistributorAddress = await bigDistributor.getAddress();
await usd.mint(heidi.address, 10n ** 30n);
await usd.connect(heidi).approve(bigDistributorAddress, ethers.MaxUint256);
await bigToken.connect(heidi).approve(await seeder.getAddress(), ethers.MaxUint256);
// Both assets have had a distribution before the holders arrive, so every holder gets accounting records.
await bigDistributor.connect(heidi).distribute(ETH, 1n, ethers.id("seed"), { value: 1n });
await bigDistributor
  .connect(heidi)
  .distribute(usdAddress, 1n, ethers.id("seed"), { value: 0n })
  .catch(async () => {
    await bigDistributor.connect(heidi).enableAsset(usdAddress);
    await bigDistributor.connect(heidi).distribute(usdAddress, 1n, ethers.id("seed"));
  });
let holders = 0;
const FIRST_HOLDER = 0x100000n;
for (const target of [10, 1_000, 10_000]) {
  while (holders < target) {
    const count = Math.min(100, target - holders);
    await seeder.seed(
      await registry.getAddress(),
      await bigToken.getAddress(),
      heidi.address,
      FIRST_HOLDER + BigInt(holders),
      count,
      SHARE,
      until,
    );
    holders += count;
  }
  await measure(
    `distribute ETH, ${target.toLocaleString("en-US")} holders`,
    bigDistributor.connect(heidi).distribute(ETH, 10n ** 18n, ethers.id("gain"), { value: 10n ** 18n }),
    80_000n,
  );
  await measure(
    `distribute ERC-20, ${target.toLocaleString("en-US")} holders`,
    bigDistributor.connect(heidi).distribute(usdAddress, 1_000n * USD, ethers.id("gain")),
    80_000n,
  );
}

// ── flow-through: Bob's token holds Alice's; claimFor passes its gain on into Bob's distributor ──
{
  await factory.connect(bob).createToken("Bob", "BOB", 1_000_000n * SHARE, 2_000, usdAddress);
  const bobToken = await factory.tokenOf(bob.address);
  await registry.connect(registrar).verify(bobToken, until, ethers.id("kyc"));
  await token.connect(alice).transfer(bobToken, 10_000n * SHARE);
  await distributor.connect(alice).distribute(usdAddress, 1_000n * USD, ethers.id("gain"));
  await measure(
    "claimFor a holder token: flow-through, its first gain in the asset",
    distributor.claimFor(bobToken, usdAddress),
  );
  await distributor.connect(alice).distribute(usdAddress, 1_000n * USD, ethers.id("gain"));
  await measure("claimFor a holder token: flow-through, a later gain", distributor.claimFor(bobToken, usdAddress));
}

// ── Holdings: a token's positions in other personal tokens (issue 12) ──
{
  // Verified wallets that own no token yet.
  const [heldOwner, holdingOwner, buyer, holder] = [carol, dave, erin, frank];
  for (const who of [heldOwner, holdingOwner, buyer, holder]) {
    await usd.mint(who.address, 10n ** 15n);
    await usd.connect(who).approve(marketAddress, ethers.MaxUint256);
  }
  // The held token P, and the holding token H, each with an outside holder and an open USD book.
  await factory.connect(heldOwner).createToken("Paula", "PAU", 1_000_000n * SHARE, 2_000, usdAddress);
  await factory.connect(holdingOwner).createToken("Hugo", "HUG", 1_000_000n * SHARE, 2_000, usdAddress);
  const held = await ethers.getContractAt("PersonalToken", await factory.tokenOf(heldOwner.address));
  const holding = await ethers.getContractAt("PersonalToken", await factory.tokenOf(holdingOwner.address));
  const heldAddress = await held.getAddress();
  const heldDistributor = await ethers.getContractAt("GainsDistributor", await held.distributor());
  const holdingDistributor = await ethers.getContractAt("GainsDistributor", await holding.distributor());
  for (const [owner, t, d] of [
    [heldOwner, held, heldDistributor],
    [holdingOwner, holding, holdingDistributor],
  ] as const) {
    await t.connect(owner).transfer(holder.address, 10_000n * SHARE);
    await usd.connect(owner).approve(await d.getAddress(), ethers.MaxUint256);
    await d.connect(owner).distribute(usdAddress, 1_000n * USD, ethers.id("gain"));
  }
  // Hugo and the buyer bought Paula's shares in her offering, so both have purchase records.
  await market.connect(heldOwner).openOffering(
    {
      token: heldAddress,
      shares: 100_000n * SHARE,
      price: 2n * USD,
      minPerInvestor: 0n,
      maxPerInvestor: 0n,
      start: BENCH_EPOCH,
      end: BENCH_EPOCH + 30n * DAY,
      priorityWindow: 0n,
      minRaise: 0n,
      dilutive: false,
    },
    [],
  );
  const offeringId = await market.offeringCount();
  await market.connect(holdingOwner).buy(offeringId, 20_000n * SHARE);
  await market.connect(buyer).buy(offeringId, 1_000n * SHARE);

  await measure("create a Holdings", factory.connect(buyer).createHoldings(await holding.getAddress()), 100_000n);
  const holdings = await ethers.getContractAt("Holdings", await factory.holdingsOf(await holding.getAddress()));
  const holdingsAddress = await holdings.getAddress();
  await measure(
    "pledge a first position",
    holdings.connect(holdingOwner).pledge(heldAddress, 20_000n * SHARE),
    190_000n,
  );

  const expiry = BENCH_EPOCH + YEAR;
  await holdings.connect(holdingOwner).list(heldAddress, 10_000n * SHARE, 5n * USD, ethers.ZeroAddress, expiry);
  const listingId = await market.listingCount();
  await market.connect(heldOwner).approveListing(listingId);
  await measure(
    "fill of a Holdings listing with its realization: its first sale",
    market.connect(buyer).fill(listingId, 100n * SHARE),
  );
  await measure(
    "fill of a Holdings listing with its realization: a later sale",
    market.connect(buyer).fill(listingId, 100n * SHARE),
    215_000n,
  );

  // One hop: Paula's gain reaches Hugo's holders through his Holdings.
  await heldDistributor.connect(heldOwner).distribute(usdAddress, 1_000n * USD, ethers.id("gain"));
  await measure(
    "claimFor a Holdings: one hop of a flow-through claim, its first gain",
    heldDistributor.claimFor(holdingsAddress, usdAddress),
  );
  await heldDistributor.connect(heldOwner).distribute(usdAddress, 1_000n * USD, ethers.id("gain"));
  await measure(
    "claimFor a Holdings: one hop of a flow-through claim, a later gain",
    heldDistributor.claimFor(holdingsAddress, usdAddress),
    140_000n,
  );
}

// ── table ──
const fmt = (n: bigint) => n.toLocaleString("en-US");
const width = Math.max(...rows.map((r) => r.operation.length));
console.log(`| ${"Operation".padEnd(width)} | ${"Gas".padStart(9)} | ${"Target".padStart(9)} | Met |`);
console.log(`| ${"-".repeat(width)} | ${"-".repeat(8)}: | ${"-".repeat(8)}: | :-: |`);
let missed = 0;
for (const row of rows) {
  const met = row.target === undefined ? "" : row.gas <= row.target ? "yes" : "NO";
  if (met === "NO") missed++;
  console.log(
    `| ${row.operation.padEnd(width)} | ${fmt(row.gas).padStart(9)} | ${(row.target ? `≤ ${fmt(row.target)}` : "").padStart(9)} | ${met.padEnd(3)} |`,
  );
}
writeSnapshot("gas", Object.fromEntries(rows.map((row) => [row.operation, row.gas])));
if (missed > 0) {
  console.error(`\n${missed} target(s) missed`);
  process.exitCode = 1;
}
