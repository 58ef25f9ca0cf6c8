// The seed story, written once: Alice's token, three mentors, a $500,000 gain, a listing, a kick, and a forged move
// the arbiter reverses; then a chain of tokens: a USAToken owned by a multisig holds Elon's token, whose Holdings hold
// shares of a company's token owned by the company's multisig, and a sale at the bottom reaches a citizen who holds
// USAToken.
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
  createHoldings,
  createToken,
  depositCapital,
  distribute,
  fill,
  forceTransfer,
  formatAmount,
  formatMoney,
  formatShares,
  grantShares,
  holdingsBuy,
  holdingsInfo,
  holdingsList,
  investorInfo,
  kick,
  list,
  makeContext,
  openOffering,
  pledge,
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
  // The chain (steps 9–13): every token has 1,000,000 shares.
  acme: [
    ["Acme multisig", 990_000, "99%", "0"],
    ["ELON Holdings", 6_000, "0.6%", "0"],
    ["Later investor", 4_000, "0.4%", "0"],
  ],
  elon: [
    ["Elon", 900_000, "90%", "54000"],
    ["USA Holdings", 100_000, "10%", "6000"],
  ],
  usa: [
    ["USA multisig", 990_000, "99%", "5940"],
    ["Citizen", 10_000, "1%", "60"],
  ],
};

/**
 * The chain's figures. Acme sells down at $10; Elon buys 5,000 ACME and pledges them (basis $50,000, his purchase
 * record), and his Holdings buys 5,000 more from $50,000 of capital; the USA's Holdings buys 10% of ELON at $5. Elon's
 * Holdings sells 4,000 ACME at $25: $100,000 of proceeds, $40,000 of basis sold (average cost), a $60,000 gain to
 * ELON's holders, 10% of it ($6,000) to the USA's Holdings, which flows on to USA's holders: 1% ($60) to the citizen.
 */
const CHAIN = {
  ACME_PRICE: usd("10"),
  ELON_STAKE: shares(5_000), // bought by Elon's wallet, then pledged
  ELON_STAKE_COST: usd("50000"),
  CAPITAL: usd("50000"), // Elon deposits into his Holdings
  HOLDINGS_STAKE: shares(5_000), // bought by his Holdings from that capital
  ELON_PRICE: usd("5"),
  USA_STAKE: shares(100_000), // 10% of ELON, bought by the USA's Holdings
  USA_STAKE_COST: usd("500000"),
  CITIZEN_SHARES: shares(10_000), // 1% of USA
  SOLD: shares(4_000),
  SALE_PRICE: usd("25"),
  PROCEEDS: usd("100000"),
  BASIS_SOLD: usd("40000"), // $100,000 of basis × 4,000 / 10,000
  GAIN: usd("60000"),
  USA_HOLDINGS_GAIN: usd("6000"), // 10% of the gain
  CITIZEN_GAIN: usd("60"), // 1% of what reached USA
  CAPITAL_AFTER: usd("40000"), // the basis sold, back as capital
  BASIS_LEFT: usd("60000"),
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
  CHAIN,
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
   * Called before each step ("Setup", "Step 1" … "Step 13"), e.g. to advance the node's clock so that a local chain
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
  /** The cast's addresses by role key (admin, registrar, arbiter, alice, mentor1 …, elon, citizen, the multisigs). */
  cast: Record<string, string>;
  /** The chain of steps 9–13: each token and its Holdings (ACME has none). */
  chain: { acme: string; elon: string; elonHoldings: string; usa: string; usaHoldings: string };
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
    CHAIN,
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

  const previousTables = new Map<string, Map<string, Shown>>();
  /**
   * Reads the cap table (rebuilt from Transfer logs, as `info cap-table` does), checks it row by row against
   * `rows`, prints it aligned, then what changed since the last one.
   */
  async function showCapTable(ctx: Context, token: string, rows: Row[], when = ""): Promise<void> {
    const cap: CapTable = await capTable(ctx, { token });
    const previous = previousTables.get(token) ?? new Map<string, Shown>();
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
    previousTables.set(token, current);
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
    // The chain's cast (10–23 are the browser stories' fresh wallets).
    elon: accounts[24],
    citizen: accounts[25],
    acmeSigner: accounts[26],
    usaSigner: accounts[27],
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
    elon: "Elon",
    citizen: "Citizen",
    acmeSigner: "Acme signer",
    usaSigner: "USA signer",
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

  // ── 9–13. the chain: a USAToken holds Elon's token, whose Holdings hold a company's token ──
  await heading("Step 9", "a company and a country join through multisigs; Elon and a citizen are verified");
  const {
    ACME_PRICE,
    ELON_STAKE,
    ELON_STAKE_COST,
    CAPITAL,
    HOLDINGS_STAKE,
    ELON_PRICE,
    USA_STAKE,
    USA_STAKE_COST,
    CITIZEN_SHARES,
    SOLD,
    SALE_PRICE,
    PROCEEDS,
    BASIS_SOLD,
    USA_HOLDINGS_GAIN,
    CITIZEN_GAIN,
    CAPITAL_AFTER,
    BASIS_LEFT,
  } = CHAIN;
  const acmeMultisig = await ethers.deployContract("MockSmartWallet", [cast.acmeSigner.address]);
  const usaMultisig = await ethers.deployContract("MockSmartWallet", [cast.usaSigner.address]);
  // The context copied the names it was made with: names learned from here on go to its own book.
  const acmeWallet = await acmeMultisig.getAddress();
  const usaWallet = await usaMultisig.getAddress();
  ctx.names.add({ [acmeWallet]: "Acme multisig", [usaWallet]: "USA multisig" });
  // A multisig acts by having its signers execute a call (contracts/mocks/MockSmartWallet.sol stands in for one).
  const execute = async (wallet: typeof acmeMultisig, signer: keyof typeof cast, to: string, data: string) =>
    (await wallet.connect(cast[signer]).execute(to, 0n, data)).wait();
  for (const [who, address] of [
    ["Acme multisig", acmeWallet],
    ["USA multisig", usaWallet],
    ["Elon", cast.elon.address],
    ["Citizen", cast.citizen.address],
  ]) {
    await verifyInvestor(as("registrar"), { investor: address, days: 365, evidence: "kyc-2025" });
    check(`${who}: verified`, await ctx.registry().isVerified(address), true);
  }
  say("the registrar verifies Acme's and the USA's multisigs (an owner must be verified), Elon and a citizen");
  const factoryCalls = system.factory.interface;
  await execute(
    acmeMultisig,
    "acmeSigner",
    addresses.factory,
    factoryCalls.encodeFunctionData("createToken", ["Acme", "ACME", SUPPLY, 2000, usdAddress]),
  );
  await execute(
    usaMultisig,
    "usaSigner",
    addresses.factory,
    factoryCalls.encodeFunctionData("createToken", ["USA", "USA", SUPPLY, 2000, usdAddress]),
  );
  const acme = await system.factory.tokenOf(acmeWallet);
  const usa = await system.factory.tokenOf(usaWallet);
  ctx.names.add({ [acme]: "ACME", [usa]: "USA" });
  check("ACME: owner", await ctx.token(acme).owner(), acmeWallet);
  check("USA: owner", await ctx.token(usa).owner(), usaWallet);
  say(`Acme's multisig creates ACME (${sharesOf(SUPPLY)}, 20% cap, ${quote.symbol}); the USA's creates USA alike`);
  const start = (await ctx.now()) + 60n;
  await execute(
    acmeMultisig,
    "acmeSigner",
    addresses.market,
    system.market.interface.encodeFunctionData("openOffering", [
      {
        token: acme,
        shares: shares(100_000),
        price: ACME_PRICE,
        minPerInvestor: 0n,
        maxPerInvestor: 0n,
        start,
        end: start + 7n * 86_400n,
        priorityWindow: 0n,
        minRaise: 0n,
        dilutive: false,
      },
      [],
    ]),
  );
  const acmeOffering = await system.market.offeringCount();
  say(`Acme's multisig opens a sell-down of 100,000 ACME at ${money(ACME_PRICE)} (offering ${acmeOffering})`);
  await execute(
    usaMultisig,
    "usaSigner",
    usa,
    aliceToken.interface.encodeFunctionData("transfer", [cast.citizen.address, CITIZEN_SHARES]),
  );
  say(`the USA's multisig hands ${sharesOf(CITIZEN_SHARES)} (1%) of USA to a citizen`);
  await showCapTable(
    ctx,
    usa,
    TABLES.usa.map(([name, whole, percent]) => [name, whole, percent, "0"]),
  );

  await heading("Step 10", "Elon creates his token and its Holdings, and puts ACME shares in it");
  for (const who of ["elon", "later"] as const) await stable.mint(cast[who].address, FUNDING);
  const elonCreated = await createToken(as("elon"), {
    name: "Elon",
    symbol: "ELON",
    supply: "1000000",
    cap: "20%",
    quote: usdAddress,
  });
  const elon = elonCreated.token;
  ctx.names.add({ [elon]: "ELON" });
  const elonHoldings = (await createHoldings(as("elon"), {})).holdings;
  ctx.names.add({ [elonHoldings]: "ELON Holdings" });
  check("ELON Holdings: where the factory says", elonHoldings, await system.factory.holdingsOf(elon));
  say(`Elon creates ELON and its Holdings at ${elonHoldings}`);
  await networkHelpers.time.increase(61);
  const elonBought = await buy(as("elon"), { offeringId: acmeOffering, shares: "5000" });
  check("Elon: ACME paid", elonBought.paid, ELON_STAKE_COST, money);
  const pledged = await pledge(as("elon"), { held: acme, shares: "5000" });
  check("pledge: shares", pledged.shares, ELON_STAKE, sharesOf);
  check("pledge: basis carried", pledged.basis, ELON_STAKE_COST, money);
  say(
    `Elon buys ${sharesOf(ELON_STAKE)} of ACME for ${money(elonBought.paid)} and pledges them: they carry his purchase ` +
      `record, a basis of ${pledged.display.basis}, and leave the Holdings only by a sale, a kick or the arbiter`,
  );
  const deposited = await depositCapital(as("elon"), { amount: "50000" });
  check("ELON Holdings: capital deposited", deposited.capital, CAPITAL, money);
  const holdingsBought = await holdingsBuy(as("elon"), { offeringId: acmeOffering, shares: "5000" });
  check("ELON Holdings: ACME bought", holdingsBought.shares, HOLDINGS_STAKE, sharesOf);
  check("ELON Holdings: cost (basis)", holdingsBought.cost, ELON_STAKE_COST, money);
  check("ELON Holdings: capital left", holdingsBought.capital, 0n, money);
  say(
    `he deposits ${deposited.display.amount} of capital; the Holdings buys ${holdingsBought.display.shares} more at ` +
      `${money(ACME_PRICE)}, its basis the exact price paid`,
  );

  await heading("Step 11", "the USA's Holdings buys 10% of ELON in Elon's sell-down");
  const elonOffering = await openOffering(as("elon"), { shares: "100000", price: "5" });
  await networkHelpers.time.increase(61);
  await createHoldings(as("citizen"), { token: usa });
  const usaHoldings = await system.factory.holdingsOf(usa);
  ctx.names.add({ [usaHoldings]: "USA Holdings" });
  say(`the citizen creates the USA's Holdings (anyone may): ${usaHoldings}`);
  await stable.mint(usaWallet, USA_STAKE_COST);
  const holdingsCalls = (await ethers.getContractAt("Holdings", usaHoldings)).interface;
  await execute(
    usaMultisig,
    "usaSigner",
    usdAddress,
    stable.interface.encodeFunctionData("approve", [usaHoldings, USA_STAKE_COST]),
  );
  await execute(
    usaMultisig,
    "usaSigner",
    usaHoldings,
    holdingsCalls.encodeFunctionData("depositCapital", [usdAddress, USA_STAKE_COST]),
  );
  await execute(
    usaMultisig,
    "usaSigner",
    usaHoldings,
    holdingsCalls.encodeFunctionData("buyOffering", [elonOffering.offeringId, USA_STAKE]),
  );
  check("USA Holdings: ELON held", await ctx.token(elon).balanceOf(usaHoldings), USA_STAKE, sharesOf);
  say(
    `the USA's multisig deposits ${money(USA_STAKE_COST)} into its Holdings, which buys ${sharesOf(USA_STAKE)} of ELON ` +
      `at ${money(ELON_PRICE)}`,
  );

  await heading("Step 12", "Elon's Holdings sells 4,000 ACME at $25: the gain goes to ELON's holders at once");
  const listedAcme = await holdingsList(as("elon"), { held: acme, shares: "4000", price: "25" });
  check("Holdings listing: shares", listedAcme.amount, SOLD, sharesOf);
  check("Holdings listing: price", listedAcme.price, SALE_PRICE, money);
  await execute(
    acmeMultisig,
    "acmeSigner",
    addresses.market,
    system.market.interface.encodeFunctionData("approveListing", [listedAcme.listingId]),
  );
  say(`ELON Holdings lists ${listedAcme.display.amount} at ${listedAcme.display.price}; Acme's multisig approves it`);
  const sold = await fill(as("later"), { listingId: listedAcme.listingId, shares: "4000" });
  check("sale: proceeds", sold.paid, PROCEEDS, money);
  const elonInfo = await holdingsInfo(ctx, { token: elon });
  const acmePosition = elonInfo.positions.find((x) => x.held === acme);
  if (acmePosition === undefined) throw new Error("info holdings shows no ACME position in ELON Holdings");
  check("ELON Holdings: ACME left", acmePosition.shares, shares(6_000), sharesOf);
  check("ELON Holdings: basis left", acmePosition.basis, BASIS_LEFT, money);
  check("ELON Holdings: average price", acmePosition.averagePrice, ACME_PRICE, money);
  check("ELON Holdings: realized gain", acmePosition.gains, PROCEEDS - BASIS_SOLD, money);
  check("ELON Holdings: realized loss", acmePosition.losses, 0n, money);
  check(
    "ELON Holdings: capital",
    elonInfo.balances.find((b) => b.asset === usdAddress)?.capital ?? 0n,
    CAPITAL_AFTER,
    money,
  );
  say(
    `the Later investor buys them for ${sold.display.paid}; at average cost ${money(BASIS_SOLD)} of basis is sold: ` +
      `${money(CAPITAL_AFTER)} back to capital, a ${money(PROCEEDS - BASIS_SOLD)} gain into ELON's distributor`,
  );
  say(
    `ELON Holdings now: ${acmePosition.display.shares} of ACME, basis ${acmePosition.display.basis} ` +
      `(${acmePosition.display.averagePrice} a share), realized gains ${acmePosition.display.gains}`,
  );
  await showCapTable(ctx, acme, TABLES.acme);
  await showCapTable(ctx, elon, TABLES.elon, "after the sale");

  await heading("Step 13", "the gain flows up the chain: anyone moves it on, and the citizen claims his part");
  const hop = await claim(as("citizen"), { token: elon, for: usaHoldings });
  check("hop: USA Holdings' gain moved on", hop.claims[0]?.amount, USA_HOLDINGS_GAIN, money);
  say(
    `the citizen calls claimFor on ELON's distributor for the USA's Holdings: its ${money(USA_HOLDINGS_GAIN)} flows ` +
      `on into USA's distributor (memo ELON), split among USA's holders`,
  );
  await showCapTable(ctx, usa, TABLES.usa, "after the gain flowed up");
  const citizenBefore = await balance("citizen");
  const citizenClaim = await claim(as("citizen"), { token: usa });
  check("Citizen: claimed", citizenClaim.claims[0]?.amount, CITIZEN_GAIN, money);
  check("Citizen: stablecoin received", (await balance("citizen")) - citizenBefore, CITIZEN_GAIN, money);
  say(
    `the citizen, who never held ELON or ACME, claims ${money(CITIZEN_GAIN)}: 1% of USA × 10% of ELON × the ` +
      `${money(PROCEEDS - BASIS_SOLD)} gain Elon's Holdings realized`,
  );
  return {
    ...addresses,
    stablecoin: usdAddress,
    token,
    distributor: created.distributor,
    cast: {
      ...Object.fromEntries(Object.entries(cast).map(([key, signer]) => [key, signer.address])),
      acmeMultisig: acmeWallet,
      usaMultisig: usaWallet,
    },
    chain: { acme, elon, elonHoldings, usa, usaHoldings },
  };
}
