import { getAddress } from "ethers";
import { cliAction, eventsOf, sendTx, tokenFacts, type Context, type TxInfo } from "../lib/index.js";

export interface CreateHoldingsParams {
  token?: string;
}

export interface CreateHoldingsResult {
  token: string;
  symbol: string;
  holdings: string;
  txs: TxInfo[];
}

/** Creates a token's Holdings at its deterministic address: anyone may, once per token. */
export async function createHoldings(ctx: Context, p: CreateHoldingsParams): Promise<CreateHoldingsResult> {
  const token = await tokenFacts(ctx, await ctx.resolveToken(p.token));
  const factory = ctx.factory();
  const { tx, receipt } = await sendTx(ctx, "createHoldings", await factory.getAddress(), () =>
    factory.createHoldings(token.address),
  );
  const created = eventsOf(receipt, factory, "HoldingsCreated")[0];
  const holdings = getAddress(
    (created?.args.holdings as string | undefined) ?? (await factory.holdingsOf(token.address)),
  );
  if (ctx.names.nameOf(holdings) === undefined) ctx.names.add({ [holdings]: `${token.symbol} Holdings` });
  return { token: token.address, symbol: token.symbol, holdings, txs: [tx] };
}

export default cliAction(createHoldings, (r, ctx) => [
  `Created the Holdings of ${ctx.label(r.token)} at ${r.holdings}`,
  `  its owner now pledges, buys, lists and sells for it: holdings pledge | buy | fill | list (see --help)`,
]);
