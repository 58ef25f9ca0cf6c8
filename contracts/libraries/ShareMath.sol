// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {BPS} from "../Limits.sol";

/// @title ShareMath
/// @notice The two formulas every contract prices and caps shares with, written once.
library ShareMath {
    /// @dev What `shares` (18-decimal units) cost at `pricePerShare` quote units per whole share: rounded up, so a
    /// buyer never pays less than the exact price and nobody can buy dust for nothing.
    function costOf(uint256 shares, uint256 pricePerShare) internal pure returns (uint256) {
        return Math.mulDiv(shares, pricePerShare, 1e18, Math.Rounding.Ceil);
    }

    /// @dev The most shares that may be outside the owner's wallet: `supply × capBps / BPS`, rounded down. The
    /// supply includes shares a dilutive all-or-nothing offering still has to mint. Cannot overflow: the supply is at
    /// most MAX_SHARE_SUPPLY = 10^36 and capBps at most BPS.
    function maxOutside(uint256 supply, uint256 capBps) internal pure returns (uint256) {
        return (supply * capBps) / BPS;
    }
}
