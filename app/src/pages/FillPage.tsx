// A buyer opens the owner's signed listing approval (a link from the owner) and fills the listing with it: the
// stablecoin approval, then fillWithApproval, which checks the owner's signature on-chain.
import type { Address, Hex } from "viem";
import { useReadContracts } from "wagmi";
import { personalTokenAbi, shareMarketAbi } from "../../../client/generated/abis.ts";
import { PayButton } from "../components/Send.tsx";
import { useReadyAccount } from "../components/Wallet.tsx";
import { addresses, chain } from "../config.ts";
import { moneyIn, useAssets } from "../lib/assets.ts";
import { parseBundle, type ListingApprovalBundle } from "../lib/approvals.ts";
import { ZERO_ADDRESS, costOf, formatDate, formatShares, shortAddress } from "../lib/format.ts";

export function FillPage({ encoded }: { encoded: string }) {
  const bundle = parseBundle<ListingApprovalBundle>(encoded, "ListingApproval");
  const account = useReadyAccount();
  const token = (bundle?.token ?? ZERO_ADDRESS) as Address;
  const { data: reads } = useReadContracts({
    contracts: [
      {
        address: addresses.market,
        abi: shareMarketAbi,
        functionName: "listing",
        args: [BigInt(bundle?.listingId ?? 0)],
      },
      { address: token, abi: personalTokenAbi, functionName: "quoteAsset" },
      { address: token, abi: personalTokenAbi, functionName: "symbol" },
    ],
    query: { enabled: bundle !== null },
  });
  const listing = reads?.[0]?.result;
  const quoteAddress = (reads?.[1]?.result ?? ZERO_ADDRESS) as Address;
  const symbol = reads?.[2]?.result as string | undefined;
  const quote = useAssets([quoteAddress]).get(quoteAddress.toLowerCase());
  if (bundle === null) return <p className="error">This link does not hold a listing approval.</p>;
  if (BigInt(bundle.chainId) !== BigInt(chain.id))
    return (
      <p className="error">
        This approval was signed for chain {bundle.chainId}, not {chain.name}.
      </p>
    );
  if (!listing || !quote) return <p>Reading the listing…</p>;
  const left = listing.amount - listing.filled;
  const cost = costOf(left, listing.price);
  return (
    <section data-testid="fill-page">
      <h1>Buy listed shares with the owner's signed approval</h1>
      <p>
        Listing #{bundle.listingId}: {shortAddress(listing.seller)} sells {formatShares(left)} {symbol} at{" "}
        {moneyIn(quote, listing.price)} a share, {moneyIn(quote, cost)} in all. The owner's approval is valid until{" "}
        {formatDate(bundle.deadline)}.
      </p>
      {left === 0n ? <p data-testid="filled">This listing is filled.</p> : null}
      {account === null ? (
        <p className="muted">Connect a wallet on the right chain to buy.</p>
      ) : (
        // Stays on the page once the listing is filled, so the purchase's status stays in view.
        <PayButton
          asset={quote}
          spender={addresses.market}
          amount={cost}
          request={
            left === 0n
              ? null
              : {
                  address: addresses.market,
                  abi: shareMarketAbi,
                  functionName: "fillWithApproval",
                  args: [
                    BigInt(bundle.listingId),
                    left,
                    BigInt(bundle.nonce),
                    BigInt(bundle.deadline),
                    bundle.signature as Hex,
                  ],
                  account,
                }
          }
          label={`buy ${formatShares(left)} shares`}
          what="Purchase"
          testId="fill-signed"
          approveTestId="fill-approve"
          account={account}
        />
      )}
    </section>
  );
}
