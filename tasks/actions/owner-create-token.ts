import { ZeroAddress } from "ethers";
import {
  CliError,
  cliAction,
  eventsOf,
  fields,
  formatBps,
  formatShares,
  parseBps,
  parseShares,
  sendTx,
  type Context,
  type TxInfo,
} from "../lib/index.js";

export interface CreateTokenParams {
  name: string;
  symbol: string;
  /** Initial supply in shares ("1000000") or base units (bigint). */
  supply: string | bigint;
  /** Cap on outside shares: "20%", "2000bps", or bps as a number. */
  cap: string | number;
  /** Quote asset: an ERC-20 address (or known name), or "eth" (default). */
  quote?: string;
}

export interface CreateTokenResult {
  token: string;
  distributor: string;
  owner: string;
  name: string;
  symbol: string;
  supply: bigint;
  capBps: number;
  quoteAsset: string;
  txs: TxInfo[];
}

/** A verified person creates their personal token through the factory. */
export async function createToken(ctx: Context, p: CreateTokenParams): Promise<CreateTokenResult> {
  for (const key of ["name", "symbol", "supply", "cap"] as const) {
    if (p[key] === undefined || p[key] === "") throw new CliError(`--${key} is required`);
  }
  const supply = parseShares(p.supply, undefined, "--supply");
  const capBps = parseBps(p.cap, "--cap");
  const quoteText = (p.quote ?? "eth").trim();
  const quoteAsset =
    quoteText === "" || quoteText.toLowerCase() === "eth" ? ZeroAddress : ctx.account(quoteText, "--quote");
  const factory = ctx.factory();
  const { tx, receipt } = await sendTx(ctx, "createToken", await factory.getAddress(), () =>
    factory.createToken(p.name, p.symbol, supply, capBps, quoteAsset),
  );
  const created = eventsOf(receipt, factory, "TokenCreated")[0];
  if (created === undefined) throw new CliError("createToken: no TokenCreated event in the receipt");
  return {
    token: created.args.token as string,
    distributor: created.args.distributor as string,
    owner: created.args.owner as string,
    name: p.name,
    symbol: p.symbol,
    supply,
    capBps,
    quoteAsset,
    txs: [tx],
  };
}

export default cliAction(createToken, (r) => [
  `Created ${r.name} (${r.symbol})`,
  ...fields([
    ["token", r.token],
    ["distributor", r.distributor],
    ["supply", `${formatShares(r.supply)} shares`],
    ["cap", formatBps(r.capBps)],
    ["quote asset", r.quoteAsset === ZeroAddress ? "ETH" : r.quoteAsset],
  ]),
]);
