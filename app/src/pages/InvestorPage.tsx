// Any address's public track record, on a cash basis: money in (purchases and fills paid, less refunds), money out
// (gains credited — claimed or still claimable — sale proceeds, buybacks), holdings at the last price, the multiple and
// the internal rate of return, per token and per quote asset (never summed across assets). Shares received without a
// price are shown apart and left out. Verification, bans and kicks on record.
import { useReadContracts } from "wagmi";
import { investorRegistryAbi } from "../../../client/generated/abis.ts";
import { addresses } from "../config.ts";
import { money, useAssets } from "../lib/assets.ts";
import { formatDate, formatMultiple, formatRate, formatShares, shortAddress } from "../lib/format.ts";
import { useIndexer, type ChainsData, type InvestorData } from "../lib/indexer.ts";

const FLOW_NAMES: Record<string, string> = {
  purchase: "bought in an offering",
  fill: "bought a listing",
  refund: "refund",
  gain: "gain credited",
  sale: "sold a listing",
  buyback: "kick buyback",
  pledge: "received by a pledge, at the pledger's cost",
  pledged: "pledged into a Holdings, at cost",
};

export function InvestorPage({ address }: { address: `0x${string}` }) {
  const { data, error } = useIndexer<InvestorData>(`/api/investors/${address}`);
  const chains = useIndexer<ChainsData>(`/api/chains/${address}`).data;
  const assets = useAssets(data ? [...data.perAsset.map((a) => a.asset), ...data.perToken.map((r) => r.asset)] : []);
  const { data: chain } = useReadContracts({
    contracts: [
      { address: addresses.registry, abi: investorRegistryAbi, functionName: "isVerified", args: [address] },
      { address: addresses.registry, abi: investorRegistryAbi, functionName: "isBanned", args: [address] },
      { address: addresses.registry, abi: investorRegistryAbi, functionName: "verifiedUntil", args: [address] },
    ],
  });
  const [verified, banned, until] = (chain ?? []).map((r) => r.result) as [boolean?, boolean?, bigint?];
  if (error) return <p className="error">The indexer is not answering: {error.message}</p>;
  return (
    <section data-testid="investor-page">
      <h1>Investor {shortAddress(address)}</h1>
      <p>
        <code>{address}</code>
      </p>
      <p data-testid="verification">
        {banned ? "Banned by the registrar. " : ""}
        {verified
          ? `Verified until ${formatDate(until ?? 0n)}.`
          : until && until > 0n
            ? `Verification ended ${formatDate(until)}.`
            : "Not verified."}
        {data?.registry
          ? ` Kicked out of ${data.registry.kickCount} token${data.registry.kickCount === 1 ? "" : "s"}.`
          : ""}
      </p>

      {chains?.holdingsOf ? (
        <p data-testid="account-kind">
          This is the Holdings of <a href={`#/token/${chains.holdingsOf.address}`}>{chains.holdingsOf.symbol}</a>: the
          gains it realizes and is credited go on to {chains.holdingsOf.symbol}&apos;s holders. Its record is that of
          its positions; pledged shares count at the cost they carried.
        </p>
      ) : chains?.token ? (
        <p data-testid="account-kind">
          This is the personal token <a href={`#/token/${chains.token.address}`}>{chains.token.symbol}</a>: the gains it
          is credited flow on to its holders when anyone claims them for it; it is not an investor.
        </p>
      ) : null}

      <h2>Track record by quote asset</h2>
      {data?.perAsset.length === 0 ? (
        <p>No money in or out yet.</p>
      ) : (
        <table data-testid="record-assets">
          <thead>
            <tr>
              <th>Asset</th>
              <th className="num">Money in</th>
              <th className="num">Money out</th>
              <th className="num">Holdings</th>
              <th className="num">Multiple</th>
              <th className="num">IRR a year</th>
            </tr>
          </thead>
          <tbody>
            {(data?.perAsset ?? []).map((r) => (
              <tr key={r.asset}>
                <td>{assets.get(r.asset)?.symbol ?? shortAddress(r.asset)}</td>
                <td className="num">{money(assets, r.asset, r.moneyIn)}</td>
                <td className="num">{money(assets, r.asset, r.moneyOut)}</td>
                <td className="num">{money(assets, r.asset, r.holdingsValue)}</td>
                <td className="num">{formatMultiple(r.multiple)}</td>
                <td className="num">{formatRate(r.irr)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>By token</h2>
      <table data-testid="record-tokens">
        <thead>
          <tr>
            <th>Token</th>
            <th className="num">Money in</th>
            <th className="num">Money out</th>
            <th className="num">Shares (priced)</th>
            <th className="num">Holdings</th>
            <th className="num">Multiple</th>
            <th className="num">IRR a year</th>
          </tr>
        </thead>
        <tbody>
          {(data?.perToken ?? []).map((r) => (
            <tr key={`${r.token.address}-${r.asset}`} data-token={r.token.address}>
              <td>
                <a href={`#/token/${r.token.address}`}>{r.token.symbol}</a>
              </td>
              <td className="num" data-testid="money-in">
                {money(assets, r.asset, r.moneyIn)}
              </td>
              <td className="num" data-testid="money-out">
                {money(assets, r.asset, r.moneyOut)}
              </td>
              <td className="num">{formatShares(BigInt(r.shares))}</td>
              <td className="num">{money(assets, r.asset, r.holdingsValue)}</td>
              <td className="num">{formatMultiple(r.multiple)}</td>
              <td className="num">{formatRate(r.irr)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {data && data.unpriced.length > 0 ? (
        <>
          <h2>Shares received without a price</h2>
          <p className="muted">
            Grants, issuance and transfers outside the market: left out of the multiple and the return.
          </p>
          <table data-testid="unpriced">
            <tbody>
              {data.unpriced.map((u) => (
                <tr key={u.token.address}>
                  <td>{u.token.symbol}</td>
                  <td className="num">{formatShares(BigInt(u.shares))} shares</td>
                  <td className="num">{money(assets, u.token.quoteAsset, u.value)} at the last price</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      {chains && chains.chainGains.length > 0 ? (
        <>
          <h2>Gains through chains</h2>
          <p className="muted">
            Gains of a token you hold that came from further down a chain: realized by its Holdings, or passed on by a
            token it holds. They are among the gains credited above.
          </p>
          <table data-testid="chain-gains">
            <thead>
              <tr>
                <th>Date</th>
                <th>Token</th>
                <th>From</th>
                <th className="num">Amount</th>
              </tr>
            </thead>
            <tbody>
              {chains.chainGains.map((g) => (
                <tr key={`${g.txHash}-${g.token}`}>
                  <td>{formatDate(g.timestamp)}</td>
                  <td>{g.tokenSymbol ?? shortAddress(g.token)}</td>
                  <td>
                    {g.via === "sale" ? "its Holdings sold " : "passed on by "}
                    {g.sourceSymbol ?? shortAddress(g.source)}
                  </td>
                  <td className="num">{money(assets, g.asset, g.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <h2>Cash flows</h2>
      <table data-testid="flows">
        <thead>
          <tr>
            <th>Date</th>
            <th>Token</th>
            <th>What</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {(data?.perToken ?? [])
            .flatMap((r) => r.flows.map((f) => ({ ...f, symbol: r.token.symbol })))
            .sort((a, b) => Number(BigInt(a.timestamp) - BigInt(b.timestamp)))
            .map((f) => (
              <tr key={`${f.txHash}-${f.kind}-${f.amount}`}>
                <td>{formatDate(f.timestamp)}</td>
                <td>{f.symbol}</td>
                <td>{FLOW_NAMES[f.kind] ?? f.kind}</td>
                <td className="num">{money(assets, f.asset, f.amount)}</td>
              </tr>
            ))}
        </tbody>
      </table>

      {data && (data.kicks.length > 0 || data.history.length > 0) ? (
        <>
          <h2>On record</h2>
          <ul>
            {data.history.map((h, i) => (
              <li key={i}>
                {formatDate(h.timestamp)}: {h.kind}
                {h.expiresAt ? ` until ${formatDate(h.expiresAt)}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
