// The owner's say over holders: the pro-rata right (priority in dilutive offerings) and readmitting a kicked address.
import { useState } from "react";
import { useReadContract } from "wagmi";
import { personalTokenAbi } from "../../../../client/generated/abis.ts";
import { AddressInput, FormCard, SendButton, parseAddress } from "../Send.tsx";
import type { OwnerProps } from "./Shares.tsx";

export function ProRataRight({ account, token, holders }: OwnerProps) {
  const [holderText, setHolder] = useState("");
  const holder = parseAddress(holderText);
  const { data: hasRight } = useReadContract({
    address: token,
    abi: personalTokenAbi,
    functionName: "hasProRataRight",
    args: [holder!],
    query: { enabled: holder !== null },
  });
  return (
    <FormCard title="Pro-rata right" testId="pro-rata-panel">
      <p>Holders with the right may buy their part of a dilutive offering in its priority window.</p>
      <AddressInput
        label="Holder"
        value={holderText}
        onChange={setHolder}
        suggestions={holders}
        testId="pro-rata-holder"
      />
      {hasRight !== undefined && holder ? (
        <>
          <p data-testid="pro-rata-state">{hasRight ? "This holder has the right." : "This holder has no right."}</p>
          <SendButton
            request={{
              address: token,
              abi: personalTokenAbi,
              functionName: "setProRataRight",
              args: [holder, !hasRight],
              account,
            }}
            label={hasRight ? "Revoke the right" : "Give the right"}
            what="Pro-rata"
            testId="pro-rata"
          />
        </>
      ) : null}
    </FormCard>
  );
}

export function Readmit({ account, token, kicked }: Omit<OwnerProps, "holders"> & { kicked: readonly string[] }) {
  const [holderText, setHolder] = useState("");
  const holder = parseAddress(holderText);
  return (
    <FormCard title="Readmit a kicked address" testId="readmit-panel">
      <p>A readmitted address may hold shares again; its pro-rata right stays revoked until you give it back.</p>
      <AddressInput
        label="Address"
        value={holderText}
        onChange={setHolder}
        suggestions={kicked}
        testId="readmit-holder"
      />{" "}
      <SendButton
        request={
          holder ? { address: token, abi: personalTokenAbi, functionName: "readmit", args: [holder], account } : null
        }
        label="Readmit"
        what="Readmit"
        testId="readmit"
      />
    </FormCard>
  );
}
