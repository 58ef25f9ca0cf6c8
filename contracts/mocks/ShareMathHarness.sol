// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShareMath} from "../libraries/ShareMath.sol";

/// @notice Exposes ShareMath to the client tests, which check that the TypeScript `costOf` computes what the contracts
/// charge.
contract ShareMathHarness {
    /// @notice ShareMath.costOf.
    /// @param shares Share units (18 decimals).
    /// @param pricePerShare Quote units per whole share.
    /// @return The cost, rounded up.
    function costOf(uint256 shares, uint256 pricePerShare) external pure returns (uint256) {
        return ShareMath.costOf(shares, pricePerShare);
    }
}
