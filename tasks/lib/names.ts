import { getAddress, isAddress } from "ethers";

/** Known addresses' names, used in output ("Alice" instead of 0x70997970…). */
const names = new Map<string, string>();

/** Registers names for addresses (merged with earlier ones); the demo and `--names` use it. */
export function setAddressNames(entries: Record<string, string> | Map<string, string>): void {
  const pairs = entries instanceof Map ? [...entries] : Object.entries(entries);
  for (const [key, value] of pairs) {
    // Accept { address: name } or { name: address }.
    if (isAddress(key)) names.set(getAddress(key), value);
    else if (isAddress(value)) names.set(getAddress(value), key);
  }
}

export function clearAddressNames(): void {
  names.clear();
}

/** The registered name of `address`, if any. */
export function nameOf(address: string): string | undefined {
  return isAddress(address) ? names.get(getAddress(address)) : undefined;
}

/** Finds an address by its registered name (case-insensitive). */
export function addressOfName(name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [address, label] of names) if (label.toLowerCase() === wanted) return address;
  return undefined;
}

/** "Alice" for a named address, otherwise the checksummed address (shortened when `short`). */
export function label(address: string, short = false): string {
  const name = nameOf(address);
  if (name !== undefined) return name;
  if (!isAddress(address)) return address;
  const checksummed = getAddress(address);
  if (/^0x0{40}$/i.test(checksummed)) return "0x0";
  return short ? `${checksummed.slice(0, 6)}…${checksummed.slice(-4)}` : checksummed;
}
