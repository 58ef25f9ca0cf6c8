import { encodeBytes32String, isHexString, keccak256, parseUnits, toUtf8Bytes } from "ethers";
import { CliError } from "./errors.js";

import { SHARE_DECIMALS } from "./format.js";

export { ONE_SHARE, SHARE_DECIMALS } from "./format.js";

const UNIT_SECONDS: Record<string, bigint> = {
  s: 1n, sec: 1n, m: 60n, min: 60n, h: 3600n, d: 86_400n, w: 604_800n, y: 31_536_000n,
};

function clean(input: string): string {
  return input.trim().replace(/[,_\s]/g, "");
}

/** Parses a decimal string into base units, refusing more decimals than the asset has. */
export function parseDecimal(input: string, decimals: number, what = "amount"): bigint {
  const text = clean(input).replace(/^\$/, "");
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(text)) throw new CliError(`Invalid ${what} "${input}": expected a number like 10000 or 2.5`);
  const [, fraction = ""] = text.split(".");
  if (fraction.length > decimals) {
    throw new CliError(`Invalid ${what} "${input}": at most ${decimals} decimals`);
  }
  return parseUnits(text, decimals);
}

/** A percentage ("1%", "0.5%") as a fraction scaled by 10^18 of 100%. */
function percentScaled(input: string, what: string): bigint {
  const text = clean(input);
  if (!text.endsWith("%")) throw new CliError(`Invalid ${what} "${input}": expected a percentage like 20%`);
  return parseDecimal(text.slice(0, -1), 18, what);
}

/**
 * Shares in human units ("10000", "2.5") or as a percentage of `supply` ("1%"). A bigint is taken as base units.
 */
export function parseShares(input: string | bigint, supply?: bigint): bigint {
  if (typeof input === "bigint") return input;
  const text = clean(input);
  if (text.endsWith("%")) {
    if (supply === undefined) throw new CliError(`A percentage ("${input}") needs a token to take it of`);
    return (supply * percentScaled(text, "share amount")) / (100n * 10n ** 18n);
  }
  return parseDecimal(text, SHARE_DECIMALS, "share amount");
}

/** Money in the asset's human units ("66666.67", "$1,000"). A bigint is taken as base units. */
export function parseMoney(input: string | bigint, decimals: number): bigint {
  if (typeof input === "bigint") return input;
  return parseDecimal(input, decimals, "amount of money");
}

/** Basis points from "20%", "0.5%" or "2000bps" (a bare number is a percentage). A number is taken as bps. */
export function parseBps(input: string | number | bigint): number {
  if (typeof input !== "string") return Number(input);
  const text = clean(input).toLowerCase();
  let bps: bigint;
  if (text.endsWith("bps")) {
    if (!/^\d+bps$/.test(text)) throw new CliError(`Invalid basis points "${input}"`);
    bps = BigInt(text.slice(0, -3));
  } else {
    const scaled = percentScaled(text.endsWith("%") ? text : `${text}%`, "percentage");
    if (scaled % 10n ** 16n !== 0n) throw new CliError(`Invalid percentage "${input}": at most 2 decimals (1 bps)`);
    bps = scaled / 10n ** 16n;
  }
  if (bps > 10_000n) throw new CliError(`Invalid percentage "${input}": more than 100%`);
  return Number(bps);
}

/** Seconds from "365d", "12h", "30m", "45s", "2w", "1y" or a bare number of seconds. A bigint is taken as seconds. */
export function parseDuration(input: string | bigint | number): bigint {
  if (typeof input !== "string") return BigInt(input);
  const match = /^(\d+(?:\.\d+)?)(s|sec|m|min|h|d|w|y)?$/.exec(clean(input).toLowerCase());
  if (match === null) throw new CliError(`Invalid duration "${input}": expected e.g. 365d, 12h, 30m or seconds`);
  const unit = UNIT_SECONDS[match[2] ?? "s"];
  const [whole, fraction = ""] = match[1].split(".");
  const scale = 10n ** BigInt(fraction.length);
  return (BigInt(whole + fraction) * unit) / scale;
}

/**
 * A point in time: unix seconds, an ISO date ("2026-01-31", "2026-01-31T12:00:00Z"), "now", or "now+7d" / "+7d"
 * relative to `now` (the chain's latest block time). A bigint is taken as unix seconds.
 */
export function parseTime(input: string | bigint | number, now: bigint): bigint {
  if (typeof input !== "string") return BigInt(input);
  const text = input.trim();
  if (text === "now") return now;
  const relative = /^(?:now)?\s*([+-])\s*(.+)$/.exec(text);
  if (relative !== null) {
    const delta = parseDuration(relative[2]);
    return relative[1] === "+" ? now + delta : now - delta;
  }
  if (/^\d+$/.test(text)) return BigInt(text);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new CliError(`Invalid time "${input}": expected unix seconds, an ISO date or now+<duration>`);
  return BigInt(Math.floor(ms / 1000));
}

/** A bytes32 from 0x-hex (32 bytes), short text (≤ 31 bytes, encoded as is) or longer text (its keccak256). */
export function toBytes32(input: string | undefined): string {
  if (input === undefined || input === "") return "0x" + "0".repeat(64);
  if (isHexString(input, 32)) return input;
  if (toUtf8Bytes(input).length <= 31) return encodeBytes32String(input);
  return keccak256(toUtf8Bytes(input));
}

/** Parses "true"/"false"/"yes"/"no"/"1"/"0". */
export function parseBool(input: string | boolean): boolean {
  if (typeof input === "boolean") return input;
  const text = input.trim().toLowerCase();
  if (["true", "yes", "y", "1", "on"].includes(text)) return true;
  if (["false", "no", "n", "0", "off"].includes(text)) return false;
  throw new CliError(`Invalid boolean "${input}": expected true or false`);
}

// Formatting lives in format.ts (no dependencies), shared with the web app.
export { formatAmount, formatBps, formatDuration, formatMoneyOf, formatPercent, formatShares, formatTime } from "./format.js";

/** A deadline or expiry: a duration from `now` ("7d", "3600"), or an absolute time (unix seconds, ISO, now+…). */
export function parseDeadline(input: string | bigint, now: bigint): bigint {
  if (typeof input === "bigint") return input;
  const text = input.trim();
  if (/^\d+$/.test(text)) {
    const value = BigInt(text);
    return value >= 1_000_000_000n ? value : now + value;
  }
  if (/^\d+(\.\d+)?\s*(s|sec|m|min|h|d|w|y)$/i.test(text)) return now + parseDuration(text);
  return parseTime(text, now);
}
