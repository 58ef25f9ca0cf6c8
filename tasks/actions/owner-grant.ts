import {
  cliAction,
  fields,
  formatDuration,
  parseDuration,
  parseShares,
  parseTime,
  sendTx,
  sharesText,
  toBytes32,
  tokenFacts,
  type Context,
  type TxInfo,
} from "../lib/index.js";

export interface GrantParams {
  token?: string;
  to: string;
  shares: string | bigint;
  /** Vesting start (default now). */
  start?: string | bigint;
  /** Cliff from start (default 0). */
  cliff?: string | bigint;
  /** Duration from start (default 365d). */
  duration?: string | bigint;
  reason?: string;
}

export interface GrantResult {
  token: string;
  to: string;
  amount: bigint;
  start: bigint;
  cliff: bigint;
  duration: bigint;
  reason: string;
  txs: TxInfo[];
}

/** The owner grants shares from her own holding to a helper, vesting over time. */
export async function grantShares(ctx: Context, p: GrantParams): Promise<GrantResult> {
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const to = ctx.account(p.to, "to");
  const amount = parseShares(p.shares, facts.totalSupply, "shares");
  const now = await ctx.now();
  // A start of "now" is the next block's time at the earliest: keep it the latest block's.
  const start = p.start === undefined || p.start === "" ? now : parseTime(p.start, now, "--start");
  const cliff = parseDuration(p.cliff === undefined || p.cliff === "" ? "0" : p.cliff, "--cliff");
  const duration = parseDuration(p.duration === undefined || p.duration === "" ? "365d" : p.duration, "--duration");
  const reason = toBytes32(p.reason);
  const { tx } = await sendTx(ctx, "grant", token, () =>
    facts.contract.grant(to, amount, start, cliff, duration, reason),
  );
  return { token, to, amount, start, cliff, duration, reason, txs: [tx] };
}

export default cliAction(grantShares, (r, ctx) => [
  `Granted ${sharesText(r.amount)} to ${ctx.label(r.to)}`,
  ...fields([
    ["start", ctx.when(r.start)],
    ["cliff", formatDuration(r.cliff)],
    ["vesting", formatDuration(r.duration)],
  ]),
]);
