import { emptyTask } from "hardhat/config";
import type { TaskDefinition } from "hardhat/types/tasks";
import { arg, define, flag, option, required, tokenOption } from "./lib/define.js";

/**
 * The command line: Hardhat tasks grouped by role. Run `npx hardhat <group> --help` or `npx hardhat <group> <task>
 * --help`. Every task takes `--as <address|index>` (the signer), `--json`, `--registry/--factory/--market` or
 * `--deployment <id>` (the Ignition record, default `chain-<chainId>`), `--names <JSON or file>` and `--network`.
 *
 * Each task's arguments are declared here once, against the parameter type of its action
 * (tasks/actions/<group>-<task>.ts): a spec that misspells, omits or mistypes a parameter does not compile
 * (tasks/lib/define.ts).
 */

const shares = () => arg('Shares: "10000", "2.5" or a percentage of the supply, "1%"');
const account = (what: string) => arg(`${what}: address, known name or account index`);

export const tasks: TaskDefinition[] = [
  // ───────────────────────────── registrar ─────────────────────────────
  emptyTask("registrar", "Registrar: verify, revoke, ban and unban investors").build(),
  define(
    ["registrar", "verify"],
    "Verify an investor until a date (default one year)",
    {
      investor: account("Investor"),
      days: option("Days of validity (ignored with --until)", "365"),
      until: option(
        "Last second of validity: unix seconds, a date (2027-06-30: the end of that day, UTC), a date and time, or now+<duration>",
      ),
      evidence: option("Off-chain record: its text (only its keccak256 is stored) or a 0x 32-byte hash"),
    },
    () => import("./actions/registrar-verify.js"),
  ),
  define(
    ["registrar", "revoke"],
    "End an investor's verification",
    {
      investor: account("Investor"),
      reason: option("Reason: text or 0x bytes32"),
    },
    () => import("./actions/registrar-revoke.js"),
  ),
  define(
    ["registrar", "ban"],
    "Ban a known bad actor from every personal token",
    {
      investor: account("Address"),
      reason: option("Reason: text or 0x bytes32"),
    },
    () => import("./actions/registrar-ban.js"),
  ),
  define(
    ["registrar", "unban"],
    "Lift a ban",
    {
      investor: account("Address"),
    },
    () => import("./actions/registrar-unban.js"),
  ),

  // ───────────────────────────── admin ─────────────────────────────
  emptyTask("admin", "Admin: grant and revoke the registrar, arbiter and admin roles").build(),
  define(
    ["admin", "grant-role"],
    "Give the registrar, arbiter or admin role",
    {
      role: arg("registrar, arbiter or admin (admin grants and revokes roles)"),
      account: account("Account"),
    },
    () => import("./actions/admin-grant-role.js"),
  ),
  define(
    ["admin", "revoke-role"],
    "Take the registrar, arbiter or admin role (the last admin cannot be removed)",
    {
      role: arg("registrar, arbiter or admin (admin grants and revokes roles)"),
      account: account("Account"),
    },
    () => import("./actions/admin-revoke-role.js"),
  ),

  // ───────────────────────────── arbiter ─────────────────────────────
  emptyTask("arbiter", "Arbiter: forced transfers, freezes, pauses and owner recovery").build(),
  define(
    ["arbiter", "force-transfer"],
    "Move shares from one address to another (ERC-7943 forced transfer)",
    {
      from: account("From"),
      to: account("To"),
      shares: shares(),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/arbiter-force-transfer.js"),
  ),
  define(
    ["arbiter", "freeze"],
    "Set how many of an account's shares are frozen (0 unfreezes)",
    {
      account: account("Account"),
      shares: shares(),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/arbiter-freeze.js"),
  ),
  define(
    ["arbiter", "pause"],
    "Pause a token's share movements, issuance and trades",
    {
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/arbiter-pause.js"),
  ),
  define(
    ["arbiter", "unpause"],
    "End a pause",
    {
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/arbiter-unpause.js"),
  ),
  define(
    ["arbiter", "recover-owner"],
    "Move a token's ownership and owner shares to the person's new wallet",
    {
      newWallet: account("The person's new verified wallet"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/arbiter-recover-owner.js"),
  ),

  // ───────────────────────────── owner ─────────────────────────────
  emptyTask(
    "owner",
    "Token owner: create the token, offerings, approvals, grants, gains, kicks, cap, ownership",
  ).build(),
  define(
    ["owner", "create-token"],
    "Create your personal token (you must be verified)",
    {
      name: required("Token name (also its EIP-712 domain name); required"),
      symbol: required("Token symbol; required"),
      supply: required("Initial supply in shares, minted to you; required"),
      cap: required('Cap on outside shares: "20%" or "2000bps"; required'),
      quote: option("Quote asset: ERC-20 address, or eth", "eth"),
    },
    () => import("./actions/owner-create-token.js"),
  ),
  define(
    ["owner", "open-offering"],
    "Open a priced offering (sell-down of your shares, or --dilutive)",
    {
      shares: required('Shares offered: "30000" or "3%"; required'),
      price: required("Price per whole share in quote units, e.g. 6.666667; required"),
      minPerInvestor: option("Least cumulative purchase per investor (shares)"),
      maxPerInvestor: option("Most cumulative purchase per investor (shares)"),
      start: option("Start: unix seconds, ISO date or now+<duration> (default now+60s)"),
      duration: option("Duration (ignored with --end)", "7d"),
      end: option("End: unix seconds, ISO date or now+<duration>"),
      priorityWindow: option("Seconds/duration when only pro-rata holders buy (dilutive only)", "0"),
      minRaise: option("All-or-nothing threshold in quote units (0: none)", "0"),
      allowlist: option("Comma-separated addresses allowed to buy (default: any verified investor)"),
      dilutive: flag("Mint new shares instead of selling yours"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-open-offering.js"),
  ),
  define(
    ["owner", "cancel-offering"],
    "Cancel an offering before its end",
    {
      offeringId: arg("Offering id"),
    },
    () => import("./actions/owner-cancel-offering.js"),
  ),
  define(
    ["owner", "approve-transfer"],
    "Allow a holder to move shares to an investor (on-chain)",
    {
      from: account("From"),
      to: account("To"),
      shares: shares(),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-approve-transfer.js"),
  ),
  define(
    ["owner", "sign-transfer"],
    "Sign an EIP-712 transfer approval to hand to the sender",
    {
      from: account("From"),
      to: account("To"),
      shares: shares(),
      nonce: option("Nonce: random or a number", "random"),
      deadline: option("Validity: a duration from now (7d) or a time", "7d"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-sign-transfer.js"),
  ),
  define(
    ["owner", "approve-listing"],
    "Approve a listing (on-chain)",
    {
      listingId: arg("Listing id"),
    },
    () => import("./actions/owner-approve-listing.js"),
  ),
  define(
    ["owner", "sign-listing"],
    "Sign an EIP-712 listing approval to hand to the buyer",
    {
      listingId: arg("Listing id"),
      nonce: option("Nonce: random or a number", "random"),
      deadline: option("Validity: a duration from now (7d) or a time", "7d"),
    },
    () => import("./actions/owner-sign-listing.js"),
  ),
  define(
    ["owner", "cancel-signature"],
    "Make an unused signed approval unusable",
    {
      nonce: arg("The approval's nonce"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-cancel-signature.js"),
  ),
  define(
    ["owner", "issue"],
    "Mint new shares to yourself or a verified investor",
    {
      to: account("Recipient"),
      shares: shares(),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-issue.js"),
  ),
  define(
    ["owner", "grant"],
    "Grant shares from your holding, vesting over time",
    {
      to: account("Recipient"),
      shares: shares(),
      start: option("Vesting start: now, unix seconds, ISO date or now+<duration>", "now"),
      cliff: option("Cliff from start (duration)", "0"),
      duration: option("Vesting duration from start", "365d"),
      reason: option("What the grant rewards: text or 0x bytes32"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-grant.js"),
  ),
  define(
    ["owner", "cancel-grant"],
    "Take back a holder's unvested granted shares",
    {
      holder: account("Holder"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-cancel-grant.js"),
  ),
  define(
    ["owner", "set-pro-rata"],
    "Give or revoke a holder's pro-rata right",
    {
      holder: account("Holder"),
      hasRight: arg("true or false"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-set-pro-rata.js"),
  ),
  define(
    ["owner", "enable-asset"],
    "Accept an extra ERC-20 for gains distributions",
    {
      asset: account("ERC-20"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-enable-asset.js"),
  ),
  define(
    ["owner", "distribute"],
    "Distribute a realized gain to the holders (approves the distributor first)",
    {
      amount: arg("Amount in the asset's units, e.g. 500000"),
      asset: option("quote, eth or an ERC-20 address", "quote"),
      memo: option("Reference to the gain: text or 0x bytes32"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-distribute.js"),
  ),
  define(
    ["owner", "kick"],
    "Buy a holder out and remove it from the cap table (approves the market first)",
    {
      holder: account("Holder"),
      price: option("Price per share (default: max of last price and the holder's average)"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-kick.js"),
  ),
  define(
    ["owner", "readmit"],
    "Let a kicked address hold shares again",
    {
      holder: account("Address"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-readmit.js"),
  ),
  define(
    ["owner", "lower-cap"],
    "Lower the cap on outside shares (never raised)",
    {
      cap: arg('New cap: "15%" or "1500bps"'),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-lower-cap.js"),
  ),
  define(
    ["owner", "transfer-ownership"],
    "Start moving the token to another verified wallet of yours",
    {
      newOwner: account("New wallet"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/owner-transfer-ownership.js"),
  ),

  // ───────────────────────────── investor ─────────────────────────────
  emptyTask("investor", "Investor: buy, settle, list, fill, transfer, claim gains, withdraw, accept ownership").build(),
  define(
    ["investor", "buy"],
    "Buy shares in an open offering (approves the market / sends ETH)",
    {
      offeringId: arg("Offering id"),
      shares: shares(),
    },
    () => import("./actions/investor-buy.js"),
  ),
  define(
    ["investor", "settle"],
    "Settle an all-or-nothing purchase after the offering's end",
    {
      offeringId: arg("Offering id"),
      buyer: option("Buyer (default: the signer)"),
    },
    () => import("./actions/investor-settle.js"),
  ),
  define(
    ["investor", "list"],
    "List shares for sale (the owner must approve the listing)",
    {
      shares: shares(),
      price: arg("Price per whole share in quote units"),
      buyer: option("The only buyer allowed (default: anyone)"),
      expiry: option("Expiry: a duration from now or a time", "30d"),
      token: tokenOption("required"),
    },
    () => import("./actions/investor-list.js"),
  ),
  define(
    ["investor", "cancel-listing"],
    "Cancel your listing",
    {
      listingId: arg("Listing id"),
    },
    () => import("./actions/investor-cancel-listing.js"),
  ),
  define(
    ["investor", "fill"],
    "Buy shares of a listing (approves the market / sends ETH)",
    {
      listingId: arg("Listing id"),
      shares: shares(),
      approval: option("The owner's signed approval (JSON from sign-listing, or its file)"),
    },
    () => import("./actions/investor-fill.js"),
  ),
  define(
    ["investor", "transfer"],
    "Move shares to an investor with the owner's signed approval",
    {
      to: account("Recipient"),
      shares: shares(),
      approval: option("The owner's signed approval (JSON from sign-transfer, or its file)"),
      token: tokenOption("required"),
    },
    () => import("./actions/investor-transfer.js"),
  ),
  define(
    ["investor", "claim"],
    "Claim your share of distributed gains (every token and asset with something to claim by default)",
    {
      asset: option("quote, eth or an address (default: every asset with something to claim)"),
      for: option("Claim for another holder (paid to that holder)"),
      token: option("Token address (default: every personal token)"),
    },
    () => import("./actions/investor-claim.js"),
  ),
  define(
    ["investor", "withdraw"],
    "Withdraw a buyback, refund or ETH payment held by the market",
    {
      asset: option("quote (needs --token), eth or an address (default: everything withdrawable)"),
      to: option("Recipient (default: the signer)"),
      token: option("Token whose quote asset to withdraw (default: every asset of every personal token)"),
    },
    () => import("./actions/investor-withdraw.js"),
  ),
  define(
    ["investor", "accept-ownership"],
    "Accept a token's ownership moved to you",
    {
      token: tokenOption("required"),
    },
    () => import("./actions/investor-accept-ownership.js"),
  ),

  // ───────────────────────────── holdings ─────────────────────────────
  emptyTask(
    "holdings",
    "A token's Holdings: positions in other personal tokens whose realized gains go to the token's holders",
  ).build(),
  define(
    ["holdings", "create"],
    "Create a token's Holdings (anyone may, once per token)",
    {
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/holdings-create.js"),
  ),
  define(
    ["holdings", "deposit"],
    "Deposit capital into your token's Holdings, to buy with (approves the Holdings first)",
    {
      amount: arg("Amount in the asset's units, e.g. 50000"),
      asset: option("quote or an ERC-20 address", "quote"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/holdings-deposit.js"),
  ),
  define(
    ["holdings", "withdraw"],
    "Withdraw capital (unspent deposits, basis returned by sales, loss proceeds) from your token's Holdings",
    {
      amount: arg('Amount in the asset\'s units, or "all"'),
      asset: option("quote or an ERC-20 address", "quote"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/holdings-withdraw.js"),
  ),
  define(
    ["holdings", "pledge"],
    "Pledge shares of another personal token from your wallet into your token's Holdings, for good",
    {
      held: account("The personal token pledged"),
      shares: shares(),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/holdings-pledge.js"),
  ),
  define(
    ["holdings", "buy"],
    "Buy shares in a plain offering for your token's Holdings, paid from its capital",
    {
      offeringId: arg("Offering id"),
      shares: shares(),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/holdings-buy.js"),
  ),
  define(
    ["holdings", "fill"],
    "Buy shares of a listing for your token's Holdings, paid from its capital",
    {
      listingId: arg("Listing id"),
      shares: shares(),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/holdings-fill.js"),
  ),
  define(
    ["holdings", "list"],
    "List a position of your token's Holdings for sale (the held token's owner must approve the listing)",
    {
      held: account("The held personal token"),
      shares: shares(),
      price: arg("Price per whole share in quote units"),
      buyer: option("The only buyer allowed (default: anyone but you)"),
      expiry: option("Expiry: a duration from now or a time", "30d"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/holdings-list.js"),
  ),
  define(
    ["holdings", "cancel-listing"],
    "Cancel a listing of your token's Holdings",
    {
      listingId: arg("Listing id"),
    },
    () => import("./actions/holdings-cancel-listing.js"),
  ),
  define(
    ["holdings", "settle"],
    "Settle pending gains: distributed if the distributor accepts the asset now, else credited to capital",
    {
      asset: option("quote or an ERC-20 address (default: every asset with a pending gain)"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/holdings-settle.js"),
  ),

  // ───────────────────────────── local ─────────────────────────────
  emptyTask("local", "Local chain only: a mock USD to try dollar-priced tokens on npx hardhat node").build(),
  define(
    ["local", "mint-usd"],
    "Mint mock USD (deploy/modules/MockUSD.ts) to an account on the local chain",
    {
      to: account("Recipient"),
      amount: arg("Dollars, e.g. 100000"),
      usd: option("The mock USD (default: deployment chain-31337-mock-usd)"),
    },
    () => import("./actions/local-mint-usd.js"),
  ),

  // ───────────────────────────── info ─────────────────────────────
  emptyTask(
    "info",
    "Anyone: token facts, cap table, offerings, listings, portfolio, Holdings, investor record",
  ).build(),
  define(
    ["info", "token"],
    "A token's facts: supply, cap, quote asset, last price, assets, latest offering",
    {
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/info-token.js"),
  ),
  define(
    ["info", "cap-table"],
    "The cap table rebuilt from Transfer logs, with claimable gains",
    {
      fromBlock: option("First block to scan (default: the token's creation block)"),
      chunk: option("Blocks per log query", "2000"),
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/info-cap-table.js"),
  ),
  define(
    ["info", "portfolio"],
    "An address's shares across all personal tokens, claimable gains, withdrawable",
    {
      address: account("Address"),
    },
    () => import("./actions/info-portfolio.js"),
  ),
  define(
    ["info", "offerings"],
    "Offerings, open ones first, with what you may do with each (buy, cancel, settle)",
    {
      token: option("Only this token's offerings (default: every token's)"),
    },
    () => import("./actions/info-offerings.js"),
  ),
  define(
    ["info", "listings"],
    "Listings, open ones first, with what you may do with each (fill, approve, cancel)",
    {
      token: option("Only this token's listings (default: every token's)"),
    },
    () => import("./actions/info-listings.js"),
  ),
  define(
    ["info", "holdings"],
    "A token's Holdings: positions (shares, basis, average price, realized gains and losses, open listings), capital and pending gains",
    {
      token: tokenOption("ownerDefault"),
    },
    () => import("./actions/info-holdings.js"),
  ),
  define(
    ["info", "investor"],
    "An address's registry record: verified, until, banned, kick count",
    {
      address: account("Address"),
    },
    () => import("./actions/info-investor.js"),
  ),
];
