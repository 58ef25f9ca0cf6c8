// An investor's track record on a cash basis, from its dated cash flows in one token (or one quote asset):
// money in (purchases and fills paid, less refunds), money out (gains credited, sale proceeds, buybacks), holdings
// valued at the last price, the multiple (out + holdings) / in, and the internal rate of return over the dated flows
// with the holdings as a final flow today. Shares received without a price are valued apart and left out.
// Pure functions, so the app or a test can recompute a record from the same rows.

export interface Flow {
  kind: string;
  /** Negative: money the investor put in; positive: money it got back. Base units of the asset. */
  amount: bigint;
  /** Seconds. */
  timestamp: bigint;
}

export interface TrackRecord {
  moneyIn: bigint;
  moneyOut: bigint;
  holdingsValue: bigint;
  /** (out + holdings) / in, or null without money in. */
  multiple: number | null;
  /** Annual internal rate of return (0.25 = 25%), or null when undefined (no money in, or under a day of history). */
  irr: number | null;
  firstFlow: bigint | null;
  lastFlow: bigint | null;
}

const YEAR = 365 * 86_400;

/** The record of `flows` with `holdingsValue` held at `now` (seconds). */
export function trackRecord(flows: Flow[], holdingsValue: bigint, now: bigint): TrackRecord {
  let moneyIn = 0n;
  let moneyOut = 0n;
  for (const f of flows) {
    if (f.kind === "refund") moneyIn -= f.amount;
    else if (f.amount < 0n) moneyIn -= f.amount;
    else moneyOut += f.amount;
  }
  const times = flows.map((f) => f.timestamp);
  const firstFlow = times.length ? times.reduce((a, b) => (a < b ? a : b)) : null;
  const lastFlow = times.length ? times.reduce((a, b) => (a > b ? a : b)) : null;
  const multiple = moneyIn > 0n ? Number(moneyOut + holdingsValue) / Number(moneyIn) : null;
  const dated = flows.map((f) => ({ amount: Number(f.amount), t: Number(f.timestamp) }));
  if (holdingsValue > 0n) dated.push({ amount: Number(holdingsValue), t: Number(now) });
  const irr = moneyIn > 0n && firstFlow !== null && Number(now) - Number(firstFlow) >= 86_400 ? xirr(dated) : null;
  return { moneyIn, moneyOut, holdingsValue, multiple, irr, firstFlow, lastFlow };
}

/**
 * The annual rate r at which Σ amount / (1 + r)^((t − t0) / year) = 0, by bisection on [−0.9999, 10^6] (the net
 * present value falls as r rises when the first flows are money in). Null if it has no root there.
 */
export function xirr(flows: { amount: number; t: number }[]): number | null {
  if (flows.length < 2) return null;
  const t0 = Math.min(...flows.map((f) => f.t));
  const npv = (r: number): number => flows.reduce((sum, f) => sum + f.amount / Math.pow(1 + r, (f.t - t0) / YEAR), 0);
  let lo = -0.9999;
  let hi = 1e6;
  let fLo = npv(lo);
  const fHi = npv(hi);
  if (!Number.isFinite(fLo) || Number.isNaN(fHi) || Math.sign(fLo) === Math.sign(fHi)) return null;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    const fMid = npv(mid);
    if (Math.sign(fMid) === Math.sign(fLo)) {
      lo = mid;
      fLo = fMid;
    } else hi = mid;
    if (hi - lo < 1e-9) break;
  }
  return (lo + hi) / 2;
}
