// Text kept in a bytes32 slot: a memo or a reason (short text as is, so that it reads back; longer text as its hash),
// and the evidence of a verification (always the hash: a KYC reference must never land on a public chain). The
// command line and the web app encode them here, so the same text gives the same bytes everywhere.
import { isHex, keccak256, stringToHex, toBytes, type Hex } from "viem";

const ZERO: Hex = `0x${"0".repeat(64)}`;

/** A bytes32 from 0x-hex (32 bytes, as is), short text (≤ 31 bytes, as is) or longer text (its keccak256). */
export function textToBytes32(text: string | undefined): Hex {
  if (text === undefined || text === "") return ZERO;
  if (isHex(text) && text.length === 66) return text;
  return toBytes(text).length <= 31 ? stringToHex(text, { size: 32 }) : keccak256(toBytes(text));
}

/** Whether `text` is meant as a hash given directly (0x…): then it must be 32 bytes. */
export function looksLikeHash(text: string): boolean {
  return /^0x/i.test(text.trim());
}

/**
 * The evidence a registry stores for an off-chain record: the keccak256 of the text (never the text), or a 32-byte
 * hash given as 0x… (as is, lower case); zero when empty; undefined for a 0x value that is not 32 bytes.
 */
export function evidenceHash(text: string | undefined): Hex | undefined {
  if (text === undefined || text === "") return ZERO;
  const trimmed = text.trim();
  if (looksLikeHash(trimmed))
    return isHex(trimmed) && trimmed.length === 66 ? (trimmed.toLowerCase() as Hex) : undefined;
  return keccak256(toBytes(text));
}
