import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The whole personal-token system: the shared investor registry, the share market, the token, distributor and
 * Holdings implementations (cloned per person) and the factory, wired once: the market trusts the factory's tokens and the
 * registry takes kick records from the market. Tests build their fixtures with this module, so tests and real
 * deployments take one path.
 *
 * Parameters: `admin`, `registrar`, `arbiter` (addresses; default to the deployer, for local use only).
 * The deployer (account 0) must send the two binding calls, which only it may make, once.
 */
export default buildModule("PersonalTokenSystem", (m) => {
  const deployer = m.getAccount(0);
  const admin = m.getParameter("admin", deployer);
  const registrar = m.getParameter("registrar", deployer);
  const arbiter = m.getParameter("arbiter", deployer);

  const registry = m.contract("InvestorRegistry", [admin, registrar, arbiter]);
  const market = m.contract("ShareMarket", [registry]);
  const distributorImplementation = m.contract("GainsDistributor", []);
  const tokenImplementation = m.contract("PersonalToken", [registry, distributorImplementation, market]);
  const holdingsImplementation = m.contract("Holdings", [market]);
  const factory = m.contract("PersonalTokenFactory", [
    registry,
    tokenImplementation,
    distributorImplementation,
    holdingsImplementation,
  ]);

  m.call(market, "bindFactory", [factory], { from: deployer });
  m.call(registry, "bindMarket", [market], { from: deployer });

  return { registry, market, factory, tokenImplementation, distributorImplementation, holdingsImplementation };
});
