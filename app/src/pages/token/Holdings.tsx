// A token's Holdings on its page: its positions in other personal tokens with their cost basis and average price,
// realized gains (which went to this token's holders) and losses, open listings, and capital and pending per asset.
// Anyone may create the Holdings; the owner acts for it from her console (components/owner/Holdings.tsx).
import type { Address } from "viem";
import { personalTokenFactoryAbi } from "../../../../client/generated/abis.ts";
import { SendButton } from "../../components/Send.tsx";
import { useReadyAccount } from "../../components/Wallet.tsx";
import { addresses } from "../../config.ts";
import { money, useAssets } from "../../lib/assets.ts";
import { ONE_SHARE, formatDate, formatShares, shortAddress } from "../../lib/format.ts";
import { useIndexer, type HoldingsData } from "../../lib/indexer.ts";

export function useHoldings(token: Address) {
  return useIndexer<HoldingsData>(`/api/holdings/${token.toLowerCase()}`).data;
}

export function HoldingsSection({ token, now }: { token: Address; now: bigint }) {
  const data = useHoldings(token);
  const account = useReadyAccount();
  const assets = useAssets([
    ...(data?.positions ?? []).map((p) => p.token.quoteAsset),
    ...(data?.assets ?? []).map((a) => a.asset),
  ]);
  if (data === undefined) return null;
  if (data.holdings === null) {
    return (
      <div data-testid="holdings">
        <p>
          None yet. A Holdings keeps this token&apos;s positions in other personal tokens; a sale there realizes its
          gain for this token&apos;s holders.
        </p>
        {account !== null ? (
          <SendButton
            request={{
              address: addresses.factory,
              abi: personalTokenFactoryAbi,
              functionName: "createHoldings",
              args: [token],
              account,
            }}
            label="Create the Holdings"
            what="Holdings"
            testId="create-holdings"
          />
        ) : null}
      </div>
    );
  }
  const positions = data.positions ?? [];
  const listings = (data.listings ?? []).filter(
    (l) => !l.cancelled && BigInt(l.filled) < BigInt(l.amount) && BigInt(l.expiry) >= now,
  );
  const money$ = (asset: string, amount: string | bigint) => money(assets, asset, amount);
  return (
    <div data-testid="holdings">
      <p>
        Holdings <code data-testid="holdings-address">{data.holdings.address}</code>. A position leaves only by a sale
        (a listing fill), a kick by the held token&apos;s owner or the arbiter&apos;s forced transfer; a sale realizes
        at average cost and its gain goes to this token&apos;s holders at once.
      </p>
      {positions.length === 0 ? (
        <p>No position yet.</p>
      ) : (
        <table data-testid="holdings-positions">
          <thead>
            <tr>
              <th>Token</th>
              <th className="num">Shares</th>
              <th className="num">Cost basis</th>
              <th className="num">Average price</th>
              <th className="num">Realized gains</th>
              <th className="num">Realized losses</th>
            </tr>
          </thead>
          <tbody>
            {positions.map((p) => {
              const shares = BigInt(p.shares);
              const quote = p.token.quoteAsset;
              return (
                <tr key={p.heldToken} data-token={p.heldToken}>
                  <td>
                    <a href={`#/token/${p.heldToken}`}>{p.token.symbol}</a>
                  </td>
                  <td className="num">{formatShares(shares)}</td>
                  <td className="num" data-testid="basis">
                    {money$(quote, p.basis)}
                  </td>
                  <td className="num">{shares === 0n ? "—" : money$(quote, (BigInt(p.basis) * ONE_SHARE) / shares)}</td>
                  <td className="num" data-testid="gains">
                    {money$(quote, p.gains)}
                  </td>
                  <td className="num" data-testid="losses">
                    {money$(quote, p.losses)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>Open listings</h3>
      {listings.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul data-testid="holdings-listings">
          {listings.map((l) => {
            const quote = positions.find((p) => p.heldToken === l.token)?.token;
            return (
              <li key={l.id}>
                #{l.id}: {formatShares(BigInt(l.amount) - BigInt(l.filled))} {quote?.symbol ?? shortAddress(l.token)} at{" "}
                {quote ? money$(quote.quoteAsset, l.price) : l.price} a share,{" "}
                {l.approved ? "approved" : "awaiting its owner's approval"}, until {formatDate(l.expiry)}
              </li>
            );
          })}
        </ul>
      )}
      <h3>Capital and pending gains</h3>
      {(data.assets ?? []).length === 0 ? (
        <p>None.</p>
      ) : (
        <table data-testid="holdings-assets">
          <thead>
            <tr>
              <th>Asset</th>
              <th className="num">Capital (withdrawable by the owner)</th>
              <th className="num">Pending gains</th>
            </tr>
          </thead>
          <tbody>
            {data.assets!.map((a) => (
              <tr key={a.asset} data-asset={a.asset}>
                <td>{assets.get(a.asset)?.symbol ?? shortAddress(a.asset)}</td>
                <td className="num" data-testid="capital">
                  {money$(a.asset, a.capital)}
                </td>
                <td className="num" data-testid="pending">
                  {money$(a.asset, a.pending)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(data.realizations ?? []).length > 0 ? (
        <>
          <h3>Sales realized</h3>
          <table data-testid="realizations">
            <thead>
              <tr>
                <th>Date</th>
                <th>Token</th>
                <th className="num">Shares</th>
                <th className="num">Proceeds</th>
                <th className="num">Basis sold</th>
                <th className="num">Gain to holders</th>
                <th className="num">Loss</th>
              </tr>
            </thead>
            <tbody>
              {data.realizations!.map((r) => (
                <tr key={r.id}>
                  <td>{formatDate(r.timestamp)}</td>
                  <td>
                    {positions.find((p) => p.heldToken === r.heldToken)?.token.symbol ?? shortAddress(r.heldToken)}
                  </td>
                  <td className="num">{formatShares(BigInt(r.shares))}</td>
                  <td className="num">{money$(r.asset, r.proceeds)}</td>
                  <td className="num">{money$(r.asset, r.basisSold)}</td>
                  <td className="num">{money$(r.asset, r.gain)}</td>
                  <td className="num">{money$(r.asset, r.loss)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
