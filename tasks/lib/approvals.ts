import { getAddress, hexlify, randomBytes, type TypedDataDomain } from "ethers";
import type { Context } from "./context.js";
import { CliError } from "./errors.js";
import { readJsonArg } from "./output.js";

// The typed-data types and bundles are written once in client/eip712.ts (shared with the web app).
export { LISTING_APPROVAL_TYPES, TRANSFER_APPROVAL_TYPES } from "../../client/eip712.ts";
export type { ListingApprovalBundle, TransferApprovalBundle } from "../../client/eip712.ts";

/** The token's EIP-712 domain, read from the token (ERC-5267), so it always matches what the contract checks. */
export async function tokenDomain(ctx: Context, token: string): Promise<TypedDataDomain> {
  const domain = await ctx.token(token).eip712Domain();
  return {
    name: domain.name,
    version: domain.version,
    chainId: domain.chainId,
    verifyingContract: domain.verifyingContract,
  };
}

/** A random unordered nonce (128 bits). */
export function randomNonce(): bigint {
  return BigInt(hexlify(randomBytes(16)));
}

/** Reads an approval bundle given as an object, inline JSON or a file. */
export function readBundle<T extends { type: string }>(input: string | T, type: T["type"]): T {
  const value = (typeof input === "string" ? readJsonArg(input, "--approval") : input) as T;
  if (value === null || typeof value !== "object" || value.type !== type) {
    throw new CliError(`--approval: expected a ${type} bundle (the JSON printed by the owner's sign command)`);
  }
  if (typeof (value as { signature?: unknown }).signature !== "string") {
    throw new CliError("--approval: the bundle has no signature");
  }
  return value;
}

/** Refuses a bundle signed for another chain. */
export function checkBundleChain(ctx: Context, bundle: { chainId: string }): void {
  if (BigInt(bundle.chainId) !== ctx.chainId) {
    throw new CliError(`--approval was signed for chain ${bundle.chainId}, this network is chain ${ctx.chainId}`);
  }
}

export function sameAddress(a: string, b: string): boolean {
  return getAddress(a) === getAddress(b);
}
