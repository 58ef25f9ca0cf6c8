// The admin grants and revokes the registry's roles (registrar, arbiter, admin). As on the command line, a revocation
// that would change nothing is refused, and so is the last admin's (nobody could appoint registrars or arbiters
// again); removing an admin asks for a confirmation.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { getAddress, isAddress, type Address } from "viem";
import { usePublicClient } from "wagmi";
import { ROLE_IDS, type RoleName } from "../../../../client/roles.ts";
import { ReviewedAction } from "../../components/Reviewed.tsx";
import { shortAddress } from "../../lib/format.ts";
import { TxStatus, useTx } from "../../lib/tx.tsx";
import { registry } from "./registry.ts";

const ROLES: readonly RoleName[] = ["registrar", "arbiter", "admin"];

/** The accounts holding each role now: every account ever granted it (RoleGranted logs) that still has it. */
function useRoleHolders() {
  const client = usePublicClient();
  return useQuery({
    queryKey: ["role-holders", registry.address],
    enabled: client !== undefined,
    queryFn: async (): Promise<Record<RoleName, Address[]>> => {
      const logs = await client!.getContractEvents({ ...registry, eventName: "RoleGranted", fromBlock: 0n });
      const result = { registrar: [], arbiter: [], admin: [] } as Record<RoleName, Address[]>;
      for (const role of ROLES) {
        const candidates = [
          ...new Set(logs.filter((l) => l.args.role === ROLE_IDS[role]).map((l) => getAddress(l.args.account!))),
        ];
        const holds = await Promise.all(
          candidates.map((account) =>
            client!.readContract({ ...registry, functionName: "hasRole", args: [ROLE_IDS[role], account] }),
          ),
        );
        result[role] = candidates.filter((_, i) => holds[i]);
      }
      return result;
    },
  });
}

export function Admin({ account }: { account: Address }) {
  const { data: holders } = useRoleHolders();
  const [role, setRole] = useState<RoleName>("registrar");
  const [whoText, setWho] = useState("");
  const who = isAddress(whoText.trim()) ? getAddress(whoText.trim()) : null;
  const tx = useTx("admin-grant");
  const current = holders?.[role];
  const holds = who !== null && current !== undefined ? current.includes(who) : undefined;
  const lastAdmin = role === "admin" && holds === true && current!.length <= 1;
  const revokeRequest =
    who !== null && holds === true && !lastAdmin
      ? { ...registry, functionName: "revokeRole", args: [ROLE_IDS[role], who], account }
      : null;
  return (
    <div className="card" data-testid="admin">
      <h2>Admin</h2>
      <table data-testid="role-holders">
        <tbody>
          {ROLES.map((r) => (
            <tr key={r}>
              <td>{r}</td>
              <td data-testid={`holders-${r}`}>{(holders?.[r] ?? []).join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label>
        Role{" "}
        <select value={role} onChange={(e) => setRole(e.target.value as RoleName)} data-testid="admin-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>{" "}
      <label>
        Account <input value={whoText} onChange={(e) => setWho(e.target.value)} size={44} data-testid="admin-account" />
      </label>
      {holds === undefined ? null : (
        <p data-testid="admin-status">
          {shortAddress(who!)} {holds ? "holds" : "does not hold"} the {role} role.
          {holds === false ? " Nothing to revoke." : ""}
          {lastAdmin
            ? " It is the last admin: revoking it would leave nobody able to appoint registrars or arbiters. Grant the " +
              "admin role to another account first."
            : ""}
        </p>
      )}
      <button
        disabled={who === null || holds !== false || tx.busy}
        data-testid="grant-role"
        onClick={() =>
          tx.send(
            { ...registry, functionName: "grantRole", args: [ROLE_IDS[role], who!], account },
            { label: `Grant ${role}` },
          )
        }
      >
        Grant the {role} role
      </button>
      <TxStatus state={tx.state} what="Grant" />
      <ReviewedAction
        request={revokeRequest}
        button={`Revoke the ${role} role`}
        summary={
          who === null
            ? null
            : `Take the ${role} role from ${shortAddress(who)}` +
              (role === "admin" ? ` (${(current?.length ?? 1) - 1} admin(s) remain).` : ".")
        }
        testId="revoke-role"
        what="Revoke"
      />
    </div>
  );
}
