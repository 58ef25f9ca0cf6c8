import { expect } from "chai";
import hre from "hardhat";
import { AbiCoder, getAddress, id as keccakId } from "ethers";
import { explanationOf } from "../../client/errors.ts";
import { INHERITED_ERROR_EXPLANATIONS } from "../../client/inherited-errors.ts";
import PersonalTokenSystem from "../../deploy/modules/PersonalTokenSystem.js";
import {
  AddressBook,
  CliError,
  buy,
  createContext,
  decodeRevertData,
  formatMoney,
  formatPercent,
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
import { refusal } from "../helpers/cli.js";

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
