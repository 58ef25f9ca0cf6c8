// The contracts' bytes32 words that people write as text: memos, grant and revocation reasons (short text stays
// readable on-chain, longer text is hashed), and evidence of an off-chain record (always hashed: a KYC reference must
// never land on a public chain). One encoding for the CLI and the web app, so a record written by one reads the same
// in the other.
import { hexToString, isHex, keccak256, stringToHex, toBytes, type Hex } from "viem";

const ZERO_WORD: Hex = `0x${"0".repeat(64)}`;

const isWord = (text: string): text is Hex => isHex(text) && text.length === 66;

/** A memo or reason: empty as zero, a 0x 32-byte word as is, ≤ 31 bytes of text as is, longer text as its keccak256. */
export function wordFromText(text: string): Hex {
  if (text === "") return ZERO_WORD;
  if (isWord(text)) return text;
  const bytes = toBytes(text);
  return bytes.length <= 31 ? stringToHex(text, { size: 32 }) : keccak256(bytes);
}

/** Evidence of an off-chain record: empty as zero, a 0x 32-byte hash as is, any text as its keccak256. */
export function evidenceFromText(text: string): Hex {
  if (text === "") return ZERO_WORD;
  const trimmed = text.trim();
  if (isWord(trimmed)) return trimmed.toLowerCase() as Hex;
  return keccak256(toBytes(text));
}

/** A word as people read it: its text when it is short printable text, else the 0x word. */
export function textFromWord(word: Hex): string {
  try {
    const text = hexToString(word, { size: 32 }).replace(/\0+$/, "");
    if (/^[\x20-\x7e]*$/.test(text)) return text;
  } catch {
    // not text
  }
  return word;
}
