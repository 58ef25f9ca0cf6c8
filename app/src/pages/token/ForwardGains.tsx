// A holder that is itself a personal token or a token's Holdings passes its gains on: anyone may call the
// distributor's claimFor, which deposits them in the holding token's own distributor for its holders (the chain of
// tokens the founding documents describe). The button shows only for such holders (the indexer says which) with
// something to forward.
import type { Address } from "viem";
import { gainsDistributorAbi } from "../../../../client/generated/abis.ts";
import { SendButton } from "../../components/Send.tsx";

export function ForwardGains({
  distributor,
  holder,
  forwardsTo,
  claimable,
}: {
  distributor: Address;
  holder: Address;
  forwardsTo: Address | null;
  /** Asset → amount, as the indexer reports it. */
  claimable: Record<string, string>;
}) {
  if (forwardsTo === null) return null;
  return (
    <>
      {Object.entries(claimable)
        .filter(([, amount]) => amount !== "0")
        .map(([asset]) => (
          <SendButton
            key={asset}
            request={{
              address: distributor,
              abi: gainsDistributorAbi,
              functionName: "claimFor",
              args: [holder, asset],
            }}
            label="Forward to its holders"
            what="Forward gains"
            testId={`forward-${holder.toLowerCase()}`}
          />
        ))}
    </>
  );
}
