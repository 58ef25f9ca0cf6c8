// Offerings on a token's page: each offering with its terms and status, the buy panel for an investor, and the
// owner's cancel and open forms.
import { useState } from "react";
import { erc20Abi, type Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { investorRegistryAbi, personalTokenAbi, shareMarketAbi } from "../../../../client/generated/abis.ts";
import { FormCard, PayButton, SendButton, parseAddress } from "../../components/Send.tsx";
import { useReadyAccount } from "../../components/Wallet.tsx";
import { addresses } from "../../config.ts";
import { moneyIn, type Asset } from "../../lib/assets.ts";
import { ZERO_ADDRESS, costOf, formatDate, formatShares, parseAmount } from "../../lib/format.ts";
import type { OfferingRow } from "../../lib/indexer.ts";
import { parseDuration } from "../../lib/time.ts";

function offeringStatus(o: OfferingRow, now: bigint): "cancelled" | "upcoming" | "open" | "ended" | "sold out" {
  if (o.cancelled) return "cancelled";
  if (BigInt(o.sold) >= BigInt(o.shares)) return "sold out";
  if (now < BigInt(o.start)) return "upcoming";
  if (now > BigInt(o.end)) return "ended";
  return "open";
}

/** An offering as a card shows it: the offering, the token's owner and quote asset, the chain's time and pause. */
interface OfferingProps {
  offering: OfferingRow;
  owner: Address;
  quote: Asset;
  now: bigint;
  paused: boolean;
}

export function Offering({ offering: o, owner, quote, now, paused }: OfferingProps) {
  const account = useReadyAccount();
  const status = offeringStatus(o, now);
  const isOwner = account !== null && account.toLowerCase() === owner;
  return (
    <div className="card" data-testid={`offering-${o.id}`} data-status={status}>
      <h3>
        Offering #{o.id} <span className="badge">{status}</span>
      </h3>
      <p>
        {formatShares(BigInt(o.shares))} shares at {moneyIn(quote, o.price)} a share (
        {o.dilutive ? "new shares" : "the owner's own"}); {formatShares(BigInt(o.sold))} sold for{" "}
        {moneyIn(quote, o.raised)}; {formatDate(o.start)} to {formatDate(o.end)}
        {BigInt(o.minRaise) > 0n
          ? `; all-or-nothing: at least ${moneyIn(quote, o.minRaise)} or every buyer is refunded`
          : ""}
        .
      </p>
      {status === "open" ? <BuyPanel offering={o} owner={owner} quote={quote} now={now} paused={paused} /> : null}
      {isOwner && (status === "open" || status === "upcoming") ? (
        <p>
          <SendButton
            request={{
              address: addresses.market,
              abi: shareMarketAbi,
              functionName: "cancelOffering",
              args: [BigInt(o.id)],
              account,
            }}
            label="Cancel this offering"
            what="Cancel"
            testId="cancel-offering"
          />
        </p>
      ) : null}
    </div>
  );
}

/** Buying in an open offering: the limits that apply to this wallet, the approval step, then the purchase. */
function BuyPanel({ offering: o, owner, quote, now, paused }: OfferingProps) {
  const account = useReadyAccount();
  const [input, setInput] = useState("");
  const id = BigInt(o.id);
  const who = account ?? ZERO_ADDRESS;
  const { data: reads } = useReadContracts({
    contracts: [
      { address: addresses.registry, abi: investorRegistryAbi, functionName: "isVerified", args: [who] },
      { address: addresses.registry, abi: investorRegistryAbi, functionName: "isBanned", args: [who] },
      { address: o.token, abi: personalTokenAbi, functionName: "isKicked", args: [who] },
      { address: addresses.market, abi: shareMarketAbi, functionName: "offering", args: [id] },
      { address: addresses.market, abi: shareMarketAbi, functionName: "position", args: [id, who] },
      { address: addresses.market, abi: shareMarketAbi, functionName: "isAllowlisted", args: [id, who] },
      { address: o.token, abi: personalTokenAbi, functionName: "balanceOf", args: [who] },
      { address: o.token, abi: personalTokenAbi, functionName: "hasProRataRight", args: [who] },
    ],
    query: { enabled: account !== null },
  });
  const isEth = quote.address === ZERO_ADDRESS;
  const { data: cash } = useReadContract({
    address: quote.address,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [who],
    query: { enabled: account !== null && !isEth },
  });
  if (account === null) return <p className="muted">Connect a wallet on the right chain to buy.</p>;
  if (!reads) return <p>Checking this wallet…</p>;
  const [verified, banned, kicked, live, position, allowlisted, balance, proRata] = reads.map((r) => r.result) as [
    boolean,
    boolean,
    boolean,
    { sold: bigint; supplyAtOpening: bigint; hasAllowlist: boolean; terms: { shares: bigint } },
    { bought: bigint },
    boolean,
    bigint,
    boolean,
  ];
  // Why this wallet cannot buy, in words, before anything is sent.
  let refusal: string | null = null;
  if (paused) refusal = "The token is paused by the arbiter: nothing can be bought until it is unpaused.";
  else if (account.toLowerCase() === owner) refusal = "The owner cannot buy in her own offering.";
  else if (banned) refusal = "This wallet is banned by the registrar: it cannot buy.";
  else if (!verified)
    refusal =
      "This wallet is not verified by the registrar (or its verification expired): only verified investors can buy.";
  else if (kicked) refusal = "This wallet was kicked out of this token: it cannot buy unless the owner readmits it.";
  else if (live?.hasAllowlist && !allowlisted) refusal = "This offering is open only to the wallets on its allowlist.";
  const available = (live?.terms.shares ?? BigInt(o.shares)) - (live?.sold ?? BigInt(o.sold));
  const max = BigInt(o.maxPerInvestor);
  const min = BigInt(o.minPerInvestor);
  const bought = position?.bought ?? 0n;
  const yourMax = max > 0n ? (max - bought < available ? max - bought : available) : available;
  const priorityEnd = BigInt(o.start) + BigInt(o.priorityWindow);
  const inPriority = BigInt(o.priorityWindow) > 0n && now < priorityEnd;
  const proRataPart = live && live.supplyAtOpening > 0n ? (balance * BigInt(o.shares)) / live.supplyAtOpening : 0n;
  const shares = parseAmount(input, 18);
  const cost = shares === null ? null : costOf(shares, BigInt(o.price));
  return (
    <div className="buy" data-testid="buy-panel">
      <ul className="limits">
        <li>Available: {formatShares(available)} shares</li>
        <li>
          Per investor: {min > 0n ? `at least ${formatShares(min)}` : "no minimum"},{" "}
          {max > 0n ? `at most ${formatShares(max)}` : "no maximum"}; you bought {formatShares(bought)}
        </li>
        <li data-testid="your-max">You can buy up to {formatShares(yourMax > 0n ? yourMax : 0n)} shares</li>
        {BigInt(o.priorityWindow) > 0n ? (
          <li>
            Pro-rata priority until {formatDate(priorityEnd)}: your part is {formatShares(proRataPart)} shares
            {proRata ? "" : " (your pro-rata right was revoked)"}
            {inPriority ? " — the window is open now" : ""}
          </li>
        ) : null}
        {cash !== undefined ? (
          <li>
            Your {quote.symbol} balance: {moneyIn(quote, cash)}
          </li>
        ) : null}
      </ul>
      {refusal ? (
        <p className="error" data-testid="buy-refusal">
          {refusal}
        </p>
      ) : (
        <>
          <label>
            Shares{" "}
            <input
              value={input}
              onChange={(e) => setInput(e.target.value)}
              placeholder="e.g. 1000"
              data-testid="buy-shares"
            />
          </label>
          {cost !== null ? (
            <span data-testid="buy-cost"> costs {moneyIn(quote, cost)}</span>
          ) : input ? (
            <span className="error"> not a number of shares</span>
          ) : null}{" "}
          <PayButton
            asset={quote}
            spender={addresses.market}
            amount={cost}
            request={
              shares === null || shares === 0n
                ? null
                : { address: addresses.market, abi: shareMarketAbi, functionName: "buy", args: [id, shares], account }
            }
            label="buy"
            what="Purchase"
            testId="buy"
            approveTestId="approve"
            account={account}
          />
        </>
      )}
    </div>
  );
}

/** The owner opens an offering: a sell-down of her own shares or new shares, with limits, a window and a minimum. */
export function OpenOffering({ token, quote, now }: { token: Address; quote: Asset; now: bigint }) {
  const account = useReadyAccount();
  const [form, setForm] = useState({
    shares: "",
    price: "",
    min: "",
    max: "",
    startsIn: "1",
    days: "7",
    priorityDays: "0",
    minRaise: "",
    dilutive: false,
    allowlist: "",
  });
  if (account === null) return null;
  const set = (key: keyof typeof form) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
    setForm({ ...form, [key]: e.target.type === "checkbox" ? e.target.checked : e.target.value });
  const optional = (text: string, decimals: number) => (text === "" ? 0n : parseAmount(text, decimals));
  const shares = parseAmount(form.shares, 18);
  const price = parseAmount(form.price, quote.decimals);
  const min = optional(form.min, 18);
  const max = optional(form.max, 18);
  const minRaise = optional(form.minRaise, quote.decimals);
  const startsIn = parseDuration(form.startsIn, "minutes");
  const runs = parseDuration(form.days, "days");
  const priorityWindow = parseDuration(form.priorityDays, "days");
  const start = now + (startsIn ?? 0n);
  const end = start + (runs ?? 0n);
  const allowlist = form.allowlist
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(parseAddress);
  const complete =
    shares !== null &&
    price !== null &&
    min !== null &&
    max !== null &&
    minRaise !== null &&
    startsIn !== null &&
    runs !== null &&
    priorityWindow !== null &&
    allowlist.every((a) => a !== null);
  return (
    <FormCard title="Open an offering" testId="open-offering">
      <p>
        <label>
          Shares <input value={form.shares} onChange={set("shares")} size={10} />
        </label>{" "}
        <label>
          Price a share ({quote.symbol}) <input value={form.price} onChange={set("price")} size={8} />
        </label>{" "}
        <label>
          <input type="checkbox" checked={form.dilutive} onChange={set("dilutive")} /> new shares (dilutive)
        </label>
      </p>
      <p>
        <label>
          Per investor: at least <input value={form.min} onChange={set("min")} size={8} />
        </label>{" "}
        <label>
          at most <input value={form.max} onChange={set("max")} size={8} />
        </label>{" "}
        <label>
          All-or-nothing minimum raise ({quote.symbol}){" "}
          <input value={form.minRaise} onChange={set("minRaise")} size={8} />
        </label>
      </p>
      <p>
        <label>
          Starts in (minutes) <input value={form.startsIn} onChange={set("startsIn")} size={4} />
        </label>{" "}
        <label>
          Runs (days) <input value={form.days} onChange={set("days")} size={4} />
        </label>{" "}
        <label>
          Pro-rata priority (days, dilutive only){" "}
          <input value={form.priorityDays} onChange={set("priorityDays")} size={4} />
        </label>
      </p>
      <p>
        <label>
          Allowlist (addresses, empty for every verified investor){" "}
          <input value={form.allowlist} onChange={set("allowlist")} size={60} />
        </label>
      </p>
      <p className="muted">
        {shares !== null && price !== null
          ? `${formatShares(shares)} shares at ${moneyIn(quote, price)}: ${moneyIn(quote, costOf(shares, price))} if all sell; `
          : ""}
        from {formatDate(start)} to {formatDate(end)}.
      </p>
      <SendButton
        request={
          complete
            ? {
                address: addresses.market,
                abi: shareMarketAbi,
                functionName: "openOffering",
                args: [
                  {
                    token,
                    shares,
                    price,
                    minPerInvestor: min,
                    maxPerInvestor: max,
                    start,
                    end,
                    priorityWindow,
                    minRaise,
                    dilutive: form.dilutive,
                  },
                  allowlist,
                ],
                account,
              }
            : null
        }
        label="Open the offering"
        what="Offering"
      />
    </FormCard>
  );
}
