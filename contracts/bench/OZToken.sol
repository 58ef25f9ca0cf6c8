// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Benchmark helper, not deployed in production: NatSpec rules do not apply.
// solhint-disable use-natspec

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A plain OpenZeppelin ERC-20 with open minting: the baseline `npm run bench:peers` compares against.
contract OZToken is ERC20 {
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
