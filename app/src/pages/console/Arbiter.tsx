// The arbiter's powers over a token (ERC-7943), each checked with the contracts and confirmed before sending: a forced
// transfer (reverses fraud or enforces a court order), a freeze of some of an account's shares, the pause, and the
// recovery of ownership to the person's new wallet after a lost key.
import { useState } from "react";
import { isAddress, type Address } from "viem";
import { useReadContracts } from "wagmi";
import { personalTokenAbi } from "../../../../client/generated/abis.ts";
import { ReviewedAction } from "../../components/Reviewed.tsx";
import { ZERO_ADDRESS, formatShares, parseAmount, shortAddress } from "../../lib/format.ts";
import { useIndexer, type TokenRow } from "../../lib/indexer.ts";

const SHARES = { amounts: "shares" } as const;

function asAddress(text: string): Address | null {
  return isAddress(text.trim()) ? (text.trim() as Address) : null;
}

export function Arbiter({ account }: { account: Address }) {
  const { data: tokens } = useIndexer<TokenRow[]>("/api/tokens");
  const [chosenAddress, setChosenAddress] = useState("");
  const token = (tokens ?? []).find((t) => t.address === chosenAddress) ?? tokens?.[0];
  return (
    <div className="card" data-testid="arbiter">
      <h2>Arbiter</h2>
      <label>
        Token{" "}
        <select
          value={token?.address ?? ""}
          onChange={(e) => setChosenAddress(e.target.value)}
          data-testid="arbiter-token"
        >
          {(tokens ?? []).map((t) => (
            <option key={t.address} value={t.address}>
              {t.name} ({t.symbol})
            </option>
          ))}
        </select>
      </label>
      {token ? (
        <>
          <Pause token={token} account={account} />
          <ForcedTransfer token={token} account={account} />
          <Freeze token={token} account={account} />
          <Recover token={token} account={account} />
        </>
      ) : null}
    </div>
  );
}

interface Panel {
  token: TokenRow;
  account: Address;
}

function Pause({ token, account }: Panel) {
  const { data } = useReadContracts({
    contracts: [{ address: token.address, abi: personalTokenAbi, functionName: "paused" }],
  });
  const paused = data?.[0]?.result;
  if (paused === undefined) return null;
  return (
    <>
      <h3>
        Pause <span data-testid="arbiter-state">{paused ? "paused" : "running"}</span>
      </h3>
      <ReviewedAction
        request={{ address: token.address, abi: personalTokenAbi, functionName: paused ? "unpause" : "pause", account }}
        button={`${paused ? "Unpause" : "Pause"} ${token.symbol}`}
        summary={
          paused
            ? `Unpausing lets ${token.symbol} move and trade again.`
            : `Pausing stops every move, issuance and trade of ${token.symbol} until it is unpaused.`
        }
        testId="arbiter-pause"
        what="Pause"
      />
    </>
  );
}

/** Balance and frozen shares of `holder` in `token`. */
function useHolding(token: Address, holder: Address | null) {
  const { data } = useReadContracts({
    contracts: [
      { address: token, abi: personalTokenAbi, functionName: "balanceOf", args: [holder ?? ZERO_ADDRESS] },
      { address: token, abi: personalTokenAbi, functionName: "getFrozenTokens", args: [holder ?? ZERO_ADDRESS] },
    ],
    query: { enabled: holder !== null },
  });
  const [balance, frozen] = (data ?? []).map((r) => r.result as bigint | undefined);
  return { balance, frozen };
}

function holdingText(holding: { balance?: bigint; frozen?: bigint }): string {
  if (holding.balance === undefined) return "";
  return `holds ${formatShares(holding.balance)} shares, ${formatShares(holding.frozen ?? 0n)} frozen`;
}

function ForcedTransfer({ token, account }: Panel) {
  const [fromText, setFrom] = useState("");
  const [toText, setTo] = useState("");
  const [sharesText, setShares] = useState("");
  const from = asAddress(fromText);
  const to = asAddress(toText);
  const shares = parseAmount(sharesText, 18);
  const holding = useHolding(token.address, from);
  const ready = from !== null && to !== null && shares !== null && shares > 0n;
  return (
    <div data-testid="forced-transfer">
      <h3>Forced transfer</h3>
      <label>
        From <input value={fromText} onChange={(e) => setFrom(e.target.value)} size={44} aria-label="From" />
      </label>{" "}
      <span className="muted">{holdingText(holding)}</span>
      <br />
      <label>
        To <input value={toText} onChange={(e) => setTo(e.target.value)} size={44} aria-label="To" />
      </label>{" "}
      <label>
        Shares <input value={sharesText} onChange={(e) => setShares(e.target.value)} size={12} aria-label="Shares" />
      </label>
      <ReviewedAction
        request={
          ready
            ? {
                address: token.address,
                abi: personalTokenAbi,
                functionName: "forcedTransfer",
                args: [from, to, shares],
                account,
              }
            : null
        }
        button="Review the forced transfer"
        summary={
          ready
            ? `Move ${formatShares(shares)} shares of ${token.symbol} from ${shortAddress(from)} (${holdingText(holding)}) ` +
              `to ${shortAddress(to)}, setting aside the pause, bans, locks and permissions (the receiver rule and the ` +
              `cap still apply; frozen shares taken are unfrozen).`
            : null
        }
        testId="forced-transfer-action"
        what="Forced transfer"
        units={SHARES}
      />
    </div>
  );
}

function Freeze({ token, account }: Panel) {
  const [whoText, setWho] = useState("");
  const [sharesText, setShares] = useState("");
  const who = asAddress(whoText);
  const shares = parseAmount(sharesText, 18);
  const holding = useHolding(token.address, who);
  const ready = who !== null && shares !== null;
  return (
    <div data-testid="freeze">
      <h3>Freeze</h3>
      <label>
        Account <input value={whoText} onChange={(e) => setWho(e.target.value)} size={44} aria-label="Account" />
      </label>{" "}
      <span className="muted">{holdingText(holding)}</span>
      <br />
      <label>
        Frozen shares (0 unfreezes){" "}
        <input value={sharesText} onChange={(e) => setShares(e.target.value)} size={12} aria-label="Frozen shares" />
      </label>
      <ReviewedAction
        request={
          ready
            ? {
                address: token.address,
                abi: personalTokenAbi,
                functionName: "setFrozenTokens",
                args: [who, shares],
                account,
              }
            : null
        }
        button="Review the freeze"
        summary={
          ready
            ? shares === 0n
              ? `Unfreeze every share of ${shortAddress(who)} in ${token.symbol} (${holdingText(holding)}).`
              : `Freeze ${formatShares(shares)} shares of ${shortAddress(who)} in ${token.symbol} (${holdingText(holding)}): ` +
                `they cannot move until unfrozen, except by a forced transfer.`
            : null
        }
        testId="freeze-action"
        what="Freeze"
        units={SHARES}
      />
    </div>
  );
}

function Recover({ token, account }: Panel) {
  const [walletText, setWallet] = useState("");
  const wallet = asAddress(walletText);
  const { data } = useReadContracts({
    contracts: [{ address: token.address, abi: personalTokenAbi, functionName: "owner" }],
  });
  const owner = data?.[0]?.result;
  const holding = useHolding(token.address, owner ?? null);
  return (
    <div data-testid="recover">
      <h3>Recover ownership</h3>
      <p className="muted">
        Owner now: {owner ? shortAddress(owner) : "…"} ({holdingText(holding)})
      </p>
      <label>
        New wallet of the same person{" "}
        <input value={walletText} onChange={(e) => setWallet(e.target.value)} size={44} aria-label="New wallet" />
      </label>
      <ReviewedAction
        request={
          wallet !== null
            ? {
                address: token.address,
                abi: personalTokenAbi,
                functionName: "recoverOwnership",
                args: [wallet],
                account,
              }
            : null
        }
        button="Review the recovery"
        summary={
          wallet !== null && owner !== undefined
            ? `Move the ownership of ${token.symbol} and the owner's ${formatShares(holding.balance ?? 0n)} shares from ` +
              `${shortAddress(owner)} to ${shortAddress(wallet)} (a verified wallet that owns no token).`
            : null
        }
        testId="recover-action"
        what="Recovery"
        units={SHARES}
      />
    </div>
  );
}
