// A verified person creates her personal token through the factory, with every option of `owner create-token`: name,
// symbol, initial supply, cap on outside shares, and the asset shares are priced in (ETH or an ERC-20).
import { useState } from "react";
import { useReadContracts } from "wagmi";
import { investorRegistryAbi, personalTokenFactoryAbi } from "../../../client/generated/abis.ts";
import { AddressInput, SendButton, parseAddress } from "../components/Send.tsx";
import { useReadyAccount } from "../components/Wallet.tsx";
import { addresses } from "../config.ts";
import { ZERO_ADDRESS, formatShares, parseAmount } from "../lib/format.ts";
import { useIndexer, type TokenRow } from "../lib/indexer.ts";

export function CreateToken() {
  const account = useReadyAccount();
  const [form, setForm] = useState({ name: "", symbol: "", supply: "1000000", cap: "20", eth: false, quote: "" });
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  const { data: tokens } = useIndexer<TokenRow[]>("/api/tokens");
  const who = account ?? ZERO_ADDRESS;
  const factory = { address: addresses.factory, abi: personalTokenFactoryAbi } as const;
  const { data: reads } = useReadContracts({
    contracts: [
      { address: addresses.registry, abi: investorRegistryAbi, functionName: "isVerified", args: [who] },
      { ...factory, functionName: "tokenOf", args: [who] },
      { ...factory, functionName: "hasOwnedToken", args: [who] },
    ],
    query: { enabled: account !== null },
  });
  if (account === null) return <p className="muted">Connect a wallet on the right chain to create a token.</p>;
  const [verified, ownToken, ownedBefore] = [reads?.[0]?.result, reads?.[1]?.result, reads?.[2]?.result];
  const supply = parseAmount(form.supply, 18);
  // A percentage with at most 2 decimals is a whole number of basis points.
  const capBps = parseAmount(form.cap.replace(/%$/, ""), 2);
  const quote = form.eth ? ZERO_ADDRESS : parseAddress(form.quote);
  const quotes = [...new Set((tokens ?? []).map((t) => t.quoteAsset).filter((a) => a !== ZERO_ADDRESS))];
  const complete = form.name !== "" && form.symbol !== "" && supply !== null && capBps !== null && quote !== null;
  return (
    <section data-testid="create-token">
      <h1>Create your personal token</h1>
      {ownToken && ownToken !== ZERO_ADDRESS ? (
        <p data-testid="created">
          This wallet owns <a href={`#/token/${ownToken}`}>{ownToken}</a>.
        </p>
      ) : null}
      {verified === false ? (
        <p className="error">Only an investor verified by the registrar may create a token; this wallet is not.</p>
      ) : null}
      {ownedBefore && (!ownToken || ownToken === ZERO_ADDRESS) ? (
        <p className="error">One token per person: this wallet owned one before.</p>
      ) : null}
      <p>
        <label>
          Name <input value={form.name} onChange={(e) => set("name")(e.target.value)} data-testid="token-name" />
        </label>{" "}
        <label>
          Symbol{" "}
          <input value={form.symbol} onChange={(e) => set("symbol")(e.target.value)} data-testid="token-symbol" />
        </label>
      </p>
      <p>
        <label>
          Initial supply (shares, all yours){" "}
          <input value={form.supply} onChange={(e) => set("supply")(e.target.value)} data-testid="token-supply" />
        </label>{" "}
        <label>
          Cap on outside shares (%){" "}
          <input value={form.cap} onChange={(e) => set("cap")(e.target.value)} size={6} data-testid="token-cap" />
        </label>
      </p>
      <p>
        <label>
          <input
            type="checkbox"
            checked={form.eth}
            onChange={(e) => setForm({ ...form, eth: e.target.checked })}
            data-testid="token-eth"
          />{" "}
          priced in ETH
        </label>{" "}
        {form.eth ? null : (
          <AddressInput
            label="or in the ERC-20"
            value={form.quote}
            onChange={set("quote")}
            suggestions={quotes}
            testId="token-quote"
          />
        )}
      </p>
      {complete ? (
        <p className="muted">
          {form.name} ({form.symbol}): {formatShares(supply)} shares to you; outside holders may have at most{" "}
          {form.cap.replace(/%$/, "")}% of the supply.
        </p>
      ) : null}
      <SendButton
        request={
          complete && capBps <= 10_000n
            ? {
                ...factory,
                functionName: "createToken",
                args: [form.name, form.symbol, supply, Number(capBps), quote],
                account,
              }
            : null
        }
        label="Create the token"
        what="Create"
        testId="create"
      />
    </section>
  );
}
