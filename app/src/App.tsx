// Pages by URL hash: #/ (directory), #/token/0x…, #/portfolio, #/investor/0x…, #/leaderboard, #/create,
// #/fill/<signed listing approval>, #/transfer/<signed transfer approval>, #/console.
import { useEffect, useState } from "react";
import { useBlockNumber } from "wagmi";
import { useQueryClient } from "@tanstack/react-query";
import { Wallet, WrongChain } from "./components/Wallet.tsx";
import { TxActivity } from "./lib/tx.tsx";
import { Directory } from "./pages/Directory.tsx";
import { Console } from "./pages/console/Console.tsx";
import { CreateToken } from "./pages/CreateToken.tsx";
import { FillPage } from "./pages/FillPage.tsx";
import { InvestorPage } from "./pages/InvestorPage.tsx";
import { Leaderboard } from "./pages/Leaderboard.tsx";
import { Portfolio } from "./pages/Portfolio.tsx";
import { TokenPage } from "./pages/TokenPage.tsx";
import { TransferPage } from "./pages/TransferPage.tsx";

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = (): void => setHash(window.location.hash);
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return hash;
}

/** Chain reads refresh on every new block. */
function useRefreshOnBlocks(): void {
  const queries = useQueryClient();
  const { data: block } = useBlockNumber({ watch: true });
  useEffect(() => {
    if (block !== undefined) void queries.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "indexer" });
  }, [block, queries]);
}

export function App() {
  const hash = useHash();
  useRefreshOnBlocks();
  useEffect(() => {
    document.body.dataset.appReady = "true";
  }, []);
  const [, page, arg] = hash.replace(/^#/, "").split("/");
  let body;
  if (page === "token" && arg) body = <TokenPage address={arg as `0x${string}`} />;
  else if (page === "portfolio") body = <Portfolio />;
  else if (page === "investor" && arg) body = <InvestorPage address={arg as `0x${string}`} />;
  else if (page === "leaderboard") body = <Leaderboard />;
  else if (page === "fill" && arg) body = <FillPage encoded={arg} />;
  else if (page === "transfer" && arg) body = <TransferPage encoded={arg} />;
  else if (page === "create") body = <CreateToken />;
  else if (page === "console") body = <Console />;
  else body = <Directory />;
  return (
    <>
      <header>
        <a href="#/" className="brand">
          Personal tokens
        </a>
        <nav>
          <a href="#/">Directory</a>
          <a href="#/portfolio">Portfolio</a>
          <a href="#/leaderboard">Leaderboard</a>
          <a href="#/create">Create a token</a>
          <a href="#/console">Console</a>
        </nav>
        <Wallet />
      </header>
      <WrongChain />
      <main>{body}</main>
      <TxActivity />
    </>
  );
}
