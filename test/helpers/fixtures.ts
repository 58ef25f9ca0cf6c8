import { network } from "hardhat";
import PersonalTokenSystem from "../../deploy/modules/PersonalTokenSystem.js";
import type {
  GainsDistributor,
  InvestorRegistry,
  PersonalToken,
  PersonalTokenFactory,
} from "../../types/ethers-contracts/index.js";

export const connection = await network.create();
export const { ethers, networkHelpers, ignition } = connection;

export const ONE_YEAR = 365n * 24n * 60n * 60n;
export const SHARE = 10n ** 18n;
export const ZERO_ADDRESS = ethers.ZeroAddress;

/** Deploys the system through the Ignition module, with separate admin, registrar and arbiter accounts. */
export async function deploySystem() {
  const [deployer, admin, registrar, arbiter, alice, bob, carol, dave, mallory, ...others] = await ethers.getSigners();
  const { registry, factory, tokenImplementation, distributorImplementation } = await ignition.deploy(
    PersonalTokenSystem,
    { parameters: { PersonalTokenSystem: { admin: admin.address, registrar: registrar.address, arbiter: arbiter.address } } },
  );
  return {
    deployer, admin, registrar, arbiter, alice, bob, carol, dave, mallory, others,
    registry: registry as unknown as InvestorRegistry,
    factory: factory as unknown as PersonalTokenFactory,
    tokenImplementation: tokenImplementation as unknown as PersonalToken,
    distributorImplementation: distributorImplementation as unknown as GainsDistributor,
  };
}
