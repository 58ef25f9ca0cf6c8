import { getAddress } from "ethers";
import { CliError, cliAction, roleId, sendTx, type Context } from "../lib/index.js";
import type { RoleParams, RoleResult } from "./admin-grant-role.js";

/** The accounts that hold `role` now: every account ever granted it (RoleGranted logs) that still has it. */
async function holdersOf(ctx: Context, role: string): Promise<string[]> {
  const registry = ctx.registry();
  const granted = await registry.queryFilter(registry.filters.RoleGranted(role), 0, "latest");
  const candidates = [...new Set(granted.map((log) => getAddress(log.args.account)))];
  const holds = await Promise.all(candidates.map((account) => registry.hasRole(role, account)));
  return candidates.filter((_, i) => holds[i]);
}

/**
 * The admin takes a role of the registry from `account`. Refuses what would change nothing (the account lacks the
 * role) and what would leave nobody to grant roles (the last admin); asks for confirmation before removing an admin.
 */
export async function revokeRole(ctx: Context, p: RoleParams): Promise<RoleResult> {
  const { id, name } = roleId(p.role);
  const account = ctx.account(p.account, "account");
  const registry = ctx.registry();
  if (!(await registry.hasRole(id, account))) {
    throw new CliError(`${ctx.label(account)} is not ${name}: nothing to revoke, nothing was sent`);
  }
  if (name === "admin") {
    const admins = await holdersOf(ctx, id);
    if (admins.length <= 1) {
      throw new CliError(
        `${ctx.label(account)} is the last admin: revoking it would leave nobody able to appoint registrars or ` +
          `arbiters. Grant the admin role to another account first (admin grant-role admin <account>); nothing was sent`,
      );
    }
    ctx.confirmBeforeSending(`Remove ${ctx.label(account)} as admin (${admins.length - 1} admin(s) remain)?`);
  }
  const { tx } = await sendTx(ctx, `revoke ${name}`, await registry.getAddress(), () =>
    registry.revokeRole(id, account),
  );
  return { role: name, roleId: id, account, hasRole: await registry.hasRole(id, account), txs: [tx] };
}

export default cliAction(revokeRole, (r, ctx) => [`${ctx.label(r.account)} is no longer ${r.role}`]);
