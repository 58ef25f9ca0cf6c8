// An action with a confirmation step: the first click asks the contracts whether it would pass (a simulation, no gas
// spent) and, if it would, shows exactly what will happen; only the second click sends. A refusal is explained in
// words before anything is signed.
import { useState, type ReactNode } from "react";
import { useConfig } from "wagmi";
import { simulateContract } from "wagmi/actions";
import { decodeRefusal, type Refusal, type RefusalUnits } from "../lib/errors.ts";
import { TxLine, TxStatus, useTx } from "../lib/tx.tsx";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Request = any;

/** The call's identity: a review holds only for the exact call it checked. */
function fingerprint(request: Request | null): string {
  if (request === null) return "";
  return JSON.stringify([request.address, request.functionName, request.args ?? []], (_, v) =>
    typeof v === "bigint" ? v.toString() : v,
  );
}

type Review = { for: string } & ({ step: "checking" } | { step: "ready" } | { step: "refused"; refusal: Refusal });

export function ReviewedAction({
  request,
  summary,
  button,
  testId,
  what,
  units,
}: {
  /** The call, or null while the form is incomplete. */
  request: Request | null;
  /** What will happen, in human units, shown before the confirmation. */
  summary: ReactNode;
  button: string;
  testId: string;
  /** The status line's name ("Forced transfer"). */
  what: string;
  units?: RefusalUnits;
}) {
  const wagmi = useConfig();
  const tx = useTx(testId);
  const [review, setReview] = useState<Review | null>(null);
  const current = fingerprint(request);
  const shown = review !== null && review.for === current ? review : null;

  async function check(): Promise<void> {
    tx.reset();
    setReview({ for: current, step: "checking" });
    try {
      await simulateContract(wagmi, request);
      setReview({ for: current, step: "ready" });
    } catch (error) {
      setReview({ for: current, step: "refused", refusal: decodeRefusal(error, units) });
    }
  }

  return (
    <div>
      <button disabled={request === null || tx.busy || shown?.step === "checking"} data-testid={testId} onClick={check}>
        {button}…
      </button>
      {shown?.step === "ready" ? (
        <div className="confirm" data-testid={`${testId}-review`}>
          {summary}{" "}
          <button
            disabled={tx.busy}
            data-testid={`${testId}-confirm`}
            onClick={async () => {
              setReview(null);
              await tx.send(request, { label: what, units });
            }}
          >
            Confirm
          </button>{" "}
          <button onClick={() => setReview(null)}>Cancel</button>
        </div>
      ) : null}
      {shown?.step === "refused" ? (
        <TxLine
          state={{ status: "failed", refusal: shown.refusal }}
          label={`${what} (checked, nothing sent): `}
          testId="review-refusal"
        />
      ) : null}
      <TxStatus state={tx.state} what={what} />
    </div>
  );
}
