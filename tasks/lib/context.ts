import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Contract, getAddress, isAddress, ZeroAddress, type Provider } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  GainsDistributor__factory,
  Holdings__factory,
  InvestorRegistry__factory,
  PersonalTokenFactory__factory,
  PersonalToken__factory,
  ShareMarket__factory,
  type GainsDistributor,
  type Holdings,
  type InvestorRegistry,
  type PersonalToken,
  type PersonalTokenFactory,
  type ShareMarket,
} from "../../types/ethers-contracts/index.js";
import { CliError, ErrorDecoder, artifactErrorAbi, type ValueFormat } from "./errors.js";
import { AddressBook, type AddressNames } from "./names.js";
import { CapturingSigner, type NeededAllowance } from "./tx.js";
import { formatMoneyOf, formatShares, formatWhen } from "./units.js";
import { ROLE_IDS, roleNamed, type RoleName } from "../../client/roles.ts";
import { IGNITION_RECORD_KEYS, KNOWN_CHAINS } from "../../client/chains.ts";

/** The system's three entry points. */
export interface SystemAddresses {
  registry: string;
  factory: string;
  market: string;
}

/** Options every task takes to find the chain's system and pick its signer. */
export interface ConnectOptions {
  /** The signer: an address among the connection's accounts, or an index (default 0). */
  as?: string | number;
  registry?: string;
  factory?: string;
  market?: string;
  /** Ignition deployment id (default `chain-<chainId>`). */
  deployment?: string;
  /** A read-only task: connects without the network's keys, so it needs none (and none is resolved or asked for). */
  readOnly?: boolean;
}

/** What an in-process caller gives a context besides the command-line options. */
export interface ContextSetup {
  /** The system's addresses when it was deployed in-process, without an Ignition record (options still win). */
  addresses?: Partial<SystemAddresses>;
  /** Address names for output and account arguments; the context copies them, so its additions stay its own. */
  names?: AddressNames;
  /** Where progress lines go (tasks run from a terminal write them to stderr); silent when absent. */
  progress?: (line: string) => void;
  /** How sending behaves: simulate only (`--dry-run`), skip confirmations (`--yes`), how to ask for one. */
  sending?: SendingOptions;
}

/** How a context sends. */
export interface SendingOptions {
  /** Simulate and report what would be sent; send nothing. */
  dryRun?: boolean;
  /** Answer yes to every confirmation. */
  yes?: boolean;
  /**
   * Asks the user a yes/no question; absent: from a terminal the question is asked on it, without one it is not
   * asked (scripts run unattended).
   */
  confirm?: (question: string) => Promise<boolean>;
}

/**
 * What a context learned about units while it ran, for its error messages: which contracts are personal tokens
 * (amounts in shares), which are ERC-20 assets, the quote asset of the token acted on (the market's and the
 * distributor's amounts), and the chain time.
 */
export class UnitBook implements ValueFormat {
  readonly tokens = new Set<string>();
  readonly assets = new Map<string, AssetInfo>();
  quote?: AssetInfo;
  chainTime?: bigint;

  amount(contract: string | undefined, value: bigint): string | undefined {
    const key = contract !== undefined && isAddress(contract) ? getAddress(contract) : undefined;
    if (key !== undefined && this.tokens.has(key)) return `${formatShares(value)} shares`;
    const asset = key !== undefined ? this.assets.get(key) : undefined;
    if (asset !== undefined) return formatMoney(asset, value);
    return this.quote !== undefined ? formatMoney(this.quote, value) : undefined;
  }

  now(): bigint | undefined {
    return this.chainTime;
  }
}

/** Where the addresses came from, for messages. */
export type AddressSource = "option" | "in-process" | "deployment" | "missing";

/** Reads `deploy/deployments/<id>/deployed_addresses.json` (the Ignition record), if present. */
export function readDeploymentRecord(ignitionDir: string, id: string): Partial<SystemAddresses> | undefined {
  const file = path.join(ignitionDir, "deployments", id, "deployed_addresses.json");
  if (!existsSync(file)) return undefined;
  const record = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const found: Partial<SystemAddresses> = {};
  for (const key of Object.keys(IGNITION_RECORD_KEYS) as (keyof SystemAddresses)[]) {
    if (record[IGNITION_RECORD_KEYS[key]] !== undefined) found[key] = record[IGNITION_RECORD_KEYS[key]];
  }
  return found;
}

/** One address from an Ignition deployment record (`deploy/deployments/<id>/deployed_addresses.json`), if present. */
export function readDeploymentRecordKey(ctx: Context, id: string, key: string): string | undefined {
  if (ctx.ignitionDir === undefined) return undefined;
  const file = path.join(ctx.ignitionDir, "deployments", id, "deployed_addresses.json");
  if (!existsSync(file)) return undefined;
  const value = (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>)[key];
  return value !== undefined ? getAddress(value) : undefined;
}

/** Resolves the addresses: explicit options, then the caller's `inProcess` ones, then the Ignition deployment record. */
export function resolveSystemAddresses(
  options: ConnectOptions,
  chainId: bigint,
  ignitionDir?: string,
  inProcess?: Partial<SystemAddresses>,
): { addresses: Partial<SystemAddresses>; sources: Record<keyof SystemAddresses, AddressSource>; deployment: string } {
  const deployment =
    options.deployment !== undefined && options.deployment !== "" ? options.deployment : `chain-${chainId}`;
  const record = ignitionDir !== undefined ? readDeploymentRecord(ignitionDir, deployment) : undefined;
  const addresses: Partial<SystemAddresses> = {};
  const sources = {} as Record<keyof SystemAddresses, AddressSource>;
  for (const key of Object.keys(IGNITION_RECORD_KEYS) as (keyof SystemAddresses)[]) {
    const explicit = options[key];
    if (explicit !== undefined && explicit !== "") {
      if (!isAddress(explicit)) throw new CliError(`--${key}: "${explicit}" is not an address`);
      addresses[key] = getAddress(explicit);
      sources[key] = "option";
    } else if (inProcess?.[key] !== undefined) {
      addresses[key] = getAddress(inProcess[key]);
      sources[key] = "in-process";
    } else if (record?.[key] !== undefined) {
      addresses[key] = getAddress(record[key]);
      sources[key] = "deployment";
    } else {
      sources[key] = "missing";
    }
  }
  return { addresses, sources, deployment };
}

/** Facts about a payment asset (a quote asset or a distribution asset). */
export interface AssetInfo {
  address: string;
  symbol: string;
  decimals: number;
  isEth: boolean;
}

const ERC20_ABI = [
  "function decimals() view returns (uint8)",
  "function symbol() view returns (string)",
  "function balanceOf(address) view returns (uint256)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
];

/**
 * Everything an action needs, made once per run: the ethers connection, the signer, the system's addresses and
 * contracts, the address book that names accounts, the error decoder, and helpers. Build it with
 * `createContext(hre, options, setup)` (tasks) or `makeContext(ethers, signer, setup)` (scripts that hold a connection).
 * Nothing an action shares with another lives outside it.
 */
export class Context {
  readonly ethers: HardhatEthers;
  readonly provider: Provider;
  readonly signers: HardhatEthersSigner[];
  readonly addresses: Partial<SystemAddresses>;
  readonly deployment: string;
  readonly chainId: bigint;
  /** Writes progress to stderr (tasks run from a terminal); silent when undefined. */
  readonly progressSink?: (line: string) => void;
  /** Names of known addresses: used in output and accepted as account arguments. */
  readonly names: AddressBook;
  /** Decodes refusals, naming addresses from `names`. */
  readonly errors: ErrorDecoder;
  /** The network's name as configured ("localhost", "sepolia", "default" for the in-process chain). */
  readonly networkName: string;
  /** How the signer was chosen, for the "signing as" line ("--as", "LOCALHOST_PRIVATE_KEY", "the node's account #0"). */
  readonly signerSource: string;
  readonly sending: SendingOptions;
  /** Units learned while running, for error messages in human units. */
  readonly units: UnitBook;
  readonly #signer?: HardhatEthersSigner;
  readonly #runner?: CapturingSigner;
  readonly #assets: Map<string, AssetInfo>;
  #needed?: NeededAllowance;
  #question?: string;
  #announced = false;

  constructor(init: {
    ethers: HardhatEthers;
    signer?: HardhatEthersSigner;
    signers?: HardhatEthersSigner[];
    addresses: Partial<SystemAddresses>;
    chainId: bigint;
    deployment?: string;
    progress?: (line: string) => void;
    names?: AddressBook;
    errors?: ErrorDecoder;
    assets?: Map<string, AssetInfo>;
    networkName?: string;
    signerSource?: string;
    sending?: SendingOptions;
    units?: UnitBook;
  }) {
    this.ethers = init.ethers;
    this.provider = init.ethers.provider;
    this.#signer = init.signer;
    this.signers = init.signers ?? (init.signer !== undefined ? [init.signer] : []);
    this.addresses = init.addresses;
    this.chainId = init.chainId;
    this.deployment = init.deployment ?? `chain-${init.chainId}`;
    this.progressSink = init.progress;
    this.names = init.names ?? new AddressBook();
    this.units = init.units ?? new UnitBook();
    this.errors = init.errors ?? new ErrorDecoder(this.names, undefined, this.units);
    this.#assets = init.assets ?? new Map();
    this.networkName = init.networkName ?? "default";
    this.signerSource = init.signerSource ?? "";
    this.sending = init.sending ?? {};
    this.#runner = init.signer !== undefined ? new CapturingSigner(init.signer, init.ethers.provider) : undefined;
  }

  /** `--dry-run`: simulate and report, send nothing. */
  get dryRun(): boolean {
    return this.sending.dryRun === true;
  }

  /** Announces the next action's allowance: sendTx simulates with it and approves exactly it before sending. */
  needAllowance(asset: string, spender: string, amount: bigint): void {
    this.#needed = { asset: getAddress(asset), spender: getAddress(spender), amount };
  }

  /** The allowance announced for the action being sent (once). */
  takeNeededAllowance(): NeededAllowance | undefined {
    const needed = this.#needed;
    this.#needed = undefined;
    return needed;
  }

  /** Asks for a yes before the next action is sent (a kick, enabling an asset, …): see `confirmPending`. */
  confirmBeforeSending(question: string): void {
    this.#question = question;
  }

  /**
   * Puts the pending question to the user: `--yes` or the session's `confirm` answers it; otherwise it is asked on the
   * terminal when one is attached, and not asked without one. A "no" stops the action with nothing sent.
   */
  async confirmPending(): Promise<void> {
    const question = this.#question;
    this.#question = undefined;
    if (question === undefined || this.sending.yes === true) return;
    let ask = this.sending.confirm;
    if (ask === undefined && process.stdin.isTTY === true && process.stderr.isTTY === true) ask = askOnTerminal;
    if (ask === undefined) return;
    if (!(await ask(question))) throw new CliError("Not confirmed: nothing was sent (pass --yes to skip the question)");
  }

  /** Prints once, before anything is sent or simulated: "signing as 0x… (name) on <network>". */
  announceSigner(): void {
    if (this.#announced) return;
    this.#announced = true;
    const address = this.signerAddress;
    const name = this.names.nameOf(address);
    const how = [name, this.signerSource].filter((part) => part !== undefined && part !== "").join(", ");
    this.progress(`signing as ${address}${how !== "" ? ` (${how})` : ""} on ${this.networkName}`);
  }

  /** A time for a person: its date and its distance from the chain time last read ("… (in 5 min)"). */
  when(seconds: bigint | number): string {
    return formatWhen(seconds, this.units.chainTime);
  }

  /** Money in an asset's human units. */
  money(info: AssetInfo, amount: bigint): string {
    return formatMoney(info, amount);
  }

  /** A transaction's page on the network's block explorer (public networks only). */
  explorerTx(hash: string): string | undefined {
    const base = KNOWN_CHAINS[Number(this.chainId)]?.explorer;
    return base === undefined ? undefined : `${base}/tx/${hash}`;
  }

  /** An address's page on the network's block explorer (public networks only). */
  explorerAddress(address: string): string | undefined {
    const base = KNOWN_CHAINS[Number(this.chainId)]?.explorer;
    return base === undefined ? undefined : `${base}/address/${address}`;
  }

  /** The signing account. */
  get signer(): HardhatEthersSigner {
    if (this.#signer === undefined) {
      throw new CliError("No account to sign with on this network: configure a private key for it");
    }
    return this.#signer;
  }

  get signerAddress(): string {
    return this.signer.address;
  }

  /** The same context acting as another account (an index, an address among the signers, or a signer). */
  as(who: string | number | HardhatEthersSigner): Context {
    const signer = typeof who === "object" ? who : pickSigner(this.signers, who, this.names);
    return new Context({
      ethers: this.ethers,
      signer,
      signers: this.signers,
      addresses: this.addresses,
      chainId: this.chainId,
      deployment: this.deployment,
      progress: this.progressSink,
      names: this.names,
      errors: this.errors,
      assets: this.#assets,
      networkName: this.networkName,
      signerSource: typeof who === "object" ? "" : "--as",
      sending: this.sending,
      units: this.units,
    });
  }

  /** "Alice" for a named address, otherwise the checksummed address (shortened when `short`). */
  label(address: string, short = false): string {
    return this.names.label(address, short);
  }

  progress(line: string): void {
    this.progressSink?.(line);
  }

  #need(key: keyof SystemAddresses): string {
    const address = this.addresses[key];
    if (address === undefined) {
      throw new CliError(
        `The ${key} address is unknown on chain ${this.chainId}: pass --${key}, or --deployment <id> of an Ignition ` +
          `deployment (deployment "${this.deployment}" has no record of it)`,
      );
    }
    return address;
  }

  registry(): InvestorRegistry {
    return InvestorRegistry__factory.connect(this.#need("registry"), this.#runner ?? this.provider);
  }

  factory(): PersonalTokenFactory {
    return PersonalTokenFactory__factory.connect(this.#need("factory"), this.#runner ?? this.provider);
  }

  market(): ShareMarket {
    return ShareMarket__factory.connect(this.#need("market"), this.#runner ?? this.provider);
  }

  token(address: string): PersonalToken {
    return PersonalToken__factory.connect(address, this.#runner ?? this.provider);
  }

  distributor(address: string): GainsDistributor {
    return GainsDistributor__factory.connect(address, this.#runner ?? this.provider);
  }

  holdings(address: string): Holdings {
    return Holdings__factory.connect(address, this.#runner ?? this.provider);
  }

  /** The runner contracts are connected to (it captures sends for sendTx), or the provider without a signer. */
  get runner(): CapturingSigner | Provider {
    return this.#runner ?? this.provider;
  }

  /** The Ignition deployments folder, when the context was made by a task. */
  ignitionDir?: string;

  erc20(address: string): Contract {
    return new Contract(address, ERC20_ABI, this.#runner ?? this.provider);
  }

  /** Latest block time (chain time, which tests and local chains may move). */
  async now(): Promise<bigint> {
    const block = await this.provider.getBlock("latest");
    const now = BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
    this.units.chainTime = now;
    return now;
  }

  /** Symbol and decimals of an asset (address(0) is ETH). */
  async asset(address: string): Promise<AssetInfo> {
    const key = getAddress(address);
    const cached = this.#assets.get(key);
    if (cached !== undefined) return cached;
    let info: AssetInfo;
    if (key === ZeroAddress) {
      info = { address: key, symbol: "ETH", decimals: 18, isEth: true };
    } else {
      const erc20 = this.erc20(key);
      const [symbol, decimals] = await Promise.all([
        (erc20.symbol() as Promise<string>).catch(() => "units"),
        (erc20.decimals() as Promise<bigint>).catch(() => 18n),
      ]);
      info = { address: key, symbol, decimals: Number(decimals), isEth: false };
    }
    this.#assets.set(key, info);
    if (!info.isEth) this.units.assets.set(key, info);
    return info;
  }

  /**
   * An account argument: an address, a name in the context's address book, or the index of one of the
   * connection's accounts ("3").
   */
  account(input: string, what = "account"): string {
    const text = input.trim();
    const lower = text.toLowerCase();
    if (isAddress(text)) return getAddress(text);
    if (/^\d+$/.test(text)) {
      const index = Number(text);
      if (index < this.signers.length) return this.signers[index].address;
      throw new CliError(
        `${what} "${input}": account index ${index} out of range (this network has ${this.signers.length} accounts); expected an address, a known name or an account index`,
      );
    }
    if (lower === "me" || lower === "self") return this.signerAddress;
    const named = this.names.addressOf(text);
    if (named !== undefined) return named;
    throw new CliError(
      `${what} "${input}": not an address, a known name or an account index; expected an address (0x…), a name from --names or an account index`,
    );
  }

  /**
   * The token to act on: `--token` if given (an address or a name), otherwise the token the signer owns
   * (`factory.tokenOf`).
   */
  async resolveToken(token?: string): Promise<string> {
    if (token !== undefined && token !== "") return this.account(token, "--token");
    const owned = await this.factory().tokenOf(this.signerAddress);
    if (owned === ZeroAddress) {
      throw new CliError(`${this.label(this.signerAddress)} owns no personal token: pass --token <address>`);
    }
    return owned;
  }
}

function pickSigner(
  signers: HardhatEthersSigner[],
  who: string | number | undefined,
  names: AddressBook,
): HardhatEthersSigner | undefined {
  if (who === undefined || who === "") return signers[0];
  const text = String(who).trim();
  if (/^\d+$/.test(text)) {
    const index = Number(text);
    if (index >= signers.length) {
      throw new CliError(`--as ${text}: this network has ${signers.length} accounts`);
    }
    return signers[index];
  }
  const wanted = isAddress(text) ? getAddress(text) : names.addressOf(text);
  if (wanted === undefined) throw new CliError(`--as "${text}": not an address, a known name or an account index`);
  const signer = signers.find((s) => getAddress(s.address) === wanted);
  if (signer === undefined) {
    throw new CliError(`--as ${text}: this network has no key for ${wanted} (configure its private key)`);
  }
  return signer;
}

/**
 * The context for a task: connects to the selected network (`hre.network.getOrCreate()`, so in-process callers share
 * one chain), picks the signer and resolves the system's addresses; its decoder reads the artifacts' errors when a
 * refusal's selector is not one of the system's.
 */
export async function createContext(
  hre: HardhatRuntimeEnvironment,
  options: ConnectOptions = {},
  setup: ContextSetup = {},
): Promise<Context> {
  const selected = (hre.globalOptions as { network?: string }).network ?? "default";
  const selectedConfig = hre.config.networks[selected] as { type?: string; accounts?: unknown } | undefined;
  // A read-only task on a network with configured keys connects without them: an unset key is never needed to read.
  const connection =
    options.readOnly === true && selectedConfig?.type === "http" && Array.isArray(selectedConfig.accounts)
      ? await hre.network.create({ network: selected, override: { accounts: [] } })
      : await hre.network.getOrCreate();
  const { ethers } = connection;
  const [signers, network] = await Promise.all([ethers.getSigners(), ethers.provider.getNetwork()]);
  const ignitionDir =
    (hre.config.paths as { ignition?: string }).ignition ?? path.join(hre.config.paths.root, "ignition");
  const { addresses, deployment } = resolveSystemAddresses(options, network.chainId, ignitionDir, setup.addresses);
  const names = new AddressBook(setup.names);
  // ETH (the zero address as an asset) and the system's contracts by their role, unless the caller named them.
  if (names.nameOf(ZeroAddress) === undefined) names.add({ [ZeroAddress]: "ETH" });
  for (const key of Object.keys(IGNITION_RECORD_KEYS) as (keyof SystemAddresses)[]) {
    const address = addresses[key];
    if (address !== undefined && names.nameOf(address) === undefined) names.add({ [address]: key });
  }
  const units = new UnitBook();
  const networkName = connection.networkName;
  const configured = (hre.config.networks[networkName] as { accounts?: unknown } | undefined)?.accounts;
  let signerSource: string;
  if (options.as !== undefined && options.as !== "") signerSource = "--as";
  else if (configured === "remote") {
    signerSource = "the node's account #0, the default: choose with --as or LOCALHOST_PRIVATE_KEY";
  } else if (Array.isArray(configured) && configured.length > 0 && networkName !== "default") {
    signerSource = `the key configured for ${networkName}`;
  } else signerSource = "account #0";
  const ctx = new Context({
    ethers,
    signer: pickSigner(signers, options.as, names),
    signers,
    addresses,
    chainId: network.chainId,
    deployment,
    progress: setup.progress,
    names,
    errors: new ErrorDecoder(names, () => artifactErrorAbi(hre.artifacts), units),
    networkName,
    signerSource,
    sending: setup.sending,
    units,
  });
  ctx.ignitionDir = ignitionDir;
  return ctx;
}

/** Asks a yes/no question on the terminal (stderr), reading the answer from stdin. */
async function askOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** A context from a connection a script already holds (its decoder knows the built-in errors). */
export async function makeContext(
  ethers: HardhatEthers,
  signer?: HardhatEthersSigner,
  setup: ContextSetup = {},
): Promise<Context> {
  const [signers, network] = await Promise.all([ethers.getSigners(), ethers.provider.getNetwork()]);
  return new Context({
    ethers,
    signer: signer ?? signers[0],
    signers,
    addresses: { ...setup.addresses },
    chainId: network.chainId,
    progress: setup.progress,
    names: new AddressBook(setup.names),
    sending: setup.sending,
  });
}

/** Role ids of the registry, by the name a person gives ("registrar", "ARBITER_ROLE", "admin"). */
export function roleId(role: string): { id: string; name: RoleName } {
  const name = roleNamed(role);
  if (name === undefined) throw new CliError(`Unknown role "${role}": expected registrar, arbiter or admin`);
  return { id: ROLE_IDS[name], name };
}

/** Money in an asset's human units: "$66,666.67" for a USD stablecoin, "1.5 ETH", "12.5 DAI". */
export function formatMoney(info: AssetInfo, amount: bigint): string {
  return formatMoneyOf(info.symbol, info.decimals, amount);
}
