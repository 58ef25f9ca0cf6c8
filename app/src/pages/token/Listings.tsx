// Listings on a token's page: fill an approved listing; the owner approves one on-chain, revokes that approval, or
// signs it in the wallet (a link the buyer opens).
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { shareMarketAbi } from "../../../../client/generated/abis.ts";
import { PayButton, SendButton } from "../../components/Send.tsx";
import { SignButton } from "../../components/SignButton.tsx";
import { useReadyAccount } from "../../components/Wallet.tsx";
import { addresses } from "../../config.ts";
import { signListingApproval } from "../../lib/approvals.ts";
import { moneyIn, type Asset } from "../../lib/assets.ts";
import { ZERO_ADDRESS, costOf, formatShares, shortAddress } from "../../lib/format.ts";
import type { ListingRow } from "../../lib/indexer.ts";

export function Listings({
  listings,
  quote,
  now,
  owner,
}: {
  listings: ListingRow[];
  quote: Asset;
  now: bigint;
  owner: Address;
}) {
  if (listings.length === 0) return <p>No listing.</p>;
  return (
    <table data-testid="listings">
      <thead>
        <tr>
          <th>#</th>
          <th>Seller</th>
          <th className="num">Shares left</th>
          <th className="num">Price</th>
          <th>Status</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {listings.map((l) => (
          <Listing key={l.id} listing={l} quote={quote} now={now} owner={owner} />
        ))}
      </tbody>
    </table>
  );
}

function Listing({
  listing: l,
  quote,
  now,
  owner,
}: {
  listing: ListingRow;
  quote: Asset;
  now: bigint;
  owner: Address;
}) {
  const account = useReadyAccount();
  const wagmi = useConfig();
  const id = BigInt(l.id);
  const left = BigInt(l.amount) - BigInt(l.filled);
  const cost = costOf(left, BigInt(l.price));
  const expired = now > BigInt(l.expiry);
  const status = l.cancelled
    ? "cancelled"
    : left === 0n
      ? "filled"
      : expired
        ? "expired"
        : l.approved
          ? "approved"
          : "awaiting the owner's approval";
  const forYou = l.buyer === ZERO_ADDRESS || (account !== null && l.buyer === account.toLowerCase());
  const canFill = status === "approved" && account !== null && forYou && account.toLowerCase() !== l.seller;
  const isOwner = account !== null && account.toLowerCase() === owner;
  const open = !l.cancelled && left > 0n && !expired;
  const market = { address: addresses.market, abi: shareMarketAbi, account } as const;
  return (
    <tr data-testid={`listing-${l.id}`}>
      <td>{l.id}</td>
      <td>
        <a href={`#/investor/${l.seller}`}>{shortAddress(l.seller)}</a>
      </td>
      <td className="num">{formatShares(left)}</td>
      <td className="num">{moneyIn(quote, l.price)}</td>
      <td>
        {status}
        {l.buyer !== ZERO_ADDRESS ? ` (only ${shortAddress(l.buyer)})` : ""}
      </td>
      <td>
        {canFill ? (
          <PayButton
            asset={quote}
            spender={addresses.market}
            amount={cost}
            request={{ ...market, functionName: "fill", args: [id, left] }}
            label={`buy ${formatShares(left)} for ${moneyIn(quote, cost)}`}
            what="Purchase"
            testId="fill"
            approveTestId="fill-approve"
            account={account}
          />
        ) : null}
        {isOwner && open && !l.approved ? (
          <>
            <SendButton
              request={{ ...market, functionName: "approveListing", args: [id] }}
              label="Approve on-chain"
              what="Owner"
              testId="approve-listing"
            />{" "}
            <SignButton
              sign={() => signListingApproval(wagmi, account, l.token, id, now)}
              label="Sign an approval (no gas)"
              testId="sign-listing"
              recipient="the buyer"
            />
          </>
        ) : null}
        {isOwner && open && l.approved ? (
          <SendButton
            request={{ ...market, functionName: "revokeListingApproval", args: [id] }}
            label="Revoke approval"
            what="Owner"
            testId="revoke-listing"
          />
        ) : null}
      </td>
    </tr>
  );
}
