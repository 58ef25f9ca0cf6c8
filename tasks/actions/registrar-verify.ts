import {
  cliAction, fields, formatTime, parseDuration, parseTime, sendTx, toBytes32, type Context,
  type TxInfo,
} from "../lib/index.js";

export interface VerifyParams {
  investor: string;
  /** Days from now (default 365); ignored when `until` is given. */
  days?: string | number;
  /** Unix seconds, ISO date or now+<duration>. */
  until?: string | bigint;
  /** Text (hashed when longer than 31 bytes) or a 0x bytes32. */
  evidence?: string;
}

export interface VerifyResult {
  investor: string;
  verifiedUntil: bigint;
  verifiedUntilDate: string;
  evidence: string;
  txs: TxInfo[];
}

/** The registrar verifies `investor` until a date, backed by an off-chain record. */
export async function verifyInvestor(ctx: Context, p: VerifyParams): Promise<VerifyResult> {
  const investor = ctx.account(p.investor);
  const now = await ctx.now();
  const until = p.until !== undefined && p.until !== ""
    ? parseTime(p.until, now)
    : now + parseDuration(`${p.days ?? 365}d`);
  const evidence = toBytes32(p.evidence);
  const registry = ctx.registry();
  const { tx } = await sendTx(ctx, "verify", await registry.getAddress(), () =>
    registry.verify(investor, until, evidence),
  );
  return { investor, verifiedUntil: until, verifiedUntilDate: formatTime(until), evidence, txs: [tx] };
}

export default cliAction(
  verifyInvestor,
  (r, ctx) => [`Verified ${ctx.label(r.investor)}`, ...fields([["until", r.verifiedUntilDate], ["evidence", r.evidence]])],
);
