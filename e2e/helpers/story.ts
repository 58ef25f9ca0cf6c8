// Set-up shared by stories: things that happen outside the page under test, done with the cast's keys.
import { parseUnits, toHex, zeroAddress, type Address } from "viem";
import { investorRegistryAbi, personalTokenFactoryAbi, shareMarketAbi } from "../../client/generated/abis.ts";
import { CAST, deployment, increaseTime, publicClient, testAccount, walletOf } from "./session.ts";

export const SHARE = 10n ** 18n;
export const usd = (text: string): bigint => parseUnits(text, 6);

/** An open offering of ALICE at $10 a share (at most 5,000 per investor): the current one, or one Alice opens now. */
export async function openOffering(): Promise<bigint> {
  const market = deployment.market;
  const latest = await publicClient.readContract({
    address: market,
    abi: shareMarketAbi,
    functionName: "latestOffering",
    args: [deployment.token],
  });
  const now = (await publicClient.getBlock()).timestamp;
  if (latest > 0n) {
    const o = await publicClient.readContract({
      address: market,
      abi: shareMarketAbi,
      functionName: "offering",
      args: [latest],
    });
    if (!o.cancelled && o.terms.start <= now && now <= o.terms.end && o.sold < o.terms.shares) return latest;
  }
  const alice = walletOf(CAST.alice);
  const hash = await alice.writeContract({
    address: market,
    abi: shareMarketAbi,
    functionName: "openOffering",
    args: [
      {
        token: deployment.token,
        shares: 50_000n * SHARE,
        price: usd("10"),
        minPerInvestor: 0n,
        maxPerInvestor: 5_000n * SHARE,
        start: now + 10n,
        end: now + 30n * 86_400n,
        priorityWindow: 0n,
        minRaise: 0n,
        dilutive: false,
      },
      [],
    ],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error("openOffering failed");
  await increaseTime(11);
  return publicClient.readContract({
    address: market,
    abi: shareMarketAbi,
    functionName: "latestOffering",
    args: [deployment.token],
  });
}

/** The registrar verifies `investor` for a year, outside the page under test. */
export async function verifyInvestor(investor: Address): Promise<void> {
  const now = (await publicClient.getBlock()).timestamp;
  await send(CAST.registrar, {
    address: deployment.registry,
    abi: investorRegistryAbi,
    functionName: "verify",
    args: [investor, now + 365n * 86_400n, toHex(0, { size: 32 })],
  });
}

/** Sends `request` as the node's account `index` and fails unless it succeeds. */
export async function send(index: number, request: Record<string, unknown>) {
  const hash = await walletOf(index).writeContract(request as never);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${String(request.functionName)} failed`);
  return receipt;
}

/** Account `index` (a story's fresh wallet), verified by the registrar for a year. */
export async function verified(index: number): Promise<Address> {
  const { address } = testAccount(index);
  await verifyInvestor(address);
  return address;
}

/** The token of account `index`, made the first time: verified, 1,000,000 shares, a 50% cap, priced in ETH. */
export async function tokenOf(index: number): Promise<Address> {
  const { address } = testAccount(index);
  const factory = { address: deployment.factory, abi: personalTokenFactoryAbi } as const;
  const existing = await publicClient.readContract({ ...factory, functionName: "tokenOf", args: [address] });
  if (existing !== zeroAddress) return existing;
  await verified(index);
  await send(index, {
    ...factory,
    functionName: "createToken",
    args: [`Token ${index}`, `T${index}`, 1_000_000n * SHARE, 5_000, zeroAddress],
  });
  return publicClient.readContract({ ...factory, functionName: "tokenOf", args: [address] });
}
