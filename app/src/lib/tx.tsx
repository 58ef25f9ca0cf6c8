// Sending a transaction: ask the chain first (a simulation names the refusal without spending gas), then the wallet
// signs, then the receipt. Each step shows on the page: checking, waiting for the wallet, pending, confirmed, failed.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Hash } from "viem";
import { useConfig } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { decodeRefusal, type Refusal } from "./errors.ts";

export type TxState =
  | { status: "idle" }
  | { status: "checking" }
  | { status: "signing" }
  | { status: "pending"; hash: Hash }
  | { status: "confirmed"; hash: Hash }
  | { status: "failed"; refusal: Refusal; hash?: Hash };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Request = any;

export function useTx() {
  const wagmi = useConfig();
  const queries = useQueryClient();
  const [state, setState] = useState<TxState>({ status: "idle" });
  const send = useCallback(
    async (request: Request): Promise<boolean> => {
      let hash: Hash | undefined;
      try {
        setState({ status: "checking" });
        const { request: prepared } = await simulateContract(wagmi, request);
        setState({ status: "signing" });
        hash = await writeContract(wagmi, prepared);
        setState({ status: "pending", hash });
        const receipt = await waitForTransactionReceipt(wagmi, { hash });
        if (receipt.status !== "success") {
          setState({
            status: "failed",
            hash,
            refusal: { name: "Reverted", args: [], message: "The transaction reverted." },
          });
          return false;
        }
        setState({ status: "confirmed", hash });
        await queries.invalidateQueries();
        return true;
      } catch (error) {
        setState({ status: "failed", hash, refusal: decodeRefusal(error) });
        return false;
      }
    },
    [wagmi, queries],
  );
  const busy = state.status === "checking" || state.status === "signing" || state.status === "pending";
  return { state, send, busy, reset: () => setState({ status: "idle" }) };
}

export function TxStatus({ state, what }: { state: TxState; what?: string }) {
  const label = what ? `${what}: ` : "";
  switch (state.status) {
    case "idle":
      return null;
    case "checking":
      return (
        <p className="tx" data-testid="tx-status" data-status="checking">
          {label}checking with the contracts…
        </p>
      );
    case "signing":
      return (
        <p className="tx" data-testid="tx-status" data-status="signing">
          {label}confirm in your wallet…
        </p>
      );
    case "pending":
      return (
        <p className="tx" data-testid="tx-status" data-status="pending">
          {label}pending ({state.hash.slice(0, 10)}…)
        </p>
      );
    case "confirmed":
      return (
        <p className="tx ok" data-testid="tx-status" data-status="confirmed">
          {label}confirmed ({state.hash.slice(0, 10)}…)
        </p>
      );
    case "failed":
      return (
        <p className="tx error" data-testid="tx-status" data-status="failed" data-error={state.refusal.name}>
          {label}refused: {state.refusal.message}
        </p>
      );
  }
}
