import { Contract } from "ethers";
import {
  CliError,
  cliAction,
  formatMoney,
  parseMoney,
  readDeploymentRecordKey,
  sendTx,
  type Context,
  type TxInfo,
} from "../lib/index.js";

export interface MintUsdParams {
  to: string;
  /** Dollars, e.g. "100000". */
  amount: string | bigint;
  /** The mock USD's address (default: the `chain-31337-mock-usd` deployment of deploy/modules/MockUSD.ts). */
  usd?: string;
}

export interface MintUsdResult {
  usd: string;
  to: string;
  amount: bigint;
  balance: bigint;
  display: { amount: string; balance: string };
  txs: TxInfo[];
}

const LOCAL_CHAIN = 31_337n;
const MINT_ABI = ["function mint(address to, uint256 amount)", "function balanceOf(address) view returns (uint256)"];

/** Mints mock dollars on the local chain (deploy/modules/MockUSD.ts), so that investors can pay in "USD". */
export async function mintUsd(ctx: Context, p: MintUsdParams): Promise<MintUsdResult> {
  if (ctx.chainId !== LOCAL_CHAIN) {
    throw new CliError(`local mint-usd runs only on a local chain (31337), not on chain ${ctx.chainId}`);
  }
  const to = ctx.account(p.to, "to");
  const usd =
    p.usd !== undefined && p.usd !== ""
      ? ctx.account(p.usd, "--usd")
      : readDeploymentRecordKey(ctx, "chain-31337-mock-usd", "MockUSD#MockUSD");
  if (usd === undefined) {
    throw new CliError(
      "No mock USD on this chain: deploy it first (npx hardhat ignition deploy deploy/modules/MockUSD.ts --network " +
        "localhost --deployment-id chain-31337-mock-usd), or pass --usd <address>",
    );
  }
  const info = await ctx.asset(usd);
  const amount = parseMoney(p.amount, info, "amount");
  const contract = new Contract(usd, MINT_ABI, ctx.runner);
  const { tx } = await sendTx(ctx, `mint ${formatMoney(info, amount)}`, usd, () =>
    contract.getFunction("mint")(to, amount),
  );
  const balance = (await contract.getFunction("balanceOf")(to)) as bigint;
  return {
    usd,
    to,
    amount,
    balance,
    display: { amount: formatMoney(info, amount), balance: formatMoney(info, balance) },
    txs: [tx],
  };
}

export default cliAction(mintUsd, (r, ctx) => [
  `Minted ${r.display.amount} to ${ctx.label(r.to)} (balance ${r.display.balance})`,
]);
