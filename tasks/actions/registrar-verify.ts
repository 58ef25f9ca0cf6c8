import {
  cliAction,
  evidenceHash,
  fields,
  formatWhen,
  parseFutureTime,
  parsePositiveInt,
  sendTx,
  type Context,
  type TxInfo,
} from "../lib/index.js";

export interface VerifyParams {
  investor: string;
  /** Days from now (default 365); ignored when `until` is given. */
  days?: string | number;
  /** Last second of validity: unix seconds, a date (its last second, UTC), a date and time, or now+<duration>. */
  until?: string | bigint;
  /** The off-chain record: its text (hashed with keccak256, never stored) or its 0x 32-byte hash. */
  evidence?: string;
}

export interface VerifyResult {
  investor: string;
  verifiedUntil: bigint;
  verifiedUntilDate: string;
  /** keccak256 of the evidence text (or the hash given): what the registry stores. */
  evidence: string;
  txs: TxInfo[];
}

/** The registrar verifies `investor` until a date, backed by an off-chain record of which only a hash goes on chain. */
export async function verifyInvestor(ctx: Context, p: VerifyParams): Promise<VerifyResult> {
  const investor = ctx.account(p.investor, "investor");
  const now = await ctx.now();
  const until =
    p.until !== undefined && p.until !== ""
      ? parseFutureTime(p.until, now, "--until", { dateMeans: "end-of-day" })
      : now + BigInt(parsePositiveInt(p.days ?? 365, "--days", 36_500)) * 86_400n;
  const evidence = evidenceHash(p.evidence);
  const registry = ctx.registry();
  const { tx } = await sendTx(ctx, "verify", await registry.getAddress(), () =>
    registry.verify(investor, until, evidence),
  );
  return { investor, verifiedUntil: until, verifiedUntilDate: formatWhen(until, now), evidence, txs: [tx] };
}

export default cliAction(verifyInvestor, (r, ctx) => [
  `Verified ${ctx.label(r.investor)}`,
  ...fields([
    ["until", r.verifiedUntilDate],
    ["evidence", `${r.evidence} (keccak256 of the record; the text stays off chain)`],
  ]),
]);
