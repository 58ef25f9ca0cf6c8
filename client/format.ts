// Formatting of amounts, shares, percentages and times for people: written once, used by the command line
// (through units.ts) and by the web app (app/), so both print the same figures. No dependencies, so a browser can
// import it.

/** Decimals of personal-token shares (ERC-20 default, fixed by the contracts). */
export const SHARE_DECIMALS = 18;
export const ONE_SHARE = 10n ** 18n;

/** `value` base units with `decimals` as "1,234.5" (at least `minDecimals`, at most `maxDecimals` decimals). */
export function formatAmount(value: bigint, decimals: number, minDecimals = 0, maxDecimals = decimals): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = 10n ** BigInt(decimals);
  let whole = abs / base;
  let fraction = (abs % base).toString().padStart(decimals, "0");
  if (maxDecimals < decimals) {
    // Round half up to maxDecimals.
    const cut = BigInt(fraction.slice(0, maxDecimals) || "0");
    const rest = fraction.slice(maxDecimals);
    let rounded = cut + (rest.length > 0 && rest[0] >= "5" ? 1n : 0n);
    if (rounded >= 10n ** BigInt(maxDecimals)) {
      whole += 1n;
      rounded = 0n;
    }
    fraction = maxDecimals === 0 ? "" : rounded.toString().padStart(maxDecimals, "0");
  }
  fraction = fraction.replace(/0+$/, "");
  if (fraction.length < minDecimals) fraction = fraction.padEnd(minDecimals, "0");
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction.length > 0 ? "." + fraction : ""}`;
}

/** Shares in human units: "10,000", "2.5". */
export function formatShares(value: bigint): string {
  return formatAmount(value, SHARE_DECIMALS);
}

/** `part` as a percentage of `whole`, up to 4 decimals: "1%", "0.5%", "33.3333%". */
export function formatPercent(part: bigint, whole: bigint): string {
  if (whole === 0n) return "0%";
  const scaled = (part * 100n * 10n ** 6n + whole / 2n) / whole;
  return `${formatAmount(scaled, 6, 0, 4)}%`;
}

/** Basis points as a percentage: 2000 → "20%". */
export function formatBps(bps: number | bigint): string {
  return `${formatAmount(BigInt(bps), 2)}%`;
}

/** Seconds as "365d", "12h", "1d 6h". */
export function formatDuration(seconds: bigint | number): string {
  let rest = BigInt(seconds);
  if (rest === 0n) return "0s";
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", 86_400n],
    ["h", 3600n],
    ["m", 60n],
    ["s", 1n],
  ] as const) {
    if (rest >= size) {
      parts.push(`${rest / size}${unit}`);
      rest %= size;
    }
  }
  return parts.join(" ");
}

/** Unix seconds as an ISO date ("2026-01-31T12:00:00Z"). */
export function formatTime(seconds: bigint | number): string {
  const value = BigInt(seconds);
  if (value === 0n) return "never";
  if (value > 253_402_300_799n) return `${value} (far future)`;
  return new Date(Number(value) * 1000).toISOString().replace(".000Z", "Z");
}

/** A span in the largest units that read well: "5 min", "12 s", "3 h 20 min", "2 d 4 h", "1.5 y". */
export function formatSpan(seconds: bigint): string {
  const s = seconds < 0n ? -seconds : seconds;
  if (s < 60n) return `${s} s`;
  if (s < 3600n) return s % 60n === 0n ? `${s / 60n} min` : `${s / 60n} min ${s % 60n} s`;
  if (s < 86_400n) return s % 3600n < 60n ? `${s / 3600n} h` : `${s / 3600n} h ${(s % 3600n) / 60n} min`;
  if (s < 2n * 31_536_000n)
    return s % 86_400n < 3600n ? `${s / 86_400n} d` : `${s / 86_400n} d ${(s % 86_400n) / 3600n} h`;
  return `${formatAmount((s * 10n) / 31_536_000n, 1)} y`;
}

/** A time for a person: "2027-06-30 23:59:59 UTC (in 5 min)", "… (12 s ago)", relative to `now` (chain time). */
export function formatWhen(seconds: bigint | number, now?: bigint): string {
  const value = BigInt(seconds);
  if (value === 0n) return "never";
  const date = formatTime(value).replace("T", " ").replace(/Z$/, " UTC");
  if (now === undefined || value > 253_402_300_799n) return date;
  if (value === now) return `${date} (now)`;
  return value > now ? `${date} (in ${formatSpan(value - now)})` : `${date} (${formatSpan(now - value)} ago)`;
}

/** Money of an asset with `symbol` and `decimals`, to the cent: "$66,666.67" for a USD coin, else "1.5 WETH". */
export function formatMoneyOf(symbol: string, decimals: number, amount: bigint): string {
  if (isDollar(symbol)) {
    const text = formatAmount(amount, decimals, 2);
    return amount < 0n ? `-$${text.slice(1)}` : `$${text}`;
  }
  return `${formatAmount(amount, decimals, 2, Math.min(6, decimals))} ${symbol}`;
}

/** Whether an asset is counted in dollars (its amounts print as "$1,000.00"). */
export function isDollar(symbol: string | undefined): boolean {
  return symbol !== undefined && /usd/i.test(symbol);
}

/** ceil(shares × price / 10^18): what `shares` cost at `price` (quote units per whole share), as the contracts'
 * `ShareMath.costOf` computes it. */
export function costOf(shares: bigint, price: bigint): bigint {
  return (shares * price + ONE_SHARE - 1n) / ONE_SHARE;
}

/** Parses a decimal ("10000", "2.5") into base units; null when it is not a number with at most `decimals` decimals. */
export function parseAmount(text: string, decimals: number): bigint | null {
  const clean = text.trim().replace(/[,_\s]/g, "");
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(clean)) return null;
  const [whole, fraction = ""] = clean.split(".");
  if (fraction.length > decimals) return null;
  return BigInt(whole || "0") * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
}
