// What every handler file shares: addresses as the tables keep them, event ids, and the dated cash flow row.
import type { Context } from "ponder:registry";
import { cashFlow } from "ponder:schema";

export type Hex = `0x${string}`;
export const ZERO: Hex = "0x0000000000000000000000000000000000000000";
export const lc = (address: string): Hex => address.toLowerCase() as Hex;

export interface LoggedEvent {
  transaction: { hash: Hex };
  log: { logIndex: number };
  block: { timestamp: bigint };
}
export const eventId = (event: Omit<LoggedEvent, "block">): string => `${event.transaction.hash}-${event.log.logIndex}`;

export async function addCashFlow(
  context: Context,
  event: LoggedEvent,
  row: { investor: Hex; token: Hex; asset: Hex; kind: string; amount: bigint },
  suffix = "",
) {
  await context.db.insert(cashFlow).values({
    id: `${eventId(event)}${suffix}`,
    ...row,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
}
