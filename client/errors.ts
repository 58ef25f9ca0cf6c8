// Error explanations for every client (command line, scripts, web app, indexer): one explanation per error, from the
// contracts' NatSpec `@notice` (our errors) or client/inherited-errors.ts (OpenZeppelin's), generated after each
// build into client/generated/errors.ts.
import { formatAmount, formatBps, formatDuration, formatShares, formatWhen } from "./format.ts";
import { ERROR_DOCS } from "./generated/errors.ts";
import { roleLabel } from "./roles.ts";

export interface ErrorDoc {
  name: string;
  /** `Name(type,…)`, as in `userdoc` and selectors. */
  signature: string;
  /** The 4-byte selector, `0x` and 8 hex digits. */
  selector: string;
  /** Human-readable ABI with parameter names, e.g. `error CapExceeded(uint256 outsideShares, uint256 maxOutsideShares)`. */
  fragment: string;
  /** One sentence for a person. */
  explanation: string;
  /** Where the explanation is written: the error's `@notice`, or client/inherited-errors.ts. */
  source: "natspec" | "inherited";
  /** The contracts whose ABI carries the error. */
  contracts: string[];
}

export { ERROR_DOCS };

const BY_SELECTOR = new Map(ERROR_DOCS.map((doc) => [doc.selector, doc]));
const BY_NAME = new Map(ERROR_DOCS.map((doc) => [doc.name, doc]));

/** The error with this 4-byte selector, if a contract of the system can revert with it. */
export function errorBySelector(selector: string): ErrorDoc | undefined {
  return BY_SELECTOR.get(selector.toLowerCase());
}

/** The explanation of the error named `name` (names are unique among the system's errors). */
export function explanationOf(name: string): string | undefined {
  return BY_NAME.get(name)?.explanation;
}

/** Every error fragment of the system, for an ABI decoder (`new Interface(ERROR_FRAGMENTS)`). */
export const ERROR_FRAGMENTS: readonly string[] = ERROR_DOCS.map((doc) => doc.fragment);

/**
 * How a client shows an error's values to a person. `amount` gives the unit of amounts a contract counts (a personal
 * token counts shares, an ERC-20 its asset, the market and the distributor their token's quote asset): "1,000
 * shares", "$5.00"; `now` is the chain time for "in 5 min" / "12 s ago". Without them amounts read "… base units" and
 * times as dates.
 */
export interface ValueFormat {
  amount?(contract: string | undefined, value: bigint, error: string): string | undefined;
  now?(): bigint | undefined;
}

// Values are read by their parameter's name, which every error of ours uses for one kind of value.
const SHARE_ARGS = new Set([
  "outsideShares",
  "maxOutsideShares",
  "offered",
  "movableBalance",
  "requested",
  "available",
  "cumulative",
  "maximum",
  "minimum",
  "entitlement",
  "frozen",
  "ownerBalance",
  "reserved",
  "totalSupply",
  "supplyAfter",
  "maxSupply",
  "initialSupply",
  "minPerInvestor",
  "maxPerInvestor",
]);
const MONEY_ARGS = new Set(["pricePerShare", "minPricePerShare", "maxPricePerShare", "due", "received", "capital"]);
// OpenZeppelin's ERC-20 errors count in the unit of the contract that raised them.
const CONTRACT_UNIT_ARGS = new Set(["balance", "needed", "allowance", "amount"]);
const ETH_ERRORS = new Set(["EthValueMismatch", "InsufficientBalance"]);
const TIME_ARGS = new Set([
  "deadline",
  "expiresAt",
  "currentTime",
  "openToAllAfter",
  "expiry",
  "start",
  "end",
  "windowEnd",
]);
const DURATION_ARGS = new Set(["priorityWindow", "duration", "cliff", "maxDuration"]);
const BPS_ARGS = new Set(["capBps", "currentCapBps", "requestedCapBps"]);

/**
 * The arguments of error `name` (decimal strings keyed by parameter name) as a person reads them: times as dates
 * relative to now, durations, basis points as %, shares, money in its asset, ETH named ETH.
 */
export function humanArgs(
  name: string,
  args: Readonly<Record<string, string>>,
  contract?: string,
  format?: ValueFormat,
): Record<string, string> {
  const out: Record<string, string> = { ...args };
  const now = format?.now?.();
  for (const [key, value] of Object.entries(args)) {
    if (!/^\d+$/.test(value)) continue;
    const n = BigInt(value);
    if (ETH_ERRORS.has(name)) out[key] = `${formatAmount(n, 18, 0, 6)} ETH`;
    else if (TIME_ARGS.has(key) && n > 1_000_000_000n) out[key] = formatWhen(n, now);
    else if (DURATION_ARGS.has(key)) out[key] = formatDuration(n);
    else if (BPS_ARGS.has(key)) out[key] = formatBps(n);
    else if (SHARE_ARGS.has(key)) out[key] = `${formatShares(n)} shares`;
    else if (MONEY_ARGS.has(key) || CONTRACT_UNIT_ARGS.has(key)) {
      out[key] = format?.amount?.(contract, n, name) ?? `${value} base units`;
    }
  }
  return out;
}

/** An error parameter as ABIs describe it (ethers' ParamType and viem's AbiParameter both fit). */
export interface ErrorInput {
  name?: string;
  type: string;
}

/** `key=value, …` of shown arguments, addresses through `who` (e.g. names from an address book) and roles by name. */
export function describeArgs(
  inputs: readonly ErrorInput[],
  args: Readonly<Record<string, string>>,
  who: (address: string) => string = (address) => address,
): string {
  return Object.entries(args)
    .map(([key, value], i) => {
      const type = inputs[i]?.type;
      if (type === "address") return `${key}=${who(value)}`;
      if (type === "bytes32" && key === "neededRole") return `${key}=${roleLabel(value)}`;
      return `${key}=${value}`;
    })
    .join(", ");
}

/** Decoded argument values keyed by their parameter's name (`arg0`… when unnamed), as strings. */
export function argsByName(inputs: readonly ErrorInput[], values: readonly unknown[]): Record<string, string> {
  const args: Record<string, string> = {};
  inputs.forEach((input, i) => {
    args[input.name === undefined || input.name === "" ? `arg${i}` : input.name] = stringifyValue(values[i]);
  });
  return args;
}

function stringifyValue(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map(stringifyValue).join(", ")}]`;
  return String(value);
}
