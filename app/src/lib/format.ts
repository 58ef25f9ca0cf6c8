// Human units: the command line's formatting (tasks/lib/format.ts), plus what only a page needs.
import type { Address } from "viem";
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

// Memos and reasons read and written as the command line does.
export { textFromWord as formatMemo, wordFromText } from "../../../client/words.ts";

export { parseAmount } from "../../../client/format.ts";

export { costOf } from "../../../client/format.ts";

export function formatMultiple(multiple: number | null): string {
  return multiple === null ? "—" : `${multiple.toFixed(2)}×`;
}

export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${(rate * 100).toFixed(1)}%`;
}
