// Role consoles for the connected wallet: the registrar's, the arbiter's and the admin's panels, each shown only to a
// wallet that holds the role (read from the registry).
import { useReadContracts } from "wagmi";
import { ROLE_IDS, type RoleName } from "../../../../client/roles.ts";
import { useReadyAccount } from "../../components/Wallet.tsx";
import { shortAddress } from "../../lib/format.ts";
import { Admin } from "./Admin.tsx";
import { Arbiter } from "./Arbiter.tsx";
import { Registrar } from "./Registrar.tsx";
import { registry } from "./registry.ts";

const ROLES: readonly RoleName[] = ["registrar", "arbiter", "admin"];

export function Console() {
  const account = useReadyAccount();
  const { data: held } = useReadContracts({
    contracts: ROLES.map(
      (role) => ({ ...registry, functionName: "hasRole", args: [ROLE_IDS[role], account!] }) as const,
    ),
    query: { enabled: account !== null },
  });
  if (account === null)
    return (
      <section>
        <h1>Console</h1>
        <p>Connect a wallet on the right chain.</p>
      </section>
    );
  const holds = (role: RoleName): boolean => held?.[ROLES.indexOf(role)]?.result === true;
  return (
    <section data-testid="console">
      <h1>Console of {shortAddress(account)}</h1>
      {held !== undefined && !ROLES.some(holds) ? <p>This wallet holds no registrar, arbiter or admin role.</p> : null}
      {holds("registrar") ? <Registrar account={account} /> : null}
      {holds("arbiter") ? <Arbiter account={account} /> : null}
      {holds("admin") ? <Admin account={account} /> : null}
    </section>
  );
}
