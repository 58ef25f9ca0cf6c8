import { ZeroAddress, getAddress } from "ethers";
import type { Holdings } from "../../types/ethers-contracts/index.js";
import type { Context } from "./context.js";
import { CliError } from "./errors.js";
import { tokenFacts, type TokenFacts } from "./token.js";

/** A token's Holdings, with the token's facts. */
export interface HoldingsOf {
  token: TokenFacts;
  address: string;
  contract: Holdings;
}

/**
 * The Holdings of `--token` (default: the token the signer owns). Refuses a token whose Holdings was never created,
 * saying how to create it: every action but `holdings create` needs one.
 */
export async function holdingsOf(ctx: Context, tokenInput?: string): Promise<HoldingsOf> {
  const token = await tokenFacts(ctx, await ctx.resolveToken(tokenInput));
  const factory = ctx.factory();
  const address = getAddress(await factory.holdingsOf(token.address));
  if ((await factory.tokenOfHoldings(address)) === ZeroAddress) {
    throw new CliError(
      `${token.symbol} has no Holdings yet (it would be at ${address}): run holdings create --token ${token.address}`,
    );
  }
  if (ctx.names.nameOf(address) === undefined) ctx.names.add({ [address]: `${token.symbol} Holdings` });
  return { token, address, contract: ctx.holdings(address) };
}

/**
 * Every ERC-20 a Holdings may hold: each personal token's quote asset (what a sale pays) and each distributor's
 * accepted assets (what a gain through a chain pays). ETH never: a Holdings holds ERC-20-quoted positions only.
 */
export async function holdingsAssets(ctx: Context): Promise<string[]> {
  const factory = ctx.factory();
  const found = new Set<string>();
  const count = await factory.allTokensLength();
  for (let i = 0n; i < count; i++) {
    const token = ctx.token(await factory.allTokens(i));
    found.add(getAddress(await token.quoteAsset()));
    for (const asset of await ctx.distributor(await token.distributor()).acceptedAssets()) found.add(getAddress(asset));
  }
  found.delete(ZeroAddress);
  return [...found];
}
