// What every browser story needs: the running stack (started by e2e/run.ts, passed in the environment), chain clients,
// the seed's cast and keys, and a browser page with a test wallet on the app.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before } from "node:test";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createPublicClient, createWalletClient, http, toHex, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import type { Deployment } from "../../scripts/local-stack.ts";
import { TestWallet } from "./wallet.ts";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with \`npm run test:web\``);
  return value;
}

export const env = {
  rpcUrl: required("E2E_RPC_URL"),
  appUrl: required("E2E_APP_URL"),
  indexerUrl: required("E2E_INDEXER_URL"),
};
export const deployment = JSON.parse(readFileSync(required("E2E_DEPLOYMENT"), "utf8")) as Deployment;
export const SCREENSHOTS = join(import.meta.dirname, "..", "screenshots");

const chain = { ...hardhat, rpcUrls: { default: { http: [env.rpcUrl] } } };
export const publicClient = createPublicClient({ chain, transport: http(env.rpcUrl) });

const MNEMONIC = "test test test test test test test test test test test junk";
/** The node's test account `index` (0–23): the seed's cast is 0–9; stories use 10–23 for fresh wallets. */
export function testAccount(index: number) {
  const account = mnemonicToAccount(MNEMONIC, { addressIndex: index });
  return { account, key: toHex(account.getHdKey().privateKey!) as Hex, address: account.address };
}
// The stories share one chain, so each takes its own fresh accounts beyond the cast: 10 the admin story, 11 and 13 the
// registrar's, 14 the arbiter's, 15 (an owner), 16 and 19 the owner console's, 17 and 18 token creation, 20–22 the
// Holdings story's, 23 the send-shares story's.
export const CAST = {
  admin: 0,
  registrar: 1,
  arbiter: 2,
  alice: 3,
  mentor1: 4,
  mentor2: 5,
  mentor3: 6,
  collaborator: 7,
  later: 8,
  bad: 9,
} as const;

/** A wallet client that signs as `index`, for a story's set-up (what happens outside the page under test). */
export function walletOf(index: number) {
  return createWalletClient({ account: testAccount(index).account, chain, transport: http(env.rpcUrl) });
}

export async function increaseTime(seconds: number): Promise<void> {
  await publicClient.request({ method: "evm_increaseTime" as never, params: [seconds] as never });
  await publicClient.request({ method: "evm_mine" as never, params: [] as never });
}

export const BROWSER_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: BROWSER_ARGS });
}

/** One browser for a story file: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser!;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  wallet: TestWallet;
}

/** A fresh browser context with a test wallet for account `index` on `chainId`, on the app's page `hash`. */
export async function openApp(
  browser: Browser,
  index: number,
  hash = "#/",
  chainId = deployment.chainId,
): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const wallet = new TestWallet({
    key: testAccount(index).key,
    rpcUrl: env.rpcUrl,
    chainId,
    knownChains: [deployment.chainId],
  });
  await wallet.install(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(env.appUrl + hash);
  // A cold Vite server may reload the page once while it optimizes dependencies.
  await page.waitForSelector("body[data-app-ready]", { timeout: 90_000 });
  return { context, page, wallet };
}

/** Clicks "Connect Test Wallet" and waits for the account to show. */
export async function connect(page: Page): Promise<void> {
  await page.getByRole("button", { name: /Connect Test Wallet/ }).click();
  await page.getByTestId("account").waitFor();
}

/** Opens the folded owner card `testId` and returns it. */
export async function openCard(page: Page, testId: string) {
  const card = page.getByTestId(testId);
  await card.locator("summary").click();
  return card;
}

/** Waits until the transaction status on the page is confirmed (or fails with the decoded refusal). */
export async function confirmed(page: Page, what: string): Promise<void> {
  const status = page.getByTestId("tx-status").filter({ hasText: what });
  try {
    await status.and(page.locator("[data-status=confirmed], [data-status=failed]")).waitFor({ timeout: 60_000 });
  } catch (error) {
    // What the page said instead, for the failure report.
    const said = await page.locator("[data-testid=tx-status], [data-testid=refusal]").allTextContents();
    throw new Error(`${what}: never confirmed; the page shows ${JSON.stringify(said)}`, { cause: error });
  }
  const state = await status.getAttribute("data-status");
  if (state !== "confirmed") throw new Error(`${what}: ${await status.textContent()}`);
}

/** Waits until the page's newest transaction labelled `label` in the activity list is confirmed (or failed). */
export async function activityConfirmed(page: Page, label: string): Promise<void> {
  const entry = page
    .getByTestId("tx-activity")
    .filter({ hasText: `${label}: ` })
    .first();
  await entry.and(page.locator("[data-status=confirmed], [data-status=failed]")).waitFor({ timeout: 60_000 });
  if ((await entry.getAttribute("data-status")) !== "confirmed")
    throw new Error(`${label}: ${await entry.textContent()}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Waits until the indexer has caught up with the chain's head. */
export async function indexed(): Promise<void> {
  const head = Number(await publicClient.getBlockNumber());
  for (let i = 0; i < 240; i++) {
    const status = (await (await fetch(`${env.indexerUrl}/status`)).json()) as Record<
      string,
      { block?: { number: number } }
    >;
    if (Object.values(status).some((c) => (c.block?.number ?? -1) >= head)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the indexer did not reach block ${head}`);
}
