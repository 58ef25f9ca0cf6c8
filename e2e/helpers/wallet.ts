// An injected test wallet, on the same code path as a real one: the page sees an EIP-1193 provider announced through
// EIP-6963; its requests cross to Node (Playwright's exposeBinding), which signs with a local key and sends raw
// transactions, and forwards every other call to the node.
import type { BrowserContext, Page } from "playwright-core";
import { createWalletClient, http, numberToHex, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

export interface WalletOptions {
  /** The account's private key. */
  key: Hex;
  rpcUrl: string;
  /** The chain the wallet is on at first (a real wallet may be on mainnet). */
  chainId: number;
  /** Chains the wallet can switch to (the app's chain). */
  knownChains: number[];
}

/** What the page's provider does with a request: sign, answer from the wallet's state, or forward. */
export class TestWallet {
  readonly account;
  chainId: number;
  connected = false;
  readonly requests: string[] = [];
  readonly #options: WalletOptions;
  readonly #client;

  constructor(options: WalletOptions) {
    this.#options = options;
    this.account = privateKeyToAccount(options.key);
    this.chainId = options.chainId;
    this.#client = createWalletClient({ account: this.account, transport: http(options.rpcUrl) });
  }

  get address(): Hex {
    return this.account.address;
  }

  async #forward(method: string, params: unknown[]): Promise<unknown> {
    const response = await fetch(this.#options.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await response.json()) as {
      result?: unknown;
      error?: { code: number; message: string; data?: unknown };
    };
    if (body.error)
      throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
    return body.result;
  }

  /** Answers one request; throws `{ code, message, data }` as a wallet would. */
  async handle(method: string, params: unknown[], page: Page): Promise<unknown> {
    this.requests.push(method);
    switch (method) {
      case "eth_requestAccounts":
        this.connected = true;
        return [this.address];
      case "eth_accounts":
        return this.connected ? [this.address] : [];
      case "wallet_requestPermissions":
        this.connected = true;
        return [
          { parentCapability: "eth_accounts", caveats: [{ type: "restrictReturnedAccounts", value: [this.address] }] },
        ];
      case "wallet_getPermissions":
        return this.connected ? [{ parentCapability: "eth_accounts" }] : [];
      case "wallet_revokePermissions":
        this.connected = false;
        return null;
      case "eth_chainId":
        return numberToHex(this.chainId);
      case "net_version":
        return String(this.chainId);
      case "wallet_switchEthereumChain": {
        const wanted = Number((params[0] as { chainId: string }).chainId);
        if (!this.#options.knownChains.includes(wanted)) {
          throw Object.assign(new Error(`Unrecognized chain ID ${wanted}`), { code: 4902 });
        }
        this.chainId = wanted;
        // A wallet announces the change after answering.
        setTimeout(
          () =>
            void page
              .evaluate(
                (id) =>
                  (window as unknown as { __testWalletEmit: (e: string, d: unknown) => void }).__testWalletEmit(
                    "chainChanged",
                    id,
                  ),
                numberToHex(wanted),
              )
              .catch(() => {}),
          0,
        );
        return null;
      }
      case "eth_sendTransaction": {
        if (this.chainId !== this.#options.knownChains[0])
          throw Object.assign(new Error("wrong chain"), { code: 4901 });
        const tx = params[0] as { to?: Hex; data?: Hex; value?: Hex; gas?: Hex };
        const chain = {
          id: this.chainId,
          name: "test",
          nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          rpcUrls: { default: { http: [this.#options.rpcUrl] } },
        };
        return this.#client.sendTransaction({
          chain,
          to: tx.to,
          data: tx.data,
          value: tx.value ? BigInt(tx.value) : undefined,
          gas: tx.gas ? BigInt(tx.gas) : undefined,
        });
      }
      case "eth_signTypedData_v4": {
        // Signed exactly as the request gives it, EIP712Domain included, as MetaMask does: rebuilding the domain from
        // its values would drop a string chainId and the contract would reject the signature.
        const typed = JSON.parse(params[1] as string);
        return this.account.signTypedData({
          domain: typed.domain,
          types: typed.types,
          primaryType: typed.primaryType,
          message: typed.message,
        });
      }
      case "personal_sign":
        return this.account.signMessage({ message: { raw: params[0] as Hex } });
      default:
        return this.#forward(method, params);
    }
  }

  /** Installs the wallet in every page of `context` (before any page opens). */
  async install(
    context: BrowserContext,
    info = { name: "Test Wallet", rdns: "org.example.testwallet" },
  ): Promise<void> {
    await context.exposeBinding("__testWallet", async ({ page }, method: string, paramsJson: string) => {
      try {
        const result = await this.handle(method, JSON.parse(paramsJson) as unknown[], page);
        return JSON.stringify({ result: result ?? null });
      } catch (error) {
        const e = error as { code?: number; message?: string; data?: unknown };
        return JSON.stringify({ error: { code: e.code ?? -32603, message: e.message ?? String(error), data: e.data } });
      }
    });
    await context.addInitScript(injectProvider, { ...info, uuid: crypto.randomUUID() });
  }
}

/** Runs in the page (serialized: self-contained). */
function injectProvider(info: { name: string; rdns: string; uuid: string }): void {
  type Listener = (data: unknown) => void;
  const listeners: Record<string, Listener[]> = {};
  const bridge = (window as unknown as { __testWallet: (m: string, p: string) => Promise<string> }).__testWallet;
  const provider = {
    async request({ method, params }: { method: string; params?: unknown[] }): Promise<unknown> {
      const answer = JSON.parse(await bridge(method, JSON.stringify(params ?? []))) as {
        result?: unknown;
        error?: { code: number; message: string; data?: unknown };
      };
      if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
      return answer.result;
    },
    on(event: string, fn: Listener) {
      (listeners[event] ??= []).push(fn);
      return provider;
    },
    removeListener(event: string, fn: Listener) {
      listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
      return provider;
    },
  };
  (window as unknown as { __testWalletEmit: (e: string, d: unknown) => void }).__testWalletEmit = (event, data) => {
    for (const fn of listeners[event] ?? []) fn(data);
  };
  const icon =
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='16' height='16'%3E%3Crect width='16' height='16' fill='%23888'/%3E%3C/svg%3E";
  const detail = Object.freeze({
    info: Object.freeze({ uuid: info.uuid, name: info.name, icon, rdns: info.rdns }),
    provider,
  });
  const announce = (): void => {
    window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail }));
  };
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
}
