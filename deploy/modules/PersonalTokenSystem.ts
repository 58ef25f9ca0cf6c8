import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The whole personal-token system: the shared investor registry, the token and distributor implementations
 * (cloned per person) and the factory. Tests build their fixtures with this module, so tests and real
 * deployments take one path.
 *
 * Parameters: `admin`, `registrar`, `arbiter` (addresses; default to the deployer, for local use only).
 */
export default buildModule("PersonalTokenSystem", (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const registrar = m.getParameter("registrar", deployer);
  const arbiter = m.getParameter("arbiter", deployer);

  const registry = m.contract("InvestorRegistry", [admin, registrar, arbiter]);
  const distributorImplementation = m.contract("GainsDistributor", []);
  const tokenImplementation = m.contract("PersonalToken", [registry, distributorImplementation]);
  const factory = m.contract("PersonalTokenFactory", [registry, tokenImplementation, distributorImplementation]);

  return { registry, factory, tokenImplementation, distributorImplementation };
});
