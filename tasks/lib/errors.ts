import { ErrorFragment, Interface, isHexString, type InterfaceAbi } from "ethers";
import {
  ERROR_FRAGMENTS,
  argsByName,
  describeArgs,
  errorBySelector,
  humanArgs,
  type ValueFormat,
} from "../../client/errors.ts";
import { AddressBook } from "./names.js";

/** A decoded failure: a contract's custom error, `Error(string)`, `Panic(uint256)`, or a plain failure. */
export interface DecodedError {
  kind: "custom" | "revert-string" | "panic" | "unknown-selector" | "empty-revert" | "cli" | "other";
  /** Error name ("CapExceeded"), or "Error" / "Panic" / "UnknownError" / "Failure". */
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

// Solidity's built-in errors: every other error a contract of the system can revert with is in ERROR_FRAGMENTS,
// generated from the contracts' ABIs.
const SOLIDITY_ERRORS = ["error Error(string reason)", "error Panic(uint256 code)"];

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
 * What every decoder knows: Solidity's own errors and every error of the system's contracts (their ABIs, inherited
 * errors included), as generated after the last build into client/generated/errors.ts.
 */
const BUILT_IN_ABIS: readonly InterfaceAbi[] = [SOLIDITY_ERRORS, [...ERROR_FRAGMENTS]];
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

// How values show (by parameter name), shared with the web app.
export type { ValueFormat };

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
      const explanation =
        "the call reverted without a reason (a failed require without message, out of gas, or a " +
        "call to a non-contract)";
      return {
        kind: "empty-revert",
        name: "Revert",
        args: {},
        contract,
        explanation,
        message: `Reverted${where}: ${explanation}`,
      };
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
        kind: "unknown-selector",
        name: "UnknownError",
        selector,
        args: { data },
        contract,
        explanation,
        message: `UnknownError ${selector}${where}: ${explanation}`,
      };
    }
    let args = argsByName(parsed.fragment.inputs, parsed.args);
    // ethers decodes the built-in Error(string) and Panic(uint256) with unnamed parameters.
    if (parsed.name === "Error") args = { reason: String(parsed.args[0]) };
    if (parsed.name === "Panic") args = { code: String(parsed.args[0]) };
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
      // The one explanation of each error: its @notice, or OpenZeppelin's line in client/inherited-errors.ts.
      explanation = errorBySelector(selector)?.explanation ?? `the contract refused with ${parsed.name}`;
    }
    const signature = parsed.fragment.format("sighash");
    const shown =
      kind === "revert-string" || kind === "panic"
        ? parsed.name
        : `${parsed.name}(${describeArgs(parsed.fragment.inputs, humanArgs(parsed.name, args, contract, this.#format), who)})`;
    return {
      kind,
      name: parsed.name,
      signature,
      selector,
      args,
      contract,
      explanation,
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
