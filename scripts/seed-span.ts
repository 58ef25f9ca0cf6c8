// How the local seed story (scripts/seed-local.ts) spreads over time: the days the node's clock moves before each step,
// so that purchases, the gain and the sales are months apart (the gain half a year after the purchases). The node
// starts that many days in the past (scripts/local-stack.ts), so the story ends near today.
export const DAYS_BEFORE_STEP: Record<string, number> = {
  "Step 2": 30,
  "Step 3": 30,
  "Step 4": 60,
  "Step 5": 60,
  "Step 6": 30,
  "Step 7": 30,
  "Step 8": 30,
  // The chain: within the week of Acme's offering (step 9 opens it, step 10 buys in it).
  "Step 9": 7,
  "Step 10": 1,
  "Step 11": 1,
  "Step 12": 3,
  "Step 13": 1,
};
export const SEED_SPAN_DAYS = Object.values(DAYS_BEFORE_STEP).reduce((a, b) => a + b, 0);
