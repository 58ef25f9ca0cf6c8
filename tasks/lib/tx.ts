import type { BaseContract, ContractTransactionResponse, LogDescription, TransactionReceipt, TransactionResponse } from "ethers";
import { CliError } from "./errors.js";
import type { Context } from "./context.js";

/** What a result reports about a sent transaction. */
export interface TxInfo {
  what: string;
  hash: string;
  blockNumber: number;
  gasUsed: bigint;
}

/**
 * Sends a transaction and waits for it; any refusal (gas estimation, or a mined revert replayed to get its data)
 * becomes a CliError with the decoded error.
 */
export async function sendTx(
  ctx: Context,
  what: string,
  target: string,
  send: () => Promise<ContractTransactionResponse | TransactionResponse>,
): Promise<{ tx: TxInfo; receipt: TransactionReceipt }> {
  let response: ContractTransactionResponse | TransactionResponse;
  try {
    response = await send();
  } catch (error) {
    throw await ctx.errors.toCliError(error, target);
  }
  ctx.progress(`  ${what}: sent ${response.hash}`);
  let receipt: TransactionReceipt | null;
  try {
    receipt = await response.wait();
  } catch (error) {
    const failed = (error as { receipt?: TransactionReceipt }).receipt;
    if (failed !== undefined && failed !== null) {
      try {
        await ctx.provider.call({
          to: response.to, from: response.from, data: response.data, value: response.value,
          blockTag: failed.blockNumber,
        });
      } catch (replayed) {
        throw await ctx.errors.toCliError(replayed, target);
      }
    }
    throw await ctx.errors.toCliError(error, target);
  }
  if (receipt === null) throw new CliError(`${what}: the transaction ${response.hash} was dropped`);
  return { tx: { what, hash: receipt.hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed }, receipt };
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

/** Approves `spender` for `amount` of an ERC-20 if the signer's allowance is short; returns the approval sent. */
export async function ensureAllowance(
  ctx: Context,
  asset: string,
  spender: string,
  amount: bigint,
): Promise<TxInfo | undefined> {
  const erc20 = ctx.erc20(asset);
  const allowance = (await erc20.allowance(ctx.signerAddress, spender)) as bigint;
  if (allowance >= amount) return undefined;
  const info = await ctx.asset(asset);
  const { tx } = await sendTx(ctx, `approve ${ctx.label(spender)} for ${info.symbol}`, asset, () =>
    erc20.approve(spender, amount) as Promise<ContractTransactionResponse>,
  );
  return tx;
}
