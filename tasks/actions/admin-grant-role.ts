import { cliAction, roleId, sendTx, type Context, type TxInfo } from "../lib/index.js";

export interface RoleParams {
  role: string;
  account: string;
}

export interface RoleResult {
  role: string;
  roleId: string;
  account: string;
  hasRole: boolean;
  txs: TxInfo[];
}

/** The admin gives the registrar or arbiter role of the registry to `account`. */
export async function grantRole(ctx: Context, p: RoleParams): Promise<RoleResult> {
  const { id, name } = roleId(p.role);
  const account = ctx.account(p.account, "account");
  const registry = ctx.registry();
  const { tx } = await sendTx(ctx, `grant ${name}`, await registry.getAddress(), () => registry.grantRole(id, account));
  return { role: name, roleId: id, account, hasRole: await registry.hasRole(id, account), txs: [tx] };
}

export default cliAction(grantRole, (r, ctx) => [`${ctx.label(r.account)} is now ${r.role}`]);
