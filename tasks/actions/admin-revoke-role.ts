import { cliAction, roleId, sendTx, type Context } from "../lib/index.js";
import type { RoleParams, RoleResult } from "./admin-grant-role.js";

/** The admin takes the registrar or arbiter role of the registry from `account`. */
export async function revokeRole(ctx: Context, p: RoleParams): Promise<RoleResult> {
  const { id, name } = roleId(ctx.ethers, p.role);
  const account = ctx.account(p.account);
  const registry = ctx.registry();
  const { tx } = await sendTx(ctx, `revoke ${name}`, await registry.getAddress(), () => registry.revokeRole(id, account));
  return { role: name, roleId: id, account, hasRole: await registry.hasRole(id, account), txs: [tx] };
}

export default cliAction(revokeRole, (r, ctx) => [`${ctx.label(r.account)} is no longer ${r.role}`],);
