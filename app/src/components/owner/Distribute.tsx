// The owner distributes a realized gain, in any asset the distributor accepts, with a memo.
import { useState } from "react";
import type { Address } from "viem";
import { useReadContract } from "wagmi";
import { gainsDistributorAbi } from "../../../../client/generated/abis.ts";
import { useAssets } from "../../lib/assets.ts";
import { parseAmount, wordFromText } from "../../lib/format.ts";
import { FormCard, PayButton } from "../Send.tsx";

export function Distribute({
  account,
  distributor,
  quote,
}: {
  account: Address;
  distributor: Address;
  quote: Address;
}) {
  const [assetAddress, setAsset] = useState<string>(quote);
  const [amountText, setAmountText] = useState("");
  const [memo, setMemo] = useState("");
  const { data: accepted } = useReadContract({
    address: distributor,
    abi: gainsDistributorAbi,
    functionName: "acceptedAssets",
  });
  const assets = useAssets(accepted ?? [quote]);
  const asset = assets.get(assetAddress.toLowerCase());
  const amount = asset ? parseAmount(amountText, asset.decimals) : null;
  return (
    <FormCard title="Distribute a gain" testId="distribute-panel">
      <p>
        Every holder is credited pro rata to the shares held now; the memo (short text as is, longer text as its hash)
        is recorded with the deposit.
      </p>
      <label>
        Asset{" "}
        <select value={assetAddress.toLowerCase()} onChange={(e) => setAsset(e.target.value)}>
          {[...assets.values()]
            .filter((a) => (accepted ?? [quote]).some((x) => x.toLowerCase() === a.address))
            .map((a) => (
              <option key={a.address} value={a.address}>
                {a.symbol}
              </option>
            ))}
        </select>
      </label>{" "}
      <label>
        Amount ({asset?.symbol}){" "}
        <input value={amountText} onChange={(e) => setAmountText(e.target.value)} data-testid="distribute-amount" />
      </label>{" "}
      <label>
        Memo <input value={memo} onChange={(e) => setMemo(e.target.value)} data-testid="distribute-memo" />
      </label>{" "}
      {asset ? (
        <PayButton
          asset={asset}
          spender={distributor}
          payee="the distributor"
          amount={amount}
          request={
            amount === null || amount === 0n
              ? null
              : {
                  address: distributor,
                  abi: gainsDistributorAbi,
                  functionName: "distribute",
                  args: [asset.address, amount, wordFromText(memo)],
                  account,
                }
          }
          label="distribute"
          what="Distribution"
          testId="distribute"
          approveTestId="distribute-approve"
          account={account}
        />
      ) : null}
    </FormCard>
  );
}
