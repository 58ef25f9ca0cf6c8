// What every owner form shares: a card, an address field, and a send button that asks the contracts first. The
// simulation runs as soon as the form is complete (and again on each block), so a refusal shows in words before the
// wallet is asked for anything; the button then goes through useTx (pending, confirmed, failed).
import type { ReactNode } from "react";
import { erc20Abi, getAddress, isAddress, type Address } from "viem";
import { useReadContract, useSimulateContract } from "wagmi";
import { moneyIn, type Asset } from "../lib/assets.ts";
import { decodeRefusal } from "../lib/errors.ts";
import { ZERO_ADDRESS } from "../lib/format.ts";
import { TxStatus, useTx } from "../lib/tx.tsx";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ContractRequest = any;

/** A folded card: the owner opens the one she needs. */
export function FormCard({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <details className="card" data-testid={testId}>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

/** An address typed or picked from `suggestions` (a datalist); null until it is one. */
export function parseAddress(text: string): Address | null {
  const clean = text.trim();
  return isAddress(clean, { strict: false }) ? getAddress(clean) : null;
}

export function AddressInput({
  label,
  value,
  onChange,
  suggestions = [],
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  suggestions?: readonly string[];
  testId?: string;
}) {
  const listId = suggestions.length > 0 ? `${testId ?? label}-options` : undefined;
  return (
    <label>
      {label}{" "}
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        list={listId}
        size={44}
        placeholder="0x…"
        data-testid={testId}
      />
      {listId ? (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
      {value !== "" && parseAddress(value) === null ? <span className="error"> not an address</span> : null}
    </label>
  );
}

/**
 * Sends `request` (null while the form is incomplete). Before anything is signed the contracts are asked, and their
 * refusal is shown decoded; the button stays off until they would accept.
 */
export function SendButton({
  request,
  label,
  what,
  testId,
  onConfirmed,
  tx: given,
}: {
  request: ContractRequest | null;
  label: string;
  what: string;
  testId?: string;
  onConfirmed?: () => void;
  /** A transaction held by the parent, which then shows its status (so the status outlives this button). */
  tx?: ReturnType<typeof useTx>;
}) {
  const own = useTx();
  const tx = given ?? own;
  const check = useSimulateContract({ ...(request ?? {}), query: { enabled: request !== null } });
  // After a send the status line speaks; a fresh check would only repeat what just happened.
  const showCheck = request !== null && (tx.state.status === "idle" || tx.state.status === "failed");
  const refusal = showCheck && check.error ? decodeRefusal(check.error) : null;
  return (
    <>
      <button
        disabled={request === null || tx.busy || check.isPending || check.error !== null}
        data-testid={testId}
        onClick={() =>
          void tx.send(request).then((ok) => {
            if (ok) onConfirmed?.();
          })
        }
      >
        {label}
      </button>
      {refusal ? (
        <p className="error" data-testid="refusal" data-error={refusal.name}>
          The contracts would refuse this: {refusal.message}
        </p>
      ) : null}
      {given ? null : <TxStatus state={tx.state} what={what} />}
    </>
  );
}

/**
 * Pays `amount` of `asset` to `spender` with `request`: in ETH as the call's value; in an ERC-20 first the approval
 * (step 1), then the call (step 2) once the allowance covers it.
 */
export function PayButton({
  asset,
  spender,
  amount,
  request,
  label,
  what,
  testId,
  approveTestId,
  account,
  payee = "the market",
}: {
  asset: Asset;
  spender: Address;
  /** Who takes the money, in words. */
  payee?: string;
  amount: bigint | null;
  request: ContractRequest | null;
  label: string;
  what: string;
  testId: string;
  approveTestId: string;
  account: Address;
}) {
  const isEth = asset.address === ZERO_ADDRESS;
  // Both statuses live here: paying uses the allowance up, and the steps swap back while the result still shows.
  const approveTx = useTx();
  const callTx = useTx();
  const { data: allowance } = useReadContract({
    address: asset.address,
    abi: erc20Abi,
    functionName: "allowance",
    args: [account, spender],
    query: { enabled: !isEth },
  });
  const approving = !isEth && (amount === null || (allowance ?? 0n) < amount);
  return (
    <>
      {isEth ? (
        <SendButton
          request={request && amount !== null ? { ...request, value: amount } : null}
          label={label}
          what={what}
          testId={testId}
          tx={callTx}
        />
      ) : approving ? (
        // Until an amount is known the approval shows first (off), so the steps read in order.
        <SendButton
          request={
            amount === null || amount === 0n
              ? null
              : { address: asset.address, abi: erc20Abi, functionName: "approve", args: [spender, amount], account }
          }
          label={`Step 1: allow ${payee} to take ${amount === null ? "the payment" : moneyIn(asset, amount)}`}
          what="Approval"
          testId={approveTestId}
          tx={approveTx}
        />
      ) : (
        <SendButton request={request} label={`Step 2: ${label}`} what={what} testId={testId} tx={callTx} />
      )}
      <TxStatus state={approveTx.state} what="Approval" />
      <TxStatus state={callTx.state} what={what} />
    </>
  );
}
