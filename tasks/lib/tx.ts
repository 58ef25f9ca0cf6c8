import {
  AbiCoder,
  AbstractSigner,
  Interface,
  keccak256,
  toBeHex,
  toQuantity,
  type BaseContract,
  type ContractTransactionResponse,
  type LogDescription,
  type Provider,
  type TransactionLike,
  type TransactionReceipt,
  type TransactionRequest,
  type TransactionResponse,
  type TypedDataDomain,
  type TypedDataField,
} from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { CliError } from "./errors.js";
import type { Context } from "./context.js";

/** What a result reports about a sent transaction. */
export interface TxInfo {
  what: string;
  hash: string;
  blockNumber: number;
  gasUsed: bigint;
  /** The transaction on the network's block explorer (public networks only). */
  explorer?: string;
}

/** A transaction an action asked to send, as it would go out. */
export interface PlannedTx {
  what: string;
  from: string;
  to: string;
  data: string;
  value: bigint;
}

/** What `--dry-run` reports instead of sending: who would sign, what would be sent, and that the simulation passed. */
export class DryRun {
  readonly dryRun = true;
  constructor(
    readonly signer: string,
    readonly network: string,
    readonly steps: PlannedTx[],
    readonly simulation: string,
  ) {}
}

/** An allowance the next action needs: simulated with it, then approved exactly, right before the action is sent. */
export interface NeededAllowance {
  asset: string;
  spender: string;
  amount: bigint;
}

/** Thrown by the capturing signer: the transaction a contract call would send, never sent. */
class Captured {
  constructor(readonly tx: TransactionRequest) {}
}

/**
 * The runner every contract of a Context is connected to: it signs and reads like the real signer, but never sends.
 * A contract call that would send hands its transaction to `sendTx`, which simulates it first; nothing reaches the
 * chain any other way.
 */
export class CapturingSigner extends AbstractSigner {
  constructor(
    readonly inner: HardhatEthersSigner,
    provider: Provider,
  ) {
    super(provider);
  }
  getAddress(): Promise<string> {
    return this.inner.getAddress();
  }
  connect(provider: Provider | null): CapturingSigner {
    return new CapturingSigner(this.inner, provider ?? this.provider!);
  }
  signTransaction(tx: TransactionRequest): Promise<string> {
    return this.inner.signTransaction(tx);
  }
  signMessage(message: string | Uint8Array): Promise<string> {
    return this.inner.signMessage(message);
  }
  signTypedData(
    domain: TypedDataDomain,
    types: Record<string, TypedDataField[]>,
    value: Record<string, unknown>,
  ): Promise<string> {
    return this.inner.signTypedData(domain, types, value);
  }
  sendTransaction(tx: TransactionRequest): Promise<TransactionResponse> {
    return Promise.reject(new Captured(tx));
  }
}

const ALLOWANCE = new Interface([
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
]);
// OpenZeppelin's ERC20Upgradeable keeps its allowances one slot into its ERC-7201 namespace.
const OZ_UPGRADEABLE_ALLOWANCES = BigInt("0x52c63247e1f47db19d5ce0460030c497f067ca4cebf71ba98eeadabe20bace00") + 1n;
const overrideCache = new Map<string, bigint | null>();

function rpc(ctx: Context, method: string, params: unknown[]): Promise<string> {
  return (ctx.provider as unknown as { send(method: string, params: unknown[]): Promise<string> }).send(method, params);
}

/**
 * A state override giving `owner`'s allowance for `spender` on `asset` the value `amount`, found by probing the
 * allowance mapping's usual slots (Solidity layout, OpenZeppelin's plain and upgradeable ERC-20s); undefined when the
 * asset keeps it elsewhere or the node takes no overrides.
 */
async function allowanceOverride(
  ctx: Context,
  asset: string,
  owner: string,
  spender: string,
  amount: bigint,
): Promise<object | undefined> {
  const coder = AbiCoder.defaultAbiCoder();
  const keyAt = (slot: bigint) =>
    keccak256(
      coder.encode(["address", "bytes32"], [spender, keccak256(coder.encode(["address", "uint256"], [owner, slot]))]),
    );
  const overrideAt = (slot: bigint) => ({ [asset]: { stateDiff: { [keyAt(slot)]: toBeHex(amount, 32) } } });
  const cacheKey = `${ctx.chainId}:${asset}`;
  const cached = overrideCache.get(cacheKey);
  if (cached === null) return undefined;
  const candidates =
    cached !== undefined ? [cached] : [...Array.from({ length: 10 }, (_, i) => BigInt(i)), OZ_UPGRADEABLE_ALLOWANCES];
  const data = ALLOWANCE.encodeFunctionData("allowance", [owner, spender]);
  for (const slot of candidates) {
    try {
      const out = await rpc(ctx, "eth_call", [{ to: asset, data }, "latest", overrideAt(slot)]);
      if (BigInt(out) === amount) {
        overrideCache.set(cacheKey, slot);
        return overrideAt(slot);
      }
    } catch {
      break; // the node takes no state overrides
    }
  }
  overrideCache.set(cacheKey, null);
  return undefined;
}

/**
 * Runs `tx` as an `eth_call` from the signer, with the allowance it needs as a state override: throws the decoded
 * refusal if the chain would refuse it. Returns how it was checked.
 */
async function simulate(ctx: Context, tx: PlannedTx, allowance?: NeededAllowance): Promise<string> {
  const call = { from: tx.from, to: tx.to, data: tx.data, value: toQuantity(tx.value) };
  let override: object | undefined;
  let short = false;
  if (allowance !== undefined) {
    const current = BigInt(
      await rpc(ctx, "eth_call", [
        { to: allowance.asset, data: ALLOWANCE.encodeFunctionData("allowance", [tx.from, allowance.spender]) },
        "latest",
      ]),
    );
    short = current < allowance.amount;
    if (short) override = await allowanceOverride(ctx, allowance.asset, tx.from, allowance.spender, allowance.amount);
  }
  try {
    await rpc(ctx, "eth_call", override === undefined ? [call, "latest"] : [call, "latest", override]);
    return override === undefined ? "passes" : "passes with the approval it needs";
  } catch (error) {
    const refused = await ctx.errors.toCliError(error, tx.to);
    // Without an override, the only refusal allowed is the missing allowance the approval is about to give.
    if (short && override === undefined && refused.decoded?.name === "ERC20InsufficientAllowance") {
      return "passes up to the allowance, which this node cannot simulate";
    }
    throw refused;
  }
}

/** Sends a planned transaction with the real signer and waits for it; a mined revert is replayed to decode it. */
async function broadcast(
  ctx: Context,
  signer: HardhatEthersSigner,
  tx: PlannedTx,
  target: string,
): Promise<{ tx: TxInfo; receipt: TransactionReceipt }> {
  let response: TransactionResponse;
  try {
    response = await signer.sendTransaction({ to: tx.to, data: tx.data, value: tx.value });
  } catch (error) {
    throw await ctx.errors.toCliError(error, target);
  }
  ctx.progress(
    `  ${tx.what}: sent ${response.hash}${ctx.explorerTx(response.hash) !== undefined ? ` (${ctx.explorerTx(response.hash)})` : ""}`,
  );
  let receipt: TransactionReceipt | null;
  try {
    receipt = await response.wait();
  } catch (error) {
    const failed = (error as { receipt?: TransactionReceipt }).receipt;
    if (failed !== undefined && failed !== null) {
      try {
        await ctx.provider.call({
          to: response.to,
          from: response.from,
          data: response.data,
          value: response.value,
          blockTag: failed.blockNumber,
        });
      } catch (replayed) {
        throw await ctx.errors.toCliError(replayed, target);
      }
    }
    throw await ctx.errors.toCliError(error, target);
  }
  if (receipt === null) throw new CliError(`${tx.what}: the transaction ${response.hash} was dropped`);
  return {
    tx: {
      what: tx.what,
      hash: receipt.hash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed,
      ...(ctx.explorerTx(receipt.hash) !== undefined ? { explorer: ctx.explorerTx(receipt.hash) } : {}),
    },
    receipt,
  };
}

/**
 * Sends one action: `send` makes the contract call (on a context contract, whose runner only captures it). The
 * action is simulated first, with the allowance `ctx.needAllowance` announced for it; a refusal is thrown decoded
 * and nothing is sent — no approval, no transaction. Then the signer is announced, `--dry-run` stops with the plan,
 * a confirmation asked by the action is put to the user, the approval (exactly the amount, only if short) is sent,
 * and the action last. Returns the action's transaction and receipt, and the approval sent before it, if any.
 */
export async function sendTx(
  ctx: Context,
  what: string,
  target: string,
  send: () => Promise<ContractTransactionResponse | TransactionResponse>,
): Promise<{ tx: TxInfo; receipt: TransactionReceipt; approval?: TxInfo }> {
  let request: TransactionRequest | undefined;
  try {
    await send();
  } catch (error) {
    if (!(error instanceof Captured)) throw await ctx.errors.toCliError(error, target);
    request = error.tx;
  }
  if (request === undefined) throw new CliError(`${what}: internal error, the call sent nothing to simulate`);
  const signer = ctx.signer;
  const planned: PlannedTx = {
    what,
    from: signer.address,
    to: String(request.to ?? target),
    data: String(request.data ?? "0x"),
    value: BigInt(request.value ?? 0n),
  };
  const allowance = ctx.takeNeededAllowance();
  ctx.announceSigner();
  await ctx.now(); // the chain time, for refusals about times ("expired 12 s ago")
  const simulation = await simulate(ctx, planned, allowance);
  let approve: PlannedTx | undefined;
  if (allowance !== undefined) {
    const current = BigInt(
      await rpc(ctx, "eth_call", [
        { to: allowance.asset, data: ALLOWANCE.encodeFunctionData("allowance", [planned.from, allowance.spender]) },
        "latest",
      ]),
    );
    if (current < allowance.amount) {
      const info = await ctx.asset(allowance.asset);
      approve = {
        what: `approve ${ctx.label(allowance.spender)} for exactly ${ctx.money(info, allowance.amount)}`,
        from: planned.from,
        to: allowance.asset,
        data: ALLOWANCE.encodeFunctionData("approve", [allowance.spender, allowance.amount]),
        value: 0n,
      };
    }
  }
  const steps = approve === undefined ? [planned] : [approve, planned];
  if (ctx.dryRun) throw new DryRun(planned.from, ctx.networkName, steps, simulation);
  await ctx.confirmPending();
  let approval: TxInfo | undefined;
  if (approve !== undefined) approval = (await broadcast(ctx, signer, approve, allowance!.asset)).tx;
  const { tx, receipt } = await broadcast(ctx, signer, planned, target);
  return { tx, receipt, ...(approval !== undefined ? { approval } : {}) };
}

/** The transactions of a sendTx result in order: the approval (if one was sent), then the action. */
export function sentTxs(sent: { tx: TxInfo; approval?: TxInfo }): TxInfo[] {
  return sent.approval !== undefined ? [sent.approval, sent.tx] : [sent.tx];
}

/** The logs of `receipt` that `contract` emitted under `event`, decoded. */
export function eventsOf(receipt: TransactionReceipt, contract: BaseContract, event: string): LogDescription[] {
  const address = (contract.target as string).toLowerCase();
  const found: LogDescription[] = [];
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== address) continue;
    try {
      const parsed = contract.interface.parseLog(log);
      if (parsed !== null && parsed.name === event) found.push(parsed);
    } catch {
      // another event
    }
  }
  return found;
}

export type { TransactionLike };
