// The registry's roles (OpenZeppelin AccessControl): their ids as the contract computes them
// (`keccak256("REGISTRAR_ROLE")`, test/client checks them against the contract) and their names for people.

export type RoleName = "admin" | "registrar" | "arbiter";

export const ROLE_IDS: Readonly<Record<RoleName, `0x${string}`>> = {
  admin: "0x0000000000000000000000000000000000000000000000000000000000000000",
  registrar: "0xedcc084d3dcd65a1f7f23c65c46722faca6953d28e43150a467cf43e5c309238",
  arbiter: "0xbb08418a67729a078f87bbc8d02a770929bb68f5bfdf134ae2ead6ed38e2f4ae",
};

const LABELS: Readonly<Record<RoleName, string>> = {
  admin: "DEFAULT_ADMIN_ROLE (admin)",
  registrar: "REGISTRAR_ROLE (registrar)",
  arbiter: "ARBITER_ROLE (arbiter)",
};

/** The role named by a person: "registrar", "REGISTRAR_ROLE", "admin", "default_admin"; undefined otherwise. */
export function roleNamed(text: string): RoleName | undefined {
  const name = text
    .trim()
    .toLowerCase()
    .replace(/_role$/, "");
  if (name === "default_admin") return "admin";
  return name in ROLE_IDS ? (name as RoleName) : undefined;
}

/** A role id as people read it ("REGISTRAR_ROLE (registrar)"), or the id itself when it is not one of ours. */
export function roleLabel(id: string): string {
  const name = (Object.keys(ROLE_IDS) as RoleName[]).find((n) => ROLE_IDS[n] === id.toLowerCase());
  return name === undefined ? id : LABELS[name];
}
