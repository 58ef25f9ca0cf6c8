// Error explanations for every client (command line, scripts, web app, indexer): one explanation per error, from the
// contracts' NatSpec `@notice` (our errors) or client/inherited-errors.ts (OpenZeppelin's), generated after each
// build into client/generated/errors.ts.
import { ERROR_DOCS } from "./generated/errors.ts";

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
