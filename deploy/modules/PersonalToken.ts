import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * One person's token, created through the system's factory by the person's own key (the registrar must have
 * verified them first). Deploy it once per person with a deployment id of its own, e.g.
 * `npx hardhat ignition deploy deploy/modules/PersonalToken.ts --network sepolia --deployment-id chain-11155111-token-ALICE
 *   --parameters deploy/parameters/alice.json`.
 *
 * Parameters: `factory` (address), `name`, `symbol`, `initialSupply` (share base units, 18 decimals), `capBps`
 * (≤ 10,000), `quoteAsset` (address; the zero address for ETH).
 */
export default buildModule("PersonalToken", (m) => {
  const factory = m.contractAt("PersonalTokenFactory", m.getParameter<string>("factory"));
  const creation = m.call(factory, "createToken", [
    m.getParameter<string>("name"),
    m.getParameter<string>("symbol"),
    m.getParameter<bigint>("initialSupply"),
    m.getParameter<number>("capBps"),
    m.getParameter<string>("quoteAsset", "0x0000000000000000000000000000000000000000"),
  ]);
  const token = m.contractAt("PersonalToken", m.readEventArgument(creation, "TokenCreated", "token"), { id: "Token" });
  const distributor = m.contractAt("GainsDistributor", m.readEventArgument(creation, "TokenCreated", "distributor"), {
    id: "Distributor",
  });
  return { token, distributor };
});
