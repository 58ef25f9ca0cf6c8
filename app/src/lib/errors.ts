// A refusal in words: viem's error walked down to the contract's custom error, decoded with every error the contracts
// can return (generated from the artifacts), with the failing rule named.
import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError, decodeErrorResult, type Hex } from "viem";
import { allErrorsAbi } from "../../../client/generated/abis.ts";

export interface Refusal {
  /** The custom error's name ("BuyerNotEligible"), or a short kind ("Rejected", "Failed"). */
  name: string;
  args: readonly unknown[];
  /** One line for a person. */
  message: string;
}

function show(value: unknown): string {
  return typeof value === "bigint" ? value.toString() : String(value);
}

/** Decodes what a wallet, an RPC or a simulation threw. */
export function decodeRefusal(error: unknown): Refusal {
  if (error instanceof BaseError) {
    const rejected = error.walk((e) => e instanceof UserRejectedRequestError);
    if (rejected) return { name: "Rejected", args: [], message: "You rejected the request in your wallet." };
    const reverted = error.walk(
      (e) => e instanceof ContractFunctionRevertedError,
    ) as ContractFunctionRevertedError | null;
    if (reverted) {
      if (reverted.data?.errorName) {
        const args = reverted.data.args ?? [];
        return {
          name: reverted.data.errorName,
          args,
          message: `${reverted.data.errorName}(${args.map(show).join(", ")})`,
        };
      }
      const raw = reverted.raw as Hex | undefined;
      if (raw && raw.length >= 10) {
        try {
          const decoded = decodeErrorResult({ abi: allErrorsAbi, data: raw });
          const args = (decoded.args ?? []) as readonly unknown[];
          return { name: decoded.errorName, args, message: `${decoded.errorName}(${args.map(show).join(", ")})` };
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
