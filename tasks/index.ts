import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import type { NewTaskActionFunction, NewTaskDefinitionBuilder, TaskDefinition } from "hardhat/types/tasks";

/**
 * The command line: Hardhat tasks grouped by role. Run `npx hardhat <group> --help` or `npx hardhat <group> <task>
 * --help`. Every task takes `--as <address|index>` (the signer), `--json`, `--registry/--factory/--market` or
 * `--deployment <id>` (the Ignition record, default `chain-<chainId>`), `--names <JSON or file>` and `--network`.
 */

interface Arg {
  name: string;
  description: string;
}
interface Opt extends Arg {
  /** Omit for an optional option without default. */
  default?: string;
}
interface Spec {
  args?: Arg[];
  options?: Opt[];
  flags?: Arg[];
  /** Adds `--token <address>`; `ownerDefault` says it defaults to the signer's own token. */
  token?: "ownerDefault" | "required";
}

type Builder = NewTaskDefinitionBuilder;
type LazyAction = () => Promise<{ default: NewTaskActionFunction<never> }>;

const COMMON: Opt[] = [
  { name: "as", description: "Signer: an address among the network's accounts, or an account index (default 0)" },
  { name: "registry", description: "InvestorRegistry address (default: from the deployment record)" },
  { name: "factory", description: "PersonalTokenFactory address (default: from the deployment record)" },
  { name: "market", description: "ShareMarket address (default: from the deployment record)" },
  { name: "deployment", description: "Ignition deployment id to read addresses from (default: chain-<chainId>)" },
  { name: "names", description: "Address names for the output: inline JSON or a file ({\"0x…\": \"Alice\"})" },
];

function define(id: [string, string], description: string, spec: Spec, action: LazyAction): TaskDefinition {
  let b = task(id, description) as unknown as Builder;
  for (const arg of spec.args ?? []) {
    b = b.addPositionalArgument({ name: arg.name, description: arg.description }) as unknown as Builder;
  }
  const options = [...(spec.options ?? [])];
  if (spec.token !== undefined) {
    options.push({
      name: "token",
      description: spec.token === "ownerDefault" ? "Token address (default: the token the signer owns)" : "Token address",
    });
  }
  for (const opt of [...options, ...COMMON]) {
    b = (opt.default !== undefined
      ? b.addOption({ name: opt.name, description: opt.description, type: ArgumentType.STRING, defaultValue: opt.default })
      : b.addOption({
          name: opt.name, description: opt.description, type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined,
        })) as unknown as Builder;
  }
  for (const flag of [...(spec.flags ?? []), { name: "json", description: "Print one JSON object" }]) {
    b = b.addFlag({ name: flag.name, description: flag.description }) as unknown as Builder;
  }
  return (b.setAction(action as never) as unknown as { build(): TaskDefinition }).build();
}

const shares = (name = "shares") => ({ name, description: 'Shares: "10000", "2.5" or a percentage of the supply, "1%"' });
const account = (name: string, what: string) => ({ name, description: `${what}: address, known name or account index` });

export const tasks: TaskDefinition[] = [
  // ───────────────────────────── registrar ─────────────────────────────
  emptyTask("registrar", "Registrar: verify, revoke, ban and unban investors").build(),
  define(["registrar", "verify"], "Verify an investor until a date (default one year)", {
    args: [account("investor", "Investor")],
    options: [
      { name: "days", description: "Days of validity (ignored with --until)", default: "365" },
      { name: "until", description: "Last second of validity: unix seconds, ISO date or now+<duration>" },
      { name: "evidence", description: "Off-chain record: text (hashed if > 31 bytes) or 0x bytes32" },
    ],
  }, () => import("./actions/registrar-verify.js")),
  define(["registrar", "revoke"], "End an investor's verification", {
    args: [account("investor", "Investor")],
    options: [{ name: "reason", description: "Reason: text or 0x bytes32" }],
  }, () => import("./actions/registrar-revoke.js")),
  define(["registrar", "ban"], "Ban a known bad actor from every personal token", {
    args: [account("investor", "Address")],
    options: [{ name: "reason", description: "Reason: text or 0x bytes32" }],
  }, () => import("./actions/registrar-ban.js")),
  define(["registrar", "unban"], "Lift a ban", {
    args: [account("investor", "Address")],
  }, () => import("./actions/registrar-unban.js")),

  // ───────────────────────────── admin ─────────────────────────────
  emptyTask("admin", "Admin: grant and revoke the registrar and arbiter roles").build(),
  define(["admin", "grant-role"], "Give the registrar or arbiter role", {
    args: [{ name: "role", description: "registrar or arbiter" }, account("account", "Account")],
  }, () => import("./actions/admin-grant-role.js")),
  define(["admin", "revoke-role"], "Take the registrar or arbiter role", {
    args: [{ name: "role", description: "registrar or arbiter" }, account("account", "Account")],
  }, () => import("./actions/admin-revoke-role.js")),

  // ───────────────────────────── arbiter ─────────────────────────────
  emptyTask("arbiter", "Arbiter: forced transfers, freezes, pauses and owner recovery").build(),
  define(["arbiter", "force-transfer"], "Move shares from one address to another (ERC-7943 forced transfer)", {
    args: [account("from", "From"), account("to", "To"), shares()],
    token: "ownerDefault",
  }, () => import("./actions/arbiter-force-transfer.js")),
  define(["arbiter", "freeze"], "Set how many of an account's shares are frozen (0 unfreezes)", {
    args: [account("account", "Account"), shares()],
    token: "ownerDefault",
  }, () => import("./actions/arbiter-freeze.js")),
  define(["arbiter", "pause"], "Pause a token's share movements, issuance and trades", { token: "ownerDefault" },
    () => import("./actions/arbiter-pause.js")),
  define(["arbiter", "unpause"], "End a pause", { token: "ownerDefault" }, () => import("./actions/arbiter-unpause.js")),
  define(["arbiter", "recover-owner"], "Move a token's ownership and owner shares to the person's new wallet", {
    args: [account("newWallet", "The person's new verified wallet")],
    token: "ownerDefault",
  }, () => import("./actions/arbiter-recover-owner.js")),

  // ───────────────────────────── owner ─────────────────────────────
  emptyTask("owner", "Token owner: create the token, offerings, approvals, grants, gains, kicks, cap, ownership").build(),
  define(["owner", "create-token"], "Create your personal token (you must be verified)", {
    options: [
      { name: "name", description: "Token name (also its EIP-712 domain name); required" },
      { name: "symbol", description: "Token symbol; required" },
      { name: "supply", description: "Initial supply in shares, minted to you; required" },
      { name: "cap", description: 'Cap on outside shares: "20%" or "2000bps"; required' },
      { name: "quote", description: "Quote asset: ERC-20 address, or eth", default: "eth" },
    ],
  }, () => import("./actions/owner-create-token.js")),
  define(["owner", "open-offering"], "Open a priced offering (sell-down of your shares, or --dilutive)", {
    options: [
      { name: "shares", description: 'Shares offered: "30000" or "3%"; required' },
      { name: "price", description: "Price per whole share in quote units, e.g. 6.666667; required" },
      { name: "minPerInvestor", description: "Least cumulative purchase per investor (shares)" },
      { name: "maxPerInvestor", description: "Most cumulative purchase per investor (shares)" },
      { name: "start", description: "Start: unix seconds, ISO date or now+<duration> (default now+60s)" },
      { name: "duration", description: "Duration (ignored with --end)", default: "7d" },
      { name: "end", description: "End: unix seconds, ISO date or now+<duration>" },
      { name: "priorityWindow", description: "Seconds/duration when only pro-rata holders buy (dilutive only)", default: "0" },
      { name: "minRaise", description: "All-or-nothing threshold in quote units (0: none)", default: "0" },
      { name: "allowlist", description: "Comma-separated addresses allowed to buy (default: any verified investor)" },
    ],
    flags: [{ name: "dilutive", description: "Mint new shares instead of selling yours" }],
    token: "ownerDefault",
  }, () => import("./actions/owner-open-offering.js")),
  define(["owner", "cancel-offering"], "Cancel an offering before its end", {
    args: [{ name: "offeringId", description: "Offering id" }],
  }, () => import("./actions/owner-cancel-offering.js")),
  define(["owner", "approve-transfer"], "Allow a holder to move shares to an investor (on-chain)", {
    args: [account("from", "From"), account("to", "To"), shares()],
    token: "ownerDefault",
  }, () => import("./actions/owner-approve-transfer.js")),
  define(["owner", "sign-transfer"], "Sign an EIP-712 transfer approval to hand to the sender", {
    args: [account("from", "From"), account("to", "To"), shares()],
    options: [
      { name: "nonce", description: "Nonce: random or a number", default: "random" },
      { name: "deadline", description: "Validity: a duration from now (7d) or a time", default: "7d" },
    ],
    token: "ownerDefault",
  }, () => import("./actions/owner-sign-transfer.js")),
  define(["owner", "approve-listing"], "Approve a listing (on-chain)", {
    args: [{ name: "listingId", description: "Listing id" }],
  }, () => import("./actions/owner-approve-listing.js")),
  define(["owner", "sign-listing"], "Sign an EIP-712 listing approval to hand to the buyer", {
    args: [{ name: "listingId", description: "Listing id" }],
    options: [
      { name: "nonce", description: "Nonce: random or a number", default: "random" },
      { name: "deadline", description: "Validity: a duration from now (7d) or a time", default: "7d" },
    ],
  }, () => import("./actions/owner-sign-listing.js")),
  define(["owner", "cancel-signature"], "Make an unused signed approval unusable", {
    args: [{ name: "nonce", description: "The approval's nonce" }],
    token: "ownerDefault",
  }, () => import("./actions/owner-cancel-signature.js")),
  define(["owner", "issue"], "Mint new shares to yourself or a verified investor", {
    args: [account("to", "Recipient"), shares()],
    token: "ownerDefault",
  }, () => import("./actions/owner-issue.js")),
  define(["owner", "grant"], "Grant shares from your holding, vesting over time", {
    args: [account("to", "Recipient"), shares()],
    options: [
      { name: "start", description: "Vesting start: now, unix seconds, ISO date or now+<duration>", default: "now" },
      { name: "cliff", description: "Cliff from start (duration)", default: "0" },
      { name: "duration", description: "Vesting duration from start", default: "365d" },
      { name: "reason", description: "What the grant rewards: text or 0x bytes32" },
    ],
    token: "ownerDefault",
  }, () => import("./actions/owner-grant.js")),
  define(["owner", "cancel-grant"], "Take back a holder's unvested granted shares", {
    args: [account("holder", "Holder")],
    token: "ownerDefault",
  }, () => import("./actions/owner-cancel-grant.js")),
  define(["owner", "set-pro-rata"], "Give or revoke a holder's pro-rata right", {
    args: [account("holder", "Holder"), { name: "hasRight", description: "true or false" }],
    token: "ownerDefault",
  }, () => import("./actions/owner-set-pro-rata.js")),
  define(["owner", "enable-asset"], "Accept an extra ERC-20 for gains distributions", {
    args: [account("asset", "ERC-20")],
    token: "ownerDefault",
  }, () => import("./actions/owner-enable-asset.js")),
  define(["owner", "distribute"], "Distribute a realized gain to the holders (approves the distributor first)", {
    args: [{ name: "amount", description: "Amount in the asset's units, e.g. 500000" }],
    options: [
      { name: "asset", description: "quote, eth or an ERC-20 address", default: "quote" },
      { name: "memo", description: "Reference to the gain: text or 0x bytes32" },
    ],
    token: "ownerDefault",
  }, () => import("./actions/owner-distribute.js")),
  define(["owner", "kick"], "Buy a holder out and remove it from the cap table (approves the market first)", {
    args: [account("holder", "Holder")],
    options: [{ name: "price", description: "Price per share (default: max of last price and the holder's average)" }],
    token: "ownerDefault",
  }, () => import("./actions/owner-kick.js")),
  define(["owner", "readmit"], "Let a kicked address hold shares again", {
    args: [account("holder", "Address")],
    token: "ownerDefault",
  }, () => import("./actions/owner-readmit.js")),
  define(["owner", "lower-cap"], "Lower the cap on outside shares (never raised)", {
    args: [{ name: "cap", description: 'New cap: "15%" or "1500bps"' }],
    token: "ownerDefault",
  }, () => import("./actions/owner-lower-cap.js")),
  define(["owner", "transfer-ownership"], "Start moving the token to another verified wallet of yours", {
    args: [account("newOwner", "New wallet")],
    token: "ownerDefault",
  }, () => import("./actions/owner-transfer-ownership.js")),

  // ───────────────────────────── investor ─────────────────────────────
  emptyTask("investor", "Investor: buy, settle, list, fill, transfer, claim gains, withdraw, accept ownership").build(),
  define(["investor", "buy"], "Buy shares in an open offering (approves the market / sends ETH)", {
    args: [{ name: "offeringId", description: "Offering id" }, shares()],
  }, () => import("./actions/investor-buy.js")),
  define(["investor", "settle"], "Settle an all-or-nothing purchase after the offering's end", {
    args: [{ name: "offeringId", description: "Offering id" }],
    options: [{ name: "buyer", description: "Buyer (default: the signer)" }],
  }, () => import("./actions/investor-settle.js")),
  define(["investor", "list"], "List shares for sale (the owner must approve the listing)", {
    args: [shares(), { name: "price", description: "Price per whole share in quote units" }],
    options: [
      { name: "buyer", description: "The only buyer allowed (default: anyone)" },
      { name: "expiry", description: "Expiry: a duration from now or a time", default: "30d" },
    ],
    token: "required",
  }, () => import("./actions/investor-list.js")),
  define(["investor", "cancel-listing"], "Cancel your listing", {
    args: [{ name: "listingId", description: "Listing id" }],
  }, () => import("./actions/investor-cancel-listing.js")),
  define(["investor", "fill"], "Buy shares of a listing (approves the market / sends ETH)", {
    args: [{ name: "listingId", description: "Listing id" }, shares()],
    options: [{ name: "approval", description: "The owner's signed approval (JSON from sign-listing, or its file)" }],
  }, () => import("./actions/investor-fill.js")),
  define(["investor", "transfer"], "Move shares to an investor with the owner's signed approval", {
    args: [account("to", "Recipient"), shares()],
    options: [{ name: "approval", description: "The owner's signed approval (JSON from sign-transfer, or its file)" }],
    token: "required",
  }, () => import("./actions/investor-transfer.js")),
  define(["investor", "claim"], "Claim your share of distributed gains", {
    options: [
      { name: "asset", description: "quote, eth or an address (default: every asset with something to claim)" },
      { name: "for", description: "Claim for another holder (paid to that holder)" },
    ],
    token: "ownerDefault",
  }, () => import("./actions/investor-claim.js")),
  define(["investor", "withdraw"], "Withdraw a buyback, refund or ETH payment held by the market", {
    options: [
      { name: "asset", description: "quote (needs --token), eth or an address (default: everything withdrawable)" },
      { name: "to", description: "Recipient (default: the signer)" },
    ],
    token: "required",
  }, () => import("./actions/investor-withdraw.js")),
  define(["investor", "accept-ownership"], "Accept a token's ownership moved to you", { token: "required" },
    () => import("./actions/investor-accept-ownership.js")),

  // ───────────────────────────── info ─────────────────────────────
  emptyTask("info", "Anyone: token facts, cap table, portfolio, investor record").build(),
  define(["info", "token"], "A token's facts: supply, cap, quote asset, last price, assets, latest offering", {
    token: "ownerDefault",
  }, () => import("./actions/info-token.js")),
  define(["info", "cap-table"], "The cap table rebuilt from Transfer logs, with claimable gains", {
    options: [
      { name: "fromBlock", description: "First block to scan (default: the token's creation block)" },
      { name: "chunk", description: "Blocks per log query", default: "2000" },
    ],
    token: "ownerDefault",
  }, () => import("./actions/info-cap-table.js")),
  define(["info", "portfolio"], "An address's shares across all personal tokens, claimable gains, withdrawable", {
    args: [account("address", "Address")],
  }, () => import("./actions/info-portfolio.js")),
  define(["info", "investor"], "An address's registry record: verified, until, banned, kick count", {
    args: [account("address", "Address")],
  }, () => import("./actions/info-investor.js")),
];
