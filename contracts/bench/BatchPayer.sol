// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Benchmark helper, not deployed in production: NatSpec rules do not apply.
// solhint-disable use-natspec

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice Pays many holders in one transaction with plain ERC-20 transfers (the Disperse pattern: pull the total
/// once, then one `transfer` per holder): the loop `npm run bench:peers` sets beside a pro-rata distribution.
contract BatchPayer {
    using SafeERC20 for IERC20;

    error LengthMismatch();

    function pay(IERC20 token, address[] calldata holders, uint256[] calldata amounts, uint256 total) external {
        if (holders.length != amounts.length) revert LengthMismatch();
        token.safeTransferFrom(msg.sender, address(this), total);
        for (uint256 i; i < holders.length; ++i) {
            token.safeTransfer(holders[i], amounts[i]);
        }
    }
}
