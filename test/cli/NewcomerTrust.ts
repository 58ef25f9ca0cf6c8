import { expect } from "chai";
import hre from "hardhat";
import { id as keccakId } from "ethers";
import { spawnSync } from "node:child_process";
import type { MockERC20 } from "../../types/ethers-contracts/index.js";
import MockUSDModule from "../../deploy/modules/MockUSD.js";
import PersonalTokenSystem from "../../deploy/modules/PersonalTokenSystem.js";
import { NOT_BUILT, loadOrExplain } from "../../tasks/lib/define.js";
import {
  AddressBook,
  CliError,
  Context,
  DryRun,
  createContext,
  formatMoney,
  formatWhen,
  inSession,
  type CapTable,
  type CliSession,
} from "../../tasks/api.js";
import { refusal } from "../helpers/cli.js";

const SHARE = 10n ** 18n;
const USD = 10n ** 6n;

// Tasks connect with `hre.network.getOrCreate()`: deploy on that same in-process chain.
const connection = await hre.network.getOrCreate();
const { ethers, ignition, networkHelpers } = connection;

describe("a command line a newcomer can trust", function () {
  this.timeout(120_000);

  const IDX = { deployer: 0, admin: 1, registrar: 2, arbiter: 3, alice: 4, bob: 5, carol: 6, dave: 7, frank: 10 };
  const who = {} as Record<keyof typeof IDX, { address: string }>;
  const book = new AddressBook();
  const lines: string[] = [];
  const trusted: CliSession = { names: book, quiet: true, throwErrors: true, progress: (line) => lines.push(line) };
  const act = (id: string[], args: Record<string, unknown>, inThis: CliSession = trusted) =>
    inSession(inThis, () => hre.tasks.getTask(id).run(args));
  let usd: MockERC20;
  let usdAddress: string;
  let market: string;
  let aliceToken: string;
  let daveToken: string;

  const nonce = (name: keyof typeof IDX) => ethers.provider.getTransactionCount(who[name].address);
  const allowance = (name: keyof typeof IDX, spender: string) =>
    usd.getFunction("allowance")(who[name].address, spender);

  /** Runs a task that must be refused, and checks that the signer sent nothing and left no allowance to the market. */
  async function refusedWithNothingSent(
    as: keyof typeof IDX,
    id: string[],
    args: Record<string, unknown>,
  ): Promise<CliError> {
    const [before, allowed] = [await nonce(as), await allowance(as, market)];
    const error = await refusal(act(id, { as, ...args }));
    expect(await nonce(as), `${id.join(" ")} sent a transaction`).to.equal(before);
    expect(await allowance(as, market)).to.equal(allowed);
    return error;
  }

  before(async function () {
    const all = await ethers.getSigners();
    for (const [name, i] of Object.entries(IDX)) who[name as keyof typeof IDX] = all[i];
    const deployed = await ignition.deploy(PersonalTokenSystem, {
      parameters: {
        PersonalTokenSystem: {
          admin: who.admin.address,
          registrar: who.registrar.address,
          arbiter: who.arbiter.address,
        },
      },
    });
    market = await deployed.market.getAddress();
    trusted.addresses = {
      registry: await deployed.registry.getAddress(),
      factory: await deployed.factory.getAddress(),
      market,
    };
    book.add(Object.fromEntries(Object.entries(who).map(([name, s]) => [s.address, name])));
    usd = await ethers.deployContract("MockERC20", ["Mock USD", "mUSD", 6]);
    usdAddress = await usd.getAddress();
    book.add({ [usdAddress]: "mUSD" });
    for (const name of ["alice", "bob", "carol", "frank"] as const)
      await usd.getFunction("mint")(who[name].address, 1_000_000n * USD);
    for (const name of ["alice", "bob", "carol", "dave"] as const) {
      await act(["registrar", "verify"], { as: "registrar", investor: name });
    }
    aliceToken = (
      await act(["owner", "create-token"], {
        as: "alice",
        name: "Alice",
        symbol: "ALICE",
        supply: "1000000",
        cap: "20%",
        quote: usdAddress,
      })
    ).token;
    daveToken = (
      await act(["owner", "create-token"], {
        as: "dave",
        name: "Dave",
        symbol: "DAVE",
        supply: "1000000",
        cap: "20%",
        quote: "eth",
      })
    ).token;
    book.add({ [aliceToken]: "ALICE token", [daveToken]: "DAVE token" });
    await act(["owner", "open-offering"], { as: "alice", shares: "30000", price: "5", maxPerInvestor: "10000" });
    await act(["owner", "open-offering"], { as: "dave", shares: "30000", price: "0.001" });
    await networkHelpers.time.increase(61);
  });

  it("simulates a refused purchase, kick or distribution first and sends nothing: no approve, no allowance left", async function () {
    const unverified = await refusedWithNothingSent("frank", ["investor", "buy"], { offeringId: "1", shares: "100" });
    expect(unverified.decoded?.name).to.equal("ERC7943CannotReceive");
    const aboveLimit = await refusedWithNothingSent("bob", ["investor", "buy"], { offeringId: "1", shares: "10001" });
    expect(aboveLimit.decoded?.name).to.not.equal(undefined);
    await act(["investor", "buy"], { as: "carol", offeringId: "1", shares: "1000" });
    const kick = await refusedWithNothingSent("bob", ["owner", "kick"], {
      holder: "carol",
      token: aliceToken,
      price: "10",
      yes: true,
    });
    expect(kick.decoded?.name).to.equal("OwnableUnauthorizedAccount");
    const distributor = await ctxFor("alice").then((ctx) => ctx.token(aliceToken).distributor());
    const [before, allowed] = [await nonce("alice"), await allowance("alice", distributor)];
    const tooMuch = await refusal(act(["owner", "distribute"], { as: "alice", amount: "99999999" }));
    expect(tooMuch.decoded?.name).to.equal("ERC20InsufficientBalance");
    // In the asset's own units, never base units.
    expect(tooMuch.message).to.match(
      /^ERC20InsufficientBalance\(sender=alice, balance=\$1,005,000\.00, needed=\$99,999,999\.00\)/,
    );
    expect(await nonce("alice")).to.equal(before);
    expect(await allowance("alice", distributor)).to.equal(allowed);
  });

  it("approves exactly what the purchase costs, right before it, and says who signs on which network", async function () {
    lines.length = 0;
    const bought = await act(["investor", "buy"], { as: "bob", offeringId: "1", shares: "100" });
    expect(bought.txs.map((tx: { what: string }) => tx.what)).to.deep.equal([
      "approve market for exactly $500.00",
      "buy",
    ]);
    expect(await allowance("bob", market)).to.equal(0n);
    expect(lines[0]).to.equal(`signing as ${who.bob.address} (bob, --as) on default`);
    // A read-only task signs nothing and says nothing about a signer.
    lines.length = 0;
    await act(["info", "token"], { token: aliceToken });
    expect(lines.filter((line) => line.startsWith("signing as"))).to.deep.equal([]);
  });

  it("--dry-run shows the signer, the approval and the action, whether it would pass, and sends nothing", async function () {
    const before = await nonce("carol");
    const plan = await act(["investor", "buy"], { as: "carol", offeringId: "1", shares: "200", dryRun: true });
    expect(plan).to.be.instanceOf(DryRun);
    expect(plan.signer).to.equal(who.carol.address);
    expect(plan.steps.map((step: { what: string }) => step.what)).to.deep.equal([
      "approve market for exactly $1,000.00",
      "buy",
    ]);
    expect(plan.simulation).to.equal("passes with the approval it needs");
    expect(await nonce("carol")).to.equal(before);
    const refused = await refusal(
      act(["investor", "buy"], { as: "frank", offeringId: "1", shares: "1", dryRun: true }),
    );
    expect(refused.decoded?.name).to.equal("ERC7943CannotReceive");
  });

  it("refuses every malformed input before anything is sent, naming the option and what it accepts", async function () {
    const cases: [keyof typeof IDX, string[], Record<string, unknown>, RegExp][] = [
      [
        "bob",
        ["investor", "buy"],
        { offeringId: "abc", shares: "1" },
        /^offeringId "abc": not a whole number; expected a whole number like 1 or 3$/,
      ],
      [
        "bob",
        ["investor", "buy"],
        { offeringId: "1", shares: "150%" },
        /^shares "150%": more than the whole supply \(100%\); expected shares like 10000 or 2\.5, or a percentage of the supply like 1%$/,
      ],
      ["bob", ["investor", "buy"], { offeringId: "1", shares: "-5" }, /^shares "-5": negative; expected shares/],
      [
        "dave",
        ["owner", "open-offering"],
        { shares: "100", price: "$5", start: "now+8d" },
        /^--price "\$5": this amount is in ETH, not dollars; expected an amount of ETH like 0\.5 or 0\.5 ETH$/,
      ],
      [
        "alice",
        ["owner", "sign-transfer"],
        { from: "bob", to: "carol", shares: "1", deadline: "2020-01-01" },
        /^--deadline "2020-01-01": 2020-01-01 23:59:59 UTC \(\d+\.\d y ago\) is not in the future; expected a later time/,
      ],
      [
        "bob",
        ["info", "cap-table"],
        { token: aliceToken, chunk: "abc" },
        /^--chunk "abc": not a whole number; expected a whole number from 1 to 1,000,000$/,
      ],
      [
        "bob",
        ["info", "cap-table"],
        { token: aliceToken, fromBlock: "999999" },
        /^--from-block "999999": after the latest block; expected a block number from 0 to the latest block, \d+$/,
      ],
      [
        "registrar",
        ["registrar", "verify"],
        { investor: "frank", days: "abc" },
        /^--days "abc": not a whole number; expected a whole number from 1 to 36,500$/,
      ],
      [
        "registrar",
        ["registrar", "verify"],
        { investor: "frank", days: "30", evidence: "0x1234" },
        /^--evidence "0x1234": a 0x value must be a 32-byte hash \(64 hex digits\); expected the record's text \(it is hashed\) or its 0x 32-byte hash$/,
      ],
      [
        "alice",
        ["owner", "kick"],
        { holder: "nobody", yes: true },
        /^holder "nobody": not an address, a known name or an account index/,
      ],
    ];
    for (const [as, id, args, message] of cases) {
      const error = await refusedWithNothingSent(as, id, args);
      expect(error.message, `${id.join(" ")} ${JSON.stringify(args)}`).to.match(message);
    }
    // The table from the token's first block is right; a later --from-block would miss transfers and is refused.
    const latest = await ethers.provider.getBlockNumber();
    const late = await refusal(act(["info", "cap-table"], { token: aliceToken, fromBlock: String(latest) }));
    expect(late.message).to.match(
      /^--from-block "\d+": the token was created in block \d+, so a scan from block \d+ would miss its first transfers/,
    );
  });

  it("refuses the last admin revoking itself, and asks before a kick, enabling an asset or a non-owner's distribution", async function () {
    const last = await refusedWithNothingSent("admin", ["admin", "revoke-role"], { role: "admin", account: "admin" });
    expect(last.message).to.match(
      /^admin is the last admin: revoking it would leave nobody able to appoint registrars or arbiters/,
    );
    await act(["owner", "distribute"], { as: "alice", amount: "100" }); // opens the mUSD book: others may add to it
    const daiAddress = await (await ethers.deployContract("MockERC20", ["Mock DAI", "DAI", 18])).getAddress();
    const questions: string[] = [];
    const no: CliSession = { ...trusted, confirm: async (question) => (questions.push(question), false) };
    for (const [as, id, args] of [
      ["alice", ["owner", "kick"], { holder: "carol" }],
      ["alice", ["owner", "enable-asset"], { asset: daiAddress }],
      ["bob", ["owner", "distribute"], { token: aliceToken, amount: "1" }],
    ] as [keyof typeof IDX, string[], Record<string, unknown>][]) {
      const before = await nonce(as);
      const error = await refusal(act(id, { as, ...args }, no));
      expect(error.message).to.equal("Not confirmed: nothing was sent (pass --yes to skip the question)");
      expect(await nonce(as)).to.equal(before);
    }
    expect(questions[0]).to.equal(
      "Kick carol out of ALICE: buy back 1,000 shares at $5.00 per share ($5,000.00 in total)? This cannot be undone",
    );
    expect(questions[1]).to.equal(`Accept DAI (${daiAddress}) for ALICE token's distributions, for good?`);
    expect(questions[2]).to.equal("bob is not the owner of ALICE: give away $1.00 to its holders, for good?");
    // --yes answers for the user.
    const yes = await act(["owner", "kick"], { as: "alice", holder: "carol", yes: true }, no);
    expect(yes.sharesBoughtBack).to.equal(1_000n * SHARE);
    expect(questions).to.have.length(3);
  });

  it("stores only the keccak256 of the evidence text and prints it; takes a 0x hash as is; --until a date is its last second", async function () {
    const hash = keccakId("kyc case 1841");
    const verified = await act(["registrar", "verify"], {
      as: "registrar",
      investor: "frank",
      evidence: "kyc case 1841",
      until: "2030-06-30",
    });
    expect(verified.evidence).to.equal(hash);
    expect(verified.verifiedUntil).to.equal(BigInt(Date.UTC(2030, 5, 30, 23, 59, 59) / 1000));
    const ctx = await ctxFor("registrar");
    const registry = ctx.registry();
    const [event] = await registry.queryFilter(
      registry.filters.InvestorVerified(who.frank.address),
      verified.txs[0].blockNumber,
    );
    expect(event.args.evidence).to.equal(hash);
    const given = "0x" + "ab".repeat(32);
    expect(
      (await act(["registrar", "verify"], { as: "registrar", investor: "frank", evidence: given })).evidence,
    ).to.equal(given);
  });

  it("says plainly why nothing is sent for a no-op: a cancelled offering, a plain offering's settle, an unchanged pro-rata right", async function () {
    await act(["owner", "cancel-offering"], { as: "dave", offeringId: "2" });
    const again = await refusedWithNothingSent("dave", ["owner", "cancel-offering"], { offeringId: "2" });
    expect(again.message).to.equal("Offering 2 is already cancelled: nothing was sent");
    const plain = await refusedWithNothingSent("bob", ["investor", "settle"], { offeringId: "1" });
    expect(plain.message).to.equal(
      "Offering 1 is not all-or-nothing (no minimum raise): its purchases were delivered at once, there is nothing to settle",
    );
    await act(["owner", "set-pro-rata"], { as: "alice", holder: "frank", hasRight: "false" });
    const unchanged = await refusedWithNothingSent("alice", ["owner", "set-pro-rata"], {
      holder: "frank",
      hasRight: "false",
    });
    expect(unchanged.message).to.equal("frank has no pro-rata right: nothing to change, nothing was sent");
    const role = hre.tasks.getTask(["admin", "grant-role"]).positionalArguments[0];
    expect(role.description).to.contain("admin");
  });

  it("lists offerings and listings, open ones first, with what the caller may do", async function () {
    const { offerings } = await act(["info", "offerings"], { as: "bob" });
    expect(offerings.map((o: { offeringId: bigint; status: string }) => [o.offeringId, o.status])).to.deep.equal([
      [1n, "open"],
      [2n, "cancelled"],
    ]);
    expect(offerings[0].youMay).to.deep.equal(["investor buy 1 <shares>"]);
    expect((await act(["info", "offerings"], { as: "alice", token: aliceToken })).offerings[0].youMay).to.deep.equal([
      "owner cancel-offering 1",
    ]);
    const listed = await act(["investor", "list"], { as: "bob", token: aliceToken, shares: "50", price: "6" });
    const { listings } = await act(["info", "listings"], { as: "alice" });
    expect(listings[0]).to.deep.include({
      listingId: listed.listingId,
      status: "awaiting approval",
      remaining: 50n * SHARE,
    });
    expect(listings[0].youMay).to.deep.equal([
      `investor fill ${listed.listingId} <shares> --approval <the owner's signature>`,
      `owner approve-listing ${listed.listingId}`,
      `owner sign-listing ${listed.listingId}`,
    ]);
  });

  it("claims across every token and asset without --token; shows token addresses, frozen and locked shares", async function () {
    await act(["owner", "open-offering"], { as: "dave", shares: "10000", price: "0.001", start: "now+1d" });
    await networkHelpers.time.increase(86_401);
    await act(["investor", "buy"], { as: "bob", offeringId: "3", shares: "100" });
    await act(["owner", "distribute"], { as: "alice", amount: "1000" });
    await act(["owner", "distribute"], { as: "dave", amount: "1", asset: "eth" });
    const claimed = await act(["investor", "claim"], { as: "bob" });
    expect(
      claimed.claims.map((c: { token: string; symbol: string; display: string }) => [c.token, c.symbol, c.display]),
    ).to.deep.equal([
      [aliceToken, "mUSD", "$0.11"],
      [daveToken, "ETH", "0.0001 ETH"],
    ]);
    await act(["arbiter", "freeze"], { as: "arbiter", token: aliceToken, account: "bob", shares: "40" });
    await act(["owner", "grant"], { as: "alice", to: "bob", shares: "10", start: "now+1d" });
    const folio = await act(["info", "portfolio"], { address: "bob" });
    expect(
      folio.holdings.map((h: { token: string; frozen: bigint; locked: bigint }) => [h.token, h.frozen, h.locked]),
    ).to.deep.equal([
      [aliceToken, 40n * SHARE, 10n * SHARE],
      [daveToken, 0n, 0n],
    ]);
    const table = (await act(["info", "cap-table"], { token: aliceToken })) as CapTable;
    expect(table.rows.find((r) => r.holder === who.bob.address)).to.deep.include({
      frozen: 40n * SHARE,
      locked: 10n * SHARE,
    });
  });

  it("formats times relative to the chain, money without noise, and links public networks to their explorer", async function () {
    expect(formatWhen(1_060n, 1_000n)).to.equal("1970-01-01 00:17:40 UTC (in 1 min)");
    expect(formatWhen(1_000n, 1_012n)).to.equal("1970-01-01 00:16:40 UTC (12 s ago)");
    expect(formatMoney({ address: "", symbol: "ETH", decimals: 18, isEth: true }, 19_997_600_287_965_444n)).to.equal(
      "0.019998 ETH",
    );
    const sepolia = new Context({ ethers, addresses: {}, chainId: 11_155_111n });
    expect(sepolia.explorerTx("0x" + "1".repeat(64))).to.equal(`https://sepolia.etherscan.io/tx/0x${"1".repeat(64)}`);
    expect(new Context({ ethers, addresses: {}, chainId: 31_337n }).explorerTx("0x" + "1".repeat(64))).to.equal(
      undefined,
    );
  });

  it("offers a mock USD for the local chain (Ignition module and local mint-usd), and git ignores local records", async function () {
    const { usd: mock } = await ignition.deploy(MockUSDModule);
    const address = await mock.getAddress();
    expect(await mock.getFunction("balanceOf")(who.deployer.address)).to.equal(1_000_000n * USD);
    const minted = await act(["local", "mint-usd"], { as: "frank", to: "dave", amount: "2500", usd: address });
    expect(minted.display).to.deep.equal({ amount: "$2,500.00", balance: "$2,500.00" });
    // Every record of the local chain, a person's token included, stays out of git; public networks' records do not.
    const ignored = (file: string) =>
      spawnSync("git", ["check-ignore", "-q", file], { cwd: hre.config.paths.root }).status === 0;
    expect(ignored("deploy/deployments/chain-31337-token-ALICE/deployed_addresses.json")).to.equal(true);
    expect(ignored("deploy/deployments/chain-31337-mock-usd/deployed_addresses.json")).to.equal(true);
    expect(ignored("deploy/deployments/chain-11155111-token-ALICE/deployed_addresses.json")).to.equal(false);
  });

  it("on a never-built clone, a task says to build first instead of Hardhat's bare HHE411", async function () {
    const missing = new Error(
      "Cannot find module '/repo/types/ethers-contracts/index.js' imported from /repo/tasks/lib/context.ts",
    );
    const loaded = await loadOrExplain(() => Promise.reject(missing))();
    const previous = process.exitCode;
    const printed: string[] = [];
    const original = console.error;
    console.error = (line: string) => printed.push(line);
    try {
      await (loaded.default as () => Promise<void>)();
      expect(process.exitCode).to.equal(1);
    } finally {
      console.error = original;
      process.exitCode = previous;
    }
    expect(printed).to.deep.equal([`Error: ${NOT_BUILT}`]);
    expect(NOT_BUILT).to.contain("npx hardhat build");
    // Any other failure to load is not hidden.
    await refusalOf(loadOrExplain(() => Promise.reject(new Error("syntax error")))(), /syntax error/);
  });

  async function refusalOf(promise: Promise<unknown>, message: RegExp) {
    try {
      await promise;
    } catch (error) {
      expect(String(error)).to.match(message);
      return;
    }
    expect.fail("expected a failure");
  }

  async function ctxFor(as: keyof typeof IDX) {
    return createContext(hre, { as: String(IDX[as]) }, trusted);
  }
});
