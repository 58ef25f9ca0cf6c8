// The registry every console panel talks to.
import { investorRegistryAbi } from "../../../../client/generated/abis.ts";
import { addresses } from "../../config.ts";

export const registry = { address: addresses.registry, abi: investorRegistryAbi } as const;
