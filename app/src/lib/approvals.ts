// The owner's signed approvals: signed in the wallet (EIP-712 over the token's own domain), carried as the command
// line's JSON bundle inside a link that the other side opens: #/fill/<base64url> for a listing (the buyer fills it),
// #/transfer/<base64url> for a move between investors (the sender makes it).
import { toHex, type Address } from "viem";
import type { Config } from "wagmi";
import { readContract, signTypedData } from "wagmi/actions";
import { personalTokenAbi, shareMarketAbi } from "../../../client/generated/abis.ts";
import {
  LISTING_APPROVAL_TYPES,
  TRANSFER_APPROVAL_TYPES,
  type ListingApprovalBundle,
  type TransferApprovalBundle,
} from "../../../client/eip712.ts";
import { addresses } from "../config.ts";

export type { ListingApprovalBundle, TransferApprovalBundle };
export type ApprovalBundle = ListingApprovalBundle | TransferApprovalBundle;

const ROUTES = { ListingApproval: "fill", TransferApproval: "transfer" } as const;

/** The token's domain as the token reports it (ERC-5267), so the signature is over what the contract checks. */
async function tokenDomain(wagmi: Config, token: Address) {
  const [, name, version, chainId, verifyingContract] = await readContract(wagmi, {
    address: token,
    abi: personalTokenAbi,
    functionName: "eip712Domain",
  });
  return { name, version, chainId, verifyingContract };
}

/** A random unordered nonce (128 bits), as the command line draws it. */
function randomNonce(): bigint {
  return BigInt(toHex(crypto.getRandomValues(new Uint8Array(16))));
}

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
  const domain = await tokenDomain(wagmi, token);
  const message = {
    seller: listing.seller,
    amount: listing.amount,
    price: listing.price,
    buyer: listing.buyer,
    expiry: listing.expiry,
    nonce: randomNonce(),
    deadline: now + days * 86_400n,
  };
  const signature = await signTypedData(wagmi, {
    account,
    domain,
    types: LISTING_APPROVAL_TYPES,
    primaryType: "ListingApproval",
    message,
  });
  return {
    type: "ListingApproval",
    chainId: domain.chainId.toString(),
    token,
    listingId: listingId.toString(),
    seller: listing.seller,
    amount: listing.amount.toString(),
    price: listing.price.toString(),
    buyer: listing.buyer,
    expiry: listing.expiry.toString(),
    nonce: message.nonce.toString(),
    deadline: message.deadline.toString(),
    signature,
  };
}

/** Signs the owner's permission for `from` to move exactly `amount` shares to `to`, valid for `days`. */
export async function signTransferApproval(
  wagmi: Config,
  account: Address,
  token: Address,
  move: { from: Address; to: Address; amount: bigint },
  now: bigint,
  days = 7n,
): Promise<TransferApprovalBundle> {
  const domain = await tokenDomain(wagmi, token);
  const message = { ...move, nonce: randomNonce(), deadline: now + days * 86_400n };
  const signature = await signTypedData(wagmi, {
    account,
    domain,
    types: TRANSFER_APPROVAL_TYPES,
    primaryType: "TransferApproval",
    message,
  });
  return {
    type: "TransferApproval",
    chainId: domain.chainId.toString(),
    token,
    from: move.from,
    to: move.to,
    amount: move.amount.toString(),
    nonce: message.nonce.toString(),
    deadline: message.deadline.toString(),
    signature,
  };
}

export function bundleLink(bundle: ApprovalBundle): string {
  const encoded = btoa(JSON.stringify(bundle)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `${window.location.origin}${window.location.pathname}#/${ROUTES[bundle.type]}/${encoded}`;
}

/** The bundle of type `type` a link carries, or null. */
export function parseBundle<T extends ApprovalBundle>(encoded: string, type: T["type"]): T | null {
  try {
    const json = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
    const bundle = JSON.parse(json) as T;
    return bundle.type === type && typeof bundle.signature === "string" ? bundle : null;
  } catch {
    return null;
  }
}
