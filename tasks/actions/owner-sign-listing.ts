import {
  CliError,
  LISTING_APPROVAL_TYPES,
  cliAction,
  moneyText,
  parseDeadline,
  sameAddress,
  sharesText,
  tokenDomain,
  tokenFacts,
  toJson,
  type Context,
  type ListingApprovalBundle,
  parseId,
} from "../lib/index.js";
import { parseNonce } from "./owner-sign-transfer.js";

export interface SignListingParams {
  listingId: string | bigint;
  nonce?: string | bigint;
  deadline?: string | bigint;
}

export type SignListingResult = ListingApprovalBundle & { summary: string };

/** The owner signs an EIP-712 `ListingApproval` for a listing: the buyer presents it with `investor fill`. */
export async function signListing(ctx: Context, p: SignListingParams): Promise<SignListingResult> {
  const listingId = parseId(p.listingId, "listingId");
  const listing = await ctx.market().listing(listingId);
  if (listing.seller === "0x0000000000000000000000000000000000000000")
    throw new CliError(`There is no listing ${listingId}`);
  const facts = await tokenFacts(ctx, listing.token);
  if (!sameAddress(facts.owner, ctx.signerAddress)) {
    throw new CliError(
      `Only the token's owner (${ctx.label(facts.owner)}) can sign approvals; the signer is ${ctx.label(ctx.signerAddress)}`,
    );
  }
  const message = {
    seller: listing.seller,
    amount: listing.amount,
    price: listing.price,
    buyer: listing.buyer,
    expiry: listing.expiry,
    nonce: parseNonce(p.nonce),
    deadline: parseDeadline(p.deadline ?? "7d", await ctx.now(), "--deadline"),
  };
  const signature = await ctx.signer.signTypedData(
    await tokenDomain(ctx, listing.token),
    LISTING_APPROVAL_TYPES,
    message,
  );
  return {
    type: "ListingApproval",
    chainId: ctx.chainId.toString(),
    token: listing.token,
    listingId: listingId.toString(),
    seller: message.seller,
    amount: message.amount.toString(),
    price: message.price.toString(),
    buyer: message.buyer,
    expiry: message.expiry.toString(),
    nonce: message.nonce.toString(),
    deadline: message.deadline.toString(),
    signature,
    summary:
      `listing ${listingId}: ${ctx.label(message.seller)} sells ${sharesText(message.amount)} of ${facts.symbol} at ` +
      `${moneyText(facts.quote, message.price)} per share, approval valid until ${ctx.when(message.deadline)}`,
  };
}

export default cliAction(signListing, (r) => [
  `Signed approval of ${r.summary}`,
  "Hand this to the buyer (investor fill <id> <shares> --approval '<json>'):",
  toJson({ ...r, summary: undefined }, 0),
]);
