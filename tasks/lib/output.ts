import { existsSync, readFileSync } from "node:fs";
import { CliError } from "./errors.js";

/** JSON with bigints as decimal strings. */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), indent);
}

/** A plain-data copy of `value` (bigints as strings): what `--json` prints. */
export function toPlain<T>(value: T): unknown {
  return JSON.parse(toJson(value, 0));
}

/** Reads a JSON argument given inline (`{...}`) or as a file path. */
export function readJsonArg(input: string, what: string): unknown {
  const text = input.trim();
  try {
    if (text.startsWith("{") || text.startsWith("[")) return JSON.parse(text);
    if (existsSync(text)) return JSON.parse(readFileSync(text, "utf8"));
  } catch (error) {
    throw new CliError(`${what}: invalid JSON (${(error as Error).message})`);
  }
  throw new CliError(`${what}: "${input}" is neither inline JSON nor a readable file`);
}

/** An aligned text table; columns whose header starts with a space or that hold numbers are right-aligned. */
export function table(headers: string[], rows: string[][], rightAligned: number[] = []): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (rightAligned.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)];
}

/** "key: value" lines with aligned values. */
export function fields(entries: [string, string][]): string[] {
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${(k + ":").padEnd(width + 1)} ${v}`);
}
