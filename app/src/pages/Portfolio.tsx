// The connected wallet's positions across tokens (valued at the last price), claimable gains (claim one, claim all),
// withdrawable money in the market (refunds, buybacks, proceeds), pending all-or-nothing purchases (settle), and its
// own listings (list, cancel), and sending shares under the owner's approval. Positions come from the indexer; claimables and withdrawables from the chain.
import { useState } from "react";
import type { Address } from "viem";
import { useBlock, useReadContracts } from "wagmi";
import { gainsDistributorAbi, personalTokenAbi, shareMarketAbi } from "../../../client/generated/abis.ts";
import { SendShares } from "../components/SendShares.tsx";
import { useReadyAccount } from "../components/Wallet.tsx";
import { addresses } from "../config.ts";
import { money, useAssets } from "../lib/assets.ts";
import { ZERO_ADDRESS, formatAmount, formatDate, formatShares, parseAmount, shortAddress } from "../lib/format.ts";
import { useIndexer, type PortfolioData, type TokenRow } from "../lib/indexer.ts";
import { TxStatus, useTx } from "../lib/tx.tsx";

export function Portfolio() {
  const account = useReadyAccount();
  if (account === null)
    return (
      <section>
        <h1>Portfolio</h1>
        <p>Connect a wallet on the right chain to see what it holds.</p>
      </section>
    );
  return <PortfolioOf account={account} />;
}

function PortfolioOf({ account }: { account: Address }) {
  const { data } = useIndexer<PortfolioData>(`/api/portfolio/${account}`);
  const { data: tokens } = useIndexer<TokenRow[]>("/api/tokens");
  const quoteAssets = [...new Set([ZERO_ADDRESS as string, ...(tokens ?? []).map((t) => t.quoteAsset)])] as Address[];
  const claimAssets = (data?.positions ?? []).flatMap((p) =>
    Object.keys(p.claimable).map((asset) => ({ position: p, asset: asset as Address })),
  );
  const assets = useAssets([...quoteAssets, ...claimAssets.map((c) => c.asset)]);
  const { data: chain } = useReadContracts({
    contracts: [
      ...claimAssets.map(
        (c) =>
          ({
            address: c.position.token.distributor,
            abi: gainsDistributorAbi,
            functionName: "claimable",
            args: [account, c.asset],
          }) as const,
      ),
      ...quoteAssets.map(
        (asset) =>
          ({
            address: addresses.market,
            abi: shareMarketAbi,
            functionName: "withdrawable",
            args: [account, asset],
          }) as const,
      ),
    ],
  });
  const positionsList = data?.positions ?? [];
  const { data: grantReads } = useReadContracts({
    contracts: positionsList.flatMap((p) => [
      { address: p.token.address, abi: personalTokenAbi, functionName: "grantOf", args: [account] } as const,
      { address: p.token.address, abi: personalTokenAbi, functionName: "lockedOf", args: [account] } as const,
    ]),
  });
  const grantNote = (i: number): string => {
    const grant = grantReads?.[2 * i]?.result as readonly [bigint, bigint, bigint, bigint] | undefined;
    const locked = grantReads?.[2 * i + 1]?.result as bigint | undefined;
    if (!grant || grant[0] === 0n) return "";
    const [amount, start, cliff, duration] = grant;
    const days = (s: bigint): string => `${s / 86_400n} days`;
    return (
      `granted ${formatShares(amount)}, vesting from ${formatDate(start)} over ${days(duration)}` +
      `${cliff > 0n ? ` (cliff ${days(cliff)})` : ""}; ${formatAmount(locked ?? 0n, 18, 0, 2)} still locked`
    );
  };
  const claimables = claimAssets.map((c, i) => ({ ...c, amount: (chain?.[i]?.result as bigint | undefined) ?? 0n }));
  const withdrawables = quoteAssets.map((asset, i) => ({
    asset,
    amount: (chain?.[claimAssets.length + i]?.result as bigint | undefined) ?? 0n,
  }));
  const claimTx = useTx();
  const withdrawTx = useTx();
  const toClaim = claimables.filter((c) => c.amount > 0n);

  async function claimAll(): Promise<void> {
    for (const c of toClaim) {
      const ok = await claimTx.send(
        {
          address: c.position.token.distributor,
          abi: gainsDistributorAbi,
          functionName: "claim",
          args: [c.asset],
          account,
        },
        { units: { amounts: assets.get(c.asset) } },
      );
      if (!ok) return;
    }
  }

  return (
    <section data-testid="portfolio">
      <h1>Portfolio of {shortAddress(account)}</h1>
      <h2>Positions</h2>
      {data?.positions.length === 0 ? (
        <p>No shares.</p>
      ) : (
        <table data-testid="positions">
          <thead>
            <tr>
              <th>Token</th>
              <th className="num">Shares</th>
              <th className="num">Value at last price</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {positionsList.map((p, i) => (
              <tr key={p.token.address}>
                <td>
                  <a href={`#/token/${p.token.address}`}>
                    {p.token.name} ({p.token.symbol})
                  </a>
                </td>
                <td className="num">{formatShares(BigInt(p.balance))}</td>
                <td className="num">{money(assets, p.token.quoteAsset, p.value)}</td>
                <td>{[p.kicked ? "kicked out" : "", grantNote(i)].filter(Boolean).join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Gains to claim</h2>
      {toClaim.length === 0 ? (
        <p data-testid="nothing-to-claim">Nothing to claim.</p>
      ) : (
        <>
          <table data-testid="claimables">
            <tbody>
              {toClaim.map((c) => (
                <tr key={`${c.position.token.address}-${c.asset}`}>
                  <td>{c.position.token.symbol}</td>
                  <td className="num" data-testid="claimable">
                    {money(assets, c.asset, c.amount)}
                  </td>
                  <td>
                    <button
                      disabled={claimTx.busy}
                      data-testid="claim"
                      onClick={() =>
                        claimTx.send(
                          {
                            address: c.position.token.distributor,
                            abi: gainsDistributorAbi,
                            functionName: "claim",
                            args: [c.asset],
                            account,
                          },
                          { units: { amounts: assets.get(c.asset) } },
                        )
                      }
                    >
                      Claim
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {toClaim.length > 1 ? (
            <button disabled={claimTx.busy} onClick={() => void claimAll()} data-testid="claim-all">
              Claim all
            </button>
          ) : null}
        </>
      )}
      <TxStatus state={claimTx.state} what="Claim" />

      <h2>Money waiting in the market</h2>
      {withdrawables.every((w) => w.amount === 0n) ? (
        <p>Nothing to withdraw (refunds, buybacks and ETH proceeds land here).</p>
      ) : (
        <table data-testid="withdrawables">
          <tbody>
            {withdrawables
              .filter((w) => w.amount > 0n)
              .map((w) => (
                <tr key={w.asset}>
                  <td className="num">{money(assets, w.asset, w.amount)}</td>
                  <td>
                    <button
                      disabled={withdrawTx.busy}
                      data-testid="withdraw"
                      onClick={() =>
                        withdrawTx.send(
                          {
                            address: addresses.market,
                            abi: shareMarketAbi,
                            functionName: "withdraw",
                            args: [w.asset, account],
                            account,
                          },
                          { units: { amounts: assets.get(w.asset) } },
                        )
                      }
                    >
                      Withdraw
                    </button>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <TxStatus state={withdrawTx.state} what="Withdrawal" />

      <PendingPurchases account={account} data={data} />
      <Listings account={account} data={data} assets={assets} />
      <SendShares positions={positionsList} />
    </section>
  );
}

function PendingPurchases({ account, data }: { account: Address; data?: PortfolioData }) {
  const settleTx = useTx();
  const pending = [...new Set((data?.purchases ?? []).filter((p) => !p.settled).map((p) => p.offeringId))];
  const { data: positions } = useReadContracts({
    contracts: pending.map(
      (id) =>
        ({
          address: addresses.market,
          abi: shareMarketAbi,
          functionName: "position",
          args: [BigInt(id), account],
        }) as const,
    ),
  });
  const open = pending.filter(
    (_, i) => ((positions?.[i]?.result as { pendingShares: bigint } | undefined)?.pendingShares ?? 0n) > 0n,
  );
  if (open.length === 0) return null;
  return (
    <>
      <h2>All-or-nothing purchases to settle</h2>
      <ul>
        {open.map((id) => (
          <li key={id}>
            Offering #{id}{" "}
            <button
              disabled={settleTx.busy}
              onClick={() =>
                settleTx.send({
                  address: addresses.market,
                  abi: shareMarketAbi,
                  functionName: "settle",
                  args: [BigInt(id), account],
                  account,
                })
              }
            >
              Settle (delivers the shares, or refunds if the offering missed its minimum)
            </button>
          </li>
        ))}
      </ul>
      <TxStatus state={settleTx.state} what="Settlement" />
    </>
  );
}

function Listings({
  account,
  data,
  assets,
}: {
  account: Address;
  data?: PortfolioData;
  assets: ReturnType<typeof useAssets>;
}) {
  const listTx = useTx();
  const cancelTx = useTx();
  const block = useBlock();
  const [token, setToken] = useState("");
  const [sharesText, setSharesText] = useState("");
  const [priceText, setPriceText] = useState("");
  const [days, setDays] = useState("30");
  const positions = (data?.positions ?? []).filter((p) => BigInt(p.balance) > 0n);
  const chosen = positions.find((p) => p.token.address === token) ?? positions[0];
  const quote = chosen ? assets.get(chosen.token.quoteAsset) : undefined;
  const shares = parseAmount(sharesText, 18);
  const price = quote ? parseAmount(priceText, quote.decimals) : null;
  const now = block.data?.timestamp ?? BigInt(Math.floor(Date.now() / 1000));
  const expiry = now + BigInt(Math.max(1, Number(days) || 1)) * 86_400n;
  const mine = (data?.listings ?? []).filter((l) => !l.cancelled && BigInt(l.filled) < BigInt(l.amount));
  return (
    <>
      <h2>Your listings</h2>
      {mine.length === 0 ? (
        <p>No open listing.</p>
      ) : (
        <table data-testid="own-listings">
          <tbody>
            {mine.map((l) => {
              const t = data?.positions.find((p) => p.token.address === l.token)?.token;
              return (
                <tr key={l.id} data-testid={`own-listing-${l.id}`}>
                  <td>
                    #{l.id} {t?.symbol ?? shortAddress(l.token)}
                  </td>
                  <td className="num">{formatShares(BigInt(l.amount) - BigInt(l.filled))} shares</td>
                  <td className="num">{t ? money(assets, t.quoteAsset, l.price) : l.price} a share</td>
                  <td>
                    {l.approved ? "approved by the owner" : "awaiting the owner's approval"}; until{" "}
                    {formatDate(l.expiry)}
                  </td>
                  <td>
                    <button
                      disabled={cancelTx.busy}
                      data-testid="cancel-listing"
                      onClick={() =>
                        cancelTx.send(
                          {
                            address: addresses.market,
                            abi: shareMarketAbi,
                            functionName: "cancelListing",
                            args: [BigInt(l.id)],
                            account,
                          },
                          { label: `Cancel listing #${l.id}` },
                        )
                      }
                    >
                      Cancel
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <TxStatus state={cancelTx.state} what="Cancel" />
      {positions.length > 0 ? (
        <div className="card" data-testid="list-shares">
          <h3>List shares for sale (the owner must approve the listing)</h3>
          <select value={chosen?.token.address ?? ""} onChange={(e) => setToken(e.target.value)}>
            {positions.map((p) => (
              <option key={p.token.address} value={p.token.address}>
                {p.token.symbol}
              </option>
            ))}
          </select>{" "}
          <label>
            Shares <input value={sharesText} onChange={(e) => setSharesText(e.target.value)} />
          </label>{" "}
          <label>
            Price a share ({quote?.symbol}) <input value={priceText} onChange={(e) => setPriceText(e.target.value)} />
          </label>{" "}
          <label>
            Days <input value={days} onChange={(e) => setDays(e.target.value)} size={4} />
          </label>{" "}
          <button
            disabled={listTx.busy || !chosen || shares === null || price === null}
            data-testid="list"
            onClick={() =>
              listTx.send(
                {
                  address: addresses.market,
                  abi: shareMarketAbi,
                  functionName: "list",
                  args: [chosen!.token.address, shares!, price!, ZERO_ADDRESS, expiry],
                  account,
                },
                { units: { amounts: quote } },
              )
            }
          >
            List
          </button>
          <TxStatus state={listTx.state} what="Listing" />
        </div>
      ) : null}
    </>
  );
}
