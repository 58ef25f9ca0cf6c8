// Connect a browser wallet (any EIP-6963 wallet, or the injected one), show the account, and ask a wallet on another
// chain to switch.
import { useAccount, useConnect, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { chain } from "../config.ts";
import { decodeRefusal } from "../lib/errors.ts";
import { shortAddress } from "../lib/format.ts";

export function Wallet() {
  const { address, status, chainId } = useAccount();
  const connectors = useConnectors();
  const { connect, error, isPending } = useConnect();
  const { disconnect } = useDisconnect();
  if (status === "connected" && address) {
    return (
      <div className="wallet">
        <a href={`#/investor/${address}`} data-testid="account">
          {shortAddress(address)}
        </a>
        {chainId !== chain.id ? null : <span className="chain">{chain.name}</span>}
        <button onClick={() => disconnect()}>Disconnect</button>
      </div>
    );
  }
  // Announced wallets first; the generic injected connector only when nothing announced itself.
  const announced = connectors.filter((c) => c.id !== "injected");
  const shown = announced.length > 0 ? announced : connectors;
  return (
    <div className="wallet">
      {shown.map((connector) => (
        <button key={connector.uid} disabled={isPending} onClick={() => connect({ connector })} data-testid="connect">
          {connector.icon ? <img src={connector.icon} alt="" width={16} height={16} /> : null} Connect {connector.name}
        </button>
      ))}
      {shown.length === 0 ? <span>No browser wallet found</span> : null}
      {error ? <span className="error">{decodeRefusal(error).message}</span> : null}
    </div>
  );
}

/** A banner when the wallet is on another chain, with a button that asks it to switch. */
export function WrongChain() {
  const { status, chainId } = useAccount();
  const { switchChain, error, isPending } = useSwitchChain();
  if (status !== "connected" || chainId === chain.id) return null;
  return (
    <div className="banner" data-testid="wrong-chain">
      Your wallet is on chain {chainId}; this app works on {chain.name} (chain {chain.id}).{" "}
      <button disabled={isPending} onClick={() => switchChain({ chainId: chain.id })} data-testid="switch-chain">
        Switch to {chain.name}
      </button>
      {error ? <span className="error"> {decodeRefusal(error).message}</span> : null}
    </div>
  );
}

/** The connected account on the right chain, or null (with the reason shown by the caller). */
export function useReadyAccount(): `0x${string}` | null {
  const { address, status, chainId } = useAccount();
  return status === "connected" && address && chainId === chain.id ? address : null;
}
