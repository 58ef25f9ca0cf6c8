// Durations typed by a person, in whole or decimal units ("7", "0.5").
import { parseAmount } from "./format.ts";

const SECONDS = { minutes: 60n, days: 86_400n } as const;

/** A non-negative number of `unit`s as seconds (rounded down); null when it is not one. */
export function parseDuration(text: string, unit: keyof typeof SECONDS): bigint | null {
  const value = parseAmount(text, 6);
  return value === null ? null : (value * SECONDS[unit]) / 1_000_000n;
}
