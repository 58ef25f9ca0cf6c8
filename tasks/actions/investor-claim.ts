import {
  CliError,
  cliAction,
  eventsOf,
  moneyText,
  resolveAsset,
  sameAddress,
  sendTx,
  tokenFacts,
  type AssetInfo,
  type Context,
  type TxInfo,
} from "../lib/index.js";

export interface ClaimParams {
  token?: string;
  /** "quote", "eth" or an address; default: every accepted asset with something to claim. */
  asset?: string;
  /** Claim for another holder (paid to that holder); default the signer. */
  for?: string;
}

export interface Claimed {
  /** The token whose distributor paid. */
  token: string;
  asset: string;
  symbol: string;
  amount: bigint;
  display: string;
}

export interface ClaimResult {
  /** The token given with --token; absent when every token was claimed from. */
  token?: string;
  holder: string;
  claims: Claimed[];
  txs: TxInfo[];
}

/**
 * Claims the holder's share of distributed gains: from one token's distributor (`--token`), or from every personal
 * token's when none is given; every asset with something to claim unless `--asset` names one.
 */
export async function claim(ctx: Context, p: ClaimParams): Promise<ClaimResult> {
  const holder = p.for === undefined || p.for === "" ? ctx.signerAddress : ctx.account(p.for, "--for");
  const given = p.token !== undefined && p.token !== "";
  let tokens: string[];
  if (given) tokens = [ctx.account(p.token!, "--token")];
  else {
    const factory = ctx.factory();
    const count = await factory.allTokensLength();
    tokens = [];
    for (let i = 0n; i < count; i++) tokens.push(await factory.allTokens(i));
  }
  const plan: { token: string; distributor: string; asset: AssetInfo; amount: bigint }[] = [];
  for (const token of tokens) {
    const facts = await tokenFacts(ctx, token);
    const distributorAddress = await facts.contract.distributor();
    const distributor = ctx.distributor(distributorAddress);
    const assets =
      p.asset !== undefined && p.asset !== ""
        ? [await resolveAsset(ctx, p.asset, facts)]
        : await Promise.all((await distributor.acceptedAssets()).map((address) => ctx.asset(address)));
    for (const asset of assets) {
      const amount = await distributor.claimable(holder, asset.address);
      if (amount > 0n) plan.push({ token, distributor: distributorAddress, asset, amount });
    }
  }
  if (plan.length === 0) {
    const what =
      p.asset !== undefined && p.asset !== ""
        ? `in ${(await resolveAsset(ctx, p.asset, given ? await tokenFacts(ctx, tokens[0]) : undefined)).symbol} `
        : "";
    const where = given ? `from ${ctx.label(tokens[0])}` : `from any of the ${tokens.length} personal token(s)`;
    throw new CliError(`${ctx.label(holder)} has nothing to claim ${what}${where}: nothing was sent`);
  }
  const claims: Claimed[] = [];
  const txs: TxInfo[] = [];
  const self = sameAddress(holder, ctx.signerAddress);
  for (const { token, distributor: distributorAddress, asset } of plan) {
    const distributor = ctx.distributor(distributorAddress);
    const { tx, receipt } = await sendTx(
      ctx,
      `claim ${asset.symbol} from ${ctx.label(token)}`,
      distributorAddress,
      () => (self ? distributor.claim(asset.address) : distributor.claimFor(holder, asset.address)),
    );
    txs.push(tx);
    const amount = eventsOf(receipt, distributor, "GainClaimed").reduce(
      (sum, e) => sum + (e.args.amount as bigint),
      0n,
    );
    claims.push({ token, asset: asset.address, symbol: asset.symbol, amount, display: moneyText(asset, amount) });
  }
  return { ...(given ? { token: tokens[0] } : {}), holder, claims, txs };
}

export default cliAction(claim, (r, ctx) =>
  r.claims.map((c) => `${ctx.label(r.holder)} claimed ${c.display} from ${ctx.label(c.token)}`),
);
