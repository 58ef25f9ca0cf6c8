import {
  CliError,
  cliAction,
  eventsOf,
  fields,
  formatDuration,
  moneyText,
  parseDuration,
  parseMoney,
  parseShares,
  parseTime,
  sendTx,
  sharesText,
  tokenFacts,
  type Context,
  type TxInfo,
  parseFutureTime,
} from "../lib/index.js";

export interface OpenOfferingParams {
  token?: string;
  /** Shares offered ("30000", "3%"), or base units. */
  shares: string | bigint;
  /** Price per whole share in human quote units ("6.666667"), or base units. */
  price: string | bigint;
  minPerInvestor?: string | bigint;
  maxPerInvestor?: string | bigint;
  /** Start (default now+60s). */
  start?: string | bigint;
  /** Duration (default 7d); ignored when `end` is given. */
  duration?: string | bigint;
  end?: string | bigint;
  priorityWindow?: string | bigint;
  /** All-or-nothing threshold in quote units (0: none). */
  minRaise?: string | bigint;
  dilutive?: boolean;
  /** Comma-separated addresses or names, or a list. */
  allowlist?: string | string[];
}

export interface OpenOfferingResult {
  offeringId: bigint;
  token: string;
  shares: bigint;
  price: bigint;
  minPerInvestor: bigint;
  maxPerInvestor: bigint;
  start: bigint;
  end: bigint;
  priorityWindow: bigint;
  minRaise: bigint;
  dilutive: boolean;
  allowlist: string[];
  quoteSymbol: string;
  display: { shares: string; price: string; raiseIfSold: string; start: string; end: string; minRaise: string };
  txs: TxInfo[];
}

const given = (v: unknown): boolean => v !== undefined && v !== "";

/** The owner opens a priced offering of her token (a sell-down of her own shares, or dilutive). */
export async function openOffering(ctx: Context, p: OpenOfferingParams): Promise<OpenOfferingResult> {
  if (!given(p.shares) || !given(p.price)) throw new CliError("--shares and --price are required");
  const token = await ctx.resolveToken(p.token);
  const facts = await tokenFacts(ctx, token);
  const shares = parseShares(p.shares, facts.totalSupply, "--shares");
  const price = parseMoney(p.price, facts.quote, "--price");
  const minPerInvestor = given(p.minPerInvestor)
    ? parseShares(p.minPerInvestor!, facts.totalSupply, "--min-per-investor", { allowZero: true })
    : 0n;
  const maxPerInvestor = given(p.maxPerInvestor)
    ? parseShares(p.maxPerInvestor!, facts.totalSupply, "--max-per-investor", { allowZero: true })
    : 0n;
  const now = await ctx.now();
  const start = given(p.start) ? parseTime(p.start!, now, "--start") : now + 60n;
  const end = given(p.end)
    ? parseFutureTime(p.end!, now, "--end", { dateMeans: "end-of-day" })
    : start + parseDuration(given(p.duration) ? p.duration! : "7d", "--duration");
  const priorityWindow = given(p.priorityWindow) ? parseDuration(p.priorityWindow!, "--priority-window") : 0n;
  const minRaise = given(p.minRaise) ? parseMoney(p.minRaise!, facts.quote, "--min-raise", { allowZero: true }) : 0n;
  const dilutive = p.dilutive === true;
  const list = Array.isArray(p.allowlist) ? p.allowlist : (p.allowlist ?? "").split(",");
  const allowlist = list
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => ctx.account(s, "--allowlist"));
  if (shares === 0n) throw new CliError("--shares must be more than zero");
  const terms = {
    token,
    shares,
    price,
    minPerInvestor,
    maxPerInvestor,
    start,
    end,
    priorityWindow,
    minRaise,
    dilutive,
  };
  const market = ctx.market();
  const { tx, receipt } = await sendTx(ctx, "openOffering", await market.getAddress(), () =>
    market.openOffering(terms, allowlist),
  );
  const opened = eventsOf(receipt, market, "OfferingOpened")[0];
  if (opened === undefined) throw new CliError("openOffering: no OfferingOpened event in the receipt");
  const raise = (shares * price + 10n ** 18n - 1n) / 10n ** 18n;
  return {
    offeringId: opened.args.offeringId as bigint,
    ...terms,
    allowlist,
    quoteSymbol: facts.quote.symbol,
    display: {
      shares: sharesText(shares),
      price: moneyText(facts.quote, price),
      raiseIfSold: moneyText(facts.quote, raise),
      start: ctx.when(start),
      end: ctx.when(end),
      minRaise: minRaise === 0n ? "none" : moneyText(facts.quote, minRaise),
    },
    txs: [tx],
  };
}

export default cliAction(openOffering, (r, ctx) => [
  `Opened offering ${r.offeringId} of ${ctx.label(r.token)}`,
  ...fields([
    ["shares", r.display.shares],
    ["price", `${r.display.price} per share`],
    ["raise if sold", r.display.raiseIfSold],
    [
      "per investor",
      `${r.minPerInvestor === 0n ? "no minimum" : sharesText(r.minPerInvestor)} – ${r.maxPerInvestor === 0n ? "no maximum" : sharesText(r.maxPerInvestor)}`,
    ],
    ["start", r.display.start],
    ["end", r.display.end],
    ["kind", r.dilutive ? "dilutive (new shares)" : "sell-down"],
    ["priority window", formatDuration(r.priorityWindow)],
    ["minimum raise", r.display.minRaise],
    ["allowlist", r.allowlist.length === 0 ? "any verified investor" : r.allowlist.map((x) => ctx.label(x)).join(", ")],
  ]),
]);
