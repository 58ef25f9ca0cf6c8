import {
  cliAction,
  eventsOf,
  holdingsOf,
  moneyText,
  parseShares,
  sendTx,
  sharesText,
  tokenFacts,
  type Context,
  type TxInfo,
} from "../lib/index.js";

export interface PledgeParams {
  /** The personal token whose shares are pledged: address or known name. */
  held: string;
  shares: string | bigint;
  token?: string;
}

export interface PledgeResult {
  token: string;
  holdings: string;
  held: string;
  shares: bigint;
  /** The cost basis the pledged shares carry: what the owner paid for the recorded purchases that moved with them. */
  basis: bigint;
  display: { shares: string; basis: string };
  txs: TxInfo[];
}

/**
 * The owner pledges shares of another personal token from her wallet into her token's Holdings, for good: they leave
 * only by a sale (whose gain goes to her token's holders), a kick or the arbiter. Their basis is her recorded
 * purchase price, never declared.
 */
export async function pledge(ctx: Context, p: PledgeParams): Promise<PledgeResult> {
  const h = await holdingsOf(ctx, p.token);
  const held = await tokenFacts(ctx, ctx.account(p.held, "held token"));
  const shares = parseShares(p.shares, held.totalSupply, "shares");
  ctx.confirmBeforeSending(
    `Pledge ${sharesText(shares)} of ${held.symbol} into ${ctx.label(h.address)} for good? They leave only by a sale ` +
      `(its gain goes to ${h.token.symbol}'s holders), a kick or the arbiter.`,
  );
  const { tx, receipt } = await sendTx(ctx, "pledge", h.address, () => h.contract.pledge(held.address, shares));
  const basis = (eventsOf(receipt, h.contract, "Pledged")[0]?.args.basis as bigint | undefined) ?? 0n;
  return {
    token: h.token.address,
    holdings: h.address,
    held: held.address,
    shares,
    basis,
    display: { shares: sharesText(shares), basis: moneyText(held.quote, basis) },
    txs: [tx],
  };
}

export default cliAction(pledge, (r, ctx) => [
  `Pledged ${r.display.shares} of ${ctx.label(r.held)} into ${ctx.label(r.holdings)}, with a cost basis of ${r.display.basis}` +
    (r.basis === 0n ? " (no recorded purchase: every cent of a later sale counts as gain)" : ""),
]);
