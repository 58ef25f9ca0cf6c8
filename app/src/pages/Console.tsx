// Role consoles for the connected wallet: the registrar verifies (for a number of days, with the hash of an evidence
// text that never goes on-chain), revokes, bans and unbans; the arbiter pauses and unpauses a token after a
// confirmation step. Each panel shows only for a wallet that holds the role.
import { useState } from "react";
import { isAddress, keccak256, stringToHex, toBytes, type Address, type Hex } from "viem";
import { useBlock, useReadContracts } from "wagmi";
import { investorRegistryAbi, personalTokenAbi } from "../../../client/generated/abis.ts";
import { useReadyAccount } from "../components/Wallet.tsx";
import { addresses } from "../config.ts";
import { formatDate, shortAddress } from "../lib/format.ts";
import { useIndexer, type TokenRow } from "../lib/indexer.ts";
import { TxStatus, useTx } from "../lib/tx.tsx";

const registry = { address: addresses.registry, abi: investorRegistryAbi } as const;

/** A reason or evidence as bytes32: the keccak256 of the text (the text itself stays off-chain). */
export function textHash(text: string): Hex {
  return text === "" ? stringToHex("", { size: 32 }) : keccak256(toBytes(text));
}

export function Console() {
  const account = useReadyAccount();
  const { data: roles } = useReadContracts({
    contracts: [
      { ...registry, functionName: "REGISTRAR_ROLE" },
      { ...registry, functionName: "ARBITER_ROLE" },
    ],
  });
  const [registrarRole, arbiterRole] = (roles ?? []).map((r) => r.result as Hex | undefined);
  const { data: held } = useReadContracts({
    contracts: [
      {
        ...registry,
        functionName: "hasRole",
        args: [registrarRole ?? "0x", account ?? "0x0000000000000000000000000000000000000000"],
      },
      {
        ...registry,
        functionName: "hasRole",
        args: [arbiterRole ?? "0x", account ?? "0x0000000000000000000000000000000000000000"],
      },
    ],
    query: { enabled: account !== null && registrarRole !== undefined },
  });
  if (account === null)
    return (
      <section>
        <h1>Console</h1>
        <p>Connect a wallet on the right chain.</p>
      </section>
    );
  const [isRegistrar, isArbiter] = (held ?? []).map((r) => r.result === true);
  return (
    <section data-testid="console">
      <h1>Console of {shortAddress(account)}</h1>
      {!isRegistrar && !isArbiter ? <p>This wallet holds no registrar or arbiter role.</p> : null}
      {isRegistrar ? <Registrar account={account} /> : null}
      {isArbiter ? <Arbiter account={account} /> : null}
    </section>
  );
}

function Registrar({ account }: { account: Address }) {
  const [who, setWho] = useState("");
  const [days, setDays] = useState("365");
  const [text, setText] = useState("");
  const tx = useTx();
  const block = useBlock({ watch: true });
  const target = isAddress(who) ? (who as Address) : null;
  const { data: status } = useReadContracts({
    contracts: [
      { ...registry, functionName: "verifiedUntil", args: [target ?? "0x0000000000000000000000000000000000000000"] },
      { ...registry, functionName: "isBanned", args: [target ?? "0x0000000000000000000000000000000000000000"] },
    ],
    query: { enabled: target !== null },
  });
  const [until, banned] = (status ?? []).map((r) => r.result) as [bigint?, boolean?];
  const now = block.data?.timestamp ?? BigInt(Math.floor(Date.now() / 1000));
  const expiresAt = now + BigInt(Math.max(1, Number(days) || 0)) * 86_400n;
  const hash = textHash(text);
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
      {target && until !== undefined ? (
        <p data-testid="registrar-status">
          {banned ? "Banned. " : ""}
          {until === 0n
            ? "Not verified."
            : until >= now
              ? `Verified until ${formatDate(until)}.`
              : `Verification ended ${formatDate(until)}.`}
        </p>
      ) : null}
      <div>
        <label>
          Days <input value={days} onChange={(e) => setDays(e.target.value)} size={5} data-testid="registrar-days" />
        </label>{" "}
        <label>
          Evidence or reason (kept off-chain; only its hash is sent){" "}
          <input value={text} onChange={(e) => setText(e.target.value)} data-testid="registrar-text" />
        </label>
        <p className="muted">
          Hash: <code>{hash}</code>
        </p>
      </div>
      <button
        disabled={!target || tx.busy}
        data-testid="verify"
        onClick={() => tx.send({ ...registry, functionName: "verify", args: [target!, expiresAt, hash], account })}
      >
        Verify until {formatDate(expiresAt)}
      </button>{" "}
      <button
        disabled={!target || tx.busy}
        onClick={() => tx.send({ ...registry, functionName: "revoke", args: [target!, hash], account })}
      >
        Revoke
      </button>{" "}
      <button
        disabled={!target || tx.busy}
        onClick={() => tx.send({ ...registry, functionName: "ban", args: [target!, hash], account })}
      >
        Ban
      </button>{" "}
      <button
        disabled={!target || tx.busy}
        onClick={() => tx.send({ ...registry, functionName: "unban", args: [target!], account })}
      >
        Unban
      </button>
      <TxStatus state={tx.state} what="Registrar" />
    </div>
  );
}

function Arbiter({ account }: { account: Address }) {
  const { data: tokens } = useIndexer<TokenRow[]>("/api/tokens");
  const [token, setToken] = useState("");
  const [confirming, setConfirming] = useState<"pause" | "unpause" | null>(null);
  const tx = useTx();
  const chosen = (tokens ?? []).find((t) => t.address === token) ?? tokens?.[0];
  const { data: paused } = useReadContracts({
    contracts: [
      {
        address: (chosen?.address ?? "0x0000000000000000000000000000000000000000") as Address,
        abi: personalTokenAbi,
        functionName: "paused",
      },
    ],
    query: { enabled: chosen !== undefined },
  });
  const isPaused = paused?.[0]?.result === true;
  const action = isPaused ? "unpause" : "pause";
  return (
    <div className="card" data-testid="arbiter">
      <h2>Arbiter</h2>
      <select
        value={chosen?.address ?? ""}
        onChange={(e) => {
          setToken(e.target.value);
          setConfirming(null);
          tx.reset();
        }}
        data-testid="arbiter-token"
      >
        {(tokens ?? []).map((t) => (
          <option key={t.address} value={t.address}>
            {t.name} ({t.symbol})
          </option>
        ))}
      </select>{" "}
      <span data-testid="arbiter-state">{chosen ? (isPaused ? "paused" : "running") : ""}</span>{" "}
      {chosen && confirming === null ? (
        <button data-testid="arbiter-action" onClick={() => setConfirming(action)}>
          {isPaused ? "Unpause" : "Pause"} {chosen.symbol}…
        </button>
      ) : null}
      {chosen && confirming !== null ? (
        <span>
          {confirming === "pause"
            ? `Pausing stops every move and trade of ${chosen.symbol} until it is unpaused.`
            : `Unpausing lets ${chosen.symbol} move and trade again.`}{" "}
          <button
            disabled={tx.busy}
            data-testid="arbiter-confirm"
            onClick={async () => {
              await tx.send({ address: chosen.address, abi: personalTokenAbi, functionName: confirming, account });
              setConfirming(null);
            }}
          >
            Confirm
          </button>{" "}
          <button onClick={() => setConfirming(null)}>Cancel</button>
        </span>
      ) : null}
      <TxStatus state={tx.state} what="Arbiter" />
    </div>
  );
}
