// The owner's permission for a move between investors: on-chain (approveTransfer), or signed in the wallet (EIP-712,
// no gas) as a link the sender opens; and cancelling an unused signature by its nonce.
import { useState } from "react";
import { useConfig, useReadContract, useReadContracts } from "wagmi";
import { personalTokenAbi } from "../../../../client/generated/abis.ts";
import { signTransferApproval } from "../../lib/approvals.ts";
import { ZERO_ADDRESS, formatShares, parseAmount } from "../../lib/format.ts";
import { AddressInput, FormCard, SendButton, parseAddress } from "../Send.tsx";
import { SignButton } from "../SignButton.tsx";
import type { OwnerProps } from "./Shares.tsx";

/** ERC-1404 code of a move that lacks only the owner's permission: the permission itself is what is being given. */
const NO_PERMISSION = 9;

export function TransferApproval({ account, token, holders, now }: OwnerProps & { now: bigint }) {
  const wagmi = useConfig();
  const [form, setForm] = useState({ from: "", to: "", shares: "" });
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const from = parseAddress(form.from);
  const to = parseAddress(form.to);
  const amount = parseAmount(form.shares, 18);
  const complete = from !== null && to !== null && amount !== null;
  const { data: reads } = useReadContracts({
    contracts: [
      {
        address: token,
        abi: personalTokenAbi,
        functionName: "transferApproval",
        args: [from ?? ZERO_ADDRESS, to ?? ZERO_ADDRESS],
      },
      {
        address: token,
        abi: personalTokenAbi,
        functionName: "detectTransferRestriction",
        args: [from ?? ZERO_ADDRESS, to ?? ZERO_ADDRESS, amount ?? 0n],
      },
    ],
    query: { enabled: complete },
  });
  const allowed = reads?.[0]?.result;
  const code = reads?.[1]?.result;
  const { data: restriction } = useReadContract({
    address: token,
    abi: personalTokenAbi,
    functionName: "messageForTransferRestriction",
    args: [code ?? 0],
    query: { enabled: code !== undefined && code !== 0 && code !== NO_PERMISSION },
  });
  const blocked = code !== undefined && code !== 0 && code !== NO_PERMISSION;
  return (
    <FormCard title="Approve a transfer between investors" testId="transfer-approval-panel">
      <p>
        Investors move shares only with your permission: give it on-chain (it lasts until used or replaced), or sign it
        in your wallet for exactly this move (no gas; the sender opens the link before it expires in 7 days).
      </p>
      <p>
        <AddressInput
          label="From"
          value={form.from}
          onChange={set("from")}
          suggestions={holders}
          testId="transfer-from"
        />{" "}
        <AddressInput label="To" value={form.to} onChange={set("to")} suggestions={holders} testId="transfer-to" />{" "}
        <label>
          Shares{" "}
          <input value={form.shares} onChange={(e) => set("shares")(e.target.value)} data-testid="transfer-shares" />
        </label>
      </p>
      {allowed !== undefined ? <p className="muted">Permitted on-chain now: {formatShares(allowed)} shares.</p> : null}
      {blocked ? (
        <p className="error" data-testid="transfer-restriction">
          Even with your permission this move would be refused now: {restriction ?? `restriction ${code}`}
        </p>
      ) : null}
      <SendButton
        request={
          complete
            ? {
                address: token,
                abi: personalTokenAbi,
                functionName: "approveTransfer",
                args: [from, to, amount],
                account,
              }
            : null
        }
        label="Approve on-chain"
        what="Transfer approval"
        testId="approve-transfer"
      />{" "}
      <SignButton
        sign={() => signTransferApproval(wagmi, account, token, { from: from!, to: to!, amount: amount! }, now)}
        disabled={!complete || amount === 0n}
        label="Sign an approval (no gas)"
        testId="sign-transfer"
        recipient="the sender"
      />
    </FormCard>
  );
}

/** A nonce as typed: decimal or 0x hex. */
function parseNonce(text: string): bigint | null {
  const clean = text.trim();
  return /^\d+$|^0x[0-9a-fA-F]+$/.test(clean) ? BigInt(clean) : null;
}

export function CancelSignature({ account, token }: Omit<OwnerProps, "holders">) {
  const [nonceText, setNonce] = useState("");
  const nonce = parseNonce(nonceText);
  const { data: used } = useReadContract({
    address: token,
    abi: personalTokenAbi,
    functionName: "nonceUsed",
    args: [nonce ?? 0n],
    query: { enabled: nonce !== null },
  });
  return (
    <FormCard title="Cancel an unused signature" testId="cancel-signature-panel">
      <p>A signed approval (transfer or listing) you no longer want honoured: cancel its nonce before it is used.</p>
      <label>
        Nonce{" "}
        <input value={nonceText} onChange={(e) => setNonce(e.target.value)} size={40} data-testid="cancel-nonce" />
      </label>
      {nonceText !== "" && nonce === null ? <span className="error"> not a number</span> : null}
      {used ? <p data-testid="nonce-used">This nonce is already used or cancelled.</p> : null}{" "}
      <SendButton
        request={
          nonce !== null && used === false
            ? { address: token, abi: personalTokenAbi, functionName: "cancelApproval", args: [nonce], account }
            : null
        }
        label="Cancel the signature"
        what="Cancel signature"
        testId="cancel-signature"
      />
    </FormCard>
  );
}
