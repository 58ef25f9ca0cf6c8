// Sending a transaction: ask the chain first (a simulation names the refusal without spending gas), then the wallet
// signs, then the receipt. Each step shows on the page: checking, waiting for the wallet, pending, confirmed, failed.
// The states live in one store outside React, keyed by action, so a status survives its card re-rendering or leaving
// the page (a cancelled offering leaves the list of open ones before its cancellation confirms); every transaction
// also shows in the page-wide activity list (<TxActivity />).
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useId, useSyncExternalStore } from "react";
import type { Hash } from "viem";
import { useConfig } from "wagmi";
import { getBlock, simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { personalTokenAbi } from "../../../client/generated/abis.ts";
import { decodeRefusal, type Refusal, type RefusalUnits } from "./errors.ts";

export type TxState =
  | { status: "idle" }
  | { status: "checking" }
  | { status: "signing" }
  | { status: "pending"; hash: Hash }
  | { status: "confirmed"; hash: Hash }
  | { status: "failed"; refusal: Refusal; hash?: Hash };

interface TxEntry {
  id: number;
  label: string;
  state: TxState;
}

const IDLE: TxState = { status: "idle" };
const ACTIVITY_LENGTH = 6;

/** Every action's latest transaction, and the last few transactions of the page, newest first. */
class TxStore {
  #byKey = new Map<string, TxEntry>();
  #activity: readonly TxEntry[] = [];
  #listeners = new Set<() => void>();
  #next = 1;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  state(key: string): TxState {
    return this.#byKey.get(key)?.state ?? IDLE;
  }

  activity = (): readonly TxEntry[] => this.#activity;

  /** Starts a new transaction of action `key`: the action's earlier one stays in the activity list. */
  start(key: string, label: string): number {
    const entry = { id: this.#next++, label, state: { status: "checking" } as TxState };
    this.#byKey.set(key, entry);
    this.#activity = [entry, ...this.#activity].slice(0, ACTIVITY_LENGTH);
    this.#emit();
    return entry.id;
  }

  update(key: string, id: number, state: TxState): void {
    const own = this.#byKey.get(key)?.id === id ? this.#byKey.get(key) : undefined;
    const earlier = own ?? this.#activity.find((e) => e.id === id);
    if (earlier === undefined) return; // neither shown by its action nor in the list any more
    const entry = { ...earlier, state };
    if (own !== undefined) this.#byKey.set(key, entry);
    this.#activity = this.#activity.map((e) => (e.id === id ? entry : e));
    this.#emit();
  }

  /** Clears the action's own status line (its entry stays in the activity list). */
  reset(key: string): void {
    if (this.#byKey.delete(key)) this.#emit();
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}

const store = new TxStore();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Request = any;

export interface SendOptions {
  /** What the activity list calls it; by default the function's name in words ("Cancel offering"). */
  label?: string;
  /** The units of the call's amounts, for a refusal's values (a personal token's default: shares). */
  units?: RefusalUnits;
}

/** "cancelOffering" → "Cancel offering". */
function words(functionName: string): string {
  const text = functionName.replace(/([A-Z])/g, " $1").toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The send function and status of one action. `key` names the action across re-mounts (e.g. "cancel-offering-3");
 * by default the status belongs to the calling component.
 */
export function useTx(key?: string) {
  const wagmi = useConfig();
  const queries = useQueryClient();
  const ownKey = useId();
  const action = key ?? ownKey;
  const state = useSyncExternalStore(store.subscribe, () => store.state(action));
  const send = useCallback(
    async (request: Request, options: SendOptions = {}): Promise<boolean> => {
      const id = store.start(action, options.label ?? words(request.functionName));
      const set = (next: TxState): void => store.update(action, id, next);
      let hash: Hash | undefined;
      try {
        const { request: prepared } = await simulateContract(wagmi, request);
        set({ status: "signing" });
        hash = await writeContract(wagmi, prepared);
        set({ status: "pending", hash });
        const receipt = await waitForTransactionReceipt(wagmi, { hash });
        if (receipt.status !== "success") {
          set({
            status: "failed",
            hash,
            refusal: { name: "Reverted", args: [], message: "The transaction reverted." },
          });
          return false;
        }
        set({ status: "confirmed", hash });
        await queries.invalidateQueries();
        return true;
      } catch (error) {
        const units: RefusalUnits = {
          amounts: request.abi === personalTokenAbi ? "shares" : undefined,
          now: await getBlock(wagmi).then(
            (block) => block.timestamp,
            () => undefined,
          ),
          ...options.units,
        };
        set({ status: "failed", hash, refusal: decodeRefusal(error, units) });
        return false;
      }
    },
    [wagmi, queries, action],
  );
  const busy = state.status === "checking" || state.status === "signing" || state.status === "pending";
  const reset = useCallback(() => store.reset(action), [action]);
  return { state, send, busy, reset };
}

/** One status line: `label` then the state (a refusal in words). */
export function TxLine({ state, label, testId }: { state: TxState; label: string; testId: string }) {
  switch (state.status) {
    case "idle":
      return null;
    case "checking":
      return (
        <p className="tx" data-testid={testId} data-status="checking">
          {label}checking with the contracts…
        </p>
      );
    case "signing":
      return (
        <p className="tx" data-testid={testId} data-status="signing">
          {label}confirm in your wallet…
        </p>
      );
    case "pending":
      return (
        <p className="tx" data-testid={testId} data-status="pending">
          {label}pending ({state.hash.slice(0, 10)}…)
        </p>
      );
    case "confirmed":
      return (
        <p className="tx ok" data-testid={testId} data-status="confirmed">
          {label}confirmed ({state.hash.slice(0, 10)}…)
        </p>
      );
    case "failed": {
      const { name, explanation, values, message } = state.refusal;
      return (
        <p className="tx error" data-testid={testId} data-status="failed" data-error={name}>
          {label}refused:{" "}
          {explanation === undefined ? (
            message
          ) : (
            <>
              {explanation} <span className="muted">({values ? `${name}: ${values}` : name})</span>
            </>
          )}
        </p>
      );
    }
  }
}

/** An action's status line, where the action is. */
export function TxStatus({ state, what }: { state: TxState; what?: string }) {
  return <TxLine state={state} label={what ? `${what}: ` : ""} testId="tx-status" />;
}

/** The page's last transactions, whatever became of the cards that sent them. */
export function TxActivity() {
  const entries = useSyncExternalStore(store.subscribe, store.activity);
  if (entries.length === 0) return null;
  return (
    <aside className="activity" data-testid="activity">
      <h2>Recent transactions</h2>
      {entries.map((entry) => (
        <TxLine key={entry.id} state={entry.state} label={`${entry.label}: `} testId="tx-activity" />
      ))}
    </aside>
  );
}
