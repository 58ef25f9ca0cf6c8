import {
  CliError,
  checkBundleChain,
  cliAction,
  parseShares,
  readBundle,
  sameAddress,
  sendTx,
  sharesText,
  tokenFacts,
  type Context,
  type TransferApprovalBundle,
  type TxInfo,
} from "../lib/index.js";

export interface TransferParams {
  to: string;
  shares: string | bigint;
  /** The owner's signed approval (from `owner sign-transfer`); without it the owner's on-chain permission is used. */
  approval?: string | TransferApprovalBundle;
  token?: string;
}

export interface TransferResult {
  token: string;
  from: string;
  to: string;
  amount: bigint;
  withSignature: boolean;
  txs: TxInfo[];
}

/** Moves shares to another investor with the owner's signed approval (or her on-chain permission). */
export async function transfer(ctx: Context, p: TransferParams): Promise<TransferResult> {
  const bundle =
    p.approval === undefined || p.approval === ""
      ? undefined
      : readBundle<TransferApprovalBundle>(p.approval, "TransferApproval");
  const tokenInput = p.token !== undefined && p.token !== "" ? p.token : bundle?.token;
  if (tokenInput === undefined) throw new CliError("Pass --token <address> (or --approval, which names the token)");
  const token = ctx.account(tokenInput, "--token");
  const facts = await tokenFacts(ctx, token);
  const to = ctx.account(p.to, "to");
  const amount = parseShares(p.shares, facts.totalSupply, "shares");
  const from = ctx.signerAddress;
  if (bundle !== undefined) {
    checkBundleChain(ctx, bundle);
    if (!sameAddress(bundle.token, token)) throw new CliError(`--approval is for token ${bundle.token}, not ${token}`);
    if (!sameAddress(bundle.from, from)) {
      throw new CliError(
        `--approval lets ${ctx.label(bundle.from)} send, but the signer is ${ctx.label(from)} (use --as)`,
      );
    }
    if (!sameAddress(bundle.to, to)) {
      throw new CliError(`--approval is for a move to ${ctx.label(bundle.to)}, not ${ctx.label(to)}`);
    }
    if (BigInt(bundle.amount) !== amount) {
      throw new CliError(`--approval is for exactly ${sharesText(BigInt(bundle.amount))}, not ${sharesText(amount)}`);
    }
  }
  const { tx } = await sendTx(ctx, bundle === undefined ? "transfer" : "transferWithApproval", token, () =>
    bundle === undefined
      ? facts.contract.transfer(to, amount)
      : facts.contract.transferWithApproval(
          to,
          amount,
          BigInt(bundle.nonce),
          BigInt(bundle.deadline),
          bundle.signature,
        ),
  );
  return { token, from, to, amount, withSignature: bundle !== undefined, txs: [tx] };
}

export default cliAction(transfer, (r, ctx) => [
  `${ctx.label(r.from)} moved ${sharesText(r.amount)} to ${ctx.label(r.to)}`,
]);
