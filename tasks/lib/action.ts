import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { createContext, type Context } from "./context.js";
import { decodeError, toCliError, type DecodedError } from "./errors.js";
import { setAddressNames } from "./names.js";
import { readJsonArg, toJson } from "./output.js";
import type { TxInfo } from "./tx.js";

/** Options every task takes. */
export interface CommonArgs {
  as?: string;
  json?: boolean;
  registry?: string;
  factory?: string;
  market?: string;
  deployment?: string;
  names?: string;
}

interface CliSettings {
  /** Print nothing (results are still returned). */
  quiet: boolean;
  /** Throw a CliError (with `.decoded`) instead of printing it and setting the exit code. */
  throwErrors: boolean;
}

const settings: CliSettings = { quiet: false, throwErrors: false };

/**
 * How tasks behave when run in-process (`hre.tasks.getTask([...]).run(args)`): tests and the demo usually want
 * `{ quiet: true, throwErrors: true }`. From a terminal the defaults print and set `process.exitCode = 1` on failure.
 */
export function configureCli(update: Partial<CliSettings>): CliSettings {
  Object.assign(settings, update);
  return { ...settings };
}

/** What a task returns when it failed and errors are not thrown. */
export interface FailedResult {
  ok: false;
  error: DecodedError;
}

/** Lines a person reads for a result. */
export type Renderer<R> = (result: R) => string[];

function renderTxs(result: unknown): string[] {
  const txs = (result as { txs?: TxInfo[] }).txs;
  if (!Array.isArray(txs) || txs.length === 0) return [];
  return txs.map((tx) => `  tx ${tx.hash} (${tx.what}, block ${tx.blockNumber}, gas ${tx.gasUsed})`);
}

/**
 * Builds a task action: makes the context from the common options, runs `run`, prints the result (`--json`: one JSON
 * object; otherwise `render`'s lines) and returns it. On failure prints the decoded error (never a raw blob), sets
 * `process.exitCode = 1` and returns `{ ok: false, error }` — or throws it when `configureCli({ throwErrors: true })`.
 */
export function cliAction<A extends CommonArgs, R extends object>(
  run: (ctx: Context, args: A) => Promise<R>,
  render?: Renderer<R>,
): (args: A, hre: HardhatRuntimeEnvironment) => Promise<R | FailedResult> {
  return async (args, hre) => {
    const print = !settings.quiet;
    const progress = print ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
    try {
      if (args.names !== undefined && args.names !== "") {
        setAddressNames(readJsonArg(args.names, "--names") as Record<string, string>);
      }
      const ctx = await createContext(hre, args, progress);
      const result = await run(ctx, args);
      if (print) {
        if (args.json === true) console.log(toJson(result));
        else if (render !== undefined) console.log([...render(result), ...renderTxs(result)].join("\n"));
        else console.log(toJson(result));
      }
      return result;
    } catch (error) {
      if (settings.throwErrors) throw toCliError(error);
      const decoded = decodeError(error);
      if (print) {
        if (args.json === true) console.log(toJson({ ok: false, error: decoded }));
        else {
          const heading = decoded.kind === "cli" || decoded.kind === "other" ? "Error" : "Refused";
          console.error(`${heading}: ${decoded.message}`);
          if (decoded.kind === "unknown-selector" && decoded.args.data !== undefined) {
            console.error(`  revert data: ${decoded.args.data}`);
          }
        }
      }
      process.exitCode = 1;
      return { ok: false, error: decoded };
    }
  };
}

