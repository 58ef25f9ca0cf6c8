// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test double, not deployed: NatSpec and the low-level-call and assembly rules do not apply.
// solhint-disable use-natspec, avoid-low-level-calls, no-inline-assembly, gas-custom-errors

/// @notice Test account that refuses ETH, to prove a failed payout reverts instead of losing funds.
contract RejectingReceiver {
    function call(address target, bytes calldata data) external returns (bytes memory result) {
        bool ok;
        (ok, result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
    }
}
