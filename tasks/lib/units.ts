import { isHexString } from "ethers";
import { CliError } from "./errors.js";

import { SHARE_DECIMALS, formatWhen, isDollar, parseAmount } from "../../client/format.ts";
import { evidenceFromText, wordFromText } from "../../client/words.ts";

export { ONE_SHARE, SHARE_DECIMALS } from "../../client/format.ts";

const UNIT_SECONDS: Record<string, bigint> = {
  s: 1n,
  sec: 1n,
  m: 60n,
  min: 60n,
  h: 3600n,
  d: 86_400n,
  w: 604_800n,
  y: 31_536_000n,
};

function clean(input: string): string {
  return input.trim().replace(/[,_\s]/g, "");
}

/**
 * Every value a command line takes is parsed here, one parser per kind: shares (or a percentage of the supply), money
 * in the token's own quote asset, durations, times and deadlines, ids, block numbers, positive integers, basis points,
 * booleans and bytes32 references. Each refusal names the option (`what`: "--price", "shares") and what it accepts.
 * Pure: no Hardhat, no network (the web app can share it).
 */

/** A refusal of `input` given to `what`, saying what it accepts. */
function refuse(what: string, input: string, problem: string, accepts: string): CliError {
  return new CliError(`${what} "${input}": ${problem}; expected ${accepts}`);
}

const SHARES_ACCEPTS = "shares like 10000 or 2.5, or a percentage of the supply like 1%";

/** Parses a decimal string into base units, refusing more decimals than the asset has (never negative). */
export function parseDecimal(
  input: string,
  decimals: number,
  what = "amount",
  accepts = "a number like 10000 or 2.5",
): bigint {
  const text = clean(input);
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(text)) {
    throw refuse(what, input, text.startsWith("-") ? "negative" : "not a number", accepts);
  }
  const value = parseAmount(text, decimals);
  if (value === null) throw refuse(what, input, `at most ${decimals} decimals`, accepts);
  return value;
}

/** A percentage ("1%", "0.5%") as a fraction scaled by 10^18 of 100%. */
function percentScaled(input: string, what: string, accepts: string): bigint {
  const text = clean(input);
  if (!text.endsWith("%")) throw refuse(what, input, "not a percentage", accepts);
  return parseDecimal(text.slice(0, -1), 18, what, accepts);
}

/**
 * Shares in human units ("10000", "2.5") or as a percentage of `supply` ("1%", at most 100%). A bigint is taken as
 * base units. Zero is refused unless `allowZero` (e.g. a freeze of 0 shares unfreezes).
 */
export function parseShares(
  input: string | bigint,
  supply?: bigint,
  what = "shares",
  options: { allowZero?: boolean } = {},
): bigint {
  if (typeof input === "bigint") return input;
  const text = clean(input);
  let value: bigint;
  if (text.endsWith("%")) {
    if (supply === undefined) throw refuse(what, input, "a percentage needs a token to take it of", SHARES_ACCEPTS);
    const scaled = percentScaled(text, what, SHARES_ACCEPTS);
    if (scaled > 100n * 10n ** 18n) throw refuse(what, input, "more than the whole supply (100%)", SHARES_ACCEPTS);
    value = (supply * scaled) / (100n * 10n ** 18n);
  } else {
    value = parseDecimal(text, SHARE_DECIMALS, what, SHARES_ACCEPTS);
  }
  if (value === 0n && options.allowZero !== true) throw refuse(what, input, "zero shares", SHARES_ACCEPTS);
  return value;
}

/** What money parsing needs about the asset: its decimals, and its symbol to refuse another asset's notation. */
export interface MoneyUnit {
  decimals: number;
  symbol?: string;
  isEth?: boolean;
}

/**
 * Money in the asset's human units ("66666.67", "1,000"); "$1,000" only for a dollar asset, "0.5 ETH" only for ETH
 * (a `$` price on an ETH-quoted token is refused, never read as ETH). A bigint is taken as base units. `unit` is the
 * asset (or just its decimals).
 */
export function parseMoney(
  input: string | bigint,
  unit: number | MoneyUnit,
  what = "amount",
  options: { allowZero?: boolean } = {},
): bigint {
  if (typeof input === "bigint") return input;
  const asset: MoneyUnit = typeof unit === "number" ? { decimals: unit } : unit;
  const name = asset.isEth === true ? "ETH" : asset.symbol;
  const accepts =
    name === undefined
      ? "an amount like 10000 or 2.5"
      : isDollar(name)
        ? `an amount of ${name} like 5 or $5`
        : `an amount of ${name} like 0.5 or 0.5 ${name}`;
  let text = clean(input);
  if (text.startsWith("$")) {
    if (name !== undefined && !isDollar(name)) {
      throw refuse(what, input, `this amount is in ${name}, not dollars`, accepts);
    }
    text = text.slice(1);
  }
  const suffix = /^([^a-z]*)([a-z][a-z0-9.]*)$/i.exec(text);
  if (suffix !== null) {
    if (name === undefined || suffix[2].toLowerCase() !== name.toLowerCase()) {
      throw refuse(
        what,
        input,
        name === undefined ? "not a number" : `this amount is in ${name}, not ${suffix[2]}`,
        accepts,
      );
    }
    text = suffix[1];
  }
  const value = parseDecimal(text, asset.decimals, what, accepts);
  if (value === 0n && options.allowZero !== true) throw refuse(what, input, "zero", accepts);
  return value;
}

/** Basis points from "20%", "0.5%" or "2000bps" (a bare number is a percentage). A number is taken as bps. */
export function parseBps(input: string | number | bigint, what = "cap"): number {
  if (typeof input !== "string") return Number(input);
  const accepts = "a percentage like 20% or 0.5%, or basis points like 2000bps";
  const text = clean(input).toLowerCase();
  let bps: bigint;
  if (text.endsWith("bps")) {
    if (!/^\d+bps$/.test(text)) throw refuse(what, input, "not a whole number of basis points", accepts);
    bps = BigInt(text.slice(0, -3));
  } else {
    const scaled = percentScaled(text.endsWith("%") ? text : `${text}%`, what, accepts);
    if (scaled % 10n ** 16n !== 0n) throw refuse(what, input, "at most 2 decimals (1 bps)", accepts);
    bps = scaled / 10n ** 16n;
  }
  if (bps > 10_000n) throw refuse(what, input, "more than 100%", accepts);
  return Number(bps);
}

const DURATION_ACCEPTS = "a duration like 365d, 12h, 30m, 45s or a number of seconds";

/** Seconds from "365d", "12h", "30m", "45s", "2w", "1y" or a bare number of seconds. A bigint is taken as seconds. */
export function parseDuration(input: string | bigint | number, what = "duration"): bigint {
  if (typeof input !== "string") return BigInt(input);
  const match = /^(\d+(?:\.\d+)?)(s|sec|m|min|h|d|w|y)?$/.exec(clean(input).toLowerCase());
  if (match === null) {
    throw refuse(what, input, clean(input).startsWith("-") ? "negative" : "not a duration", DURATION_ACCEPTS);
  }
  const unit = UNIT_SECONDS[match[2] ?? "s"];
  const [whole, fraction = ""] = match[1].split(".");
  const scale = 10n ** BigInt(fraction.length);
  return (BigInt(whole + fraction) * unit) / scale;
}

const TIME_ACCEPTS = "unix seconds, a date (2027-06-30), a date and time (2027-06-30T12:00:00Z), now or now+<duration>";

/**
 * A point in time: unix seconds, an ISO date ("2026-01-31", "2026-01-31T12:00:00Z"), "now", or "now+7d" / "+7d"
 * relative to `now` (the chain's latest block time). A date without a time is the start of that day (UTC), or its
 * last second with `dateMeans: "end-of-day"` (for --until). A bigint is taken as unix seconds.
 */
export function parseTime(
  input: string | bigint | number,
  now: bigint,
  what = "time",
  options: { dateMeans?: "start-of-day" | "end-of-day" } = {},
): bigint {
  if (typeof input !== "string") return BigInt(input);
  const text = input.trim();
  if (text === "now") return now;
  const relative = /^(?:now)?\s*([+-])\s*(.+)$/.exec(text);
  if (relative !== null) {
    const delta = parseDuration(relative[2], what);
    return relative[1] === "+" ? now + delta : now - delta;
  }
  if (/^\d+$/.test(text)) return BigInt(text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(ms)) throw refuse(what, input, "not a date", TIME_ACCEPTS);
    const start = BigInt(ms / 1000);
    return options.dateMeans === "end-of-day" ? start + 86_399n : start;
  }
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw refuse(what, input, "not a time", TIME_ACCEPTS);
  return BigInt(Math.floor(ms / 1000));
}

/** A time that must lie after `now` (a deadline, an expiry, an end of validity). */
export function parseFutureTime(
  input: string | bigint,
  now: bigint,
  what = "time",
  options: { dateMeans?: "start-of-day" | "end-of-day" } = {},
): bigint {
  const value = parseTime(input, now, what, options);
  if (value <= now) {
    throw new CliError(
      `${what} "${input}": ${formatWhen(value, now)} is not in the future; expected a later time (${TIME_ACCEPTS})`,
    );
  }
  return value;
}

/**
 * A deadline or expiry: a duration from `now` ("7d", "3600"), or an absolute time (unix seconds, ISO date — its last
 * second —, now+…); it must lie in the future.
 */
export function parseDeadline(input: string | bigint, now: bigint, what = "--deadline"): bigint {
  if (typeof input === "bigint") return input;
  const text = input.trim();
  if (/^\d+$/.test(text)) {
    const value = BigInt(text);
    return parseFutureTime(value >= 1_000_000_000n ? value : now + value, now, what);
  }
  if (/^\d+(\.\d+)?\s*(s|sec|m|min|h|d|w|y)$/i.test(text))
    return parseFutureTime(now + parseDuration(text, what), now, what);
  return parseFutureTime(text, now, what, { dateMeans: "end-of-day" });
}

/** An offering or listing id, a nonce: a whole number (ids start at 1 unless `allowZero`). A bigint is taken as is. */
export function parseId(input: string | bigint, what = "id", options: { allowZero?: boolean } = {}): bigint {
  if (typeof input === "bigint") return input;
  const text = clean(input);
  const accepts = options.allowZero === true ? "a whole number like 0 or 3" : "a whole number like 1 or 3";
  if (!/^\d+$/.test(text)) throw refuse(what, input, text.startsWith("-") ? "negative" : "not a whole number", accepts);
  const value = BigInt(text);
  if (value === 0n && options.allowZero !== true) throw refuse(what, input, "ids start at 1", accepts);
  return value;
}

/** A positive whole number (a count: --chunk, --days), at most `max`. */
export function parsePositiveInt(input: string | number | bigint, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const text = clean(String(input));
  const accepts = `a whole number from 1 to ${max.toLocaleString("en-US")}`;
  if (!/^\d+$/.test(text))
    throw refuse(what, String(input), text.startsWith("-") ? "negative" : "not a whole number", accepts);
  const value = Number(text);
  if (value < 1 || value > max) throw refuse(what, String(input), "out of range", accepts);
  return value;
}

/** A block number of the chain whose latest block is `latest`. */
export function parseBlock(input: string | number | bigint, latest: number, what = "--from-block"): number {
  const text = clean(String(input));
  const accepts = `a block number from 0 to the latest block, ${latest}`;
  if (!/^\d+$/.test(text))
    throw refuse(what, String(input), text.startsWith("-") ? "negative" : "not a block number", accepts);
  const value = Number(text);
  if (value > latest) throw refuse(what, String(input), "after the latest block", accepts);
  return value;
}

/** A memo or reason as bytes32: 0x-hex (32 bytes), short text (≤ 31 bytes, encoded as is) or longer text (hashed). */
export function toBytes32(input: string | undefined): string {
  return wordFromText(input ?? "");
}

/**
 * The evidence a registry stores for an off-chain record: the keccak256 of the text (never the text: a KYC reference
 * must not land on a public chain), or a precomputed 32-byte hash given as 0x… (taken as is). Empty: zero.
 */
export function evidenceHash(input: string | undefined, what = "--evidence"): string {
  const text = (input ?? "").trim();
  if (/^0x/i.test(text) && !isHexString(text, 32)) {
    throw refuse(
      what,
      input ?? "",
      "a 0x value must be a 32-byte hash (64 hex digits)",
      "the record's text (it is hashed) or its 0x 32-byte hash",
    );
  }
  return evidenceFromText(input ?? "");
}

/** Parses "true"/"false"/"yes"/"no"/"1"/"0". */
export function parseBool(input: string | boolean, what = "value"): boolean {
  if (typeof input === "boolean") return input;
  const text = input.trim().toLowerCase();
  if (["true", "yes", "y", "1", "on"].includes(text)) return true;
  if (["false", "no", "n", "0", "off"].includes(text)) return false;
  throw refuse(what, input, "not true or false", "true or false");
}

// Formatting lives in client/format.ts (no dependencies), shared with the web app.
export {
  formatAmount,
  formatBps,
  formatDuration,
  formatMoneyOf,
  formatPercent,
  formatShares,
  formatSpan,
  formatTime,
  formatWhen,
  isDollar,
} from "../../client/format.ts";
