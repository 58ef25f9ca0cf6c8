import { expect } from "chai";
import hre from "hardhat";
import { AbiCoder, getAddress, id as keccakId } from "ethers";
import { spawnSync } from "node:child_process";
import type { MockERC20 } from "../../types/ethers-contracts/index.js";
import { explanationOf } from "../../client/errors.ts";
import { INHERITED_ERROR_EXPLANATIONS } from "../../client/inherited-errors.ts";
import MockUSDModule from "../../deploy/modules/MockUSD.js";
import PersonalTokenSystem from "../../deploy/modules/PersonalTokenSystem.js";
import { NOT_BUILT, loadOrExplain } from "../../tasks/lib/define.js";
import {
  AddressBook,
  CliError,
  Context,
  DryRun,
  buy,
  createContext,
  decodeRevertData,
  formatMoney,
  formatPercent,
  formatWhen,
  inSession,
  makeContext,
  parseBps,
  parseDuration,
  parseMoney,
  parseShares,
  parseTime,
  tokenInfo,
  transfer,
  type CapTable,
  type CliSession,
  type FailedResult,
} from "../../tasks/api.js";

const SHARE = 10n ** 18n;
const USD = 10n ** 6n;

// Tasks connect with `hre.network.getOrCreate()`: deploy on that same in-process chain.
const connection = await hre.network.getOrCreate();
const { ethers, ignition, networkHelpers } = connection;

// The tasks run in-process with this session: the system deployed below, the accounts' names, quiet, throwing.
const names = new AddressBook();
const session: CliSession = { names, quiet: true, throwErrors: true };
const run = (id: string[], args: Record<string, unknown>, inThis: CliSession = session) =>
  inSession(inThis, () => hre.tasks.getTask(id).run(args));

/** Runs `promise`, which must fail, and returns the CliError with its decoded refusal. */
async function refusal(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CliError);
    return error as CliError;
  }
  expect.fail("expected a refusal");
}

describe("command line (tasks by role)", function () {
  this.timeout(120_000);

  const signers = {} as Record<string, { address: string }>;
  let token: string;
  let usd: string;
  let market: string;

  // Account indices among the connection's signers.
  const IDX = {
    deployer: 0,
    admin: 1,
    registrar: 2,
    arbiter: 3,
    alice: 4,
    bob: 5,
    carol: 6,
    dave: 7,
    mallory: 8,
    eve: 9,
    frank: 10,
  };

  before(async function () {
    const all = await ethers.getSigners();
    for (const [name, i] of Object.entries(IDX)) signers[name] = all[i];
    const deployed = await ignition.deploy(PersonalTokenSystem, {
      parameters: {
        PersonalTokenSystem: {
          admin: signers.admin.address,
          registrar: signers.registrar.address,
          arbiter: signers.arbiter.address,
        },
      },
    });
    market = await deployed.market.getAddress();
    session.addresses = {
      registry: await deployed.registry.getAddress(),
      factory: await deployed.factory.getAddress(),
      market,
    };
    names.add(Object.fromEntries(Object.entries(signers).map(([name, s]) => [s.address, name])));
    const mock = await ethers.deployContract("MockERC20", ["Mock USD", "mUSD", 6]);
    usd = await mock.getAddress();
    for (const name of ["alice", "bob", "carol", "dave", "mallory", "eve"]) {
      await mock.mint(signers[name].address, 1_000_000n * USD);
    }
  });

  it("parses and formats human units", function () {
    expect(parseShares("10000")).to.equal(10_000n * SHARE);
    expect(parseShares("2.5")).to.equal((25n * SHARE) / 10n);
    expect(parseShares("1%", 1_000_000n * SHARE)).to.equal(10_000n * SHARE);
    expect(parseShares("0.5%", 1_000_000n * SHARE)).to.equal(5_000n * SHARE);
    expect(parseMoney("66666.67", 6)).to.equal(66_666_670_000n);
    expect(parseMoney("$1,000", 6)).to.equal(1_000_000_000n);
    expect(() => parseMoney("1.0000001", 6)).to.throw(CliError, /at most 6 decimals/);
    expect(parseBps("20%")).to.equal(2000);
    expect(parseBps("2000bps")).to.equal(2000);
    expect(parseBps("0.5%")).to.equal(50);
    expect(parseDuration("365d")).to.equal(365n * 86_400n);
    expect(parseDuration("12h")).to.equal(43_200n);
    expect(parseDuration("90")).to.equal(90n);
    expect(parseTime("now+60s", 1_000n)).to.equal(1_060n);
    expect(parseTime("2030-01-01T00:00:00Z", 0n)).to.equal(1_893_456_000n);
    expect(formatMoney({ address: usd ?? "", symbol: "mUSD", decimals: 6, isEth: false }, 200_000_010_000n)).to.equal(
      "$200,000.01",
    );
    expect(formatMoney({ address: "", symbol: "ETH", decimals: 18, isEth: true }, 15n * 10n ** 17n)).to.equal(
      "1.50 ETH",
    );
    expect(formatPercent(10_000n, 1_000_000n)).to.equal("1%");
  });

  it("decodes Error(string), Panic and unknown selectors", function () {
    const coder = AbiCoder.defaultAbiCoder();
    const reason = decodeRevertData(
      keccakId("Error(string)").slice(0, 10) + coder.encode(["string"], ["nope"]).slice(2),
    );
    expect(reason.kind).to.equal("revert-string");
    expect(reason.message).to.contain('"nope"');
    const panic = decodeRevertData(
      keccakId("Panic(uint256)").slice(0, 10) + coder.encode(["uint256"], [0x11]).slice(2),
    );
    expect(panic.message).to.contain("overflow");
    const where = getAddress("0x00000000000000000000000000000000000000aa");
    const unknown = decodeRevertData("0xdeadbeef", where);
    expect(unknown.kind).to.equal("unknown-selector");
    expect(unknown.message).to.contain("0xdeadbeef").and.contain(where);
  });

  it("registrar verifies investors and bans a bad actor; info investor shows the record", async function () {
    for (const name of ["alice", "bob", "carol", "dave", "mallory", "eve"]) {
      await run(["registrar", "verify"], {
        investor: signers[name].address,
        as: String(IDX.registrar),
        evidence: "kyc",
      });
    }
    await run(["registrar", "ban"], { investor: "mallory", as: "registrar", reason: "fraud" });
    const record = await run(["info", "investor"], { address: "mallory" });
    expect(record).to.deep.include({ verified: false, banned: true, kickCount: 0n });
    expect((await run(["info", "investor"], { address: "bob" })).verified).to.equal(true);
  });

  it("refuses a non-registrar with the decoded AccessControl error", async function () {
    const error = await refusal(run(["registrar", "verify"], { investor: "frank", as: "bob" }));
    expect(error.decoded?.name).to.equal("AccessControlUnauthorizedAccount");
    expect(error.message).to.contain("REGISTRAR_ROLE");
  });

  it("owner creates a token and opens a sell-down offering; mentors buy 1% each", async function () {
    const created = await run(["owner", "create-token"], {
      as: "alice",
      name: "Alice",
      symbol: "ALICE",
      supply: "1000000",
      cap: "20%",
      quote: usd,
    });
    token = created.token;
    names.add({ [token]: "ALICE token", [usd]: "mUSD" });
    expect(created.supply).to.equal(1_000_000n * SHARE);
    const opened = await run(["owner", "open-offering"], {
      as: "alice",
      shares: "30000",
      price: "6.666667",
      maxPerInvestor: "10000",
    });
    expect(opened.offeringId).to.equal(1n);
    expect(opened.display.raiseIfSold).to.equal("$200,000.01");
    await networkHelpers.time.increase(61);
    for (const name of ["bob", "carol", "dave"]) {
      const bought = await run(["investor", "buy"], { as: name, offeringId: "1", shares: "1%" });
      expect(bought.shares).to.equal(10_000n * SHARE);
      expect(bought.paid).to.equal(66_666_670_000n);
      expect(bought.display.paid).to.equal("$66,666.67");
    }
  });

  it("refuses the banned buyer with the token's receiver error ERC7943CannotReceive, as a task and as a function", async function () {
    const error = await refusal(run(["investor", "buy"], { as: "mallory", offeringId: "1", shares: "100" }));
    expect(error.decoded?.name).to.equal("ERC7943CannotReceive");
    expect(error.decoded?.args.account).to.equal(signers.mallory.address);
    // Addresses by name, then the error's one explanation: its @notice, from the compiler's output.
    expect(error.decoded?.explanation).to.equal(explanationOf("ERC7943CannotReceive"));
    expect(error.message).to.equal(
      "ERC7943CannotReceive(account=mallory): The receiver is neither the owner nor an investor verified by the registrar.",
    );

    const ctx = await createContext(hre, { as: String(IDX.mallory) }, session);
    const direct = await refusal(buy(ctx, { offeringId: 1n, shares: 100n * SHARE }));
    expect(direct.decoded?.name).to.equal("ERC7943CannotReceive");

    // From a terminal: no throw, the decoded error is returned and the exit code set.
    const previous = process.exitCode;
    try {
      const failed = (await run(
        ["investor", "buy"],
        { as: "mallory", offeringId: "1", shares: "100" },
        { ...session, throwErrors: false },
      )) as FailedResult;
      expect(failed.ok).to.equal(false);
      expect(failed.error.name).to.equal("ERC7943CannotReceive");
      expect(process.exitCode).to.equal(1);
    } finally {
      process.exitCode = previous;
    }
  });

  it("refuses a mentor's first ETH distribution with the decoded AssetBookNotOpen: only the owner opens an asset", async function () {
    const error = await refusal(run(["owner", "distribute"], { as: "bob", token, amount: "1", asset: "eth" }));
    expect(error.decoded?.name).to.equal("AssetBookNotOpen");
    expect(error.decoded?.args.caller).to.equal(signers.bob.address);
    expect(error.message).to.match(
      /^AssetBookNotOpen\(asset=ETH, caller=bob\): Only the token.s owner may make the first distribution/,
    );
    expect(error.decoded?.explanation).to.equal(explanationOf("AssetBookNotOpen"));
  });

  it("owner distributes a gain; a mentor claims exactly its share", async function () {
    const distributed = await run(["owner", "distribute"], { as: "alice", amount: "500000", memo: "company-sale" });
    expect(distributed.amount).to.equal(500_000n * USD);
    const claimed = await run(["investor", "claim"], { as: "bob", token });
    expect(claimed.claims).to.have.length(1);
    expect(claimed.claims[0].amount).to.equal(5_000n * USD);
    expect(claimed.claims[0].display).to.equal("$5,000.00");
  });

  it("prints the cap table rebuilt from Transfer logs in small chunks", async function () {
    const table = (await run(["info", "cap-table"], { token, chunk: "3" })) as CapTable;
    const byName = Object.fromEntries(table.rows.map((r) => [r.name ?? r.holder, r]));
    expect(table.rows[0].isOwner).to.equal(true);
    expect(byName.alice.shares).to.equal(970_000n * SHARE);
    expect(byName.alice.percent).to.equal("97%");
    expect(byName.bob.shares).to.equal(10_000n * SHARE);
    expect(byName.bob.percent).to.equal("1%");
    expect(byName.bob.claimable[usd]).to.equal(0n);
    expect(byName.carol.claimable[usd]).to.equal(5_000n * USD);
    expect(byName.alice.claimable[usd]).to.equal(485_000n * USD);
  });

  it("moves shares with the owner's signed transfer approval", async function () {
    const bundle = await run(["owner", "sign-transfer"], { as: "alice", from: "bob", to: "eve", shares: "5000" });
    expect(bundle.type).to.equal("TransferApproval");
    const moved = await run(["investor", "transfer"], {
      as: "bob",
      to: "eve",
      shares: "5000",
      approval: JSON.stringify(bundle),
    });
    expect(moved.withSignature).to.equal(true);
    const ctx = await createContext(hre, {}, session);
    expect(await ctx.token(token).balanceOf(signers.eve.address)).to.equal(5_000n * SHARE);
    // The same signature cannot be used twice.
    const replay = await refusal(transfer(ctx.as(IDX.bob), { to: "eve", shares: "5000", approval: bundle }));
    expect(replay.decoded?.name).to.equal("ApprovalNonceAlreadyUsed");
  });

  it("refuses a move to an unverified receiver with ERC7943CannotReceive", async function () {
    await run(["owner", "approve-transfer"], { as: "alice", from: "bob", to: "frank", shares: "100" });
    const error = await refusal(run(["investor", "transfer"], { as: "bob", to: "frank", shares: "100", token }));
    expect(error.decoded?.name).to.equal("ERC7943CannotReceive");
    expect(error.decoded?.args.account).to.equal(signers.frank.address);
  });

  it("refuses a non-owner with OwnableUnauthorizedAccount", async function () {
    const error = await refusal(run(["owner", "issue"], { as: "bob", to: "carol", shares: "10", token }));
    expect(error.decoded?.name).to.equal("OwnableUnauthorizedAccount");
    // An inherited OpenZeppelin error: its explanation is its line in client/inherited-errors.ts.
    expect(error.message).to.equal(
      `OwnableUnauthorizedAccount(account=bob): ${INHERITED_ERROR_EXPLANATIONS["OwnableUnauthorizedAccount(address)"]}`,
    );
  });

  it("refuses a kick by a non-owner with the market's OwnableUnauthorizedAccount", async function () {
    const error = await refusal(run(["owner", "kick"], { as: "bob", holder: "carol", token, price: "10" }));
    expect(error.decoded?.name).to.equal("OwnableUnauthorizedAccount");
    expect(error.decoded?.args.account).to.equal(signers.bob.address);
  });

  it("fills a listing with the owner's signed listing approval", async function () {
    const listed = await run(["investor", "list"], { as: "eve", token, shares: "2000", price: "7" });
    const bundle = await run(["owner", "sign-listing"], { as: "alice", listingId: listed.listingId.toString() });
    const filled = await run(["investor", "fill"], {
      as: "bob",
      listingId: listed.listingId.toString(),
      shares: "2000",
      approval: JSON.stringify(bundle),
    });
    expect(filled.paid).to.equal(14_000n * USD);
    expect(filled.withSignature).to.equal(true);
  });

  it("owner kicks a mentor at no less than the last price; he withdraws the buyback and still claims", async function () {
    const kicked = await run(["owner", "kick"], { as: "alice", holder: "dave" });
    expect(kicked.sharesBoughtBack).to.equal(10_000n * SHARE);
    expect(kicked.pricePerShare).to.equal(7_000_000n); // the listing fill set the last price to $7
    expect(kicked.paid).to.equal(70_000n * USD);
    const withdrawn = await run(["investor", "withdraw"], { as: "dave", token });
    expect(withdrawn.withdrawals).to.have.length(1);
    expect(withdrawn.withdrawals[0].amount).to.equal(70_000n * USD);
    const claimed = await run(["investor", "claim"], { as: "dave", token, asset: "quote" });
    expect(claimed.claims[0].amount).to.equal(5_000n * USD);
    const record = await run(["info", "investor"], { address: "dave" });
    expect(record.kickCount).to.equal(1n);
  });

  it("shows token info and a portfolio", async function () {
    const info = await run(["info", "token"], { as: "alice" });
    expect(info).to.deep.include({ symbol: "ALICE", capBps: 2000, lastPrice: 7_000_000n, paused: false });
    expect(info.latestOffering.offeringId).to.equal(1n);
    expect(info.latestOffering.sold).to.equal(30_000n * SHARE);
    // The same action as a function, on a context built from a connection the caller holds.
    const direct = await tokenInfo(await makeContext(ethers, undefined, session), { token });
    expect(direct.outsideShares).to.equal(info.outsideShares);
    const folio = await run(["info", "portfolio"], { address: "carol" });
    expect(folio.holdings[0].shares).to.equal(10_000n * SHARE);
    expect(folio.holdings[0].claimable[0].amount).to.equal(5_000n * USD);
  });

  it("arbiter reverses a move with a forced transfer; admin manages roles", async function () {
    await run(["arbiter", "force-transfer"], { as: "arbiter", token, from: "eve", to: "bob", shares: "3000" });
    const ctx = await createContext(hre, {}, session);
    expect(await ctx.token(token).balanceOf(signers.eve.address)).to.equal(0n);
    const granted = await run(["admin", "grant-role"], { as: "admin", role: "arbiter", account: "frank" });
    expect(granted.hasRole).to.equal(true);
    const revoked = await run(["admin", "revoke-role"], { as: "admin", role: "arbiter", account: "frank" });
    expect(revoked.hasRole).to.equal(false);
  });
  it("covers the remaining registrar, owner, investor and arbiter tasks", async function () {
    const ctx = await createContext(hre, {}, session);
    const t = ctx.token(token);
    // Registrar: verify until a date, revoke, unban.
    const now = await ctx.now(); // the task reads the same latest block: no block is mined in between
    const verified = await run(["registrar", "verify"], { as: "registrar", investor: "frank", until: "now+30d" });
    expect(verified.verifiedUntil - now).to.be.closeTo(30n * 86_400n, 5n);
    await run(["registrar", "revoke"], { as: "registrar", investor: "frank", reason: "expired documents" });
    await run(["registrar", "unban"], { as: "registrar", investor: "mallory" });
    expect((await run(["info", "investor"], { address: "mallory" })).banned).to.equal(false);

    // Offerings: the first must end before the next; an all-or-nothing one is cancelled and refunded.
    await networkHelpers.time.increase(8 * 86_400);
    const opened = await run(["owner", "open-offering"], {
      as: "alice",
      shares: "1000",
      price: "7",
      minRaise: "1000000",
      duration: "1d",
    });
    await networkHelpers.time.increase(61);
    const pending = await run(["investor", "buy"], {
      as: "bob",
      offeringId: opened.offeringId.toString(),
      shares: "100",
    });
    expect(pending.settled).to.equal(false);
    await run(["owner", "cancel-offering"], { as: "alice", offeringId: opened.offeringId.toString() });
    const settled = await run(["investor", "settle"], {
      as: "carol",
      offeringId: opened.offeringId.toString(),
      buyer: "bob",
    });
    expect(settled).to.deep.include({ delivered: false, paid: 700n * USD });
    const refund = await run(["investor", "withdraw"], { as: "bob", asset: "quote", token });
    expect(refund.withdrawals[0].amount).to.equal(700n * USD);

    // Listings: cancel one; approve another on-chain and fill it.
    const first = await run(["investor", "list"], { as: "carol", token, shares: "100", price: "8", expiry: "1d" });
    await run(["investor", "cancel-listing"], { as: "carol", listingId: first.listingId.toString() });
    const second = await run(["investor", "list"], { as: "carol", token, shares: "100", price: "8", buyer: "bob" });
    await run(["owner", "approve-listing"], { as: "alice", listingId: second.listingId.toString() });
    expect(
      (await run(["investor", "fill"], { as: "bob", listingId: second.listingId.toString(), shares: "100" })).paid,
    ).to.equal(800n * USD);

    // Owner: grants, issue, pro-rata, assets, readmit, cap, signatures.
    const granted = await run(["owner", "grant"], { as: "alice", to: "eve", shares: "0.5%", reason: "help" });
    expect(granted.amount).to.equal(5_000n * SHARE);
    const cancelled = await run(["owner", "cancel-grant"], { as: "alice", holder: "eve" });
    expect(cancelled.returned).to.be.closeTo(5_000n * SHARE, 1n * SHARE);
    const supply = await t.totalSupply();
    await run(["owner", "issue"], { as: "alice", to: "bob", shares: "100" });
    expect(await t.totalSupply()).to.equal(supply + 100n * SHARE);
    await run(["owner", "set-pro-rata"], { as: "alice", holder: "bob", hasRight: "false" });
    expect(await t.hasProRataRight(signers.bob.address)).to.equal(false);
    const dai = await ethers.deployContract("MockERC20", ["Mock DAI", "DAI", 18]);
    const enabled = await run(["owner", "enable-asset"], { as: "alice", asset: await dai.getAddress() });
    expect(enabled.acceptedAssets).to.include(await dai.getAddress());
    await run(["owner", "readmit"], { as: "alice", holder: "dave" });
    expect(await t.isKicked(signers.dave.address)).to.equal(false);
    expect((await run(["owner", "lower-cap"], { as: "alice", cap: "15%" })).capBps).to.equal(1500);
    await run(["owner", "cancel-signature"], { as: "alice", nonce: "42" });
    expect(await t.nonceUsed(42n)).to.equal(true);

    // Arbiter: freeze, pause, unpause.
    expect(
      (await run(["arbiter", "freeze"], { as: "arbiter", token, account: "carol", shares: "1000" })).frozen,
    ).to.equal(1_000n * SHARE);
    expect((await run(["arbiter", "pause"], { as: "arbiter", token })).paused).to.equal(true);
    const paused = await refusal(run(["investor", "transfer"], { as: "bob", to: "carol", shares: "1", token }));
    expect(paused.decoded?.name).to.equal("EnforcedPause");
    expect((await run(["arbiter", "unpause"], { as: "arbiter", token })).paused).to.equal(false);

    // Ownership: moved to Eve's wallet (accepted), then recovered by the arbiter to Frank's.
    await run(["owner", "transfer-ownership"], { as: "alice", newOwner: "eve" });
    expect((await run(["investor", "accept-ownership"], { as: "eve", token })).owner).to.equal(signers.eve.address);
    await run(["registrar", "verify"], { as: "registrar", investor: "frank" });
    const recovered = await run(["arbiter", "recover-owner"], { as: "arbiter", token, newWallet: "frank" });
    expect(recovered).to.deep.include({ previousOwner: signers.eve.address, owner: signers.frank.address });
  });
});

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
