// The owner's share actions: issue new shares, grant her own shares with vesting, and cancel a grant.
import { useState } from "react";
import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { personalTokenAbi } from "../../../../client/generated/abis.ts";
import { ZERO_ADDRESS, formatDate, formatShares, parseAmount, wordFromText } from "../../lib/format.ts";
import { parseDuration } from "../../lib/time.ts";
import { AddressInput, FormCard, SendButton, parseAddress } from "../Send.tsx";

export interface OwnerProps {
  account: Address;
  token: Address;
  /** Addresses offered in address fields (the cap table's holders). */
  holders: readonly string[];
}

export function Issue({ account, token, holders }: OwnerProps) {
  const [to, setTo] = useState("");
  const [sharesText, setShares] = useState("");
  const receiver = parseAddress(to);
  const shares = parseAmount(sharesText, 18);
  return (
    <FormCard title="Issue new shares" testId="issue-panel">
      <p>New shares dilute every holder; the outside share must stay within the cap.</p>
      <AddressInput label="To" value={to} onChange={setTo} suggestions={[account, ...holders]} testId="issue-to" />{" "}
      <label>
        Shares <input value={sharesText} onChange={(e) => setShares(e.target.value)} data-testid="issue-shares" />
      </label>{" "}
      <SendButton
        request={
          receiver && shares
            ? { address: token, abi: personalTokenAbi, functionName: "issue", args: [receiver, shares], account }
            : null
        }
        label="Issue"
        what="Issue"
        testId="issue"
      />
    </FormCard>
  );
}

/** A start date ("2026-03-14", midnight UTC), or `now` when empty; null when it is neither. */
function parseStart(text: string, now: bigint): bigint | null {
  if (text.trim() === "") return now;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text.trim())) return null;
  const ms = Date.parse(`${text.trim()}T00:00:00Z`);
  return Number.isNaN(ms) ? null : BigInt(ms / 1000);
}

export function Grant({ account, token, holders, now }: OwnerProps & { now: bigint }) {
  const [form, setForm] = useState({ to: "", shares: "", start: "", cliffDays: "0", days: "365", reason: "" });
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const receiver = parseAddress(form.to);
  const shares = parseAmount(form.shares, 18);
  const start = parseStart(form.start, now);
  const cliff = parseDuration(form.cliffDays, "days");
  const duration = parseDuration(form.days, "days");
  const complete = receiver && shares && start !== null && cliff !== null && duration !== null;
  return (
    <FormCard title="Grant shares with vesting" testId="grant-panel">
      <p>
        Your own shares move now and count toward the cap; they stay locked until they vest: nothing before the cliff,
        then in proportion to the time since the start.
      </p>
      <p>
        <AddressInput label="To" value={form.to} onChange={set("to")} suggestions={holders} testId="grant-to" />{" "}
        <label>
          Shares{" "}
          <input value={form.shares} onChange={(e) => set("shares")(e.target.value)} data-testid="grant-shares" />
        </label>
      </p>
      <p>
        <label>
          Start (YYYY-MM-DD, empty for now){" "}
          <input value={form.start} onChange={(e) => set("start")(e.target.value)} size={10} />
        </label>{" "}
        <label>
          Cliff (days){" "}
          <input
            value={form.cliffDays}
            onChange={(e) => set("cliffDays")(e.target.value)}
            size={4}
            data-testid="grant-cliff"
          />
        </label>{" "}
        <label>
          Vesting (days){" "}
          <input value={form.days} onChange={(e) => set("days")(e.target.value)} size={4} data-testid="grant-days" />
        </label>{" "}
        <label>
          Reason <input value={form.reason} onChange={(e) => set("reason")(e.target.value)} />
        </label>
      </p>
      {complete ? (
        <p className="muted" data-testid="grant-schedule">
          {formatShares(shares)} shares: nothing before {formatDate(start + cliff)}, all by{" "}
          {formatDate(start + duration)}.
        </p>
      ) : null}
      <SendButton
        request={
          complete
            ? {
                address: token,
                abi: personalTokenAbi,
                functionName: "grant",
                args: [receiver, shares, start, cliff, duration, wordFromText(form.reason)],
                account,
              }
            : null
        }
        label="Grant"
        what="Grant"
        testId="grant"
      />
    </FormCard>
  );
}

export function CancelGrant({ account, token, holders }: OwnerProps) {
  const [holderText, setHolder] = useState("");
  const holder = parseAddress(holderText);
  const { data: reads } = useReadContracts({
    contracts: [
      { address: token, abi: personalTokenAbi, functionName: "grantOf", args: [holder ?? ZERO_ADDRESS] },
      { address: token, abi: personalTokenAbi, functionName: "lockedOf", args: [holder ?? ZERO_ADDRESS] },
    ],
    query: { enabled: holder !== null },
  });
  const grant = reads?.[0]?.result;
  const locked = reads?.[1]?.result;
  return (
    <FormCard title="Cancel a grant" testId="cancel-grant-panel">
      <AddressInput
        label="Holder"
        value={holderText}
        onChange={setHolder}
        suggestions={holders}
        testId="cancel-grant-holder"
      />
      {grant && locked !== undefined ? (
        <p data-testid="grant-state">
          {grant[0] === 0n
            ? "No grant."
            : `A grant of ${formatShares(grant[0])} shares from ${formatDate(grant[1])} over ${Number(grant[3]) / 86_400} days: ` +
              `${formatShares(locked)} unvested return to you; vested shares and gains earned stay.`}
        </p>
      ) : null}
      <SendButton
        request={
          holder
            ? { address: token, abi: personalTokenAbi, functionName: "cancelGrant", args: [holder], account }
            : null
        }
        label="Cancel the grant"
        what="Cancel grant"
        testId="cancel-grant"
      />
    </FormCard>
  );
}
