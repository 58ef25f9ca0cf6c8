// Human units: the command line's formatting (tasks/lib/format.ts), plus what only a page needs.
import { hexToString, keccak256, stringToHex, toHex, type Address } from "viem";
import { formatAmount, formatMoneyOf, formatPercent, formatShares } from "../../../client/format.ts";

export { formatAmount, formatMoneyOf, formatPercent, formatShares };

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as Address;
export const ONE_SHARE = 10n ** 18n;

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

/** Unix seconds as a date ("2026-03-14"). */
export function formatDate(seconds: bigint | number | string): string {
  return new Date(Number(seconds) * 1000).toISOString().slice(0, 10);
}

/** A bytes32 memo as text when it is short text, else as hex. */
export function formatMemo(memo: `0x${string}`): string {
  try {
    const text = hexToString(memo, { size: 32 }).replace(/\0+$/, "");
    if (/^[\x20-\x7e]*$/.test(text)) return text;
  } catch {
    /* not text */
  }
  return memo;
}

export { parseAmount } from "../../../client/format.ts";

export { costOf } from "../../../client/format.ts";

export function formatMultiple(multiple: number | null): string {
  return multiple === null ? "—" : `${multiple.toFixed(2)}×`;
}

export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(1)}%`;
}

/** A bytes32 from text, as the command line makes memos and reasons: 32 bytes of hex as given, short text as is,
 * longer text as its hash. */
export function toBytes32(text: string): `0x${string}` {
  if (text === "") return toHex(0, { size: 32 });
  if (/^0x[0-9a-fA-F]{64}$/.test(text)) return text as `0x${string}`;
  const bytes = new TextEncoder().encode(text);
  return bytes.length <= 31 ? stringToHex(text, { size: 32 }) : keccak256(bytes);
}
