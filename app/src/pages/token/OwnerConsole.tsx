// The owner's console on her token's page: every owner action of the command line, each in a folded card. Offerings
// (open, cancel) and listing approvals sit with the offerings and listings they act on.
import type { Address } from "viem";
import { Distribute } from "../../components/owner/Distribute.tsx";
import { CancelSignature, TransferApproval } from "../../components/owner/Transfers.tsx";
import { EnableAsset, LowerCap, MoveOwnership } from "../../components/owner/Settings.tsx";
import { CancelGrant, Grant, Issue } from "../../components/owner/Shares.tsx";
import { ProRataRight, Readmit } from "../../components/owner/Holders.tsx";
import { HoldingsConsole } from "../../components/owner/Holdings.tsx";
import { Kick } from "../../components/owner/Kick.tsx";
import type { Asset } from "../../lib/assets.ts";
import type { TokenPageData } from "../../lib/indexer.ts";
import { useHoldings } from "./Holdings.tsx";

export function OwnerConsole({
  account,
  data,
  quote,
  now,
}: {
  account: Address;
  data: TokenPageData;
  quote: Asset;
  now: bigint;
}) {
  const t = data.token;
  const holders = data.capTable.map((h) => h.holder).filter((h) => h !== t.owner);
  const kicked = [...new Set(data.kicks.map((k) => k.holder))];
  const own = { account, token: t.address, holders };
  const holdings = useHoldings(t.address);
  return (
    <section className="owner-console" data-testid="owner-console">
      <h2>Owner console</h2>
      <Distribute account={account} distributor={t.distributor} quote={t.quoteAsset} />
      <Issue {...own} />
      <Grant {...own} now={now} />
      <CancelGrant {...own} />
      <TransferApproval {...own} now={now} />
      <CancelSignature account={account} token={t.address} />
      {holders.length > 0 ? <Kick account={account} token={t.address} holders={holders} quote={quote} /> : null}
      <Readmit account={account} token={t.address} kicked={kicked} />
      <ProRataRight {...own} />
      <LowerCap account={account} token={t.address} />
      <EnableAsset account={account} distributor={t.distributor} />
      <MoveOwnership account={account} token={t.address} />
      {holdings?.holdings ? (
        <HoldingsConsole
          account={account}
          token={t.address}
          distributor={t.distributor}
          quote={t.quoteAsset}
          data={holdings}
          now={now}
        />
      ) : null}
    </section>
  );
}
