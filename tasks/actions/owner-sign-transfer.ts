import {
  CliError,
  TRANSFER_APPROVAL_TYPES,
  cliAction,
  parseDeadline,
  parseShares,
  randomNonce,
  sameAddress,
  sharesText,
  tokenDomain,
  tokenFacts,
  toJson,
  type Context,
  type TransferApprovalBundle,
} from "../lib/index.js";

export interface SignTransferParams {
  token?: string;
  from: string;
  to: string;
  shares: string | bigint;
  /** "random" (default) or a number. */
  nonce?: string | bigint;
  /** A duration from now (default 7d) or an absolute time. */
  deadline?: string | bigint;
}

export type SignTransferResult = TransferApprovalBundle & { summary: string };

/** Nonce from "random" or a number. */
export function parseNonce(input: string | bigint | undefined): bigint {
  if (typeof input === "bigint") return input;
  if (input === undefined || input === "" || input === "random") return randomNonce();
  if (!/^\d+$|^0x[0-9a-f]+$/i.test(input.trim()))
    throw new CliError(`--nonce "${input}": not a number; expected random, a whole number or 0x hex`);
  return BigInt(input.trim());
}

/**
 * The owner signs an EIP-712 `TransferApproval` off-chain: the sender presents it with `investor transfer`. Prints
 * the bundle to hand over.
 */
export async function signTransfer(ctx: Context, p: SignTransferParams): Promise<SignTransferResult> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  if (!sameAddress(facts.owner, ctx.signerAddress)) {
    throw new CliError(
      `Only the token's owner (${ctx.label(facts.owner)}) can sign approvals; the signer is ${ctx.label(ctx.signerAddress)}`,
    );
  }
  const message = {
    from: ctx.account(p.from, "from"),
    to: ctx.account(p.to, "to"),
    amount: parseShares(p.shares, facts.totalSupply, "shares"),
    nonce: parseNonce(p.nonce),
    deadline: parseDeadline(p.deadline ?? "7d", await ctx.now(), "--deadline"),
  };
  const signature = await ctx.signer.signTypedData(await tokenDomain(ctx, token), TRANSFER_APPROVAL_TYPES, message);
  return {
    type: "TransferApproval",
    chainId: ctx.chainId.toString(),
    token,
    from: message.from,
    to: message.to,
    amount: message.amount.toString(),
    nonce: message.nonce.toString(),
    deadline: message.deadline.toString(),
    signature,
    summary:
      `${ctx.label(message.from)} may move ${sharesText(message.amount)} of ${facts.symbol} to ${ctx.label(message.to)} ` +
      `until ${ctx.when(message.deadline)}`,
  };
}

export default cliAction(signTransfer, (r) => [
  `Signed: ${r.summary}`,
  "Hand this to the sender (investor transfer --approval '<json>'):",
  toJson({ ...r, summary: undefined }, 0),
]);
