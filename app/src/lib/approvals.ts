// The owner's signed listing approval: signed in the wallet (EIP-712 over the token's own domain), carried as the
// command line's JSON bundle inside a link (#/fill/<base64url>) that the buyer opens to fill the listing.
import { toHex, type Address, type Hex } from "viem";
import type { Config } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";
import { personalTokenAbi, shareMarketAbi } from "../../../client/generated/abis.ts";
import { LISTING_APPROVAL_TYPES, type ListingApprovalBundle } from "../../../client/eip712.ts";
import { addresses } from "../config.ts";

export type { ListingApprovalBundle };

/** Signs the owner's approval of listing `listingId`, valid for `days`; returns the bundle. */
export async function signListingApproval(
  wagmi: Config,
  account: Address,
  token: Address,
  listingId: bigint,
  now: bigint,
  days = 7n,
): Promise<ListingApprovalBundle> {
  const listing = await readContract(wagmi, {
    address: addresses.market,
    abi: shareMarketAbi,
    functionName: "listing",
    args: [listingId],
  });
  const [, name, version, chainId, verifyingContract] = await readContract(wagmi, {
    address: token,
    abi: personalTokenAbi,
    functionName: "eip712Domain",
  });
  const nonce = BigInt(toHex(crypto.getRandomValues(new Uint8Array(16))));
  const deadline = now + days * 86_400n;
  const message = {
    seller: listing.seller,
    amount: listing.amount,
    price: listing.price,
    buyer: listing.buyer,
    expiry: listing.expiry,
    nonce,
    deadline,
  };
  const signature = await signTypedData(wagmi, {
    account,
    domain: { name, version, chainId, verifyingContract },
    types: LISTING_APPROVAL_TYPES,
    primaryType: "ListingApproval",
    message,
  });
  return {
    type: "ListingApproval",
    chainId: chainId.toString(),
    token,
    listingId: listingId.toString(),
    seller: listing.seller,
    amount: listing.amount.toString(),
    price: listing.price.toString(),
    buyer: listing.buyer,
    expiry: listing.expiry.toString(),
    nonce: nonce.toString(),
    deadline: deadline.toString(),
    signature,
  };
}

export function bundleLink(bundle: ListingApprovalBundle): string {
  const encoded = btoa(JSON.stringify(bundle)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `${window.location.origin}${window.location.pathname}#/fill/${encoded}`;
}

export function parseBundle(encoded: string): ListingApprovalBundle | null {
  try {
    const json = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
    const bundle = JSON.parse(json) as ListingApprovalBundle;
    return bundle.type === "ListingApproval" && typeof bundle.signature === "string" ? bundle : null;
  } catch {
    return null;
  }
}

export type { Hex };
