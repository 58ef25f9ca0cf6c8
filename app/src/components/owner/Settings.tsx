// The token's settings the owner controls: lower the cap, accept another asset for distributions, move ownership to
// another wallet (which accepts it from that wallet).
import { useState } from "react";
import { erc20Abi, type Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { gainsDistributorAbi, personalTokenAbi } from "../../../../client/generated/abis.ts";
import { formatBps } from "../../../../client/format.ts";
import { ZERO_ADDRESS, formatPercent, parseAmount, shortAddress } from "../../lib/format.ts";
import { AddressInput, FormCard, SendButton, parseAddress } from "../Send.tsx";

export function LowerCap({ account, token }: { account: Address; token: Address }) {
  const [capText, setCap] = useState("");
  const { data: reads } = useReadContracts({
    contracts: [
      { address: token, abi: personalTokenAbi, functionName: "capBps" },
      { address: token, abi: personalTokenAbi, functionName: "outsideShares" },
      { address: token, abi: personalTokenAbi, functionName: "totalSupply" },
    ],
  });
  const [capBps, outside, supply] = [reads?.[0]?.result, reads?.[1]?.result, reads?.[2]?.result];
  // A percentage with at most 2 decimals is a whole number of basis points.
  const bps = parseAmount(capText.replace(/%$/, ""), 2);
  return (
    <FormCard title="Lower the cap" testId="lower-cap-panel">
      {capBps !== undefined && outside !== undefined && supply !== undefined ? (
        <p data-testid="cap-state">
          The cap is {formatBps(capBps)}; outside holders have {formatPercent(outside, supply)}. A cap can only go down,
          never below the outside share, and never back up.
        </p>
      ) : null}
      <label>
        New cap (%) <input value={capText} onChange={(e) => setCap(e.target.value)} size={6} data-testid="cap" />
      </label>{" "}
      <SendButton
        request={
          bps !== null && bps <= 10_000n
            ? { address: token, abi: personalTokenAbi, functionName: "lowerCap", args: [Number(bps)], account }
            : null
        }
        label="Lower the cap"
        what="Cap"
        testId="lower-cap"
      />
    </FormCard>
  );
}

export function EnableAsset({ account, distributor }: { account: Address; distributor: Address }) {
  const [assetText, setAsset] = useState("");
  const asset = parseAddress(assetText);
  const { data: accepted } = useReadContract({
    address: distributor,
    abi: gainsDistributorAbi,
    functionName: "acceptedAssets",
  });
  const { data: symbols } = useReadContracts({
    contracts: (accepted ?? []).map((a) => ({ address: a, abi: erc20Abi, functionName: "symbol" }) as const),
    query: { staleTime: Infinity },
  });
  const { data: symbol, error: notToken } = useReadContract({
    address: asset ?? ZERO_ADDRESS,
    abi: erc20Abi,
    functionName: "symbol",
    query: { enabled: asset !== null },
  });
  const names = (accepted ?? []).map((a, i) =>
    a === ZERO_ADDRESS ? "ETH" : ((symbols?.[i]?.result as string | undefined) ?? shortAddress(a)),
  );
  return (
    <FormCard title="Accept another asset for gains" testId="enable-asset-panel">
      <p data-testid="accepted-assets">Distributions accept {names.join(", ") || "…"}. Accepting one is for good.</p>
      <AddressInput label="ERC-20" value={assetText} onChange={setAsset} testId="asset" />
      {asset && symbol ? <span data-testid="asset-symbol"> {symbol}</span> : null}
      {asset && notToken ? <span className="error"> no ERC-20 symbol at this address</span> : null}{" "}
      <SendButton
        request={
          asset
            ? { address: distributor, abi: gainsDistributorAbi, functionName: "enableAsset", args: [asset], account }
            : null
        }
        label={`Accept ${symbol ?? "it"} for good`}
        what="Asset"
        testId="enable-asset"
      />
    </FormCard>
  );
}

export function MoveOwnership({ account, token }: { account: Address; token: Address }) {
  const [walletText, setWallet] = useState("");
  const wallet = parseAddress(walletText);
  const { data: pending } = useReadContract({ address: token, abi: personalTokenAbi, functionName: "pendingOwner" });
  return (
    <FormCard title="Move ownership to another wallet" testId="move-ownership-panel">
      <p>
        The new wallet must be verified; it accepts on this page, and your shares follow it then. Signed approvals and
        on-chain permissions you gave end with the move.
      </p>
      {pending && pending !== ZERO_ADDRESS ? <p data-testid="pending-owner">Waiting for {pending} to accept.</p> : null}
      <AddressInput label="New wallet" value={walletText} onChange={setWallet} testId="new-owner" />{" "}
      <SendButton
        request={
          wallet
            ? { address: token, abi: personalTokenAbi, functionName: "transferOwnership", args: [wallet], account }
            : null
        }
        label="Offer ownership"
        what="Ownership"
        testId="transfer-ownership"
      />
    </FormCard>
  );
}

/** Shown to the wallet the owner offered the token to. */
export function AcceptOwnership({ account, token, owner }: { account: Address; token: Address; owner: Address }) {
  return (
    <div className="card" data-testid="accept-ownership-panel">
      <h3>{shortAddress(owner)} offers you this token</h3>
      <p>Accepting makes this wallet the owner; the owner's shares move to it.</p>
      <SendButton
        request={{ address: token, abi: personalTokenAbi, functionName: "acceptOwnership", account }}
        label="Accept ownership"
        what="Accept"
        testId="accept-ownership"
      />
    </div>
  );
}
