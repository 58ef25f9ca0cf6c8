// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test double, not deployed: NatSpec and the low-level-call and assembly rules do not apply.
// solhint-disable use-natspec, avoid-low-level-calls, no-inline-assembly

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test token that misbehaves on `transferFrom`: it either returns false without moving anything, or first
/// calls back into a target (a re-entrancy attempt) and then transfers normally.
contract MisbehavingERC20 is ERC20 {
    bool public returnFalse;
    address public hookTarget;
    bytes public hookData;

    constructor() ERC20("Misbehaving", "BAD") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setReturnFalse(bool value) external {
        returnFalse = value;
    }

    function setHook(address target, bytes calldata data) external {
        hookTarget = target;
        hookData = data;
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        if (returnFalse) return false;
        if (hookTarget != address(0)) {
            (bool ok, bytes memory result) = hookTarget.call(hookData);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(result, 0x20), mload(result))
                }
            }
        }
        return super.transferFrom(from, to, value);
    }
}
