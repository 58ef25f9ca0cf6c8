import { ErrorFragment, Interface, ZeroHash, id, isHexString, type InterfaceAbi, type Result } from "ethers";
import {
  GainsDistributor__factory,
  InvestorRegistry__factory,
  PersonalTokenFactory__factory,
  PersonalToken__factory,
  ShareMarket__factory,
} from "../../types/ethers-contracts/index.js";
import { AddressBook } from "./names.js";
import { formatAmount, formatBps, formatShares, formatWhen } from "./units.js";

/** A decoded failure: a contract's custom error, `Error(string)`, `Panic(uint256)`, or a plain failure. */
export interface DecodedError {
  kind: "custom" | "revert-string" | "panic" | "unknown-selector" | "empty-revert" | "cli" | "other";
  /** Error name ("BuyerNotEligible"), or "Error" / "Panic" / "UnknownError" / "Failure". */
  name: string;
  signature?: string;
  selector?: string;
  /** Arguments by name (positional names arg0… when unnamed), as strings. */
  args: Record<string, string>;
  /** The contract the failing call was sent to, when known. */
  contract?: string;
  /** One line for a person. */
  explanation: string;
  /** `Name(arg=value, …): explanation`. */
  message: string;
}

/** A failure the command line reports: carries the decoded error when a contract refused. */
export class CliError extends Error {
  decoded?: DecodedError;
  constructor(message: string, decoded?: DecodedError, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CliError";
    this.decoded = decoded;
  }
}

// Errors of OpenZeppelin Contracts 5.x and of the standards the system uses, written out so they decode even when
// no artifact carries them.
const KNOWN_ERRORS = [
  "error Error(string reason)",
  "error Panic(uint256 code)",
  "error OwnableUnauthorizedAccount(address account)",
  "error OwnableInvalidOwner(address owner)",
  "error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)",
  "error AccessControlBadConfirmation()",
  "error EnforcedPause()",
  "error ExpectedPause()",
  "error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)",
  "error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)",
  "error ERC20InvalidSender(address sender)",
  "error ERC20InvalidReceiver(address receiver)",
  "error ERC20InvalidApprover(address approver)",
  "error ERC20InvalidSpender(address spender)",
  "error SafeERC20FailedOperation(address token)",
  "error SafeERC20FailedDecreaseAllowance(address spender, uint256 currentAllowance, uint256 requestedDecrease)",
  "error FailedCall()",
  "error FailedDeployment()",
  "error InsufficientBalance(uint256 balance, uint256 needed)",
  "error AddressEmptyCode(address target)",
  "error ReentrancyGuardReentrantCall()",
  "error SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)",
  "error SafeCastOverflowedIntToUint(int256 value)",
  "error SafeCastOverflowedIntDowncast(uint8 bits, int256 value)",
  "error SafeCastOverflowedUintToInt(uint256 value)",
  "error InvalidInitialization()",
  "error NotInitializing()",
  "error ECDSAInvalidSignature()",
  "error ECDSAInvalidSignatureLength(uint256 length)",
  "error ECDSAInvalidSignatureS(bytes32 s)",
  "error InvalidAccountNonce(address account, uint256 currentNonce)",
  "error CloneArgumentsTooLong()",
  "error Create2EmptyBytecode()",
  "error ERC7943CannotSend(address account)",
  "error ERC7943CannotReceive(address account)",
  "error ERC7943CannotTransfer(address from, address to, uint256 amount)",
  "error ERC7943InsufficientUnfrozenBalance(address account, uint256 amount, uint256 unfrozen)",
];

/** The error fragments of `abis`, the first of each selector kept. */
function errorFragments(abis: readonly InterfaceAbi[]): ErrorFragment[] {
  const bySelector = new Map<string, ErrorFragment>();
  for (const abi of abis) {
    let iface: Interface;
    try {
      iface = new Interface(abi);
    } catch {
      continue;
    }
    iface.forEachError((fragment) => {
      if (!bySelector.has(fragment.selector)) bySelector.set(fragment.selector, fragment);
    });
  }
  return [...bySelector.values()];
}

/**
 * What every decoder knows: the errors written out above, then the system's contracts' ABIs (from TypeChain), which
 * carry every error the system can revert with, inherited ones included.
 */
const BUILT_IN_ABIS: readonly InterfaceAbi[] = [
  KNOWN_ERRORS,
  ...[
    PersonalToken__factory, GainsDistributor__factory, InvestorRegistry__factory, PersonalTokenFactory__factory,
    ShareMarket__factory,
  ].map((factory) => factory.abi as InterfaceAbi),
];
const BUILT_IN = new Interface(errorFragments(BUILT_IN_ABIS));

/**
 * The errors of the project's compiled artifacts (contracts, mocks and OpenZeppelin's inherited errors), read afresh
 * on each call (about 0.1 s): a decoder reads them only for a selector the built-in errors do not know.
 */
export async function artifactErrorAbi(artifacts: {
  getAllFullyQualifiedNames(): Promise<ReadonlySet<string>>;
  readArtifact(name: string): Promise<{ abi: readonly unknown[] }>;
}): Promise<InterfaceAbi> {
  const errors: unknown[] = [];
  try {
    for (const name of await artifacts.getAllFullyQualifiedNames()) {
      const artifact = await artifacts.readArtifact(name);
      errors.push(...artifact.abi.filter((item) => (item as { type?: string }).type === "error"));
    }
  } catch {
    // Artifacts are optional: the built-in list and the TypeChain ABIs still decode the system's errors.
  }
  return errors as InterfaceAbi;
}

const PANIC_REASONS: Record<number, string> = {
  0x00: "generic compiler panic",
  0x01: "an assertion failed",
  0x11: "arithmetic overflow or underflow",
  0x12: "division or modulo by zero",
  0x21: "invalid enum value",
  0x22: "corrupt storage byte array",
  0x31: "pop on an empty array",
  0x32: "array index out of bounds",
  0x41: "out of memory (allocation too large)",
  0x51: "call to an uninitialized function",
};

type Args = Record<string, string>;

/**
 * How a decoder shows an error's values to a person. `amount` gives the unit of amounts a contract counts (a
 * personal token counts shares, an ERC-20 its asset): "1,000 shares", "$5.00"; `now` is the chain time for "in
 * 5 min" / "12 s ago". Without them amounts read "… base units" and times as dates.
 */
export interface ValueFormat {
  amount?(contract: string | undefined, value: bigint, error: string): string | undefined;
  now?(): bigint | undefined;
}

// Errors whose values are amounts in the unit of the contract that reverted (a personal token: shares; an ERC-20: its
// asset), in ETH, or times; other errors format their own values.
const AMOUNT_ERRORS: Record<string, string[]> = {
  ERC20InsufficientBalance: ["balance", "needed"],
  ERC20InsufficientAllowance: ["allowance", "needed"],
  PaymentShortfall: ["received", "due"],
  KickPriceTooLow: ["pricePerShare", "minPricePerShare"],
};
const ETH_ERRORS: Record<string, string[]> = {
  EthValueMismatch: ["msgValue", "expected"],
  WrongPayment: ["sent", "due"],
  InsufficientBalance: ["balance", "needed"],
};
const TIME_ARGS = /^(deadline|expiresAt|currentTime|openToAllAfter|expiry)$/;

/** The arguments as a person reads them: times as dates relative to now, amounts in their unit, ETH named ETH. */
function humanArgs(name: string, args: Args, contract: string | undefined, format: ValueFormat | undefined): Args {
  const out: Args = { ...args };
  const now = format?.now?.();
  for (const [key, value] of Object.entries(args)) {
    if (!/^\d+$/.test(value)) continue;
    const n = BigInt(value);
    if (TIME_ARGS.test(key) && n > 1_000_000_000n) out[key] = formatWhen(n, now);
    else if (ETH_ERRORS[name]?.includes(key) === true) out[key] = `${formatAmount(n, 18, 0, 6)} ETH`;
    else if (AMOUNT_ERRORS[name]?.includes(key) === true) out[key] = format?.amount?.(contract, n, name) ?? `${value} base units`;
  }
  return out;
}

const shares = (value: string) => `${formatShares(BigInt(value))} shares`;

/** One-line explanations, by error name; `who` names an address. */
const explanations = (who: (address: string) => string): Record<string, (a: Args) => string> => ({
  // Registry
  MarketBindingNotAllowed: () => "only the deployer binds the market, once",
  CallerNotMarket: (a) => `only the share market may do this (caller ${who(a.caller)})`,
  ZeroAddressInvestor: () => "the zero address cannot be verified or banned",
  VerificationExpiryInPast: (a) => `the verification would end in the past (${a.expiresAt} < now ${a.currentTime})`,
  InvestorIsBanned: (a) => `${who(a.investor)} is banned: unban it before verifying it`,
  InvestorNotVerified: (a) => `${who(a.investor)} has no verification to revoke`,
  InvestorAlreadyBanned: (a) => `${who(a.investor)} is already banned`,
  InvestorNotBanned: (a) => `${who(a.investor)} is not banned`,
  // Factory
  CreatorNotVerified: (a) => `${who(a.creator)} must be verified by the registrar before creating a token`,
  AlreadyOwnedToken: (a) => `one token per person: ${who(a.account)} owns or owned a personal token already`,
  InvalidCap: (a) => `the cap must be at most 100% (got ${formatBps(BigInt(a.capBps))})`,
  InvalidInitialSupply: () => "the initial supply must be positive and at most 10^18 whole shares",
  EmptyNameOrSymbol: () => "name and symbol must not be empty",
  QuoteAssetNotContract: (a) => `the quote asset ${who(a.quoteAsset)} is not a contract (use eth for ETH)`,
  CallerNotToken: (a) => `only the token may do this (caller ${who(a.caller)})`,
  ImplementationMismatch: () => "the implementations given do not belong together",
  // Token
  InvalidGrant: () =>
    "invalid grant: zero amount, the owner as recipient, zero duration, cliff beyond duration, or too long",
  GrantInProgress: (a) => `${who(a.holder)} already has a grant that is not fully vested`,
  NoUnvestedShares: (a) => `${who(a.holder)} has no unvested granted shares`,
  NothingToKick: (a) => `${who(a.holder)} cannot be kicked: it is the owner or holds no shares`,
  HolderFrozen: (a) => `${who(a.holder)} has ${shares(a.frozen)} frozen by the arbiter: only the arbiter moves a frozen holder's shares (no kick, no grant cancellation)`,
  KickPriceTooLow: (a) =>
    `a kick pays at least the last price and the holder's average purchase price: offered ${a.pricePerShare}, ` +
    `minimum ${a.minPricePerShare} (per share)`,
  NotKicked: (a) => `${who(a.holder)} is not kicked`,
  AmountAboveSupplyLimit: () => "the amount is above the maximum supply",
  ReservedSharesLocked: (a) =>
    `the owner's ${shares(a.reserved)} reserved for an all-or-nothing sell-down cannot leave her wallet before it ` +
    `settles (balance after: ${shares(a.ownerBalance)})`,
  InitializationNotAllowed: () => "only the factory initializes a token, once",
  ImplementationNotUsable: () => "the implementation contract only serves clones",
  CallerNotArbiter: (a) => `only an arbiter of the registry may do this (caller ${who(a.caller)})`,
  CapExceeded: (a) =>
    `outside shares would be ${shares(a.outsideShares)}, above the cap of ${shares(a.maxOutsideShares)}`,
  CapNotLowered: (a) =>
    `the cap only goes down: current ${formatBps(BigInt(a.currentCapBps))}, requested ${formatBps(BigInt(a.requestedCapBps))} ` +
    "(and it cannot go below the current outside share)",
  SupplyLimitExceeded: () => "the total supply would exceed 10^18 whole shares",
  ZeroAmount: () => "the amount must be greater than zero (or nothing arrived)",
  PermissionNotApplicable: (a) =>
    `no permission is needed or possible between ${who(a.from)} and ${who(a.to)} (owner, zero address or same address)`,
  ApprovalExpired: (a) => `the signed approval expired at ${a.deadline}`,
  ApprovalNonceAlreadyUsed: (a) => `the signed approval's nonce ${a.nonce} was already used or cancelled`,
  InvalidApprovalSignature: () => "the signature is not the token owner's over this exact approval",
  OwnershipCannotBeRenounced: () => "a personal token always has its person: ownership cannot be renounced",
  InvalidNewOwner: (a) =>
    `${who(a.newOwner)} cannot become owner: it must be verified, not the current owner, and never have owned a token`,
  // Distributor
  CallerNotTokenOwner: (a) => `only the token's owner may do this (caller ${who(a.caller)})`,
  AssetNotAccepted: (a) => `${who(a.asset)} is not accepted for distributions (the owner may enable it)`,
  AssetAlreadyAccepted: (a) => `${who(a.asset)} is already accepted`,
  AssetNotContract: (a) => `${who(a.asset)} is not a contract`,
  TooManyAssets: (a) => `at most ${a.maxAssets} distribution assets, ETH and the quote asset included`,
  AssetBookNotOpen: (a) =>
    `nobody has distributed ${who(a.asset)} to this token's holders yet, and only the owner may be first ` +
    `(or another personal token's distributor passing a gain on), not ${who(a.caller)}`,
  EthValueMismatch: (a) => `ETH sent (${a.msgValue}) must equal the amount (${a.expected})`,
  DepositLimitExceeded: (a) => `total deposits of ${who(a.asset)} would exceed the distributor's bound`,
  NothingToClaim: (a) => `${who(a.holder)} has nothing to claim in ${who(a.asset)}`,
  // Market
  FactoryBindingNotAllowed: () => "only the deployer binds the factory, once",
  UnknownToken: (a) => `${who(a.token)} is not a personal token of this system`,
  CallerNotSeller: (a) => `only the seller may cancel a listing (caller ${who(a.caller)})`,
  InvalidOfferingTerms: () =>
    "inconsistent offering terms: zero shares or price, end before start or in the past, minimum above maximum, " +
    "or a priority window on a sell-down or longer than the offering",
  OfferingInProgress: (a) => `offering ${a.offeringId} is not finished yet (cancel it or settle it first)`,
  OfferingExceedsCap: (a) =>
    `selling every offered share would put ${shares(a.outsideShares)} outside, above the cap of ${shares(a.maxOutsideShares)}`,
  OfferingExceedsOwnerBalance: (a) =>
    `a sell-down of ${shares(a.offered)} is more than the owner may move (${shares(a.movableBalance)}: not frozen, not locked)`,
  OwnerCannotSend: (a) => `${who(a.owner)} is banned and cannot sell shares in a sell-down`,
  RefundReservedForBuyer: (a) =>
    `the purchase of ${who(a.buyer)} in offering ${a.offeringId} cannot be delivered now; until ${a.openToAllAfter} ` +
    "(the end of the grace period) only the buyer may turn it into a refund",
  UnknownOffering: (a) => `there is no offering ${a.offeringId}`,
  OfferingNotOpen: (a) => `offering ${a.offeringId} is not open (not started, ended or cancelled)`,
  OfferingEnded: (a) => `offering ${a.offeringId} has already ended`,
  OfferingNotEnded: (a) => `offering ${a.offeringId} has not ended yet: settlement waits for its end`,
  NotEnoughShares: (a) => `only ${shares(a.available)} left (asked for ${shares(a.requested)})`,
  BuyerNotEligible: (a) =>
    `${who(a.buyer)} may not buy in this offering now: the owner, kicked, not verified or banned, not on the ` +
    "allowlist, or without a pro-rata right during the priority window",
  PurchaseOutOfLimits: (a) =>
    `the buyer's total would be ${shares(a.cumulative)}; allowed ${shares(a.min)} to ${BigInt(a.max) === 0n ? "no maximum" : shares(a.max)}`,
  NothingToSettle: (a) => `${who(a.buyer)} has no pending purchase in offering ${a.offeringId}`,
  WrongPayment: (a) => `ETH sent (${a.sent}) does not match what is due (${a.due})`,
  PaymentShortfall: (a) => `the recipient received ${a.received} of ${a.due} (fee-on-transfer assets are refused)`,
  InvalidListing: () =>
    "invalid listing: zero amount or price, expiry in the past, more than the seller holds, or the owner listing",
  UnknownListing: (a) => `there is no listing ${a.listingId}`,
  ListingNotFillable: (a) => `listing ${a.listingId} cannot be filled: cancelled, expired, filled or not approved`,
  ListingClosed: (a) => `listing ${a.listingId} is filled or cancelled`,
  ListingNotApproved: (a) => `listing ${a.listingId} is not approved by the token's owner`,
  NothingToWithdraw: (a) => `${who(a.holder)} has nothing to withdraw in ${who(a.asset)}`,
  ZeroRecipient: () => "a withdrawal needs a recipient",
  TokenPaused: (a) => `token ${who(a.token)} is paused by the arbiter`,
  // ERC-7943
  ERC7943CannotSend: (a) => `${who(a.account)} may not send shares (banned)`,
  ERC7943CannotReceive: (a) =>
    `${who(a.account)} may not receive shares: only the owner and verified, unbanned investors may hold them`,
  ReceiverKicked: (a) => `${who(a.account)} was kicked and cannot receive shares until the owner readmits it`,
  ERC7943CannotTransfer: (a) =>
    `moving ${shares(a.amount)} from ${who(a.from)} to ${who(a.to)} needs the owner's permission (or breaks the rules)`,
  ERC7943InsufficientUnfrozenBalance: (a) =>
    `${who(a.account)} may move only ${shares(a.unfrozen)} (not frozen, not locked), asked ${shares(a.amount)}`,
  // OpenZeppelin
  OwnableUnauthorizedAccount: (a) => `${who(a.account)} is not the owner of this contract`,
  OwnableInvalidOwner: (a) => `${who(a.owner)} cannot be the owner`,
  AccessControlUnauthorizedAccount: (a) => `${who(a.account)} lacks the role ${roleName(a.neededRole)}`,
  AccessControlBadConfirmation: () => "an account may only renounce its own roles",
  EnforcedPause: () => "the token is paused by the arbiter",
  ExpectedPause: () => "the token is not paused",
  ERC20InsufficientBalance: (a) => `${who(a.sender)} holds ${a.balance}, needs ${a.needed}`,
  ERC20InsufficientAllowance: (a) =>
    `${who(a.spender)} may spend only ${a.allowance}, needs ${a.needed} (approve it first)`,
  ERC20InvalidSender: (a) => `invalid sender ${who(a.sender)}`,
  ERC20InvalidReceiver: (a) => `invalid receiver ${who(a.receiver)}`,
  ERC20InvalidApprover: (a) => `invalid approver ${who(a.approver)}`,
  ERC20InvalidSpender: (a) => `invalid spender ${who(a.spender)}`,
  SafeERC20FailedOperation: (a) => `the ERC-20 ${who(a.token)} refused the transfer (balance or allowance too low?)`,
  FailedCall: () => "a call failed (an ETH payment was refused, or a called contract reverted without a reason)",
  FailedDeployment: () => "a contract deployment failed",
  InsufficientBalance: (a) => `the contract holds ${a.balance}, needs ${a.needed}`,
  AddressEmptyCode: (a) => `${who(a.target)} has no code`,
  ReentrancyGuardReentrantCall: () => "re-entrant call refused",
  SafeCastOverflowedUintDowncast: (a) => `the value ${a.value} does not fit in ${a.bits} bits`,
  InvalidInitialization: () => "the contract is already initialized",
  NotInitializing: () => "the contract is not initializing",
  ECDSAInvalidSignature: () => "the signature is invalid",
  ECDSAInvalidSignatureLength: (a) => `the signature has a wrong length (${a.length})`,
  CloneArgumentsTooLong: () => "clone arguments too long",
  Create2EmptyBytecode: () => "empty bytecode",
});

const ROLE_NAMES: Readonly<Record<string, string>> = {
  [ZeroHash]: "DEFAULT_ADMIN_ROLE (admin)",
  [id("REGISTRAR_ROLE")]: "REGISTRAR_ROLE (registrar)",
  [id("ARBITER_ROLE")]: "ARBITER_ROLE (arbiter)",
};

function roleName(role: string): string {
  return ROLE_NAMES[role.toLowerCase()] ?? role;
}

function stringify(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map(stringify).join(", ")}]`;
  return String(value);
}

function argsOf(fragment: ErrorFragment, values: Result): Args {
  const args: Args = {};
  fragment.inputs.forEach((input, i) => {
    args[input.name === "" ? `arg${i}` : input.name] = stringify(values[i]);
  });
  return args;
}

function describeArgs(args: Args): string {
  return Object.entries(args)
    .map(([key, value]) => `${key}=${value}`)
    .join(", ");
}

function isRevertHex(value: unknown): value is string {
  return typeof value === "string" && isHexString(value) && (value.length === 2 || value.length >= 10);
}

/** Walks an error from ethers, the provider or EDR to the revert data it carries. */
export function findRevertData(error: unknown, depth = 0): string | undefined {
  if (error === null || typeof error !== "object" || depth > 8) return undefined;
  const e = error as Record<string, unknown>;
  const data = e.data;
  if (isRevertHex(data) && data !== "0x") return data;
  if (data !== null && typeof data === "object") {
    const inner = (data as Record<string, unknown>).data;
    if (isRevertHex(inner) && inner !== "0x") return inner;
  }
  for (const key of ["info", "error", "cause", "payload"]) {
    const found = findRevertData(e[key], depth + 1);
    if (found !== undefined) return found;
  }
  // A revert with empty data is still a revert.
  if (data === "0x") return data;
  return undefined;
}

function isCallException(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const e = error as Record<string, unknown>;
  if (e.code === "CALL_EXCEPTION" || e.code === 3) return true;
  const message = typeof e.message === "string" ? e.message : "";
  return /revert/i.test(message);
}

function transactionTarget(error: unknown): string | undefined {
  const tx = (error as { transaction?: { to?: string } } | null)?.transaction;
  return typeof tx?.to === "string" ? tx.to : undefined;
}

/**
 * Decodes failures into named, explained errors. Each Context has its own: it names addresses from the context's
 * address book, and looks a selector the built-in errors do not know up in `moreErrors` (the context's artifacts),
 * read when that happens. It keeps no state of its own.
 */
export class ErrorDecoder {
  readonly #names: AddressBook;
  readonly #moreErrors?: () => Promise<InterfaceAbi>;
  readonly #format?: ValueFormat;

  constructor(names: AddressBook = new AddressBook(), moreErrors?: () => Promise<InterfaceAbi>, format?: ValueFormat) {
    this.#names = names;
    this.#moreErrors = moreErrors;
    this.#format = format;
  }

  /** Decodes revert data (`0x` + selector + arguments) with the built-in errors (or `errors`). */
  decodeRevertData(data: string, contract?: string, errors: Interface = BUILT_IN): DecodedError {
    const who = (address: string) => this.#names.label(address);
    const where = contract !== undefined ? ` (from ${who(contract)})` : "";
    if (data === "0x" || data === "") {
      const explanation = "the call reverted without a reason (a failed require without message, out of gas, or a " +
        "call to a non-contract)";
      return { kind: "empty-revert", name: "Revert", args: {}, contract, explanation, message: `Reverted${where}: ${explanation}` };
    }
    const selector = data.slice(0, 10).toLowerCase();
    let parsed: ReturnType<Interface["parseError"]>;
    try {
      parsed = errors.parseError(data);
    } catch {
      parsed = null;
    }
    if (parsed === null) {
      const explanation = `unknown error selector ${selector}${contract !== undefined ? ` from contract ${contract}` : ""}`;
      return {
        kind: "unknown-selector", name: "UnknownError", selector, args: { data }, contract, explanation,
        message: `UnknownError ${selector}${where}: ${explanation}`,
      };
    }
    let args = argsOf(parsed.fragment, parsed.args);
    // ethers decodes the built-in Error(string) and Panic(uint256) with unnamed parameters.
    if (parsed.name === "Error") args = { reason: stringify(parsed.args[0]) };
    if (parsed.name === "Panic") args = { code: stringify(parsed.args[0]) };
    let kind: DecodedError["kind"] = "custom";
    let explanation: string;
    if (parsed.name === "Error") {
      kind = "revert-string";
      explanation = `reverted with reason "${args.reason}"`;
    } else if (parsed.name === "Panic") {
      kind = "panic";
      const code = Number(BigInt(args.code));
      explanation = `panic 0x${code.toString(16).padStart(2, "0")}: ${PANIC_REASONS[code] ?? "unknown panic code"}`;
    } else {
      const explain = explanations(who)[parsed.name];
      try {
        explanation = explain !== undefined
          ? explain(humanArgs(parsed.name, args, contract, this.#format))
          : `the contract refused with ${parsed.name}`;
      } catch {
        explanation = `the contract refused with ${parsed.name}`;
      }
    }
    const signature = parsed.fragment.format("sighash");
    const shown = kind === "revert-string" || kind === "panic" ? parsed.name : `${parsed.name}(${describeArgs(args)})`;
    return {
      kind, name: parsed.name, signature, selector, args, contract, explanation,
      message: `${shown}: ${explanation}`,
    };
  }

  /** Decodes any failure with the built-in errors: a contract's refusal, a command-line error, or anything else. */
  decodeBuiltIn(error: unknown, contract?: string): DecodedError {
    if (error instanceof CliError && error.decoded !== undefined) return error.decoded;
    if (error instanceof CliError) {
      return { kind: "cli", name: "Error", args: {}, explanation: error.message, message: error.message };
    }
    const target = contract ?? transactionTarget(error);
    const data = findRevertData(error);
    if (data !== undefined) return this.decodeRevertData(data, target);
    if (isCallException(error)) return this.decodeRevertData("0x", target);
    const raw = error instanceof Error ? error.message : String(error);
    const message = (error as { shortMessage?: string })?.shortMessage ?? raw.split("\n")[0];
    return { kind: "other", name: "Failure", args: {}, contract: target, explanation: message, message };
  }

  /** Decodes any failure, looking a selector the built-in errors do not know up in `moreErrors`. */
  async decode(error: unknown, contract?: string): Promise<DecodedError> {
    const decoded = this.decodeBuiltIn(error, contract);
    if (decoded.kind !== "unknown-selector" || this.#moreErrors === undefined) return decoded;
    const errors = new Interface(errorFragments([...BUILT_IN_ABIS, await this.#moreErrors()]));
    return this.decodeRevertData(decoded.args.data, decoded.contract, errors);
  }

  /** Wraps any failure in a CliError carrying its decoded form. */
  async toCliError(error: unknown, contract?: string): Promise<CliError> {
    if (error instanceof CliError && error.decoded !== undefined) return error;
    const decoded = await this.decode(error, contract);
    return new CliError(decoded.message, decoded, { cause: error });
  }
}

/** A decoder of the built-in errors that names no address: for callers without a context. */
const PLAIN = new ErrorDecoder();

/** Decodes revert data with the built-in errors (addresses unnamed). */
export function decodeRevertData(data: string, contract?: string): DecodedError {
  return PLAIN.decodeRevertData(data, contract);
}

/** Decodes any failure with the built-in errors (addresses unnamed); a CliError keeps the decoding it carries. */
export function decodeError(error: unknown, contract?: string): DecodedError {
  return PLAIN.decodeBuiltIn(error, contract);
}

/** Wraps any failure in a CliError, decoded with the built-in errors (addresses unnamed). */
export function toCliError(error: unknown, contract?: string): CliError {
  if (error instanceof CliError && error.decoded !== undefined) return error;
  const decoded = decodeError(error, contract);
  return new CliError(decoded.message, decoded, { cause: error });
}
