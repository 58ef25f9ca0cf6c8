// The seed story, written once: Alice's token, three mentors, a $500,000 gain, a listing, a kick, and a forged move
// the arbiter reverses.
//
// On a fresh chain it deploys the system with Ignition and a mock USD stablecoin, then drives every step through the
// command line's in-process API (the same actions the `registrar`/`owner`/`investor`/`arbiter`/`info` tasks run),
// printing a cap table and what changed after each step, and checks every figure against FIGURES. `npm run demo`
// (scripts/demo.ts) tells it and reports each mismatch; test/cli/SeedStory.ts plays it and fails on any.
import type { NetworkConnection } from "hardhat/types/network";
import PersonalTokenSystem from "../deploy/modules/PersonalTokenSystem.js";
import {
  AddressBook,
  CliError,
  LISTING_APPROVAL_TYPES,
  approveTransfer,
  banInvestor,
  buy,
  capTable,
  claim,
  createToken,
  distribute,
  fill,
  forceTransfer,
  formatAmount,
  formatMoney,
  formatShares,
  grantShares,
  investorInfo,
  kick,
  list,
  makeContext,
  openOffering,
  signListing,
  table,
  tokenDomain,
  transfer,
  verifyInvestor,
  withdraw,
  type AssetInfo,
  type CapTable,
  type Context,
} from "../tasks/api.js";

const SHARE = 10n ** 18n;
const USD = 10n ** 6n;

/** Whole shares as base units. */
export const shares = (n: number): bigint => BigInt(n) * SHARE;
/** Dollars ("66666.67") as 6-decimal base units. */
export const usd = (text: string): bigint => {
  const [whole, fraction = ""] = text.replace(/,/g, "").split(".");
  return BigInt(whole) * USD + BigInt(fraction.padEnd(6, "0"));
};

// ───────────────────────────── the story's figures ─────────────────────────────

/** An expected cap-table row: holder, whole shares, % of supply, claimable dollars, and unvested whole shares. */
export type Row = [name: string, shares: number, percent: string, claimable: string, unvested?: number];

/** The cap table expected after each step. */
const TABLES: Record<string, Row[]> = {
  created: [["Alice", 1_000_000, "100%", "0"]],
  offering: [
    ["Alice", 970_000, "97%", "0"],
    ["Mentor 1", 10_000, "1%", "0"],
    ["Mentor 2", 10_000, "1%", "0"],
    ["Mentor 3", 10_000, "1%", "0"],
  ],
  grant: [
    ["Alice", 965_000, "96.5%", "0"],
    ["Mentor 1", 10_000, "1%", "0"],
    ["Mentor 2", 10_000, "1%", "0"],
    ["Mentor 3", 10_000, "1%", "0"],
    ["Collaborator", 5_000, "0.5%", "0", 5_000],
  ],
  distributed: [
    ["Alice", 965_000, "96.5%", "482500"],
    ["Mentor 1", 10_000, "1%", "5000"],
    ["Mentor 2", 10_000, "1%", "5000"],
    ["Mentor 3", 10_000, "1%", "5000"],
    ["Collaborator", 5_000, "0.5%", "2500", 5_000],
  ],
  claimed: [
    ["Alice", 965_000, "96.5%", "482500"],
    ["Mentor 1", 10_000, "1%", "0"],
    ["Mentor 2", 10_000, "1%", "0"],
    ["Mentor 3", 10_000, "1%", "5000"],
    ["Collaborator", 5_000, "0.5%", "2500", 5_000],
  ],
  listing: [
    ["Alice", 965_000, "96.5%", "482500"],
    ["Mentor 2", 10_000, "1%", "0"],
    ["Mentor 3", 10_000, "1%", "5000"],
    ["Mentor 1", 5_000, "0.5%", "0"],
    ["Collaborator", 5_000, "0.5%", "2500", 5_000],
    ["Later investor", 5_000, "0.5%", "0"],
  ],
  kicked: [
    ["Alice", 975_000, "97.5%", "482500"],
    ["Mentor 2", 10_000, "1%", "0"],
    ["Mentor 1", 5_000, "0.5%", "0"],
    ["Collaborator", 5_000, "0.5%", "2500", 5_000],
    ["Later investor", 5_000, "0.5%", "0"],
  ],
  forged: [
    ["Alice", 975_000, "97.5%", "482500"],
    ["Later investor", 10_000, "1%", "0"],
    ["Mentor 1", 5_000, "0.5%", "0"],
    ["Mentor 2", 5_000, "0.5%", "0"],
    ["Collaborator", 5_000, "0.5%", "2500", 5_000],
  ],
  reversed: [
    ["Alice", 975_000, "97.5%", "482500"],
    ["Mentor 2", 10_000, "1%", "0"],
    ["Mentor 1", 5_000, "0.5%", "0"],
    ["Collaborator", 5_000, "0.5%", "2500", 5_000],
    ["Later investor", 5_000, "0.5%", "0"],
  ],
};

/** Every figure the story checks. */
export const FIGURES = {
  SUPPLY: shares(1_000_000),
  PRICE: usd("6.666667"), // per share
  STAKE: shares(10_000), // 1% each mentor buys
  STAKE_COST: usd("66666.67"), // ceil(10,000 × $6.666667)
  RAISED: usd("200000.01"),
  GRANT: shares(5_000), // 0.5%
  GAIN: usd("500000"),
  MENTOR_GAIN: usd("5000"), // a mentor's 1% of the gain
  LISTED: shares(5_000), // half of mentor 1's stake
  LISTING_PRICE: usd("8"),
  LISTING_COST: usd("40000"),
  KICK_PRICE: usd("8"), // max(last price $8, mentor 3's average $6.666667)
  KICK_PAID: usd("80000"),
  OUTSIDE_AFTER_KICK: shares(25_000), // everything but Alice's 975,000
  FORGED: shares(5_000),
  FUNDING: usd("1000000"), // each investor's stablecoin wallet
  TABLES,
};

export type Figures = typeof FIGURES;

// ───────────────────────────── checking and printing ─────────────────────────────

function show(value: unknown): string {
  return typeof value === "bigint" ? value.toString() : JSON.stringify(value);
}

/** Checks figures for one telling of the story: a mismatch is printed where it happens and kept. */
export class FigureCheck {
  readonly failures: string[] = [];
  count = 0;
  readonly #print: (line: string) => void;

  constructor(print: (line: string) => void) {
    this.#print = print;
  }

  /** Checks one figure and returns it. */
  check<T>(what: string, actual: T, expected: T, format: (value: T) => string = show): T {
    this.count++;
    if (actual !== expected) {
      const line = `${what}: expected ${format(expected)}, got ${actual === undefined ? "nothing" : format(actual)}`;
      this.failures.push(line);
      this.#print(`  ✗ MISMATCH ${line}`);
    }
    return actual;
  }
}

/** A holder's figures as printed. */
interface Shown {
  shares: bigint;
  percent: string;
  claimable: bigint;
  unvested: string;
}

// ───────────────────────────── the story ─────────────────────────────

/** How to tell the story: on which chain, where its lines go, and what checks its figures. */
export interface Telling {
  /** A fresh chain (`hre.network.create()`, or `getOrCreate()` in a script that is alone on it). */
  connection: NetworkConnection;
  print: (line: string) => void;
  /** Checks each figure (and reports a mismatch). */
  checks: FigureCheck;
  /** The expected figures (default FIGURES). */
  expected?: Figures;
  /**
   * Called before each step ("Setup", "Step 1" … "Step 8"), e.g. to advance the node's clock so that a local chain
   * for the web app spreads the story over months (scripts/start.ts). The in-process telling passes none.
   */
  beforeStep?: (step: string) => Promise<void>;
}

/** The story's main addresses, for whoever runs an app or indexer on the chain it was told on. */
export interface Told {
  registry: string;
  factory: string;
  market: string;
  stablecoin: string;
  token: string;
  distributor: string;
  /** The cast's addresses by role key (admin, registrar, arbiter, alice, mentor1 …). */
  cast: Record<string, string>;
}

/** Tells the seed story; every figure goes through `checks`. Throws if a step is refused. */
export async function tellSeedStory({
  connection,
  print,
  checks,
  expected = FIGURES,
  beforeStep,
}: Telling): Promise<Told> {
  const {
    SUPPLY,
    PRICE,
    STAKE,
    STAKE_COST,
    RAISED,
    GRANT,
    GAIN,
    MENTOR_GAIN,
    LISTED,
    LISTING_PRICE,
    LISTING_COST,
    KICK_PRICE,
    KICK_PAID,
    OUTSIDE_AFTER_KICK,
    FORGED,
    FUNDING,
    TABLES,
  } = expected;
  const check = checks.check.bind(checks);
  const { ethers, ignition, networkHelpers } = connection;

  let quote: AssetInfo | undefined;
  const money = (amount: bigint): string => formatMoney(quote!, amount);
  const sharesOf = (amount: bigint): string => `${formatShares(amount)} shares`;
  const heading = async (step: string, title: string): Promise<void> => {
    await beforeStep?.(step);
    const text = `${step} · ${title}`;
    print(`\n${text}\n${"═".repeat(text.length)}`);
  };
  const say = (line: string): void => print(`  ${line}`);

  let previous = new Map<string, Shown>();
  /**
   * Reads the cap table (rebuilt from Transfer logs, as `info cap-table` does), checks it row by row against
   * `rows`, prints it aligned, then what changed since the last one.
   */
  async function showCapTable(ctx: Context, token: string, rows: Row[], when = ""): Promise<void> {
    const cap: CapTable = await capTable(ctx, { token });
    check("total supply", cap.totalSupply, SUPPLY, sharesOf);
    const current = new Map<string, Shown>();
    for (const row of cap.rows) {
      current.set(ctx.label(row.holder), {
        shares: row.shares,
        percent: row.percent,
        claimable: row.claimable[quote!.address] ?? 0n,
        unvested: row.locked === 0n ? "" : formatAmount(row.locked, 18, 0, 0),
      });
    }
    check(
      `cap table${when === "" ? "" : ` ${when}`}: holders`,
      [...current.keys()].sort().join(", "),
      rows
        .map((r) => r[0])
        .sort()
        .join(", "),
    );
    for (const [name, whole, percent, claimable, unvested] of rows) {
      const got = current.get(name);
      if (got === undefined) continue;
      check(`${name}: shares`, got.shares, shares(whole), sharesOf);
      check(`${name}: % of supply`, got.percent, percent);
      check(`${name}: claimable`, got.claimable, usd(claimable), money);
      check(`${name}: unvested`, got.unvested, unvested === undefined ? "" : formatAmount(shares(unvested), 18, 0, 0));
    }
    const body = cap.rows.map((row) => {
      const name = ctx.label(row.holder);
      const shown = current.get(name)!;
      return [
        name + (row.isOwner ? " (owner)" : ""),
        formatShares(shown.shares),
        shown.percent,
        money(shown.claimable),
        shown.unvested === "" ? "" : `${shown.unvested} unvested`,
      ];
    });
    const holders = `${cap.rows.length} holder${cap.rows.length === 1 ? "" : "s"}`;
    print(`\n  Cap table of ${cap.symbol}${when === "" ? "" : ` ${when}`}: ${sharesOf(cap.totalSupply)}, ${holders}`);
    for (const line of table(
      ["holder", "shares", "% of supply", `claimable ${quote!.symbol}`, "note"],
      body,
      [1, 2, 3],
    )) {
      print(`    ${line}`);
    }
    const changes: string[] = [];
    for (const name of new Set([...previous.keys(), ...current.keys()])) {
      const before = previous.get(name);
      const after = current.get(name);
      const parts: string[] = [];
      const beforeShares = before?.shares ?? 0n;
      const afterShares = after?.shares ?? 0n;
      if (beforeShares !== afterShares) {
        const delta = afterShares - beforeShares;
        parts.push(
          `shares ${formatShares(beforeShares)} → ${formatShares(afterShares)} ` +
            `(${delta > 0n ? "+" : "−"}${formatShares(delta > 0n ? delta : -delta)}, ${before?.percent ?? "0%"} → ${after?.percent ?? "0%"})`,
        );
      }
      const beforeClaim = before?.claimable ?? 0n;
      const afterClaim = after?.claimable ?? 0n;
      if (beforeClaim !== afterClaim) parts.push(`claimable ${money(beforeClaim)} → ${money(afterClaim)}`);
      if (parts.length === 0) continue;
      const note = before === undefined ? " (new holder)" : after === undefined ? " (left the cap table)" : "";
      changes.push(`${name}${note}: ${parts.join("; ")}`);
    }
    print(`\n  What changed:${changes.length === 0 ? " nothing on the cap table" : ""}`);
    for (const line of changes) print(`    • ${line}`);
    previous = current;
  }

  const accounts = await ethers.getSigners();
  const cast = {
    admin: accounts[0],
    registrar: accounts[1],
    arbiter: accounts[2],
    alice: accounts[3],
    mentor1: accounts[4],
    mentor2: accounts[5],
    mentor3: accounts[6],
    collaborator: accounts[7],
    later: accounts[8],
    bad: accounts[9],
  };
  const NAMES: Record<keyof typeof cast, string> = {
    admin: "Admin",
    registrar: "Registrar",
    arbiter: "Arbiter",
    alice: "Alice",
    mentor1: "Mentor 1",
    mentor2: "Mentor 2",
    mentor3: "Mentor 3",
    collaborator: "Collaborator",
    later: "Later investor",
    bad: "Bad actor",
  };
  const names = new AddressBook(
    Object.fromEntries(Object.entries(cast).map(([key, s]) => [s.address, NAMES[key as keyof typeof cast]])),
  );

  print("Personal tokens: the seed story, on the in-process Hardhat chain");

  // ── 0. deploy ──
  await heading("Setup", "deploy the system with Ignition and a mock USD stablecoin");
  const system = await ignition.deploy(PersonalTokenSystem, {
    parameters: {
      PersonalTokenSystem: {
        admin: cast.admin.address,
        registrar: cast.registrar.address,
        arbiter: cast.arbiter.address,
      },
    },
  });
  const addresses = {
    registry: await system.registry.getAddress(),
    factory: await system.factory.getAddress(),
    market: await system.market.getAddress(),
  };
  names.add({ [addresses.registry]: "Registry", [addresses.factory]: "Factory", [addresses.market]: "Share market" });
  const stable = await ethers.deployContract("MockERC20", ["Mock USD", "mUSD", 6]);
  const usdAddress = await stable.getAddress();
  names.add({ [usdAddress]: "mUSD" });
  const ctx = await makeContext(ethers, undefined, { addresses, names });
  const as = (who: keyof typeof cast): Context => ctx.as(cast[who]);
  quote = await ctx.asset(usdAddress);
  check("stablecoin decimals", quote.decimals, 6);
  const balance = async (who: keyof typeof cast): Promise<bigint> =>
    (await stable.balanceOf(cast[who].address)) as bigint;
  for (const who of ["mentor1", "mentor2", "mentor3", "later", "bad"] as const) {
    await stable.mint(cast[who].address, FUNDING);
    check(`${NAMES[who]}: stablecoin wallet`, await balance(who), FUNDING, money);
  }
  say(`registry      ${addresses.registry}`);
  say(`factory       ${addresses.factory}`);
  say(`share market  ${addresses.market}`);
  say(`stablecoin    ${usdAddress} (${quote.symbol}, ${quote.decimals} decimals)`);
  say(`roles: Admin, Registrar and Arbiter are separate accounts; each investor starts with ${money(FUNDING)}`);

  // ── 1. verify and ban ──
  await heading("Step 1", "the registrar verifies seven people and bans a known bad actor");
  const people = ["alice", "mentor1", "mentor2", "mentor3", "collaborator", "later", "bad"] as const;
  const YEAR = 365n * 86_400n;
  for (const who of people) {
    const before = await ctx.now();
    const verified = await verifyInvestor(as("registrar"), {
      investor: cast[who].address,
      days: 365,
      evidence: "kyc-2025",
    });
    check(`${NAMES[who]}: verified for a year`, verified.verifiedUntil - before, YEAR);
  }
  await banInvestor(as("registrar"), { investor: cast.bad.address, reason: "known fraud" });
  const registryRows: string[][] = [];
  for (const who of people) {
    const info = await investorInfo(ctx, { address: cast[who].address });
    const expectBanned = who === "bad";
    check(`${NAMES[who]}: verified`, info.verified, !expectBanned);
    check(`${NAMES[who]}: banned`, info.banned, expectBanned);
    registryRows.push([NAMES[who], info.verified ? "yes" : "no", info.banned ? "yes" : "no"]);
  }
  print("\n  Investor registry (shared by every personal token)");
  for (const line of table(["person", "verified", "banned"], registryRows)) print(`    ${line}`);
  print("\n  What changed:");
  print("    • 7 people verified for a year (evidence: kyc-2025); Bad actor banned, which also ends his verification");
  print("    • no token exists yet, so there is no cap table");

  // ── 2. create the token ──
  await heading("Step 2", "Alice creates her token: 1,000,000 shares, 20% cap, priced in mUSD");
  const created = await createToken(as("alice"), {
    name: "Alice",
    symbol: "ALICE",
    supply: "1000000",
    cap: "20%",
    quote: usdAddress,
  });
  const token = created.token;
  names.add({ [token]: "ALICE", [created.distributor]: "ALICE distributor" });
  check("supply", created.supply, SUPPLY, sharesOf);
  check("cap", created.capBps, 2000);
  check("quote asset", created.quoteAsset, usdAddress);
  check("owner", created.owner, cast.alice.address);
  say(`ALICE token ${token}, gains distributor ${created.distributor}`);
  say(
    `${sharesOf(created.supply)}, at most ${formatAmount(BigInt(created.capBps), 2)}% outside Alice's hands, priced in ${quote.symbol}`,
  );
  await showCapTable(ctx, token, TABLES.created);
  const aliceToken = ctx.token(token);

  // ── 3. the offering ──
  await heading("Step 3", "a sell-down of 30,000 shares at $6.666667; three mentors buy 1% each");
  const opened = await openOffering(as("alice"), { shares: "30000", price: "6.666667", maxPerInvestor: "10000" });
  check("offering: id", opened.offeringId, 1n);
  check("offering: shares", opened.shares, shares(30_000), sharesOf);
  check("offering: price", opened.price, PRICE, money);
  check("offering: at most per investor", opened.maxPerInvestor, STAKE, sharesOf);
  check("offering: raise if sold", opened.display.raiseIfSold, money(RAISED));
  say(
    `Alice offers ${sharesOf(opened.shares)} of her own at ${money(opened.price)} a share (at most ${sharesOf(opened.maxPerInvestor)} each), ` +
      `${opened.display.raiseIfSold} if all sell; it opens in a minute and runs 7 days`,
  );
  await networkHelpers.time.increase(61);
  const aliceBefore = await balance("alice");
  let raised = 0n;
  for (const who of ["mentor1", "mentor2", "mentor3"] as const) {
    const bought = await buy(as(who), { offeringId: opened.offeringId, shares: "1%" });
    check(`${NAMES[who]}: shares bought`, bought.shares, STAKE, sharesOf);
    check(`${NAMES[who]}: paid`, bought.paid, STAKE_COST, money);
    check(`${NAMES[who]}: shares delivered at once`, bought.settled, true);
    raised += bought.paid;
    say(`${NAMES[who]} buys ${sharesOf(bought.shares)} (1%) for ${money(bought.paid)}`);
  }
  check("raised", raised, RAISED, money);
  check("Alice's stablecoin received", (await balance("alice")) - aliceBefore, RAISED, money);
  check("last price", await aliceToken.lastPrice(), PRICE, money);
  say(`raised ${money(raised)}, paid straight to Alice's wallet; the last price is now ${money(PRICE)}`);
  try {
    await buy(as("bad"), { offeringId: opened.offeringId, shares: "100" });
    check("Bad actor's purchase refused", "accepted", "refused");
  } catch (error) {
    if (!(error instanceof CliError) || error.decoded === undefined) throw error;
    const decoded = error.decoded;
    check("refusal: error", decoded.name, "ERC7943CannotReceive");
    check("refusal: buyer", decoded.args.account, cast.bad.address);
    const args = Object.entries(decoded.args)
      .map(([k, v]) => `${k}=${ctx.label(v)}`)
      .join(", ");
    say(`Bad actor tries to buy 100 shares and is refused by the market:`);
    say(`  ${decoded.name}(${args}) [selector ${decoded.selector}]`);
    say(`  ${decoded.explanation}`);
    check("Bad actor: banned", await ctx.registry().isBanned(cast.bad.address), true);
    say(`  (the registry has Bad actor banned)`);
  }
  await showCapTable(ctx, token, TABLES.offering);

  // ── 4. the grant ──
  await heading("Step 4", "Alice grants 0.5% of her own holding to the collaborator, vesting over a year");
  const granted = await grantShares(as("alice"), {
    to: cast.collaborator.address,
    shares: "0.5%",
    duration: "365d",
    reason: "design work",
  });
  check("grant: shares", granted.amount, GRANT, sharesOf);
  check("grant: duration", granted.duration, 365n * 86_400n);
  check("grant: cliff", granted.cliff, 0n);
  say(`Collaborator receives ${sharesOf(granted.amount)} now; they vest linearly over 365 days (no cliff).`);
  say("Unvested shares earn gains but cannot be sold; if Alice cancels the grant they return to her.");
  await showCapTable(ctx, token, TABLES.grant);

  // ── 5. gains ──
  await heading("Step 5", "Alice realizes a $500,000 gain selling company equity and distributes it");
  await stable.mint(cast.alice.address, GAIN); // the buyer of her company stake pays her in mUSD
  const distributed = await distribute(as("alice"), { amount: "500000", memo: "company-sale" });
  check("distributed", distributed.amount, GAIN, money);
  check("per 1% held", distributed.display.perPercent, money(MENTOR_GAIN));
  say(
    `Alice deposits ${distributed.display.amount} into ALICE's distributor: ${distributed.display.perPercent} per 1% held`,
  );
  const distributor = ctx.distributor(distributed.distributor);
  for (const who of ["mentor1", "mentor2", "mentor3"] as const) {
    const owed = await distributor.claimable(cast[who].address, usdAddress);
    check(`${NAMES[who]}: claimable`, owed, MENTOR_GAIN, money);
    say(`${NAMES[who]} can claim exactly ${money(owed)}`);
  }
  await showCapTable(ctx, token, TABLES.distributed, "after the distribution");
  for (const who of ["mentor1", "mentor2"] as const) {
    const before = await balance(who);
    const claimed = await claim(as(who), { token });
    check(`${NAMES[who]}: claimed`, claimed.claims[0]?.amount, MENTOR_GAIN, money);
    check(`${NAMES[who]}: stablecoin received`, (await balance(who)) - before, MENTOR_GAIN, money);
    say(`${NAMES[who]} claims ${money(claimed.claims[0].amount)}`);
  }
  await showCapTable(ctx, token, TABLES.claimed, "after mentors 1 and 2 claim");

  // ── 6. secondary sale ──
  await heading("Step 6", "Mentor 1 sells half the stake; Alice approves by signature; the later investor buys it");
  const listed = await list(as("mentor1"), { token, shares: "5000", price: "8" });
  check("listing: shares", listed.amount, LISTED, sharesOf);
  check("listing: price", listed.price, LISTING_PRICE, money);
  say(
    `Mentor 1 lists ${listed.display.amount} at ${listed.display.price} a share (${listed.display.total}) as listing ${listed.listingId}`,
  );
  const approval = await signListing(as("alice"), { listingId: listed.listingId });
  const message = {
    seller: approval.seller,
    amount: approval.amount,
    price: approval.price,
    buyer: approval.buyer,
    expiry: approval.expiry,
    nonce: approval.nonce,
    deadline: approval.deadline,
  };
  const signer = ethers.verifyTypedData(
    await tokenDomain(ctx, token),
    LISTING_APPROVAL_TYPES,
    message,
    approval.signature,
  );
  check("approval: signed by", signer, cast.alice.address);
  say(
    `Alice signs an EIP-712 ListingApproval off-chain (no transaction) and hands it to the buyer: ${approval.signature.slice(0, 18)}…`,
  );
  const sellerBefore = await balance("mentor1");
  const buyerBefore = await balance("later");
  const filled = await fill(as("later"), { listingId: listed.listingId, shares: "5000", approval });
  check("fill: shares", filled.shares, LISTED, sharesOf);
  check("fill: paid", filled.paid, LISTING_COST, money);
  check("fill: with signature", filled.withSignature, true);
  check("Mentor 1: stablecoin received", (await balance("mentor1")) - sellerBefore, LISTING_COST, money);
  check("Later investor: stablecoin paid", buyerBefore - (await balance("later")), LISTING_COST, money);
  check("last price", await aliceToken.lastPrice(), LISTING_PRICE, money);
  say(
    `Later investor fills it with Alice's signature: ${filled.display.shares} for ${filled.display.paid}, paid to Mentor 1`,
  );
  say(`the last price is now ${money(LISTING_PRICE)}`);
  await showCapTable(ctx, token, TABLES.listing);

  // ── 7. the kick ──
  await heading("Step 7", "Alice kicks Mentor 3 at no less than the last price");
  const average = await aliceToken.averagePurchasePrice(cast.mentor3.address);
  check("Mentor 3: average purchase price", average, PRICE, money);
  const kicked = await kick(as("alice"), { holder: cast.mentor3.address });
  check("kick: price", kicked.pricePerShare, KICK_PRICE, money);
  check("kick: shares bought back", kicked.sharesBoughtBack, STAKE, sharesOf);
  check("kick: unvested shares returned", kicked.unvestedReturned, 0n, sharesOf);
  check("kick: paid", kicked.paid, KICK_PAID, money);
  check("last price after the kick", await aliceToken.lastPrice(), LISTING_PRICE, money);
  check("outside shares after the kick", await aliceToken.outsideShares(), OUTSIDE_AFTER_KICK, sharesOf);
  say(
    `the floor is the higher of the last price (${money(LISTING_PRICE)}) and Mentor 3's average price (${money(average)}): ${kicked.display.price}`,
  );
  say(`Alice buys back ${sharesOf(kicked.sharesBoughtBack)} for ${kicked.display.paid}, escrowed in the share market`);
  const market = ctx.market();
  const withdrawable = await market.withdrawable(cast.mentor3.address, usdAddress);
  check("Mentor 3: withdrawable", withdrawable, KICK_PAID, money);
  say(`Mentor 3 can withdraw ${money(withdrawable)}`);
  const mentor3Before = await balance("mentor3");
  const withdrawn = await withdraw(as("mentor3"), { token });
  check("Mentor 3: withdrawn", withdrawn.withdrawals[0]?.amount, KICK_PAID, money);
  const claimed3 = await claim(as("mentor3"), { token, asset: "quote" });
  check("Mentor 3: claimed", claimed3.claims[0]?.amount, MENTOR_GAIN, money);
  check("Mentor 3: stablecoin received", (await balance("mentor3")) - mentor3Before, KICK_PAID + MENTOR_GAIN, money);
  check("Mentor 3: withdrawable after", await market.withdrawable(cast.mentor3.address, usdAddress), 0n, money);
  check("Mentor 3: kicked", await aliceToken.isKicked(cast.mentor3.address), true);
  const record = await investorInfo(ctx, { address: cast.mentor3.address });
  check("Mentor 3: kick count", record.kickCount, 1n);
  say(
    `Mentor 3 withdraws ${money(withdrawn.withdrawals[0].amount)} and still claims his ${money(claimed3.claims[0].amount)} of gains`,
  );
  say(`the registry now records ${record.kickCount} kick for Mentor 3 (visible to every other token's owner)`);
  await showCapTable(ctx, token, TABLES.kicked);

  // ── 8. the forged move and its reversal ──
  await heading("Step 8", "a forged request moves 5,000 of Mentor 2's shares; the arbiter reverses it");
  await approveTransfer(as("alice"), { from: cast.mentor2.address, to: cast.later.address, shares: "5000" });
  say("a request forged in Mentor 2's name asks Alice to let 5,000 shares go to the later investor; she approves it");
  const moved = await transfer(as("mentor2"), { to: cast.later.address, shares: "5000", token });
  check("forged move", moved.amount, FORGED, sharesOf);
  check("transfer approval used up", await aliceToken.transferApproval(cast.mentor2.address, cast.later.address), 0n);
  say(`${sharesOf(moved.amount)} move from Mentor 2 to Later investor`);
  await showCapTable(ctx, token, TABLES.forged, "after the forged move");
  const reversed = await forceTransfer(as("arbiter"), {
    from: cast.later.address,
    to: cast.mentor2.address,
    shares: "5000",
    token,
  });
  check("forced transfer", reversed.amount, FORGED, sharesOf);
  say(
    `Mentor 2 disputes it; the arbiter's forced transfer returns ${sharesOf(reversed.amount)} from Later investor to Mentor 2`,
  );
  await showCapTable(ctx, token, TABLES.reversed, "after the reversal");
  return {
    ...addresses,
    stablecoin: usdAddress,
    token,
    distributor: created.distributor,
    cast: Object.fromEntries(Object.entries(cast).map(([key, signer]) => [key, signer.address])),
  };
}
