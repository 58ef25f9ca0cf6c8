import { getAddress, isAddress } from "ethers";

/** Names for addresses as `{ address: name }` or `{ name: address }`, or another book. */
export type AddressNames = Record<string, string> | Map<string, string> | AddressBook;

/**
 * Known addresses' names, used in output ("Alice" instead of 0x70997970…) and accepted wherever an account is asked
 * for. Each Context holds one (from its caller and `--names`); contexts derived with `ctx.as(…)` share it.
 */
export class AddressBook {
  readonly #names = new Map<string, string>();

  constructor(entries?: AddressNames) {
    if (entries !== undefined) this.add(entries);
  }

  /** Adds names (merged with earlier ones). */
  add(entries: AddressNames): this {
    const pairs =
      entries instanceof AddressBook
        ? [...entries.#names]
        : entries instanceof Map
          ? [...entries]
          : Object.entries(entries);
    for (const [key, value] of pairs) {
      // Accept { address: name } or { name: address }.
      if (isAddress(key)) this.#names.set(getAddress(key), value);
      else if (isAddress(value)) this.#names.set(getAddress(value), key);
    }
    return this;
  }

  /** The name of `address`, if any. */
  nameOf(address: string): string | undefined {
    return isAddress(address) ? this.#names.get(getAddress(address)) : undefined;
  }

  /** The address named `name` (case-insensitive). */
  addressOf(name: string): string | undefined {
    const wanted = name.toLowerCase();
    for (const [address, label] of this.#names) if (label.toLowerCase() === wanted) return address;
    return undefined;
  }

  /** "Alice" for a named address, otherwise the checksummed address (shortened when `short`). */
  label(address: string, short = false): string {
    const name = this.nameOf(address);
    if (name !== undefined) return name;
    if (!isAddress(address)) return address;
    const checksummed = getAddress(address);
    if (/^0x0{40}$/i.test(checksummed)) return "0x0";
    return short ? `${checksummed.slice(0, 6)}…${checksummed.slice(-4)}` : checksummed;
  }
}
