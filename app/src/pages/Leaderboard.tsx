// Investors ranked by annual return, per quote asset, among records with enough history: at least
// LEADERBOARD_MIN_DAYS (90) between the first and the last cash flow (the indexer applies the rule).
import { money, useAssets } from "../lib/assets.ts";
import { formatMultiple, formatRate, shortAddress } from "../lib/format.ts";
import { useIndexer, type RecordFigures } from "../lib/indexer.ts";

interface LeaderboardData {
  minDays: number;
  rows: (RecordFigures & { investor: `0x${string}`; asset: `0x${string}` })[];
}

export function Leaderboard() {
  const { data, error } = useIndexer<LeaderboardData>("/api/leaderboard");
  const assets = useAssets((data?.rows ?? []).map((r) => r.asset));
  if (error) return <p className="error">The indexer is not answering: {error.message}</p>;
  return (
    <section data-testid="leaderboard">
      <h1>Leaderboard</h1>
      <p className="muted">
        Investors by internal rate of return, per quote asset, on a cash basis. Only records with at least{" "}
        {data?.minDays ?? 90} days between their first and last cash flow are ranked; shares received without a price
        are left out.
      </p>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Investor</th>
            <th>Asset</th>
            <th className="num">Money in</th>
            <th className="num">Out + holdings</th>
            <th className="num">Multiple</th>
            <th className="num">IRR a year</th>
          </tr>
        </thead>
        <tbody>
          {(data?.rows ?? []).map((r, i) => (
            <tr key={`${r.investor}-${r.asset}`}>
              <td>{i + 1}</td>
              <td>
                <a href={`#/investor/${r.investor}`}>{shortAddress(r.investor)}</a>
              </td>
              <td>{assets.get(r.asset)?.symbol ?? shortAddress(r.asset)}</td>
              <td className="num">{money(assets, r.asset, r.moneyIn)}</td>
              <td className="num">{money(assets, r.asset, BigInt(r.moneyOut) + BigInt(r.holdingsValue))}</td>
              <td className="num">{formatMultiple(r.multiple)}</td>
              <td className="num">{formatRate(r.irr)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.rows.length === 0 ? <p>No record has enough history yet.</p> : null}
    </section>
  );
}
