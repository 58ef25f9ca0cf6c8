// The registrar verifies an investor for a number of days with the hash of an evidence text that never goes on-chain,
// revokes a verification, bans and unbans (with a reason: short text as is, longer text as its hash, as the command
// line stores it), and sees the investors whose verification ends soon.
import { useState } from "react";
import { isAddress, isHex, type Address } from "viem";
import { useBlock, useReadContracts } from "wagmi";
import { evidenceFromText, wordFromText } from "../../../../client/words.ts";
import { ZERO_ADDRESS, formatDate, shortAddress } from "../../lib/format.ts";
import { useIndexer } from "../../lib/indexer.ts";
import { TxStatus, useTx } from "../../lib/tx.tsx";
import { registry } from "./registry.ts";

const SOON_DAYS = 30;

interface ExpiringRow {
  address: Address;
  verifiedUntil: string;
}

export function Registrar({ account }: { account: Address }) {
  const [who, setWho] = useState("");
  const [days, setDays] = useState("365");
  const [evidence, setEvidence] = useState("");
  const [reason, setReason] = useState("");
  const tx = useTx("registrar");
  const block = useBlock({ watch: true });
  const target = isAddress(who) ? (who as Address) : null;
  const { data: status } = useReadContracts({
    contracts: [
      { ...registry, functionName: "verifiedUntil", args: [target ?? ZERO_ADDRESS] },
      { ...registry, functionName: "isBanned", args: [target ?? ZERO_ADDRESS] },
    ],
    query: { enabled: target !== null },
  });
  const [until, banned] = (status ?? []).map((r) => r.result) as [bigint?, boolean?];
  const now = block.data?.timestamp;
  const dayCount = /^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= 36_500 ? BigInt(days) : null;
  const expiresAt = now !== undefined && dayCount !== null ? now + dayCount * 86_400n : null;
  // As the CLI: a 0x value is taken as the hash itself, so it must be one (32 bytes).
  const evidenceText = evidence.trim();
  const notAHash = /^0x/i.test(evidenceText) && !(isHex(evidenceText) && evidenceText.length === 66);
  const hash = notAHash ? undefined : evidenceFromText(evidence);
  const reasonBytes = wordFromText(reason);
  const ready = target !== null && !tx.busy;
  return (
    <div className="card" data-testid="registrar">
      <h2>Registrar</h2>
      <label>
        Investor{" "}
        <input
          value={who}
          onChange={(e) => {
            setWho(e.target.value.trim());
            tx.reset();
          }}
          size={44}
          data-testid="registrar-address"
        />
      </label>
      {target && until !== undefined && now !== undefined ? (
        <p data-testid="registrar-status">
          {banned ? "Banned. " : ""}
          {until === 0n
            ? "Not verified."
            : until >= now
              ? `Verified until ${formatDate(until)}.`
              : `Verification ended ${formatDate(until)}.`}
        </p>
      ) : null}
      <h3>Verify</h3>
      <label>
        Days{" "}
        <input value={days} onChange={(e) => setDays(e.target.value.trim())} size={5} data-testid="registrar-days" />
      </label>{" "}
      <label>
        Evidence (kept off-chain; only its hash is sent){" "}
        <input value={evidence} onChange={(e) => setEvidence(e.target.value)} data-testid="registrar-text" />
      </label>
      <p className="muted">
        {hash === undefined ? "A 0x value must be a 32-byte hash (64 hex digits)." : <code>{hash}</code>}
        {dayCount === null ? " Days: a whole number from 1 to 36,500." : ""}
      </p>
      <button
        disabled={!ready || expiresAt === null || hash === undefined}
        data-testid="verify"
        onClick={() =>
          tx.send(
            { ...registry, functionName: "verify", args: [target!, expiresAt!, hash!], account },
            { label: "Verify" },
          )
        }
      >
        Verify until {expiresAt === null ? "…" : formatDate(expiresAt)}
      </button>
      <h3>Revoke or ban</h3>
      <label>
        Reason (short text is stored as is, longer text as its hash){" "}
        <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="registrar-reason" />
      </label>{" "}
      <button
        disabled={!ready}
        data-testid="revoke"
        onClick={() =>
          tx.send({ ...registry, functionName: "revoke", args: [target!, reasonBytes], account }, { label: "Revoke" })
        }
      >
        Revoke the verification
      </button>{" "}
      <button
        disabled={!ready}
        data-testid="ban"
        onClick={() =>
          tx.send({ ...registry, functionName: "ban", args: [target!, reasonBytes], account }, { label: "Ban" })
        }
      >
        Ban
      </button>{" "}
      <button
        disabled={!ready}
        data-testid="unban"
        onClick={() => tx.send({ ...registry, functionName: "unban", args: [target!], account }, { label: "Unban" })}
      >
        Unban
      </button>
      <TxStatus state={tx.state} what="Registrar" />
      <ExpiringSoon now={now} onPick={setWho} />
    </div>
  );
}

/** Investors whose verification ends within SOON_DAYS of the chain's time (from the indexer). */
function ExpiringSoon({ now, onPick }: { now?: bigint; onPick: (address: string) => void }) {
  const { data } = useIndexer<ExpiringRow[]>(
    now === undefined ? null : `/api/investors?expiringWithin=${SOON_DAYS}&now=${(now / 3600n) * 3600n}`,
  );
  return (
    <>
      <h3>Verifications ending within {SOON_DAYS} days</h3>
      {data === undefined ? null : data.length === 0 ? (
        <p data-testid="expiring-none">None.</p>
      ) : (
        <table data-testid="expiring">
          <tbody>
            {data.map((row) => (
              <tr key={row.address}>
                <td>
                  <a href={`#/investor/${row.address}`}>{shortAddress(row.address)}</a>
                </td>
                <td>until {formatDate(row.verifiedUntil)}</td>
                <td>
                  <button onClick={() => onPick(row.address)}>Select to renew</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
