// The owner acts for her token's Holdings: deposits and withdraws capital, pledges shares of another token from her
// wallet (they carry her purchase record as their basis), buys for it in an offering or a listing, lists a held
// position and cancels, settles a pending gain. Each card asks the Holdings (a simulation) before anything is signed.
import { useState } from "react";
import type { Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import {
  gainsDistributorAbi,
  holdingsAbi,
  personalTokenAbi,
  shareMarketAbi,
} from "../../../../client/generated/abis.ts";
import { addresses } from "../../config.ts";
import { money, moneyIn, useAssets } from "../../lib/assets.ts";
import { ZERO_ADDRESS, costOf, formatShares, parseAmount } from "../../lib/format.ts";
import { useIndexer, type HoldingsData, type PortfolioData } from "../../lib/indexer.ts";
import { FormCard, PayButton, SendButton } from "../Send.tsx";

type Hex = `0x${string}`;

export function HoldingsConsole({
  account,
  token,
  distributor,
  quote,
  data,
  now,
}: {
  account: Address;
  token: Address;
  distributor: Address;
  quote: Address;
  data: HoldingsData;
  now: bigint;
}) {
  const holdings = data.holdings!.address;
  const call = { address: holdings, abi: holdingsAbi, account } as const;
  const { data: accepted } = useReadContract({
    address: distributor,
    abi: gainsDistributorAbi,
    functionName: "acceptedAssets",
  });
  const positions = data.positions ?? [];
  const assets = useAssets([quote, ...(accepted ?? []), ...(data.assets ?? []).map((a) => a.asset)]);
  const erc20s = [...assets.values()].filter(
    (a) => a.address !== ZERO_ADDRESS && (accepted ?? [quote]).some((x) => x.toLowerCase() === a.address),
  );
  const withCapital = (data.assets ?? []).filter((a) => BigInt(a.capital) > 0n);
  const withPending = (data.assets ?? []).filter((a) => BigInt(a.pending) > 0n);
  const open = (data.listings ?? []).filter((l) => !l.cancelled && BigInt(l.filled) < BigInt(l.amount));
  const [depositAsset, setDepositAsset] = useState<string>(quote.toLowerCase());
  const [depositText, setDepositText] = useState("");
  const [withdrawAsset, setWithdrawAsset] = useState("");
  const [withdrawText, setWithdrawText] = useState("");
  const deposit = assets.get(depositAsset);
  const depositAmount = deposit ? parseAmount(depositText, deposit.decimals) : null;
  const withdraw = assets.get(withdrawAsset || (withCapital[0]?.asset ?? ""));
  const withdrawAmount = withdraw ? parseAmount(withdrawText, withdraw.decimals) : null;
  return (
    <>
      <FormCard title="Holdings: deposit capital" testId="holdings-deposit-panel">
        <p>Capital pays for the Holdings&apos; purchases; you may withdraw what is not spent.</p>
        <select value={depositAsset} onChange={(e) => setDepositAsset(e.target.value)}>
          {erc20s.map((a) => (
            <option key={a.address} value={a.address}>
              {a.symbol}
            </option>
          ))}
        </select>{" "}
        <label>
          Amount{" "}
          <input value={depositText} onChange={(e) => setDepositText(e.target.value)} data-testid="deposit-amount" />
        </label>{" "}
        {deposit ? (
          <PayButton
            asset={deposit}
            spender={holdings}
            payee="your Holdings"
            amount={depositAmount}
            request={
              depositAmount ? { ...call, functionName: "depositCapital", args: [deposit.address, depositAmount] } : null
            }
            label="deposit"
            what="Deposit"
            testId="deposit"
            approveTestId="deposit-approve"
            account={account}
          />
        ) : null}
      </FormCard>
      <FormCard title="Holdings: withdraw capital" testId="holdings-withdraw-panel">
        <p>
          Capital is what you deposited and did not spend, the basis that sales returned and the proceeds of losses.
        </p>
        <select value={withdraw?.address ?? ""} onChange={(e) => setWithdrawAsset(e.target.value)}>
          {withCapital.map((a) => (
            <option key={a.asset} value={a.asset}>
              {assets.get(a.asset)?.symbol ?? a.asset}: {money(assets, a.asset, a.capital)}
            </option>
          ))}
        </select>{" "}
        <label>
          Amount{" "}
          <input value={withdrawText} onChange={(e) => setWithdrawText(e.target.value)} data-testid="withdraw-amount" />
        </label>{" "}
        <SendButton
          request={
            withdraw && withdrawAmount
              ? { ...call, functionName: "withdrawCapital", args: [withdraw.address, withdrawAmount] }
              : null
          }
          label="withdraw"
          what="Withdrawal"
          testId="withdraw-capital"
        />
      </FormCard>
      <Pledge account={account} token={token} holdings={holdings} />
      <BuyForHoldings account={account} holdings={holdings} />
      <ListPosition account={account} holdings={holdings} positions={positions} now={now} />
      <FormCard title="Holdings: cancel a listing" testId="holdings-cancel-panel">
        {open.length === 0 ? <p>No open listing.</p> : null}
        {open.map((l) => (
          <p key={l.id}>
            #{l.id}: {formatShares(BigInt(l.amount) - BigInt(l.filled))} shares left{" "}
            <SendButton
              request={{ ...call, functionName: "cancelListing", args: [BigInt(l.id)] }}
              label="cancel"
              what="Cancel"
              testId={`holdings-cancel-${l.id}`}
            />
          </p>
        ))}
      </FormCard>
      <FormCard title="Holdings: settle a pending gain" testId="holdings-settle-panel">
        <p>
          A gain the distributor did not accept waits here: settling distributes it if the asset is now enabled, or
          makes it capital.
        </p>
        {withPending.length === 0 ? <p>Nothing pending.</p> : null}
        {withPending.map((a) => (
          <p key={a.asset}>
            {money(assets, a.asset, a.pending)}{" "}
            <SendButton
              request={{ ...call, functionName: "settlePending", args: [a.asset] }}
              label="settle"
              what="Settlement"
              testId={`settle-${a.asset}`}
            />
          </p>
        ))}
      </FormCard>
    </>
  );
}

/** Pledges shares of another token from her positions; the basis they carry is her recorded purchases. */
function Pledge({ account, token, holdings }: { account: Address; token: Address; holdings: Address }) {
  const portfolio = useIndexer<PortfolioData>(`/api/portfolio/${account.toLowerCase()}`).data;
  const choices = (portfolio?.positions ?? []).filter(
    (p) => BigInt(p.balance) > 0n && p.token.address !== token.toLowerCase(),
  );
  const [chosen, setChosen] = useState("");
  const [sharesText, setSharesText] = useState("");
  const held = (chosen || choices[0]?.token.address || ZERO_ADDRESS) as Hex;
  const position = choices.find((p) => p.token.address === held);
  const assets = useAssets(position ? [position.token.quoteAsset] : []);
  const { data: record } = useReadContract({
    address: held,
    abi: personalTokenAbi,
    functionName: "purchaseOf",
    args: [account],
    query: { enabled: position !== undefined },
  });
  const shares = parseAmount(sharesText, 18);
  const [paid, bought] = record ?? [0n, 0n];
  const carried = shares === null ? 0n : shares < bought ? shares : bought;
  const basis = carried === 0n ? 0n : carried === bought ? paid : (paid * carried) / bought;
  return (
    <FormCard title="Holdings: pledge shares of another token" testId="holdings-pledge-panel">
      <p>
        Pledged shares leave your wallet for good: they leave the Holdings only by a sale, whose gain goes to your
        token&apos;s holders. They carry your recorded purchases as their cost basis.
      </p>
      {choices.length === 0 ? <p>You hold no shares of another token.</p> : null}
      <select value={held} onChange={(e) => setChosen(e.target.value)} data-testid="pledge-token">
        {choices.map((p) => (
          <option key={p.token.address} value={p.token.address}>
            {p.token.symbol}: {formatShares(BigInt(p.balance))}
          </option>
        ))}
      </select>{" "}
      <label>
        Shares <input value={sharesText} onChange={(e) => setSharesText(e.target.value)} data-testid="pledge-shares" />
      </label>{" "}
      {position && shares ? (
        <span data-testid="pledge-basis">
          basis carried: {money(assets, position.token.quoteAsset, basis)}
          {carried < shares ? ` (${formatShares(shares - carried)} shares without a recorded purchase count at 0)` : ""}
        </span>
      ) : null}{" "}
      <SendButton
        request={
          position && shares
            ? { address: holdings, abi: holdingsAbi, functionName: "pledge", args: [held, shares], account }
            : null
        }
        label="pledge"
        what="Pledge"
        testId="pledge"
      />
    </FormCard>
  );
}

/** Buys for the Holdings, from its capital, in a plain offering or a listing; the price is read from the market. */
function BuyForHoldings({ account, holdings }: { account: Address; holdings: Address }) {
  const [kind, setKind] = useState<"offering" | "listing">("listing");
  const [idText, setIdText] = useState("");
  const [sharesText, setSharesText] = useState("");
  const id = /^\d+$/.test(idText) ? BigInt(idText) : null;
  const market = { address: addresses.market, abi: shareMarketAbi } as const;
  const { data: reads } = useReadContracts({
    contracts: [
      { ...market, functionName: "offering", args: [id ?? 0n] },
      { ...market, functionName: "listing", args: [id ?? 0n] },
    ],
    query: { enabled: id !== null },
  });
  const terms =
    kind === "offering"
      ? (() => {
          const o = reads?.[0]?.result as { terms: { token: Hex; price: bigint } } | undefined;
          return o ? { token: o.terms.token, price: o.terms.price } : undefined;
        })()
      : (reads?.[1]?.result as { token: Hex; price: bigint } | undefined);
  const known = terms !== undefined && terms.token !== ZERO_ADDRESS;
  const { data: quote } = useReadContract({
    address: terms?.token ?? ZERO_ADDRESS,
    abi: personalTokenAbi,
    functionName: "quoteAsset",
    query: { enabled: known },
  });
  const assets = useAssets(quote ? [quote] : []);
  const shares = parseAmount(sharesText, 18);
  const cost = known && shares ? costOf(shares, terms.price) : null;
  return (
    <FormCard title="Holdings: buy in an offering or a listing" testId="holdings-buy-panel">
      <select value={kind} onChange={(e) => setKind(e.target.value as "offering" | "listing")}>
        <option value="listing">listing</option>
        <option value="offering">offering</option>
      </select>{" "}
      <label>
        Number <input value={idText} onChange={(e) => setIdText(e.target.value)} size={6} data-testid="buy-id" />
      </label>{" "}
      <label>
        Shares <input value={sharesText} onChange={(e) => setSharesText(e.target.value)} data-testid="buy-shares" />
      </label>{" "}
      {cost !== null && quote ? <span>paid from capital: {money(assets, quote, cost)}</span> : null}{" "}
      <SendButton
        request={
          id !== null && shares
            ? {
                address: holdings,
                abi: holdingsAbi,
                functionName: kind === "offering" ? "buyOffering" : "buyListing",
                args: [id, shares],
                account,
              }
            : null
        }
        label="buy"
        what="Purchase"
        testId="holdings-buy"
      />
    </FormCard>
  );
}

/** Lists a held position; the held token's owner approves it as any listing. */
function ListPosition({
  account,
  holdings,
  positions,
  now,
}: {
  account: Address;
  holdings: Address;
  positions: NonNullable<HoldingsData["positions"]>;
  now: bigint;
}) {
  const held = positions.filter((p) => BigInt(p.shares) > 0n);
  const [chosen, setChosen] = useState("");
  const [sharesText, setSharesText] = useState("");
  const [priceText, setPriceText] = useState("");
  const [days, setDays] = useState("30");
  const position = held.find((p) => p.heldToken === chosen) ?? held[0];
  const assets = useAssets(position ? [position.token.quoteAsset] : []);
  const quote = position ? assets.get(position.token.quoteAsset) : undefined;
  const shares = parseAmount(sharesText, 18);
  const price = quote ? parseAmount(priceText, quote.decimals) : null;
  const expiry = now + BigInt(Math.max(1, Number(days) || 1)) * 86_400n;
  return (
    <FormCard title="Holdings: list a position" testId="holdings-list-panel">
      {held.length === 0 ? <p>No position to list.</p> : null}
      <select value={position?.heldToken ?? ""} onChange={(e) => setChosen(e.target.value)} data-testid="list-token">
        {held.map((p) => (
          <option key={p.heldToken} value={p.heldToken}>
            {p.token.symbol}: {formatShares(BigInt(p.shares))}
          </option>
        ))}
      </select>{" "}
      <label>
        Shares <input value={sharesText} onChange={(e) => setSharesText(e.target.value)} data-testid="list-shares" />
      </label>{" "}
      <label>
        Price a share ({quote?.symbol}){" "}
        <input value={priceText} onChange={(e) => setPriceText(e.target.value)} data-testid="list-price" />
      </label>{" "}
      <label>
        Days <input value={days} onChange={(e) => setDays(e.target.value)} size={4} />
      </label>{" "}
      {quote && shares && price ? <span>for {moneyIn(quote, costOf(shares, price))} in all</span> : null}{" "}
      <SendButton
        request={
          position && shares && price
            ? {
                address: holdings,
                abi: holdingsAbi,
                functionName: "list",
                args: [position.heldToken, shares, price, ZERO_ADDRESS, expiry],
                account,
              }
            : null
        }
        label="list"
        what="Listing"
        testId="holdings-list"
      />
    </FormCard>
  );
}
