// A token: owner and verification, supply, cap and outside share, last price, the cap table, gains, its Holdings
// (token/Holdings.tsx), offerings (buy), listings (fill) and kicks; for the owner, her console (token/OwnerConsole.tsx);
// for a wallet offered the token, the acceptance. Lists come from the indexer; what an action depends on (owner, pause, limits) is read from the chain.
import { useBlock, useReadContracts } from "wagmi";
import { investorRegistryAbi, personalTokenAbi } from "../../../client/generated/abis.ts";
import { AcceptOwnership } from "../components/owner/Settings.tsx";
import { useReadyAccount } from "../components/Wallet.tsx";
import { addresses } from "../config.ts";
import { money, useAssets } from "../lib/assets.ts";
import { ZERO_ADDRESS, formatDate, formatMemo, formatPercent, formatShares, shortAddress } from "../lib/format.ts";
import { useIndexer, type TokenPageData } from "../lib/indexer.ts";
import { ForwardGains } from "./token/ForwardGains.tsx";
import { HoldingsSection } from "./token/Holdings.tsx";
import { Listings } from "./token/Listings.tsx";
import { Offering, OpenOffering } from "./token/Offerings.tsx";
import { OwnerConsole } from "./token/OwnerConsole.tsx";

type Hex = `0x${string}`;

export function TokenPage({ address }: { address: Hex }) {
  const { data, error, isLoading } = useIndexer<TokenPageData>(`/api/tokens/${address}`);
  const assetList = data
    ? [data.token.quoteAsset, ...data.books.map((b) => b.asset), ...data.distributions.map((d) => d.asset)]
    : [];
  const assets = useAssets(assetList);
  const { data: chainState } = useReadContracts({
    contracts: [
      { address, abi: personalTokenAbi, functionName: "paused" },
      { address, abi: personalTokenAbi, functionName: "owner" },
      { address, abi: personalTokenAbi, functionName: "pendingOwner" },
      {
        address: addresses.registry,
        abi: investorRegistryAbi,
        functionName: "isVerified",
        args: [data?.token.owner ?? ZERO_ADDRESS],
      },
    ],
    query: { enabled: data !== undefined },
  });
  const account = useReadyAccount();
  const block = useBlock({ watch: true });
  const now = block.data?.timestamp ?? BigInt(Math.floor(Date.now() / 1000));
  if (isLoading) return <p>Loading…</p>;
  if (error || !data) return <p className="error">This token is not in the index: {error?.message}</p>;
  const t = data.token;
  const supply = BigInt(t.supply);
  const paused = (chainState?.[0]?.result as boolean | undefined) ?? t.paused;
  // Who may act is the chain's answer: the index may be a few blocks behind an ownership move.
  const owner = (chainState?.[1]?.result as Hex | undefined) ?? t.owner;
  const pendingOwner = chainState?.[2]?.result as Hex | undefined;
  const ownerVerified = chainState?.[3]?.result as boolean | undefined;
  const quote = t.quoteAsset;
  const quoteAsset = assets.get(quote);
  const is = (who: Hex | undefined): boolean => account !== null && who?.toLowerCase() === account.toLowerCase();
  return (
    <section data-testid="token-page">
      <h1>
        {t.name} <span className="muted">({t.symbol})</span>
        {paused ? (
          <span className="badge" data-testid="paused">
            paused by the arbiter
          </span>
        ) : null}
      </h1>
      <dl className="facts">
        <dt>Owner</dt>
        <dd>
          <a href={`#/investor/${t.owner}`}>{t.owner}</a>{" "}
          {ownerVerified === undefined ? null : ownerVerified ? "(verified)" : "(not verified)"}
        </dd>
        <dt>Supply</dt>
        <dd>{formatShares(supply)} shares</dd>
        <dt>Outside the owner</dt>
        <dd data-testid="outside">
          {formatPercent(BigInt(t.outsideShares), supply)} of at most {t.capBps / 100}%
        </dd>
        <dt>Last price</dt>
        <dd data-testid="last-price">
          {BigInt(t.lastPrice) === 0n ? "no trade yet" : `${money(assets, quote, t.lastPrice)} a share`}
        </dd>
        <dt>Raised in offerings</dt>
        <dd>{money(assets, quote, t.raised)}</dd>
        <dt>Token</dt>
        <dd>
          <code>{t.address}</code>
        </dd>
      </dl>

      <h2>Cap table</h2>
      <table data-testid="cap-table">
        <thead>
          <tr>
            <th>Holder</th>
            <th className="num">Shares</th>
            <th className="num">% of supply</th>
            <th className="num">Claimable gains</th>
          </tr>
        </thead>
        <tbody>
          {data.capTable.map((h) => (
            <tr key={h.holder} data-holder={h.holder}>
              <td>
                <a href={`#/investor/${h.holder}`}>{shortAddress(h.holder)}</a>
                {h.holder === t.owner ? " (owner)" : ""}
                {h.forwardsTo === null
                  ? ""
                  : h.forwardsTo === h.holder
                    ? " (a personal token)"
                    : " (a token's Holdings)"}
              </td>
              <td className="num">{formatShares(BigInt(h.balance))}</td>
              <td className="num">{formatPercent(BigInt(h.balance), supply)}</td>
              <td className="num">
                {Object.entries(h.claimable)
                  .filter(([, v]) => v !== "0")
                  .map(([a, v]) => money(assets, a, v))
                  .join(", ") || "—"}{" "}
                <ForwardGains
                  distributor={t.distributor}
                  holder={h.holder}
                  forwardsTo={h.forwardsTo}
                  claimable={h.claimable}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {is(pendingOwner) ? <AcceptOwnership account={account!} token={t.address} owner={owner} /> : null}
      {is(owner) && quoteAsset ? <OwnerConsole account={account!} data={data} quote={quoteAsset} now={now} /> : null}

      <h2>Gains</h2>
      {data.distributions.length === 0 ? (
        <p>No gain distributed yet.</p>
      ) : (
        <table data-testid="gains">
          <thead>
            <tr>
              <th>Date</th>
              <th className="num">Amount</th>
              <th>Memo</th>
            </tr>
          </thead>
          <tbody>
            {data.distributions.map((d) => (
              <tr key={d.id}>
                <td>{formatDate(d.timestamp)}</td>
                <td className="num">{money(assets, d.asset, d.amount)}</td>
                <td>
                  <Memo memo={d.memo} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Holdings</h2>
      <HoldingsSection token={t.address} now={now} />

      <h2>Offerings</h2>
      {is(owner) && quoteAsset ? <OpenOffering token={t.address} quote={quoteAsset} now={now} /> : null}
      {data.offerings.length === 0 ? (
        <p>No offering yet.</p>
      ) : quoteAsset ? (
        data.offerings.map((o) => (
          <Offering
            key={o.id}
            offering={o}
            owner={owner.toLowerCase() as Hex}
            quote={quoteAsset}
            now={now}
            paused={paused}
          />
        ))
      ) : null}

      <h2>Listings</h2>
      {quoteAsset ? (
        <Listings listings={data.listings} quote={quoteAsset} now={now} owner={owner.toLowerCase() as Hex} />
      ) : null}

      <h2>Kicks</h2>
      {data.kicks.length === 0 ? (
        <p>No one was kicked.</p>
      ) : (
        <table data-testid="kicks">
          <thead>
            <tr>
              <th>Date</th>
              <th>Holder</th>
              <th className="num">Shares bought back</th>
              <th className="num">Price</th>
              <th className="num">Paid</th>
            </tr>
          </thead>
          <tbody>
            {data.kicks.map((k) => (
              <tr key={k.id}>
                <td>{formatDate(k.timestamp)}</td>
                <td>
                  <a href={`#/investor/${k.holder}`}>{shortAddress(k.holder)}</a>
                </td>
                <td className="num">{formatShares(BigInt(k.sharesBoughtBack))}</td>
                <td className="num">{money(assets, quote, k.pricePerShare)}</td>
                <td className="num">{money(assets, quote, k.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A memo; a gain passed on along a chain (a Holdings' sale, a `claimFor`) names the token it came from. */
function Memo({ memo }: { memo: Hex }) {
  const fromToken = /^0x0{24}[0-9a-f]{40}$/i.test(memo) && !/^0x0{64}$/.test(memo);
  if (!fromToken) return <>{formatMemo(memo)}</>;
  const source = `0x${memo.slice(-40)}`;
  return (
    <>
      from <a href={`#/token/${source}`}>{shortAddress(source)}</a> along a chain
    </>
  );
}
