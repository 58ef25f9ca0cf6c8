// The sender opens the owner's signed transfer approval (a link from the owner) and makes the move with it:
// transferWithApproval, which checks the owner's signature on-chain. What would refuse it is shown first.
import { useState } from "react";
import type { Address, Hex } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { personalTokenAbi } from "../../../client/generated/abis.ts";
import { SendButton } from "../components/Send.tsx";
import { useReadyAccount } from "../components/Wallet.tsx";
import { chain } from "../config.ts";
import { parseBundle, type TransferApprovalBundle } from "../lib/approvals.ts";
import { ZERO_ADDRESS, formatDate, formatShares } from "../lib/format.ts";

/** ERC-1404 code of a move that lacks only the owner's permission, which the signature brings. */
const NO_PERMISSION = 9;

export function TransferPage({ encoded }: { encoded: string }) {
  const bundle = parseBundle<TransferApprovalBundle>(encoded, "TransferApproval");
  const account = useReadyAccount();
  const [done, setDone] = useState(false);
  const token = (bundle?.token ?? ZERO_ADDRESS) as Address;
  const from = (bundle?.from ?? ZERO_ADDRESS) as Address;
  const to = (bundle?.to ?? ZERO_ADDRESS) as Address;
  const amount = BigInt(bundle?.amount ?? 0);
  const { data: reads } = useReadContracts({
    contracts: [
      { address: token, abi: personalTokenAbi, functionName: "symbol" },
      { address: token, abi: personalTokenAbi, functionName: "nonceUsed", args: [BigInt(bundle?.nonce ?? 0)] },
      { address: token, abi: personalTokenAbi, functionName: "detectTransferRestriction", args: [from, to, amount] },
      { address: token, abi: personalTokenAbi, functionName: "balanceOf", args: [to] },
    ],
    query: { enabled: bundle !== null },
  });
  const [symbol, used, code, received] = [
    reads?.[0]?.result,
    reads?.[1]?.result,
    reads?.[2]?.result,
    reads?.[3]?.result,
  ];
  const blocked = code !== undefined && code !== 0 && code !== NO_PERMISSION;
  const { data: restriction } = useReadContract({
    address: token,
    abi: personalTokenAbi,
    functionName: "messageForTransferRestriction",
    args: [code ?? 0],
    query: { enabled: blocked },
  });
  if (bundle === null) return <p className="error">This link does not hold a transfer approval.</p>;
  if (BigInt(bundle.chainId) !== BigInt(chain.id))
    return (
      <p className="error">
        This approval was signed for chain {bundle.chainId}, not {chain.name}.
      </p>
    );
  if (symbol === undefined) return <p>Reading the token…</p>;
  const sender = account !== null && account.toLowerCase() === from.toLowerCase();
  let why: string | null = null;
  if (done) why = null;
  else if (used) why = "This approval was used or cancelled by the owner.";
  else if (blocked) why = `The token would refuse this move now: ${restriction ?? `restriction ${code}`}`;
  else if (account !== null && !sender) why = `Only ${from} can make this move: connect that wallet.`;
  return (
    <section data-testid="transfer-page">
      <h1>Move shares with the owner's signed approval</h1>
      <p>
        {from} may move {formatShares(amount)} {symbol} shares to {to} until {formatDate(bundle.deadline)}.
        {received !== undefined ? ` The receiver holds ${formatShares(received)} now.` : ""}
      </p>
      {why ? (
        <p className="error" data-testid="transfer-refusal">
          {why}
        </p>
      ) : null}
      {account === null ? (
        <p className="muted">Connect the sending wallet on the right chain.</p>
      ) : sender ? (
        <SendButton
          request={
            used
              ? null
              : {
                  address: token,
                  abi: personalTokenAbi,
                  functionName: "transferWithApproval",
                  args: [to, amount, BigInt(bundle.nonce), BigInt(bundle.deadline), bundle.signature as Hex],
                  account,
                }
          }
          onConfirmed={() => setDone(true)}
          label={`Move ${formatShares(amount)} shares`}
          what="Transfer"
          testId="transfer-signed"
        />
      ) : null}
    </section>
  );
}
