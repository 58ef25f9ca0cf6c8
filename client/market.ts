// The market's enums as the contracts number them (IShareMarket), for every client that reads its events.

/** IShareMarket.CreditReason: why money was credited to a holder's withdrawable balance (`Credited.reason`). */
export const CreditReason = { SaleProceeds: 0, Refund: 1, Buyback: 2 } as const;
export type CreditReason = (typeof CreditReason)[keyof typeof CreditReason];
