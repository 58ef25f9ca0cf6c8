// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Benchmark helper, not deployed in production: NatSpec rules do not apply.
// solhint-disable use-natspec

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IInvestorRegistry} from "../interfaces/IInvestorRegistry.sol";

/// @notice Creates many verified holders in few transactions, so the gas benchmark can measure distributions
/// with 10,000 holders. Needs the registrar role and an ERC-20 allowance from the token owner.
contract HolderSeeder {
    error SeedFailed(address holder);

    function seed(
        IInvestorRegistry registry,
        IERC20 token,
        address owner,
        uint160 firstHolder,
        uint256 count,
        uint256 sharesEach,
        uint64 verifiedUntil
    ) external {
        for (uint256 i; i < count; ++i) {
            address holder = address(firstHolder + uint160(i));
            registry.verify(holder, verifiedUntil, bytes32(0));
            if (!token.transferFrom(owner, holder, sharesEach)) revert SeedFailed(holder);
        }
    }
}
