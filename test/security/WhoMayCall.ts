import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { BaseContract } from "ethers";
import { deployWithToken, ethers, memo, networkHelpers, SHARE, ZERO_ADDRESS } from "../helpers/fixtures.js";
import type { Holdings } from "../../types/ethers-contracts/index.js";

// One table per guard: every function a role holds, called by everyone else who could try, refused with the guard's
// own error naming the caller, and nothing changed. The stories under test/token, test/market … show what each
// function does when the right caller calls it.

const { loadFixture } = networkHelpers;

type System = Awaited<ReturnType<typeof deployWithHolder>>;
type Call = (f: System, caller: HardhatEthersSigner) => Promise<unknown>;

interface Guarded {
  name: string;
  call: Call;
}

interface Guard {
  /** "only the token's owner may …" */
  rule: string;
  /** The contract whose error the refusal carries. */
  contract: (f: System) => BaseContract;
  error: string;
  /** Extra arguments of the error after the caller. */
  extraArgs?: (f: System) => Promise<unknown[]>;
  /** Who tries: everyone with a reason to, except the role itself. */
  callers: (f: System) => [string, HardhatEthersSigner][];
  functions: Guarded[];
}

const DAY = 86_400n;

const GUARDS: Guard[] = [
  {
    rule: "only the token's owner may issue, grant, set rights, readmit, lower the cap, give permissions or move ownership",
    contract: (f) => f.token,
    error: "OwnableUnauthorizedAccount",
    callers: (f) => [
      ["a holder", f.bob],
      ["the arbiter", f.arbiter],
      ["a stranger", f.mallory],
    ],
    functions: [
      { name: "issue", call: (f, c) => f.token.connect(c).issue(f.bob.address, SHARE) },
      { name: "grant", call: (f, c) => f.token.connect(c).grant(f.bob.address, SHARE, 0n, 0n, DAY, memo("help")) },
      { name: "cancelGrant", call: (f, c) => f.token.connect(c).cancelGrant(f.bob.address) },
      { name: "setProRataRight", call: (f, c) => f.token.connect(c).setProRataRight(f.bob.address, false) },
      { name: "readmit", call: (f, c) => f.token.connect(c).readmit(f.bob.address) },
      { name: "lowerCap", call: (f, c) => f.token.connect(c).lowerCap(1_000) },
      {
        name: "approveTransfer",
        call: (f, c) => f.token.connect(c).approveTransfer(f.bob.address, f.carol.address, SHARE),
      },
      { name: "cancelApproval", call: (f, c) => f.token.connect(c).cancelApproval(1n) },
      { name: "transferOwnership", call: (f, c) => f.token.connect(c).transferOwnership(f.carol.address) },
      { name: "renounceOwnership", call: (f, c) => f.token.connect(c).renounceOwnership() },
    ],
  },
  {
    rule: "only the arbiter may force transfers, freeze, pause, unpause or recover ownership",
    contract: (f) => f.token,
    error: "CallerNotArbiter",
    callers: (f) => [
      ["the owner", f.alice],
      ["the registrar", f.registrar],
      ["a stranger", f.mallory],
    ],
    functions: [
      {
        name: "forcedTransfer",
        call: (f, c) => f.token.connect(c).forcedTransfer(f.alice.address, f.bob.address, SHARE),
      },
      { name: "setFrozenTokens", call: (f, c) => f.token.connect(c).setFrozenTokens(f.alice.address, SHARE) },
      { name: "pause", call: (f, c) => f.token.connect(c).pause() },
      { name: "unpause", call: (f, c) => f.token.connect(c).unpause() },
      { name: "recoverOwnership", call: (f, c) => f.token.connect(c).recoverOwnership(f.carol.address) },
    ],
  },
  {
    rule: "only the market may settle trades, kick out, use listing approvals or write the reservation",
    contract: (f) => f.token,
    error: "CallerNotMarket",
    callers: (f) => [
      ["the owner", f.alice],
      ["the arbiter", f.arbiter],
      ["a stranger", f.mallory],
    ],
    functions: [
      {
        name: "settleTrade",
        call: (f, c) => f.token.connect(c).settleTrade(f.alice.address, f.bob.address, SHARE, 1n, 1n),
      },
      { name: "kickOut", call: (f, c) => f.token.connect(c).kickOut(f.bob.address) },
      {
        name: "useListingApproval",
        call: (f, c) => f.token.connect(c).useListingApproval(f.bob.address, SHARE, 1n, ZERO_ADDRESS, 0n, 1n, 0n, "0x"),
      },
      { name: "openReservation", call: (f, c) => f.token.connect(c).openReservation(SHARE, 1n, true) },
      { name: "updateReservation", call: (f, c) => f.token.connect(c).updateReservation(0n, true) },
      { name: "closeReservation", call: (f, c) => f.token.connect(c).closeReservation() },
    ],
  },
  {
    rule: "only the token's owner may open or cancel its offerings, approve or revoke listings and kick, at the market",
    contract: (f) => f.market,
    error: "OwnableUnauthorizedAccount",
    callers: (f) => [
      ["a holder", f.bob],
      ["the arbiter", f.arbiter],
      ["a stranger", f.mallory],
    ],
    functions: [
      { name: "openOffering", call: openOffering },
      { name: "cancelOffering", call: (f, c) => f.market.connect(c).cancelOffering(1n) },
      { name: "approveListing", call: (f, c) => f.market.connect(c).approveListing(1n) },
      { name: "revokeListingApproval", call: (f, c) => f.market.connect(c).revokeListingApproval(1n) },
      { name: "kick", call: async (f, c) => f.market.connect(c).kick(await f.token.getAddress(), f.bob.address, 0n) },
    ],
  },
  {
    rule: "only the seller may cancel its listing",
    contract: (f) => f.market,
    error: "CallerNotSeller",
    callers: (f) => [
      ["the token's owner", f.alice],
      ["the arbiter", f.arbiter],
      ["a stranger", f.mallory],
    ],
    functions: [{ name: "cancelListing", call: (f, c) => f.market.connect(c).cancelListing(1n) }],
  },
  {
    rule: "only the registrar may verify, revoke, ban or unban",
    contract: (f) => f.registry,
    error: "AccessControlUnauthorizedAccount",
    extraArgs: async (f) => [await f.registry.REGISTRAR_ROLE()],
    callers: (f) => [
      ["the admin", f.admin],
      ["the arbiter", f.arbiter],
      ["a stranger", f.mallory],
    ],
    functions: [
      { name: "verify", call: (f, c) => f.registry.connect(c).verify(f.mallory.address, 2n ** 40n, memo("kyc")) },
      { name: "revoke", call: (f, c) => f.registry.connect(c).revoke(f.bob.address, memo("expired")) },
      { name: "ban", call: (f, c) => f.registry.connect(c).ban(f.bob.address, memo("fraud")) },
      { name: "unban", call: (f, c) => f.registry.connect(c).unban(f.bob.address) },
    ],
  },
  {
    rule: "only the market may record a kick in the registry",
    contract: (f) => f.registry,
    error: "CallerNotMarket",
    callers: (f) => [
      ["the registrar", f.registrar],
      ["a token's owner", f.alice],
      ["a stranger", f.mallory],
    ],
    functions: [{ name: "recordKick", call: (f, c) => f.registry.connect(c).recordKick(f.bob.address) }],
  },
  {
    rule: "only the token's owner may enable an asset in its distributor",
    contract: (f) => f.distributor,
    error: "OwnableUnauthorizedAccount",
    callers: (f) => [
      ["a holder", f.bob],
      ["the arbiter", f.arbiter],
      ["a stranger", f.mallory],
    ],
    functions: [{ name: "enableAsset", call: (f, c) => f.distributor.connect(c).enableAsset(f.mallory.address) }],
  },
  {
    rule: "only the token may report balance changes to its distributor",
    contract: (f) => f.distributor,
    error: "CallerNotToken",
    callers: (f) => [
      ["the owner", f.alice],
      ["a holder", f.bob],
      ["a stranger", f.mallory],
    ],
    functions: [
      {
        name: "onBalanceChange",
        call: (f, c) => f.distributor.connect(c).onBalanceChange(f.alice.address, f.bob.address, SHARE),
      },
    ],
  },
  {
    rule: "only a token of the factory may report its own ownership move",
    contract: (f) => f.factory,
    error: "CallerNotToken",
    callers: (f) => [
      ["the token's owner", f.alice],
      ["the arbiter", f.arbiter],
      ["a stranger", f.mallory],
    ],
    functions: [
      {
        name: "recordOwnershipMove",
        call: (f, c) => f.factory.connect(c).recordOwnershipMove(f.alice.address, f.carol.address),
      },
    ],
  },
  {
    rule: "only the token's owner may act for its Holdings",
    contract: (f) => f.holdings,
    error: "OwnableUnauthorizedAccount",
    callers: (f) => [
      ["a holder", f.bob],
      ["the arbiter", f.arbiter],
      ["a stranger", f.mallory],
    ],
    functions: [
      {
        name: "depositCapital",
        call: async (f, c) => f.holdings.connect(c).depositCapital(await f.usd.getAddress(), 1n),
      },
      {
        name: "withdrawCapital",
        call: async (f, c) => f.holdings.connect(c).withdrawCapital(await f.usd.getAddress(), 1n),
      },
      { name: "pledge", call: async (f, c) => f.holdings.connect(c).pledge(await f.token.getAddress(), SHARE) },
      { name: "buyOffering", call: (f, c) => f.holdings.connect(c).buyOffering(1n, SHARE) },
      { name: "buyListing", call: (f, c) => f.holdings.connect(c).buyListing(1n, SHARE) },
      {
        name: "list",
        call: async (f, c) =>
          f.holdings.connect(c).list(await f.token.getAddress(), SHARE, 1n, ZERO_ADDRESS, 2n ** 40n),
      },
      { name: "cancelListing", call: (f, c) => f.holdings.connect(c).cancelListing(1n) },
      { name: "settlePending", call: async (f, c) => f.holdings.connect(c).settlePending(await f.usd.getAddress()) },
    ],
  },
  {
    rule: "only the market may report a Holdings' sale",
    contract: (f) => f.holdings,
    error: "CallerNotMarket",
    callers: (f) => [
      ["the token's owner", f.alice],
      ["the arbiter", f.arbiter],
      ["a stranger", f.mallory],
    ],
    functions: [
      {
        name: "onSale",
        call: async (f, c) =>
          f.holdings.connect(c).onSale(await f.token.getAddress(), await f.usd.getAddress(), c.address, SHARE, 1n),
      },
    ],
  },
  {
    rule: "only a personal token may report shares forced out of a Holdings",
    contract: (f) => f.holdings,
    error: "CallerNotToken",
    callers: (f) => [
      ["the token's owner", f.alice],
      ["the arbiter", f.arbiter],
      ["a stranger", f.mallory],
    ],
    functions: [{ name: "onForcedTransfer", call: (f, c) => f.holdings.connect(c).onForcedTransfer(SHARE) }],
  },
  {
    rule: "only the paying token's distributor may hand a Holdings a gain",
    contract: (f) => f.holdings,
    error: "CallerNotDistributor",
    callers: (f) => [
      ["the token's owner", f.alice],
      ["the arbiter", f.arbiter],
      ["a stranger", f.mallory],
    ],
    functions: [
      {
        name: "receiveGain",
        call: async (f, c) =>
          f.holdings.connect(c).receiveGain(await f.usd.getAddress(), 1n, await f.token.getAddress()),
      },
    ],
  },
  {
    rule: "only a Holdings may pledge shares at a token",
    contract: (f) => f.token,
    error: "CallerNotHoldings",
    callers: (f) => [
      ["the token's owner", f.alice],
      ["the arbiter", f.arbiter],
      ["a stranger", f.mallory],
    ],
    functions: [{ name: "pledge", call: (f, c) => f.token.connect(c).pledge(f.bob.address, SHARE) }],
  },
];

async function openOffering(f: Awaited<ReturnType<typeof deployWithToken>>, caller: HardhatEthersSigner) {
  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const terms = {
    token: await f.token.getAddress(),
    shares: SHARE,
    price: 1n,
    minPerInvestor: 0n,
    maxPerInvestor: 0n,
    start: now,
    end: now + DAY,
    priorityWindow: 0n,
    minRaise: 0n,
    dilutive: false,
  };
  return f.market.connect(caller).openOffering(terms, []);
}

/** Alice's token with Bob holding 1,000 shares and listing 100 of them, Alice's offering 1 open and her token's
 * Holdings created, so that each refused call would otherwise have had work to do. */
async function deployWithHolder() {
  const f = await deployWithToken();
  await f.token.connect(f.alice).transfer(f.bob.address, 1_000n * SHARE);
  await openOffering(f, f.alice);
  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  await f.market.connect(f.bob).list(await f.token.getAddress(), 100n * SHARE, 1n, ZERO_ADDRESS, now + DAY);
  await f.factory.createHoldings(await f.token.getAddress());
  const holdings = (await ethers.getContractAt(
    "Holdings",
    await f.factory.holdingsOf(await f.token.getAddress()),
  )) as unknown as Holdings;
  return { ...f, holdings };
}

describe("Who may call what", function () {
  for (const guard of GUARDS) {
    describe(guard.rule, function () {
      for (const fn of guard.functions) {
        it(`refuses ${fn.name} to anyone else, naming the caller, and changes nothing`, async function () {
          const f = await loadFixture(deployWithHolder);
          const extra = guard.extraArgs ? await guard.extraArgs(f) : [];
          for (const [who, caller] of guard.callers(f)) {
            await expect(fn.call(f, caller), `${fn.name} by ${who}`)
              .to.be.revertedWithCustomError(guard.contract(f), guard.error)
              .withArgs(caller.address, ...extra);
          }
          expect(await f.token.owner()).to.equal(f.alice.address);
          expect(await f.token.totalSupply()).to.equal(1_000_000n * SHARE);
          expect(await f.token.balanceOf(f.bob.address)).to.equal(1_000n * SHARE);
          expect(await f.token.paused()).to.equal(false);
          expect(await f.registry.isVerified(f.bob.address)).to.equal(true);
          expect((await f.market.listing(1n)).approved).to.equal(false);
          expect(await f.market.offeringCount()).to.equal(1n);
        });
      }
    });
  }
});
