import { ZeroAddress, getAddress } from "ethers";
import type { PersonalToken } from "../../types/ethers-contracts/index.js";
import { formatMoney, type AssetInfo, type Context } from "./context.js";
import { CliError } from "./errors.js";
import { formatShares } from "./units.js";

/** A token and what most actions need about it. */
export interface TokenFacts {
  address: string;
  contract: PersonalToken;
  name: string;
  symbol: string;
  owner: string;
  totalSupply: bigint;
  quote: AssetInfo;
}

export async function tokenFacts(ctx: Context, address: string): Promise<TokenFacts> {
  const contract = ctx.token(address);
  if ((await ctx.provider.getCode(address)) === "0x") throw new CliError(`${address} is not a contract on this chain`);
  const [name, symbol, owner, totalSupply, quoteAddress] = await Promise.all([
    contract.name(),
    contract.symbol(),
    contract.owner(),
    contract.totalSupply(),
    contract.quoteAsset(),
  ]);
  const quote = await ctx.asset(quoteAddress);
  ctx.units.tokens.add(getAddress(address));
  ctx.units.quote = quote;
  return { address, contract, name, symbol, owner, totalSupply, quote };
}

/** Resolves `--asset`: "quote" (the token's quote asset), "eth", an address or a known name. */
export async function resolveAsset(ctx: Context, input: string | undefined, facts?: TokenFacts): Promise<AssetInfo> {
  const text = (input ?? "quote").trim();
  if (text.toLowerCase() === "quote") {
    if (facts === undefined) throw new CliError("--asset quote needs a token: pass --token, or name the asset");
    return facts.quote;
  }
  if (text.toLowerCase() === "eth") return ctx.asset(ZeroAddress);
  return ctx.asset(ctx.account(text));
}

/** "10,000 shares". */
export function sharesText(amount: bigint): string {
  return `${formatShares(amount)} shares`;
}

/** Money in the token's quote asset. */
export function moneyText(asset: AssetInfo, amount: bigint): string {
  return formatMoney(asset, amount);
}

export { costOf } from "../../client/format.ts";
