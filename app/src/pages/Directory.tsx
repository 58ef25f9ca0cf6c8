// Every personal token: owner, holders, raised, last price and outside share against the cap; search and sort.
import { useState } from "react";
import { money, useAssets } from "../lib/assets.ts";
import { formatPercent, shortAddress } from "../lib/format.ts";
import { useIndexer, type TokenRow } from "../lib/indexer.ts";

type SortKey = "name" | "holders" | "raised" | "outside";

export function Directory() {
  const { data, error, isLoading } = useIndexer<TokenRow[]>("/api/tokens");
  const assets = useAssets((data ?? []).map((t) => t.quoteAsset));
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<SortKey>("name");
  const needle = search.trim().toLowerCase();
  const rows = (data ?? [])
    .filter((t) => needle === "" || `${t.name} ${t.symbol} ${t.owner} ${t.address}`.toLowerCase().includes(needle))
    .sort((a, b) => {
      if (sort === "holders") return b.holders - a.holders;
      if (sort === "raised") return Number(BigInt(b.raised) - BigInt(a.raised));
      if (sort === "outside")
        return Number(BigInt(b.outsideShares) * BigInt(a.supply) - BigInt(a.outsideShares) * BigInt(b.supply));
      return a.name.localeCompare(b.name);
    });
  return (
    <section>
      <h1>Directory</h1>
      <div className="controls">
        <input
          placeholder="Search name, symbol or address"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="search"
        />
        <label>
          Sort by{" "}
          <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
            <option value="name">name</option>
            <option value="holders">holders</option>
            <option value="raised">raised</option>
            <option value="outside">outside share</option>
          </select>
        </label>
      </div>
      {isLoading ? <p>Loading…</p> : null}
      {error ? <p className="error">The indexer is not answering: {error.message}</p> : null}
      <table data-testid="directory">
        <thead>
          <tr>
            <th>Token</th>
            <th>Owner</th>
            <th className="num">Holders</th>
            <th className="num">Raised</th>
            <th className="num">Last price</th>
            <th className="num">Outside / cap</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.address}>
              <td>
                <a href={`#/token/${t.address}`}>
                  {t.name} ({t.symbol})
                </a>
                {t.paused ? <span className="badge">paused</span> : null}
              </td>
              <td>
                <a href={`#/investor/${t.owner}`}>{shortAddress(t.owner)}</a>
              </td>
              <td className="num">{t.holders}</td>
              <td className="num">{money(assets, t.quoteAsset, t.raised)}</td>
              <td className="num">{BigInt(t.lastPrice) === 0n ? "—" : money(assets, t.quoteAsset, t.lastPrice)}</td>
              <td className="num">
                {formatPercent(BigInt(t.outsideShares), BigInt(t.supply))} / {t.capBps / 100}%
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && rows.length === 0 ? <p>No token matches.</p> : null}
    </section>
  );
}
