// The owner's EIP-712 approvals: the typed-data types the token checks (PersonalToken's TRANSFER_APPROVAL_TYPEHASH and
// LISTING_APPROVAL_TYPEHASH) and the JSON bundles a signature travels in. Written once for the command line and the web
// app; no dependencies, so a browser can import it. The domain is the token's own (ERC-5267 `eip712Domain()`).

export const TRANSFER_APPROVAL_TYPES = {
  TransferApproval: [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

export const LISTING_APPROVAL_TYPES = {
  ListingApproval: [
    { name: "seller", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "price", type: "uint256" },
    { name: "buyer", type: "address" },
    { name: "expiry", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** The owner's signed permission for one move between investors (what `owner sign-transfer` prints). */
export interface TransferApprovalBundle {
  type: "TransferApproval";
  chainId: string;
  token: string;
  from: string;
  to: string;
  amount: string;
  nonce: string;
  deadline: string;
  signature: string;
}

/** The owner's signed approval of a listing (what `owner sign-listing` prints). */
export interface ListingApprovalBundle {
  type: "ListingApproval";
  chainId: string;
  token: string;
  listingId: string;
  seller: string;
  amount: string;
  price: string;
  buyer: string;
  expiry: string;
  nonce: string;
  deadline: string;
  signature: string;
}
