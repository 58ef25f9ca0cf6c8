// A token: owner and verification, supply, cap and outside share, last price, the cap table, gains, offerings (buy),
// listings (fill) and kicks. Lists come from the indexer; what a purchase depends on is read from the chain.
import { useState } from "react";
import { erc20Abi, stringToHex, keccak256, toHex, type Address } from "viem";
import { useBlock, useConfig, useReadContract, useReadContracts } from "wagmi";
import {
  gainsDistributorAbi,
  investorRegistryAbi,
  personalTokenAbi,
  shareMarketAbi,
} from "../../../client/generated/abis.ts";
import { useReadyAccount } from "../components/Wallet.tsx";
import { addresses } from "../config.ts";
import { bundleLink, signListingApproval } from "../lib/approvals.ts";
import { money, useAssets, type Asset } from "../lib/assets.ts";
import { decodeRefusal } from "../lib/errors.ts";
import {
  ZERO_ADDRESS,
  costOf,
  formatDate,
  formatMemo,
  formatPercent,
  formatShares,
  parseAmount,
  shortAddress,
} from "../lib/format.ts";
import { useIndexer, type ListingRow, type OfferingRow, type TokenPageData } from "../lib/indexer.ts";
import { TxStatus, useTx } from "../lib/tx.tsx";

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
      {
        address: addresses.registry,
        abi: investorRegistryAbi,
        functionName: "isVerified",
        args: [data?.token.owner ?? ZERO_ADDRESS],
      },
    ],
    query: { enabled: data !== undefined },
  });
  const block = useBlock({ watch: true });
  const now = block.data?.timestamp ?? BigInt(Math.floor(Date.now() / 1000));
  if (isLoading) return <p>Loading…</p>;
  if (error || !data) return <p className="error">This token is not in the index: {error?.message}</p>;
  const t = data.token;
  const supply = BigInt(t.supply);
  const paused = (chainState?.[0]?.result as boolean | undefined) ?? t.paused;
  const ownerVerified = chainState?.[1]?.result as boolean | undefined;
  const quote = t.quoteAsset;
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
              </td>
              <td className="num">{formatShares(BigInt(h.balance))}</td>
              <td className="num">{formatPercent(BigInt(h.balance), supply)}</td>
              <td className="num">
                {Object.entries(h.claimable)
                  .filter(([, v]) => v !== "0")
                  .map(([a, v]) => money(assets, a, v))
                  .join(", ") || "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <OwnerKick
        token={t.address}
        owner={t.owner}
        holders={data.capTable.map((h) => h.holder).filter((h) => h !== t.owner)}
        quote={assets.get(quote)}
      />

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
                <td>{formatMemo(d.memo)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <OwnerDistribute token={t.address} owner={t.owner} distributor={t.distributor} quote={assets.get(quote)} />

      <h2>Offerings</h2>
      <OwnerOpenOffering token={t.address} owner={t.owner} quote={assets.get(quote)} now={now} />
      {data.offerings.length === 0 ? (
        <p>No offering yet.</p>
      ) : (
        data.offerings.map((o) => (
          <Offering key={o.id} offering={o} owner={t.owner} quote={assets.get(quote)} now={now} paused={paused} />
        ))
      )}

      <h2>Listings</h2>
      {data.listings.length === 0 ? (
        <p>No listing.</p>
      ) : (
        <table data-testid="listings">
          <thead>
            <tr>
              <th>#</th>
              <th>Seller</th>
              <th className="num">Shares left</th>
              <th className="num">Price</th>
              <th>Status</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {data.listings.map((l) => (
              <ListingRowView key={l.id} listing={l} quote={assets.get(quote)} now={now} owner={t.owner} />
            ))}
          </tbody>
        </table>
      )}

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

function offeringStatus(o: OfferingRow, now: bigint): "cancelled" | "upcoming" | "open" | "ended" | "sold out" {
  if (o.cancelled) return "cancelled";
  if (BigInt(o.sold) >= BigInt(o.shares)) return "sold out";
  if (now < BigInt(o.start)) return "upcoming";
  if (now > BigInt(o.end)) return "ended";
  return "open";
}

function Offering({
  offering: o,
  owner,
  quote,
  now,
  paused,
}: {
  offering: OfferingRow;
  owner: Hex;
  quote?: Asset;
  now: bigint;
  paused: boolean;
}) {
  const status = offeringStatus(o, now);
  const fmt = (v: bigint | string): string =>
    quote ? money(new Map([[quote.address, quote]]), quote.address, v) : String(v);
  return (
    <div className="card" data-testid={`offering-${o.id}`} data-status={status}>
      <h3>
        Offering #{o.id} <span className="badge">{status}</span>
      </h3>
      <p>
        {formatShares(BigInt(o.shares))} shares at {fmt(o.price)} a share (
        {o.dilutive ? "new shares" : "the owner's own"}); {formatShares(BigInt(o.sold))} sold for {fmt(o.raised)};{" "}
        {formatDate(o.start)} to {formatDate(o.end)}
        {BigInt(o.minRaise) > 0n ? `; all-or-nothing: at least ${fmt(o.minRaise)} or every buyer is refunded` : ""}.
      </p>
      {status === "open" ? <BuyPanel offering={o} owner={owner} quote={quote} now={now} paused={paused} /> : null}
      {status === "open" || status === "upcoming" ? <OwnerCancelOffering id={BigInt(o.id)} owner={owner} /> : null}
    </div>
  );
}

/** Buying in an open offering: the limits that apply to this wallet, the approval step, then the purchase. */
function BuyPanel({
  offering: o,
  owner,
  quote,
  now,
  paused,
}: {
  offering: OfferingRow;
  owner: Hex;
  quote?: Asset;
  now: bigint;
  paused: boolean;
}) {
  const account = useReadyAccount();
  const [input, setInput] = useState("");
  const approveTx = useTx();
  const buyTx = useTx();
  const id = BigInt(o.id);
  const quoteAddress = (quote?.address ?? ZERO_ADDRESS) as Address;
  const isEth = quoteAddress === ZERO_ADDRESS;
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
  const { data: allowance } = useReadContract({
    address: quoteAddress,
    abi: erc20Abi,
    functionName: "allowance",
    args: [who, addresses.market],
    query: { enabled: account !== null && !isEth },
  });
  const { data: cash } = useReadContract({
    address: quoteAddress,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [who],
    query: { enabled: account !== null && !isEth },
  });
  const fmt = (v: bigint): string => (quote ? money(new Map([[quote.address, quote]]), quote.address, v) : String(v));
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
  // Until an amount is typed, the first step shown is the approval (disabled), so the order reads right.
  const needsApproval = !isEth && (cost === null || (allowance ?? 0n) < cost);
  const buyRequest = {
    address: addresses.market,
    abi: shareMarketAbi,
    functionName: "buy",
    args: [id, shares ?? 0n],
    ...(isEth ? { value: cost ?? 0n } : {}),
    account,
  };
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
        {!isEth && cash !== undefined ? (
          <li>
            Your {quote?.symbol} balance: {fmt(cash)}
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
              onChange={(e) => {
                setInput(e.target.value);
                approveTx.reset();
                buyTx.reset();
              }}
              placeholder="e.g. 1000"
              data-testid="buy-shares"
            />
          </label>
          {cost !== null ? (
            <span data-testid="buy-cost"> costs {fmt(cost)}</span>
          ) : input ? (
            <span className="error"> not a number of shares</span>
          ) : null}
          {needsApproval ? (
            <button
              disabled={approveTx.busy || cost === null || cost === 0n}
              data-testid="approve"
              onClick={() =>
                approveTx.send({
                  address: quoteAddress,
                  abi: erc20Abi,
                  functionName: "approve",
                  args: [addresses.market, cost!],
                  account,
                })
              }
            >
              Step 1: allow the market to take {cost === null ? "" : fmt(cost)}
            </button>
          ) : (
            <button
              disabled={buyTx.busy || shares === null || shares === 0n}
              data-testid="buy"
              onClick={() => buyTx.send(buyRequest)}
            >
              {isEth ? "Buy" : "Step 2: buy"}
            </button>
          )}
          <TxStatus state={approveTx.state} what="Approval" />
          <TxStatus state={buyTx.state} what="Purchase" />
        </>
      )}
    </div>
  );
}

function ListingRowView({
  listing: l,
  quote,
  now,
  owner,
}: {
  listing: ListingRow;
  quote?: Asset;
  now: bigint;
  owner: Hex;
}) {
  const account = useReadyAccount();
  const wagmi = useConfig();
  const approveTx = useTx();
  const fillTx = useTx();
  const ownerTx = useTx();
  const [link, setLink] = useState<string | null>(null);
  const [signError, setSignError] = useState<string | null>(null);
  const left = BigInt(l.amount) - BigInt(l.filled);
  const cost = costOf(left, BigInt(l.price));
  const quoteAddress = (quote?.address ?? ZERO_ADDRESS) as Address;
  const isEth = quoteAddress === ZERO_ADDRESS;
  const who = account ?? ZERO_ADDRESS;
  const { data: allowance } = useReadContract({
    address: quoteAddress,
    abi: erc20Abi,
    functionName: "allowance",
    args: [who, addresses.market],
    query: { enabled: account !== null && !isEth },
  });
  const fmt = (v: bigint | string): string =>
    quote ? money(new Map([[quote.address, quote]]), quote.address, v) : String(v);
  const expired = now > BigInt(l.expiry);
  const status = l.cancelled
    ? "cancelled"
    : left === 0n
      ? "filled"
      : expired
        ? "expired"
        : l.approved
          ? "approved"
          : "awaiting the owner's approval";
  const forYou = l.buyer === ZERO_ADDRESS || (account !== null && l.buyer === account.toLowerCase());
  const canFill = status === "approved" && account !== null && forYou && account.toLowerCase() !== l.seller;
  const isOwner = account !== null && account.toLowerCase() === owner;
  const open = !l.cancelled && left > 0n && !expired;
  async function sign(): Promise<void> {
    setSignError(null);
    try {
      setLink(bundleLink(await signListingApproval(wagmi, account!, l.token, BigInt(l.id), now)));
    } catch (error) {
      setSignError(decodeRefusal(error).message);
    }
  }
  return (
    <tr data-testid={`listing-${l.id}`}>
      <td>{l.id}</td>
      <td>
        <a href={`#/investor/${l.seller}`}>{shortAddress(l.seller)}</a>
      </td>
      <td className="num">{formatShares(left)}</td>
      <td className="num">{fmt(l.price)}</td>
      <td>
        {status}
        {l.buyer !== ZERO_ADDRESS ? ` (only ${shortAddress(l.buyer)})` : ""}
      </td>
      <td>
        {canFill ? (
          !isEth && (allowance ?? 0n) < cost ? (
            <button
              disabled={approveTx.busy}
              data-testid="fill-approve"
              onClick={() =>
                approveTx.send({
                  address: quoteAddress,
                  abi: erc20Abi,
                  functionName: "approve",
                  args: [addresses.market, cost],
                  account,
                })
              }
            >
              Allow {fmt(cost)}
            </button>
          ) : (
            <button
              disabled={fillTx.busy}
              data-testid="fill"
              onClick={() =>
                fillTx.send({
                  address: addresses.market,
                  abi: shareMarketAbi,
                  functionName: "fill",
                  args: [BigInt(l.id), left],
                  ...(isEth ? { value: cost } : {}),
                  account,
                })
              }
            >
              Buy {formatShares(left)} for {fmt(cost)}
            </button>
          )
        ) : null}
        {isOwner && open && !l.approved ? (
          <>
            <button
              disabled={ownerTx.busy}
              data-testid="approve-listing"
              onClick={() =>
                ownerTx.send({
                  address: addresses.market,
                  abi: shareMarketAbi,
                  functionName: "approveListing",
                  args: [BigInt(l.id)],
                  account,
                })
              }
            >
              Approve on-chain
            </button>{" "}
            <button data-testid="sign-listing" onClick={() => void sign()}>
              Sign an approval (no gas)
            </button>
          </>
        ) : null}
        {isOwner && open && l.approved ? (
          <button
            disabled={ownerTx.busy}
            data-testid="revoke-listing"
            onClick={() =>
              ownerTx.send({
                address: addresses.market,
                abi: shareMarketAbi,
                functionName: "revokeListingApproval",
                args: [BigInt(l.id)],
                account,
              })
            }
          >
            Revoke approval
          </button>
        ) : null}
        {link ? (
          <p>
            Send this link to the buyer:{" "}
            <input readOnly value={link} size={40} data-testid="approval-link" onFocus={(e) => e.target.select()} />
          </p>
        ) : null}
        {signError ? <p className="error">{signError}</p> : null}
        <TxStatus state={ownerTx.state} what="Owner" />
        <TxStatus state={approveTx.state} />
        <TxStatus state={fillTx.state} />
      </td>
    </tr>
  );
}

/** A bytes32 memo from text: short text as is, longer text as its hash (as the CLI does). */
function memoOf(text: string): Hex {
  if (text === "") return toHex(0, { size: 32 });
  const bytes = new TextEncoder().encode(text);
  return bytes.length <= 31 ? stringToHex(text, { size: 32 }) : keccak256(bytes);
}

/** The owner distributes a gain in the quote asset: approval, then the deposit. */
function OwnerDistribute({
  token,
  owner,
  distributor,
  quote,
}: {
  token: Hex;
  owner: Hex;
  distributor: Hex;
  quote?: Asset;
}) {
  const account = useReadyAccount();
  const [amountText, setAmountText] = useState("");
  const [memo, setMemo] = useState("");
  const approveTx = useTx();
  const distributeTx = useTx();
  const quoteAddress = (quote?.address ?? ZERO_ADDRESS) as Address;
  const isEth = quoteAddress === ZERO_ADDRESS;
  const { data: allowance } = useReadContract({
    address: quoteAddress,
    abi: erc20Abi,
    functionName: "allowance",
    args: [account ?? ZERO_ADDRESS, distributor],
    query: { enabled: account !== null && !isEth },
  });
  if (account === null || account.toLowerCase() !== owner || quote === undefined) return null;
  const amount = parseAmount(amountText, quote.decimals);
  const needsApproval = !isEth && amount !== null && (allowance ?? 0n) < amount;
  return (
    <div className="card" data-testid="distribute-panel">
      <h3>Distribute a gain (you own {token.slice(0, 8)}…)</h3>
      <label>
        Amount ({quote.symbol}){" "}
        <input value={amountText} onChange={(e) => setAmountText(e.target.value)} data-testid="distribute-amount" />
      </label>{" "}
      <label>
        Memo <input value={memo} onChange={(e) => setMemo(e.target.value)} data-testid="distribute-memo" />
      </label>{" "}
      {needsApproval ? (
        <button
          disabled={approveTx.busy}
          data-testid="distribute-approve"
          onClick={() =>
            approveTx.send({
              address: quoteAddress,
              abi: erc20Abi,
              functionName: "approve",
              args: [distributor, amount!],
              account,
            })
          }
        >
          Step 1: allow the distributor to take it
        </button>
      ) : (
        <button
          disabled={distributeTx.busy || amount === null || amount === 0n}
          data-testid="distribute"
          onClick={() =>
            distributeTx.send({
              address: distributor,
              abi: gainsDistributorAbi,
              functionName: "distribute",
              args: [quoteAddress, amount ?? 0n, memoOf(memo)],
              ...(isEth ? { value: amount ?? 0n } : {}),
              account,
            })
          }
        >
          {isEth ? "Distribute" : "Step 2: distribute"}
        </button>
      )}
      <TxStatus state={approveTx.state} what="Approval" />
      <TxStatus state={distributeTx.state} what="Distribution" />
    </div>
  );
}

/**
 * The owner kicks a holder out: the floor (the higher of the last price and the holder's average purchase price) is
 * shown before anything is paid; the buyback (vested shares × price, rounded up) is escrowed for the holder.
 */
function OwnerKick({ token, owner, holders, quote }: { token: Hex; owner: Hex; holders: Hex[]; quote?: Asset }) {
  const account = useReadyAccount();
  const [holder, setHolder] = useState<Hex | "">("");
  const [priceText, setPriceText] = useState("");
  const approveTx = useTx();
  const kickTx = useTx();
  const quoteAddress = (quote?.address ?? ZERO_ADDRESS) as Address;
  const isEth = quoteAddress === ZERO_ADDRESS;
  const target = (holder || ZERO_ADDRESS) as Address;
  const { data: reads } = useReadContracts({
    contracts: [
      { address: token, abi: personalTokenAbi, functionName: "kickFloor", args: [target] },
      { address: token, abi: personalTokenAbi, functionName: "balanceOf", args: [target] },
      { address: token, abi: personalTokenAbi, functionName: "lockedOf", args: [target] },
    ],
    query: { enabled: holder !== "" },
  });
  const { data: allowance } = useReadContract({
    address: quoteAddress,
    abi: erc20Abi,
    functionName: "allowance",
    args: [account ?? ZERO_ADDRESS, addresses.market],
    query: { enabled: account !== null && !isEth },
  });
  if (account === null || account.toLowerCase() !== owner || quote === undefined || holders.length === 0) return null;
  const [floor, balance, locked] = (reads ?? []).map((r) => r.result as bigint | undefined);
  const fmt = (v: bigint): string => money(new Map([[quote.address, quote]]), quote.address, v);
  const price = priceText === "" ? (floor ?? null) : parseAmount(priceText, quote.decimals);
  const bought = balance !== undefined && locked !== undefined ? balance - locked : undefined;
  const cost = price !== null && bought !== undefined ? costOf(bought, price) : null;
  const tooLow = price !== null && floor !== undefined && price < floor;
  const needsApproval = !isEth && cost !== null && (allowance ?? 0n) < cost;
  return (
    <div className="card" data-testid="kick-panel">
      <h3>Kick a holder out</h3>
      <select
        value={holder}
        onChange={(e) => {
          setHolder(e.target.value as Hex);
          setPriceText("");
          approveTx.reset();
          kickTx.reset();
        }}
        data-testid="kick-holder"
      >
        <option value="">choose a holder</option>
        {holders.map((h) => (
          <option key={h} value={h}>
            {shortAddress(h)}
          </option>
        ))}
      </select>
      {holder !== "" && floor !== undefined && bought !== undefined ? (
        <>
          <p data-testid="kick-floor">
            The floor is {fmt(floor)} a share (the higher of the last price and this holder's average purchase price).
            You buy back {formatShares(bought)} vested shares
            {locked ? ` (${formatShares(locked)} unvested return free)` : ""}.
          </p>
          <label>
            Price a share{" "}
            <input
              value={priceText}
              placeholder={fmt(floor)}
              onChange={(e) => setPriceText(e.target.value)}
              data-testid="kick-price"
            />
          </label>{" "}
          {cost !== null ? <span data-testid="kick-cost">you pay {fmt(cost)}, escrowed for the holder</span> : null}
          {tooLow ? (
            <p className="error">Below the floor: the market would refuse it.</p>
          ) : needsApproval ? (
            <button
              disabled={approveTx.busy}
              data-testid="kick-approve"
              onClick={() =>
                approveTx.send({
                  address: quoteAddress,
                  abi: erc20Abi,
                  functionName: "approve",
                  args: [addresses.market, cost!],
                  account,
                })
              }
            >
              Step 1: allow the market to take {fmt(cost!)}
            </button>
          ) : (
            <button
              disabled={kickTx.busy || price === null}
              data-testid="kick"
              onClick={() =>
                kickTx.send({
                  address: addresses.market,
                  abi: shareMarketAbi,
                  functionName: "kick",
                  args: [token, holder, price!],
                  ...(isEth ? { value: cost ?? 0n } : {}),
                  account,
                })
              }
            >
              {isEth ? "Kick" : "Step 2: kick"}
            </button>
          )}
        </>
      ) : null}
      <TxStatus state={approveTx.state} what="Approval" />
      <TxStatus state={kickTx.state} what="Kick" />
    </div>
  );
}

function OwnerCancelOffering({ id, owner }: { id: bigint; owner: Hex }) {
  const account = useReadyAccount();
  const tx = useTx();
  if (account === null || account.toLowerCase() !== owner) return null;
  return (
    <p>
      <button
        disabled={tx.busy}
        data-testid="cancel-offering"
        onClick={() =>
          tx.send({
            address: addresses.market,
            abi: shareMarketAbi,
            functionName: "cancelOffering",
            args: [id],
            account,
          })
        }
      >
        Cancel this offering
      </button>
      <TxStatus state={tx.state} what="Cancel" />
    </p>
  );
}

/** The owner opens an offering: a sell-down of her own shares or new shares, with limits, a window and a minimum. */
function OwnerOpenOffering({ token, owner, quote, now }: { token: Hex; owner: Hex; quote?: Asset; now: bigint }) {
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
  const tx = useTx();
  if (account === null || account.toLowerCase() !== owner || quote === undefined) return null;
  const set = (key: keyof typeof form) => (e: { target: { value: string; checked?: boolean; type?: string } }) =>
    setForm({ ...form, [key]: e.target.type === "checkbox" ? e.target.checked : e.target.value });
  const shares = parseAmount(form.shares, 18);
  const price = parseAmount(form.price, quote.decimals);
  const min = form.min === "" ? 0n : parseAmount(form.min, 18);
  const max = form.max === "" ? 0n : parseAmount(form.max, 18);
  const minRaise = form.minRaise === "" ? 0n : parseAmount(form.minRaise, quote.decimals);
  const start = now + BigInt(Math.max(0, Math.round(Number(form.startsIn) * 60) || 0));
  const end = start + BigInt(Math.max(0, Math.round(Number(form.days) * 86_400) || 0));
  const priorityWindow = BigInt(Math.max(0, Math.round(Number(form.priorityDays) * 86_400) || 0));
  const allowlist = form.allowlist.split(/[\s,]+/).filter(Boolean);
  const valid =
    shares !== null &&
    price !== null &&
    min !== null &&
    max !== null &&
    minRaise !== null &&
    allowlist.every((a) => /^0x[0-9a-fA-F]{40}$/.test(a));
  return (
    <details className="card" data-testid="open-offering">
      <summary>Open an offering</summary>
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
          ? `${formatShares(shares)} shares at ${money(new Map([[quote.address, quote]]), quote.address, price)}: ${money(new Map([[quote.address, quote]]), quote.address, costOf(shares, price))} if all sell; `
          : ""}
        from {formatDate(start)} to {formatDate(end)}.
      </p>
      <button
        disabled={!valid || tx.busy}
        onClick={() =>
          tx.send({
            address: addresses.market,
            abi: shareMarketAbi,
            functionName: "openOffering",
            args: [
              {
                token,
                shares: shares!,
                price: price!,
                minPerInvestor: min!,
                maxPerInvestor: max!,
                start,
                end,
                priorityWindow,
                minRaise: minRaise!,
                dilutive: form.dilutive,
              },
              allowlist,
            ],
            account,
          })
        }
      >
        Open the offering
      </button>
      <TxStatus state={tx.state} what="Offering" />
    </details>
  );
}
