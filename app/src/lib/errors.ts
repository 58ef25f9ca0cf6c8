// A refusal in words: viem's error walked down to the contract's custom error, decoded with every error the contracts
// can return (generated from the artifacts), explained by the rule's one explanation (the error's NatSpec @notice,
// the same source as the command line's) and with its values in human units (client/errors.ts).
import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError, decodeErrorResult, type Hex } from "viem";
import {
  argsByName,
  describeArgs,
  explanationOf,
  humanArgs,
  type ErrorInput,
  type ValueFormat,
} from "../../../client/errors.ts";
import { formatMoneyOf, formatShares } from "../../../client/format.ts";
import { allErrorsAbi } from "../../../client/generated/abis.ts";

export interface Refusal {
  /** The custom error's name ("PurchaseAboveMaximum"), or a short kind ("Rejected", "Reverted", "Failed"). */
  name: string;
  args: readonly unknown[];
  /** The rule in words, for a custom error: its @notice. */
  explanation?: string;
  /** The error's values in human units: "cumulative=6,000 shares, maximum=5,000 shares". */
  values?: string;
  /** One line for a person: "PurchaseAboveMaximum(cumulative=6,000 shares, …): The buyer's purchases …". */
  message: string;
}

/**
 * The units of the refusing call's amounts: shares for a personal token; an asset for the market and the distributor
 * (the token's quote asset) or an ERC-20. `now` is the chain's time, for "in 5 min" / "2 d ago".
 */
export interface RefusalUnits {
  amounts?: "shares" | { symbol: string; decimals: number };
  now?: bigint;
}

function valueFormat(units: RefusalUnits | undefined): ValueFormat {
  const amounts = units?.amounts;
  return {
    amount: (_contract, value) =>
      amounts === undefined
        ? undefined
        : amounts === "shares"
          ? `${formatShares(value)} shares`
          : formatMoneyOf(amounts.symbol, amounts.decimals, value),
    now: () => units?.now,
  };
}

function customError(
  abiItem: { name: string; inputs: readonly ErrorInput[] },
  values: readonly unknown[],
  units: RefusalUnits | undefined,
): Refusal {
  const name = abiItem.name;
  const explanation = explanationOf(name);
  const shown = humanArgs(name, argsByName(abiItem.inputs, values), undefined, valueFormat(units));
  const text = describeArgs(abiItem.inputs, shown);
  return {
    name,
    args: values,
    explanation,
    values: text,
    message: `${name}(${text})${explanation ? `: ${explanation}` : ""}`,
  };
}

/** Decodes what a wallet, an RPC or a simulation threw; amounts and times in `units` when given. */
export function decodeRefusal(error: unknown, units?: RefusalUnits): Refusal {
  if (error instanceof BaseError) {
    const rejected = error.walk((e) => e instanceof UserRejectedRequestError);
    if (rejected) return { name: "Rejected", args: [], message: "You rejected the request in your wallet." };
    const reverted = error.walk(
      (e) => e instanceof ContractFunctionRevertedError,
    ) as ContractFunctionRevertedError | null;
    if (reverted) {
      if (reverted.data?.errorName && reverted.data.abiItem.type === "error") {
        return customError(reverted.data.abiItem, reverted.data.args ?? [], units);
      }
      const raw = reverted.raw as Hex | undefined;
      if (raw && raw.length >= 10) {
        try {
          const decoded = decodeErrorResult({ abi: allErrorsAbi, data: raw });
          return customError(decoded.abiItem, (decoded.args ?? []) as readonly unknown[], units);
        } catch {
          /* unknown selector */
        }
      }
      return { name: "Reverted", args: [], message: reverted.reason ?? reverted.shortMessage };
    }
    return { name: "Failed", args: [], message: error.shortMessage };
  }
  return { name: "Failed", args: [], message: error instanceof Error ? error.message : String(error) };
}
