import {
  CliError, cliAction, eventsOf, moneyText, resolveAsset, sameAddress, sendTx, tokenFacts, type AssetInfo,
  type Context, type TxInfo,
} from "../lib/index.js";

export interface ClaimParams {
  token?: string;
  /** "quote", "eth" or an address; default: every accepted asset with something to claim. */
  asset?: string;
  /** Claim for another holder (paid to that holder); default the signer. */
  for?: string;
}

export interface Claimed {
  asset: string;
  symbol: string;
  amount: bigint;
  display: string;
}

export interface ClaimResult {
  token: string;
  holder: string;
  claims: Claimed[];
  txs: TxInfo[];
}

/** Claims the holder's share of distributed gains. */
export async function claim(ctx: Context, p: ClaimParams): Promise<ClaimResult> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const holder = p.for === undefined || p.for === "" ? ctx.signerAddress : ctx.account(p.for, "--for");
  const distributorAddress = await facts.contract.distributor();
  const distributor = ctx.distributor(distributorAddress);
  let assets: AssetInfo[];
  if (p.asset !== undefined && p.asset !== "") {
    assets = [await resolveAsset(ctx, p.asset, facts)];
  } else {
    assets = [];
    for (const address of await distributor.acceptedAssets()) {
      if ((await distributor.claimable(holder, address)) > 0n) assets.push(await ctx.asset(address));
    }
    if (assets.length === 0) {
      throw new CliError(`${ctx.label(holder)} has nothing to claim from ${facts.symbol}'s distributor`);
    }
  }
  const claims: Claimed[] = [];
  const txs: TxInfo[] = [];
  const self = sameAddress(holder, ctx.signerAddress);
  for (const asset of assets) {
    const { tx, receipt } = await sendTx(ctx, `claim ${asset.symbol}`, distributorAddress, () =>
      self ? distributor.claim(asset.address) : distributor.claimFor(holder, asset.address),
    );
    txs.push(tx);
    const amount = eventsOf(receipt, distributor, "GainClaimed").reduce((sum, e) => sum + (e.args.amount as bigint), 0n);
    claims.push({ asset: asset.address, symbol: asset.symbol, amount, display: moneyText(asset, amount) });
  }
  return { token, holder, claims, txs };
}

export default cliAction(claim, (r, ctx) => r.claims.map((c) => `${ctx.label(r.holder)} claimed ${c.display}`),);
