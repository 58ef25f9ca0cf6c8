// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Test double, not deployed: NatSpec and the low-level-call and assembly rules do not apply.
// solhint-disable use-natspec, avoid-low-level-calls, no-inline-assembly, gas-custom-errors

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice Minimal smart-contract wallet (a stand-in for a multisig): its signer's ECDSA signatures are the
/// wallet's ERC-1271 signatures, and the signer can make the wallet call anything.
contract MockSmartWallet is IERC1271 {
    address public immutable signer;

    constructor(address signer_) {
        signer = signer_;
    }

    receive() external payable {}

    function execute(address target, uint256 value, bytes calldata data) external returns (bytes memory result) {
        require(msg.sender == signer, "not signer");
        bool ok;
        (ok, result) = target.call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && recovered == signer ? this.isValidSignature.selector : bytes4(0);
    }
}
