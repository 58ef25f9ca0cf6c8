// A buyer opens the owner's signed listing approval (a link from the owner) and fills the listing with it: the
// stablecoin approval, then fillWithApproval, which checks the owner's signature on-chain.
import { erc20Abi, type Address, type Hex } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { personalTokenAbi, shareMarketAbi } from "../../../client/generated/abis.ts";
import { useReadyAccount } from "../components/Wallet.tsx";
import { addresses, chain } from "../config.ts";
import { money, useAssets } from "../lib/assets.ts";
import { parseBundle } from "../lib/approvals.ts";
import { ZERO_ADDRESS, costOf, formatDate, formatShares, shortAddress } from "../lib/format.ts";
import { TxStatus, useTx } from "../lib/tx.tsx";

export function FillPage({ encoded }: { encoded: string }) {
  const bundle = parseBundle(encoded);
  const account = useReadyAccount();
  const approveTx = useTx();
  const fillTx = useTx();
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
  const quote = (reads?.[1]?.result ?? ZERO_ADDRESS) as Address;
  const symbol = reads?.[2]?.result as string | undefined;
  const assets = useAssets([quote]);
  const isEth = quote === ZERO_ADDRESS;
  const { data: allowance } = useReadContract({
    address: quote,
    abi: erc20Abi,
    functionName: "allowance",
    args: [account ?? ZERO_ADDRESS, addresses.market],
    query: { enabled: account !== null && !isEth },
  });
  if (bundle === null) return <p className="error">This link does not hold a listing approval.</p>;
  if (BigInt(bundle.chainId) !== BigInt(chain.id))
    return (
      <p className="error">
        This approval was signed for chain {bundle.chainId}, not {chain.name}.
      </p>
    );
  if (!listing) return <p>Reading the listing…</p>;
  const left = listing.amount - listing.filled;
  const cost = costOf(left, listing.price);
  const needsApproval = !isEth && (allowance ?? 0n) < cost;
  return (
    <section data-testid="fill-page">
      <h1>Buy listed shares with the owner's signed approval</h1>
      <p>
        Listing #{bundle.listingId}: {shortAddress(listing.seller)} sells {formatShares(left)} {symbol} at{" "}
        {money(assets, quote, listing.price)} a share, {money(assets, quote, cost)} in all. The owner's approval is
        valid until {formatDate(bundle.deadline)}.
      </p>
      {account === null ? (
        <p className="muted">Connect a wallet on the right chain to buy.</p>
      ) : left === 0n ? (
        <p>This listing is filled.</p>
      ) : needsApproval ? (
        <button
          disabled={approveTx.busy}
          data-testid="fill-approve"
          onClick={() =>
            approveTx.send({
              address: quote,
              abi: erc20Abi,
              functionName: "approve",
              args: [addresses.market, cost],
              account,
            })
          }
        >
          Step 1: allow the market to take {money(assets, quote, cost)}
        </button>
      ) : (
        <button
          disabled={fillTx.busy}
          data-testid="fill-signed"
          onClick={() =>
            fillTx.send({
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
              ...(isEth ? { value: cost } : {}),
              account,
            })
          }
        >
          {isEth ? "Buy" : "Step 2: buy"} {formatShares(left)} shares
        </button>
      )}
      <TxStatus state={approveTx.state} what="Approval" />
      <TxStatus state={fillTx.state} what="Purchase" />
    </section>
  );
}
