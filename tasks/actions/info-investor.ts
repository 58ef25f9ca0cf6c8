import { ZeroAddress } from "ethers";
import { cliAction, fields, type Context } from "../lib/index.js";

export interface InvestorInfo {
  investor: string;
  verified: boolean;
  verifiedUntil: bigint;
  banned: boolean;
  kickCount: bigint;
  roles: string[];
  ownedToken?: string;
  hasOwnedToken?: boolean;
  display: { verifiedUntil: string };
}

export interface InvestorInfoParams {
  address: string;
}

/** An address's record in the registry: verification, expiry, ban, kick count (and roles, owned token). */
export async function investorInfo(ctx: Context, p: InvestorInfoParams): Promise<InvestorInfo> {
  const investor = ctx.account(p.address, "address");
  const registry = ctx.registry();
  await ctx.now(); // the chain time, for "verified until … (in 300 d)"
  const [verified, verifiedUntil, banned, kickCount] = await Promise.all([
    registry.isVerified(investor),
    registry.verifiedUntil(investor),
    registry.isBanned(investor),
    registry.kickCount(investor),
  ]);
  const roles: string[] = [];
  for (const [name, id] of [
    ["admin", ctx.ethers.ZeroHash],
    ["registrar", ctx.ethers.id("REGISTRAR_ROLE")],
    ["arbiter", ctx.ethers.id("ARBITER_ROLE")],
  ]) {
    if (await registry.hasRole(id, investor)) roles.push(name);
  }
  let ownedToken: string | undefined;
  let hasOwnedToken: boolean | undefined;
  if (ctx.addresses.factory !== undefined) {
    const factory = ctx.factory();
    ownedToken = await factory.tokenOf(investor);
    hasOwnedToken = await factory.hasOwnedToken(investor);
  }
  return {
    investor,
    verified,
    verifiedUntil,
    banned,
    kickCount,
    roles,
    ownedToken,
    hasOwnedToken,
    display: { verifiedUntil: verifiedUntil === 0n ? "never verified (or revoked)" : ctx.when(verifiedUntil) },
  };
}

export default cliAction(
  investorInfo,
  (r, ctx) => [
    `${ctx.label(r.investor)}${ctx.label(r.investor) !== r.investor ? ` (${r.investor})` : ""}`,
    ...fields([
      ["verified", r.verified ? "yes" : "no"],
      ["verified until", r.display.verifiedUntil],
      ["banned", r.banned ? "yes" : "no"],
      ["kick count", r.kickCount.toString()],
      ["roles", r.roles.length === 0 ? "none" : r.roles.join(", ")],
      ...(r.ownedToken !== undefined
        ? [
            [
              "token",
              r.ownedToken === ZeroAddress
                ? r.hasOwnedToken === true
                  ? "none (owned one before)"
                  : "none"
                : r.ownedToken,
            ] as [string, string],
          ]
        : []),
    ]),
  ],
  { readOnly: true },
);
