// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Benchmark helper, not deployed in production: NatSpec rules do not apply.
// solhint-disable use-natspec

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

/// @notice OpenZeppelin's ERC20Votes with open minting: the checkpointing baseline of `npm run bench:peers`
/// (holders delegate to themselves, so every transfer moves voting power).
contract OZVotesToken is ERC20Votes {
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) EIP712(name_, "1") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
