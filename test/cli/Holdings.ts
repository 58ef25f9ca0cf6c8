import { expect } from "chai";
import hre from "hardhat";
import { explanationOf } from "../../client/errors.ts";
import PersonalTokenSystem from "../../deploy/modules/PersonalTokenSystem.js";
import type { Holdings, MockERC20, PersonalTokenFactory } from "../../types/ethers-contracts/index.js";
import { AddressBook, CliError, inSession, type CliSession, type DryRun, type HoldingsInfo } from "../../tasks/api.js";
import { refusal } from "../helpers/cli.js";

const SHARE = 10n ** 18n;
const USD = 10n ** 6n;

// Tasks connect with `hre.network.getOrCreate()`: deploy on that same in-process chain.
const connection = await hre.network.getOrCreate();
const { ethers, ignition, networkHelpers } = connection;

/**
 * The holdings tasks, as Alice uses them for her token: she pledges BOB shares she bought at $2, deposits capital and
 * buys more for her Holdings, lists some, and a sale's gain goes to ALICE's holders. Bob owns BOB; Carol buys;
 * Mallory owns nothing; Dave's token is quoted in ETH.
 */
describe("command line: a token's Holdings", function () {
  this.timeout(120_000);

  const IDX = { admin: 1, registrar: 2, arbiter: 3, alice: 4, bob: 5, carol: 6, dave: 7, mallory: 8 };
  const who = {} as Record<keyof typeof IDX, { address: string }>;
  const names = new AddressBook();
  const session: CliSession = { names, quiet: true, throwErrors: true };
  const run = (id: string[], args: Record<string, unknown>, inThis: CliSession = session) =>
    inSession(inThis, () => hre.tasks.getTask(id).run(args));
  let usd: MockERC20;
  let factory: PersonalTokenFactory;
  let holdings: Holdings;
  let bobOffering: string;

  /** Runs a task that must be refused and checks that `as` sent nothing. */
  async function refused(as: keyof typeof IDX, id: string[], args: Record<string, unknown>): Promise<CliError> {
    const before = await ethers.provider.getTransactionCount(who[as].address);
    const error = await refusal(run(id, { as, ...args }));
    expect(await ethers.provider.getTransactionCount(who[as].address), "a transaction was sent").to.equal(before);
    return error;
  }

  const info = (): Promise<HoldingsInfo> => run(["info", "holdings"], { token: "ALICE token" });

  before(async function () {
    const all = await ethers.getSigners();
    for (const [name, i] of Object.entries(IDX)) who[name as keyof typeof IDX] = all[i];
    names.add(Object.fromEntries(Object.entries(who).map(([name, s]) => [s.address, name])));
    const deployed = await ignition.deploy(PersonalTokenSystem, {
      parameters: {
        PersonalTokenSystem: {
          admin: who.admin.address,
          registrar: who.registrar.address,
          arbiter: who.arbiter.address,
        },
      },
    });
    factory = deployed.factory as unknown as PersonalTokenFactory;
    session.addresses = {
      registry: await deployed.registry.getAddress(),
      factory: await factory.getAddress(),
      market: await deployed.market.getAddress(),
    };
    usd = (await ethers.deployContract("MockERC20", ["Mock USD", "mUSD", 6])) as unknown as MockERC20;
    names.add({ [await usd.getAddress()]: "mUSD" });
    for (const name of ["alice", "bob", "carol", "dave"] as const) {
      await run(["registrar", "verify"], { as: "registrar", investor: name });
      await usd.mint(who[name].address, 1_000_000n * USD);
    }
    const quote = await usd.getAddress();
    for (const [name, symbol] of [
      ["alice", "ALICE"],
      ["bob", "BOB"],
    ]) {
      const created = await run(["owner", "create-token"], {
        as: name,
        name: symbol,
        symbol,
        supply: "1000000",
        cap: "20%",
        quote,
      });
      names.add({ [created.token]: `${symbol} token` }); // "alice" names her wallet
    }
    const dave = await run(["owner", "create-token"], {
      as: "dave",
      name: "Dave",
      symbol: "DAVE",
      supply: "1000",
      cap: "20%",
    });
    names.add({ [dave.token]: "DAVE token" });
    bobOffering = String(
      (await run(["owner", "open-offering"], { as: "bob", shares: "100000", price: "2" })).offeringId,
    );
    await networkHelpers.time.increase(61);
    await run(["investor", "buy"], { as: "alice", offeringId: bobOffering, shares: "10000" });
  });

  describe("creating a Holdings", function () {
    it("says how to create one when a token has none", async function () {
      const error = await refused("alice", ["holdings", "deposit"], { amount: "100" });
      expect(error.message).to.match(/ALICE has no Holdings yet .*: run holdings create --token 0x/);
    });

    it("lets anyone create a token's Holdings at the factory's address, once", async function () {
      const created = await run(["holdings", "create"], { as: "mallory", token: "ALICE token" });
      const aliceToken = names.addressOf("ALICE token")!;
      expect(created.holdings).to.equal(await factory.holdingsOf(aliceToken));
      holdings = (await ethers.getContractAt("Holdings", created.holdings)) as unknown as Holdings;
      const error = await refused("mallory", ["holdings", "create"], { token: "ALICE token" });
      expect(error.decoded?.name).to.equal("HoldingsAlreadyCreated");
      expect(error.message).to.contain(explanationOf("HoldingsAlreadyCreated"));
    });
  });

  describe("putting positions in", function () {
    it("pledges shares from the owner's wallet with her purchase price as their basis", async function () {
      const pledged = await run(["holdings", "pledge"], { as: "alice", held: "BOB token", shares: "10000" });
      expect(pledged.shares).to.equal(10_000n * SHARE);
      expect(pledged.basis).to.equal(20_000n * USD);
      expect(pledged.display.basis).to.equal("$20,000.00");
    });

    it("asks before pledging, for good, and sends nothing without a yes", async function () {
      await run(["investor", "buy"], { as: "alice", offeringId: bobOffering, shares: "10" });
      const questions: string[] = [];
      const declining: CliSession = { ...session, confirm: async (q) => (questions.push(q), false) };
      const error = await refusal(
        run(["holdings", "pledge"], { as: "alice", held: "BOB token", shares: "10" }, declining),
      );
      expect(error.message).to.contain("Not confirmed: nothing was sent");
      expect(questions[0]).to.match(/^Pledge 10 shares of BOB into ALICE Holdings for good\?/);
    });

    it("deposits capital with an exact approval, and buys in an offering at the exact price as basis", async function () {
      const plan = (await run(["holdings", "deposit"], { as: "alice", amount: "10000", dryRun: true })) as DryRun;
      expect(plan.steps.map((s) => s.what)).to.deep.equal([
        "approve ALICE Holdings for exactly $10,000.00",
        "depositCapital",
      ]);
      expect(plan.simulation).to.equal("passes with the approval it needs");
      const deposited = await run(["holdings", "deposit"], { as: "alice", amount: "10000" });
      expect(deposited.capital).to.equal(10_000n * USD);
      expect(deposited.txs).to.have.length(2);
      const bought = await run(["holdings", "buy"], { as: "alice", offeringId: bobOffering, shares: "5000" });
      expect(bought.cost).to.equal(10_000n * USD);
      expect(bought.capital).to.equal(0n);
    });

    it("refuses a purchase beyond the capital, in dollars, sending nothing", async function () {
      const error = await refused("alice", ["holdings", "buy"], { offeringId: bobOffering, shares: "1" });
      expect(error.decoded?.name).to.equal("InsufficientCapital");
      expect(error.message).to.contain("capital=$0.00").and.contain("needed=$2.00");
      expect(error.message).to.contain(explanationOf("InsufficientCapital"));
    });

    it("refuses anyone but the token's owner", async function () {
      const error = await refused("mallory", ["holdings", "deposit"], { amount: "1", token: "ALICE token" });
      expect(error.decoded?.name).to.equal("OwnableUnauthorizedAccount");
      expect(error.message).to.contain("account=mallory");
    });

    it("refuses a position in an ETH-quoted token and in the token itself", async function () {
      const eth = await refused("alice", ["holdings", "pledge"], { held: "DAVE token", shares: "1", yes: true });
      expect(eth.decoded?.name).to.equal("EthQuotedPosition");
      expect(eth.message).to.contain(explanationOf("EthQuotedPosition"));
      const own = await refused("alice", ["holdings", "pledge"], { held: "ALICE token", shares: "1", yes: true });
      expect(own.decoded?.name).to.equal("OwnTokenPosition");
    });
  });

  describe("selling a position", function () {
    it("lists a position, which info holdings shows as awaiting the held token's owner", async function () {
      const listed = await run(["holdings", "list"], { as: "alice", held: "BOB token", shares: "4000", price: "5" });
      expect(listed.display.total).to.equal("$20,000.00");
      const bob = (await info()).positions.find((p) => p.symbol === "BOB")!;
      expect(bob.openListings).to.deep.equal([
        { listingId: listed.listingId, remaining: 4_000n * SHARE, price: 5n * USD, status: "awaiting approval" },
      ]);
      await run(["owner", "approve-listing"], { as: "bob", listingId: String(listed.listingId) });
      await run(["investor", "fill"], { as: "carol", listingId: String(listed.listingId), shares: "4000" });
    });

    it("shows the sale realized at average cost: basis, average price, gain, capital", async function () {
      // 15,000 shares with $30,000 of basis; 4,000 sold for $20,000: $8,000 of basis sold, a $12,000 gain.
      const shown = await info();
      const bob = shown.positions.find((p) => p.symbol === "BOB")!;
      expect(bob).to.deep.include({ shares: 11_000n * SHARE, basis: 22_000n * USD, gains: 12_000n * USD, losses: 0n });
      expect(bob.display.averagePrice).to.equal("$2.00");
      expect(bob.openListings).to.deep.equal([]);
      expect(shown.balances).to.deep.equal([
        {
          asset: await usd.getAddress(),
          symbol: "mUSD",
          capital: 8_000n * USD,
          pending: 0n,
          display: { capital: "$8,000.00", pending: "$0.00" },
        },
      ]);
    });

    it("prints the Holdings for a person: a position row and the capital per asset", async function () {
      const printed: string[] = [];
      const log = console.log;
      console.log = (line: string) => printed.push(line);
      try {
        await run(["info", "holdings"], { token: "ALICE token" }, { ...session, quiet: false });
      } finally {
        console.log = log;
      }
      const out = printed.join("\n");
      expect(out).to.match(/^Holdings of ALICE at 0x[0-9a-fA-F]{40}, acting for alice$/m);
      expect(out).to.match(/BOB\s+11,000\s+\$22,000\.00\s+\$2\.00\s+\$12,000\.00\s+\$0\.00\s+–/);
      expect(out).to.match(/mUSD\s+\$8,000\.00\s+\$0\.00/);
    });

    it("refuses the owner buying her own Holdings' listing, and cancels it", async function () {
      const listed = await run(["holdings", "list"], { as: "alice", held: "BOB token", shares: "1000", price: "5" });
      await run(["owner", "approve-listing"], { as: "bob", listingId: String(listed.listingId) });
      const error = await refused("alice", ["investor", "fill"], { listingId: String(listed.listingId), shares: "1" });
      expect(error.decoded?.name).to.equal("HoldingsOwnerCannotBuy");
      expect(error.message).to.contain(explanationOf("HoldingsOwnerCannotBuy"));
      await run(["holdings", "cancel-listing"], { as: "alice", listingId: String(listed.listingId) });
      expect((await info()).positions[0].openListings).to.deep.equal([]);
    });
  });

  describe("buying a listing for the Holdings", function () {
    it("fills another holder's listing from capital, the price paid becoming basis", async function () {
      const listed = await run(["investor", "list"], { as: "carol", token: "BOB token", shares: "1000", price: "5" });
      await run(["owner", "approve-listing"], { as: "bob", listingId: String(listed.listingId) });
      await run(["holdings", "deposit"], { as: "alice", amount: "5000" });
      const filled = await run(["holdings", "fill"], {
        as: "alice",
        listingId: String(listed.listingId),
        shares: "1000",
      });
      expect(filled.cost).to.equal(5_000n * USD);
      expect(filled.display.cost).to.equal("$5,000.00");
      const bob = (await info()).positions.find((p) => p.symbol === "BOB")!;
      expect(bob).to.deep.include({ shares: 12_000n * SHARE, basis: 27_000n * USD });
    });

    it("refuses a listing of the owner herself, who would set her Holdings' basis", async function () {
      const listed = await run(["investor", "list"], { as: "alice", token: "BOB token", shares: "10", price: "9" });
      await run(["owner", "approve-listing"], { as: "bob", listingId: String(listed.listingId) });
      const error = await refused("alice", ["holdings", "fill"], { listingId: String(listed.listingId), shares: "10" });
      expect(error.decoded?.name).to.equal("ListingByOwner");
      expect(error.message).to.contain(explanationOf("ListingByOwner"));
    });
  });

  describe("capital and pending gains", function () {
    it("withdraws all the capital, then refuses more", async function () {
      const withdrawn = await run(["holdings", "withdraw"], { as: "alice", amount: "all" });
      expect(withdrawn.amount).to.equal(8_000n * USD); // the basis the sale returned
      expect(withdrawn.capital).to.equal(0n);
      const error = await refused("alice", ["holdings", "withdraw"], { amount: "1" });
      expect(error.decoded?.name).to.equal("InsufficientCapital");
    });

    it("keeps a chained gain its distributor refuses as pending, and settles it into capital", async function () {
      const eur = await ethers.deployContract("MockERC20", ["Mock EUR", "mEUR", 6]);
      const eurAddress = await eur.getAddress();
      names.add({ [eurAddress]: "mEUR" });
      await run(["owner", "enable-asset"], { as: "bob", asset: eurAddress, yes: true });
      await eur.mint(who.bob.address, 1_000n * USD);
      await run(["owner", "distribute"], { as: "bob", amount: "1000", asset: eurAddress });
      // ALICE Holdings holds 12,000 of BOB's 1,000,000 shares: 1.2% of the €1,000, moved on by anyone.
      await run(["investor", "claim"], {
        as: "mallory",
        for: await holdings.getAddress(),
        token: "BOB token",
        asset: eurAddress,
      });
      const pending = (await info()).balances.find((b) => b.symbol === "mEUR")!;
      expect(pending).to.deep.include({ capital: 0n, pending: 12n * USD });
      const settled = await run(["holdings", "settle"], { as: "alice" });
      expect(settled.settled).to.deep.equal([
        { asset: eurAddress, symbol: "mEUR", amount: 12n * USD, distributed: false, display: "12.00 mEUR" },
      ]);
      expect((await info()).balances.find((b) => b.symbol === "mEUR")).to.deep.include({ capital: 12n * USD });
    });

    it("says plainly when there is no pending gain to settle", async function () {
      const none = await refused("alice", ["holdings", "settle"], {});
      expect(none.message).to.equal("ALICE Holdings has no pending gain to settle");
      const named = await refused("alice", ["holdings", "settle"], { asset: "quote" });
      expect(named.decoded?.name).to.equal("NothingPending");
    });
  });
});
