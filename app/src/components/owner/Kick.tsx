// The owner kicks a holder out: the floor (the higher of the last price and the holder's average purchase price) is
// shown before anything is paid; the buyback (vested shares × price, rounded up) is escrowed for the holder.
import { useState } from "react";
import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { personalTokenAbi, shareMarketAbi } from "../../../../client/generated/abis.ts";
import { addresses } from "../../config.ts";
import { moneyIn, type Asset } from "../../lib/assets.ts";
import { ZERO_ADDRESS, costOf, formatShares, parseAmount, shortAddress } from "../../lib/format.ts";
import { FormCard, PayButton } from "../Send.tsx";

export function Kick({
  account,
  token,
  holders,
  quote,
}: {
  account: Address;
  token: Address;
  holders: Address[];
  quote: Asset;
}) {
  const [holder, setHolder] = useState<Address | "">("");
  const [priceText, setPriceText] = useState("");
  const target = holder || ZERO_ADDRESS;
  const { data: reads } = useReadContracts({
    contracts: [
      { address: token, abi: personalTokenAbi, functionName: "kickFloor", args: [target] },
      { address: token, abi: personalTokenAbi, functionName: "balanceOf", args: [target] },
      { address: token, abi: personalTokenAbi, functionName: "lockedOf", args: [target] },
    ],
    query: { enabled: holder !== "" },
  });
  const [floor, balance, locked] = (reads ?? []).map((r) => r.result as bigint | undefined);
  const price = priceText === "" ? (floor ?? null) : parseAmount(priceText, quote.decimals);
  const bought = balance !== undefined && locked !== undefined ? balance - locked : undefined;
  const cost = price !== null && bought !== undefined ? costOf(bought, price) : null;
  const tooLow = price !== null && floor !== undefined && price < floor;
  return (
    <FormCard title="Kick a holder out" testId="kick-panel">
      <select
        value={holder}
        onChange={(e) => {
          setHolder(e.target.value as Address);
          setPriceText("");
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
            The floor is {moneyIn(quote, floor)} a share (the higher of the last price and this holder's average
            purchase price). You buy back {formatShares(bought)} vested shares
            {locked ? ` (${formatShares(locked)} unvested return free)` : ""}.
          </p>
          <label>
            Price a share{" "}
            <input
              value={priceText}
              placeholder={moneyIn(quote, floor)}
              onChange={(e) => setPriceText(e.target.value)}
              data-testid="kick-price"
            />
          </label>{" "}
          {cost !== null ? (
            <span data-testid="kick-cost">you pay {moneyIn(quote, cost)}, escrowed for the holder</span>
          ) : null}
          {tooLow ? (
            <p className="error">Below the floor: the market would refuse it.</p>
          ) : (
            <PayButton
              asset={quote}
              spender={addresses.market}
              amount={cost}
              request={
                price === null
                  ? null
                  : {
                      address: addresses.market,
                      abi: shareMarketAbi,
                      functionName: "kick",
                      args: [token, holder, price],
                      account,
                    }
              }
              label="kick"
              what="Kick"
              testId="kick"
              approveTestId="kick-approve"
              account={account}
            />
          )}
        </>
      ) : null}
    </FormCard>
  );
}
