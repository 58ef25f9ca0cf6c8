// Signing an approval in the wallet (no gas): the signature leaves as a link the other side opens, with the command
// line's JSON bundle beside it and the nonce to cancel it by while it is unused.
import { useState } from "react";
import { bundleLink, type ApprovalBundle } from "../lib/approvals.ts";
import { decodeRefusal } from "../lib/errors.ts";

export function SignButton({
  sign,
  label,
  testId,
  disabled = false,
  recipient,
}: {
  sign: () => Promise<ApprovalBundle>;
  label: string;
  testId: string;
  disabled?: boolean;
  /** Who opens the link ("the buyer", "the sender"). */
  recipient: string;
}) {
  const [bundle, setBundle] = useState<ApprovalBundle | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(): Promise<void> {
    setError(null);
    setBusy(true);
    try {
      setBundle(await sign());
    } catch (e) {
      setError(decodeRefusal(e).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button disabled={disabled || busy} data-testid={testId} onClick={() => void run()}>
        {label}
      </button>
      {bundle ? (
        <div className="signed" data-testid="signed-approval" data-nonce={bundle.nonce}>
          <p>
            Send this link to {recipient}:{" "}
            <input
              readOnly
              value={bundleLink(bundle)}
              size={40}
              data-testid="approval-link"
              onFocus={(e) => e.target.select()}
            />
          </p>
          <details>
            <summary>The command line's JSON bundle (nonce {bundle.nonce}, to cancel it while unused)</summary>
            <textarea readOnly rows={4} cols={60} value={JSON.stringify(bundle)} data-testid="approval-json" />
          </details>
        </div>
      ) : null}
      {error ? <p className="error">{error}</p> : null}
    </>
  );
}
