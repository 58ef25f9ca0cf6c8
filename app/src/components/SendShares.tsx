// A holder sends shares to another wallet: the move the command line's `investor transfer` makes with the owner's
// on-chain approval. The token's own rules decide (a verified receiver, the owner's permission, the cap, locks), and
// the check before sending says which rule would refuse it.
import { useState } from "react";
import type { Address } from "viem";
import { personalTokenAbi } from "../../../client/generated/abis.ts";
import { formatShares, parseAmount } from "../lib/format.ts";
import type { PortfolioData } from "../lib/indexer.ts";
import { AddressInput, SendButton, parseAddress } from "./Send.tsx";

export function SendShares({ positions }: { positions: PortfolioData["positions"] }) {
  const [tokenChoice, setToken] = useState("");
  const [to, setTo] = useState("");
  const [sharesText, setSharesText] = useState("");
  if (positions.length === 0) return null;
  const chosen = positions.find((p) => p.token.address === tokenChoice) ?? positions[0];
  const receiver = parseAddress(to);
  const shares = parseAmount(sharesText, 18);
  const request =
    receiver !== null && shares !== null && shares > 0n
      ? {
          address: chosen.token.address as Address,
          abi: personalTokenAbi,
          functionName: "transfer",
          args: [receiver, shares],
        }
      : null;
  return (
    <div className="card" data-testid="send-shares">
      <h3>Send shares (the owner must have approved the move)</h3>
      <select value={chosen.token.address} onChange={(e) => setToken(e.target.value)} data-testid="send-token">
        {positions.map((p) => (
          <option key={p.token.address} value={p.token.address}>
            {p.token.symbol} ({formatShares(BigInt(p.balance))} held)
          </option>
        ))}
      </select>{" "}
      <AddressInput label="To" value={to} onChange={setTo} testId="send-to" />{" "}
      <label>
        Shares{" "}
        <input value={sharesText} onChange={(e) => setSharesText(e.target.value)} data-testid="send-shares-amount" />
      </label>{" "}
      <SendButton request={request} label="Send" what={`Send ${chosen.token.symbol}`} testId="send" />
    </div>
  );
}
