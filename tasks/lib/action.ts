import { AsyncLocalStorage } from "node:async_hooks";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { createContext, type Context, type ContextSetup, type SystemAddresses } from "./context.js";
import { decodeError, toCliError, type DecodedError } from "./errors.js";
import { AddressBook, type AddressNames } from "./names.js";
import { readJsonArg, toJson } from "./output.js";
import { DryRun, type TxInfo } from "./tx.js";

/** Options every task takes, besides its own parameters. */
export interface CommonArgs {
  as?: string;
  json?: boolean;
  registry?: string;
  factory?: string;
  market?: string;
  deployment?: string;
  names?: string;
  /** Simulate and report what would be sent; send nothing. */
  dryRun?: boolean;
  /** Skip confirmations. */
  yes?: boolean;
}

/** What a task receives from Hardhat: its parameters as declared in tasks/index.ts, and the common options. */
export type CliArgs<P> = P & CommonArgs;

/**
 * How in-process callers (tests) run tasks through `hre.tasks`: the system's addresses and names its context starts
 * with, and how it reports. From a terminal there is none: tasks print, and a failure sets `process.exitCode = 1`.
 */
export interface CliSession {
  addresses?: Partial<SystemAddresses>;
  names?: AddressNames;
  /** Print nothing (results are still returned). */
  quiet?: boolean;
  /** Throw a CliError (with `.decoded`) instead of printing it and setting the exit code. */
  throwErrors?: boolean;
  /** Receives the progress lines ("signing as …", "sent …") that a terminal run writes to stderr. */
  progress?: (line: string) => void;
  /** Answers confirmations (a terminal run asks on the terminal). */
  confirm?: (question: string) => Promise<boolean>;
}

// Hardhat hands a task only its arguments and the runtime, so a session reaches the tasks run inside `inSession`
// through the call itself (AsyncLocalStorage), never through a setting that outlives the call or leaks to another.
const sessions = new AsyncLocalStorage<CliSession>();

/** Runs `run` (e.g. `() => hre.tasks.getTask([...]).run(args)`) with `session` for every task it starts. */
export function inSession<T>(session: CliSession, run: () => Promise<T>): Promise<T> {
  return sessions.run(session, run);
}

/** What a task returns when it failed and errors are not thrown. */
export interface FailedResult {
  ok: false;
  error: DecodedError;
}

/** Lines a person reads for a result (addresses named through the context). */
export type Renderer<R> = (result: R, ctx: Context) => string[];

/** A task's action: what Hardhat calls with the parsed arguments, and the in-process function it runs. */
export interface CliAction<P, R extends object = object> {
  (args: CliArgs<P>, hre: HardhatRuntimeEnvironment): Promise<R | FailedResult | DryRun>;
  /** The action as a function of a context and the task's parameters (tasks/api.ts exports it by name too). */
  readonly run: (ctx: Context, params: P) => Promise<R>;
}

function renderTxs(result: unknown): string[] {
  const txs = (result as { txs?: TxInfo[] }).txs;
  if (!Array.isArray(txs) || txs.length === 0) return [];
  return txs.map(
    (tx) =>
      `  tx ${tx.hash} (${tx.what}, block ${tx.blockNumber}, gas ${tx.gasUsed})` +
      (tx.explorer !== undefined ? `\n     ${tx.explorer}` : ""),
  );
}

function renderDryRun(plan: DryRun, ctx: Context): string[] {
  return [
    `Dry run on ${plan.network}: nothing was sent. ${ctx.label(plan.signer)} would send ${plan.steps.length} transaction(s):`,
    ...plan.steps.map(
      (step, i) =>
        `  ${i + 1}. ${step.what} → ${ctx.label(step.to)}` +
        (step.value > 0n
          ? ` with ${ctx.money({ address: "", symbol: "ETH", decimals: 18, isEth: true }, step.value)}`
          : ""),
    ),
    `Simulation: ${plan.simulation}.`,
  ];
}

/**
 * Builds a task action from `run`, whose parameter type is the task's argument shape: makes the context from the
 * common options (and the session, in-process), runs `run` with the task's own arguments, prints the result
 * (`--json`: one JSON object; otherwise `render`'s lines) and returns it. On failure prints the decoded error (never a
 * raw blob), sets `process.exitCode = 1` and returns `{ ok: false, error }` — or throws it in a `throwErrors` session.
 */
export function cliAction<P, R extends object>(
  run: (ctx: Context, params: P) => Promise<R>,
  render?: Renderer<R>,
  kind: { readOnly?: boolean } = {},
): CliAction<P, R> {
  const action = async (args: CliArgs<P>, hre: HardhatRuntimeEnvironment): Promise<R | FailedResult | DryRun> => {
    const { as, json, registry, factory, market, deployment, names, dryRun, yes, ...params } = args;
    const session = sessions.getStore() ?? {};
    const print = session.quiet !== true;
    const progress = session.progress ?? (print ? (line: string) => process.stderr.write(`${line}\n`) : undefined);
    let ctx: Context | undefined;
    try {
      const book = new AddressBook(session.names);
      if (names !== undefined && names !== "") book.add(readJsonArg(names, "--names") as Record<string, string>);
      const setup: ContextSetup = {
        addresses: session.addresses,
        names: book,
        progress,
        sending: { dryRun: dryRun === true, yes: yes === true, confirm: session.confirm },
      };
      ctx = await createContext(
        hre,
        { as, registry, factory, market, deployment, readOnly: kind.readOnly === true },
        setup,
      );
      // `params` is `args` without the common options: the task's parameters, as its spec declares them.
      let result: R;
      try {
        result = await run(ctx, params as unknown as P);
      } catch (error) {
        if (!(error instanceof DryRun)) throw error;
        if (print) console.log(json === true ? toJson(error) : renderDryRun(error, ctx).join("\n"));
        return error;
      }
      if (print) {
        if (json === true) console.log(toJson(result));
        else if (render !== undefined) console.log([...render(result, ctx), ...renderTxs(result)].join("\n"));
        else console.log(toJson(result));
      }
      return result;
    } catch (error) {
      if (session.throwErrors === true)
        throw ctx !== undefined ? await ctx.errors.toCliError(error) : toCliError(error);
      const decoded = ctx !== undefined ? await ctx.errors.decode(error) : decodeError(error);
      if (print) {
        if (json === true) console.log(toJson({ ok: false, error: decoded }));
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
  return Object.assign(action, { run });
}
