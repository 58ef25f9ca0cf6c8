import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * A mock USD stablecoin (6 decimals, anyone may mint) for trying personal tokens priced in dollars on a local
 * `npx hardhat node`; never for a public network. It mints `amount` (base units, default 1,000,000 mUSD) to the
 * deploying account; `npx hardhat --network localhost local mint-usd <to> <amount>` mints to anyone else:
 * `npx hardhat ignition deploy deploy/modules/MockUSD.ts --network localhost --deployment-id chain-31337-mock-usd`.
 */
export default buildModule("MockUSD", (m) => {
  const usd = m.contract("MockERC20", ["Mock USD", "mUSD", 6], { id: "MockUSD" });
  m.call(usd, "mint", [m.getAccount(0), m.getParameter<bigint>("amount", 1_000_000_000_000n)]);
  return { usd };
});
