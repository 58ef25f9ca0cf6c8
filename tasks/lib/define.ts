import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import type { NewTaskDefinitionBuilder, TaskDefinition } from "hardhat/types/tasks";
import type { CliAction, CommonArgs } from "./action.js";

/**
 * A task's command line, declared once: its action's parameter type P is the argument shape, and the spec given to
 * `define` maps every key of P to how the command line supplies it. A spec that misspells, omits or mistypes a
 * parameter does not compile.
 */

/** A positional argument: always given, as text. */
export interface Positional {
  readonly kind: "positional";
  readonly description: string;
}
/** An option with a default: always given, as text. */
export interface DefaultedOption {
  readonly kind: "option";
  readonly description: string;
  readonly default: string;
}
/** An option without a default: absent unless given. */
export interface OptionalOption {
  readonly kind: "option";
  readonly description: string;
  readonly default?: undefined;
}
/** An option the action cannot do without: Hardhat options are never required, so the action refuses its absence. */
export interface RequiredOption {
  readonly kind: "required";
  readonly description: string;
}
/** A flag: true when given, false otherwise. */
export interface Flag {
  readonly kind: "flag";
  readonly description: string;
}

export const arg = (description: string): Positional => ({ kind: "positional", description });
export function option(description: string): OptionalOption;
export function option(description: string, defaultValue: string): DefaultedOption;
export function option(description: string, defaultValue?: string): OptionalOption | DefaultedOption {
  return defaultValue === undefined
    ? { kind: "option", description }
    : { kind: "option", description, default: defaultValue };
}
export const required = (description: string): RequiredOption => ({ kind: "required", description });
export const flag = (description: string): Flag => ({ kind: "flag", description });

/** `--token <address>`; "ownerDefault" says it defaults to the token the signer owns. */
export const tokenOption = (which: "ownerDefault" | "required"): OptionalOption =>
  option(which === "ownerDefault" ? "Token address (default: the token the signer owns)" : "Token address");

type IsOptional<P, K extends keyof P> = Pick<P, K> extends Required<Pick<P, K>> ? false : true;

/**
 * How the command line may supply parameter K of P: a flag if it takes a boolean; if it takes text, a positional
 * argument or an option with a default (always given), an option without default if the parameter is optional, or a
 * `required` option if it is not. A parameter that takes neither has no declaration (a compile error).
 */
type Declaration<P, K extends keyof P> =
  | ([boolean] extends [P[K]] ? Flag : never)
  | ([string] extends [P[K]]
      ? Positional | DefaultedOption | (IsOptional<P, K> extends true ? OptionalOption : RequiredOption)
      : never);

/**
 * The command line of a task whose action takes P: one declaration for every parameter, in order, and no other. A
 * parameter may not reuse the name of an option every task takes (CommonArgs).
 */
export type SpecFor<P> = { readonly [K in keyof P]-?: K extends keyof CommonArgs ? never : Declaration<P, K> };

/** The options every task takes, declared against CommonArgs. */
const COMMON: { readonly [K in keyof CommonArgs]-?: Declaration<CommonArgs, K> } = {
  as: option(
    "Signer: an address among the network's accounts, a known name, or an account index (default 0; every sending task prints who signs)",
  ),
  registry: option("InvestorRegistry address (default: from the deployment record)"),
  factory: option("PersonalTokenFactory address (default: from the deployment record)"),
  market: option("ShareMarket address (default: from the deployment record)"),
  deployment: option("Ignition deployment id to read addresses from (default: chain-<chainId>)"),
  names: option('Address names for the output: inline JSON or a file ({"0x…": "Alice"})'),
  json: flag("Print one JSON object"),
  dryRun: flag("Simulate and show what would be sent, by whom, and whether it would pass; send nothing"),
  yes: flag("Answer yes to confirmations (kick, enable-asset, a distribution by a non-owner, …)"),
};

type Builder = NewTaskDefinitionBuilder;
type Entry = [name: string, declaration: Positional | DefaultedOption | OptionalOption | RequiredOption | Flag];

/**
 * A task of the command line. P is read from the action (`load`'s default export, made by `cliAction`), and `spec`
 * must declare exactly P's parameters: positional arguments in the order written, then options, then flags, each
 * followed by the common ones.
 */
export function define<P>(
  id: [string, string],
  description: string,
  spec: NoInfer<SpecFor<P>>,
  load: () => Promise<{ default: CliAction<P> }>,
): TaskDefinition {
  const own = Object.entries(spec) as Entry[];
  const common = Object.entries(COMMON) as Entry[];
  let b = task(id, description) as unknown as Builder;
  for (const [name, d] of own) {
    if (d.kind === "positional")
      b = b.addPositionalArgument({ name, description: d.description }) as unknown as Builder;
  }
  for (const [name, d] of [...own, ...common]) {
    if (d.kind === "option" && d.default !== undefined) {
      b = b.addOption({
        name,
        description: d.description,
        type: ArgumentType.STRING,
        defaultValue: d.default,
      }) as unknown as Builder;
    } else if (d.kind === "option" || d.kind === "required") {
      b = b.addOption({
        name,
        description: d.description,
        type: ArgumentType.STRING_WITHOUT_DEFAULT,
        defaultValue: undefined,
      }) as unknown as Builder;
    }
  }
  for (const [name, d] of [...own, ...common]) {
    if (d.kind === "flag") b = b.addFlag({ name, description: d.description }) as unknown as Builder;
  }
  return (b.setAction(loadOrExplain(load) as never) as unknown as { build(): TaskDefinition }).build();
}

/** What a never-built clone hits: the actions import the contracts' TypeChain types, which `hardhat build` writes. */
export const NOT_BUILT =
  "The contracts are not built yet: run `npx hardhat build` once (the tasks use the types it generates in types/)";

/**
 * The action, or — when it cannot load because the project was never built — an action that says so and exits 1,
 * instead of Hardhat's bare HHE411 ("Unable to import the action").
 */
export function loadOrExplain<A>(
  load: () => Promise<{ default: A }>,
): () => Promise<{ default: A | (() => Promise<void>) }> {
  return async () => {
    try {
      return await load();
    } catch (error) {
      const text = String((error as { message?: string })?.message ?? error);
      if (!/types[\\/]ethers-contracts/.test(text)) throw error;
      return {
        default: async () => {
          console.error(`Error: ${NOT_BUILT}`);
          process.exitCode = 1;
        },
      };
    }
  };
}
