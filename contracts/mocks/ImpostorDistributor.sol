// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test double, not deployed: NatSpec rules do not apply.
// solhint-disable use-natspec

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IGainsDistributor} from "../interfaces/IGainsDistributor.sol";

/// @notice A contract that poses as a real personal token's gains distributor: `token()` names that token, and it
/// calls `distribute` exactly as a forwarding `claimFor` does, with the token as memo. It must not be able to open an
/// asset's book in another distributor.
contract ImpostorDistributor {
    address public immutable token;

    constructor(address token_) {
        token = token_;
    }

    /// Deposits `amount` of `asset` (ETH sent along, or an ERC-20 this contract holds) into `target` with
    /// `memo = bytes32(uint256(uint160(token)))`, like a forwarded gain.
    function forward(IGainsDistributor target, address asset, uint256 amount) external payable {
        bytes32 memo = bytes32(uint256(uint160(token)));
        if (asset == address(0)) {
            target.distribute{value: amount}(asset, amount, memo);
        } else {
            IERC20(asset).approve(address(target), amount);
            target.distribute(asset, amount, memo);
        }
    }
}
