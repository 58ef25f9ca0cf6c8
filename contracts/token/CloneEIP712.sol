// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";

/// @title CloneEIP712
/// @notice The EIP-712 domain of an ERC-1167 clone: its own name and address, never the implementation's
/// (OpenZeppelin's non-upgradeable `EIP712` caches both at construction, which a clone never runs).
/// @dev Version "1"; the domain is computed per call, so it follows the chain id and needs no storage.
abstract contract CloneEIP712 is IERC5267 {
    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 private constant VERSION_HASH = keccak256("1");

    /// @notice ERC-5267: the EIP-712 domain signatures for this contract are made over.
    /// @return fields The fields used: name, version, chain id, verifying contract.
    /// @return name The domain name.
    /// @return version "1".
    /// @return chainId The chain id.
    /// @return verifyingContract This contract.
    /// @return salt Unused.
    /// @return extensions None.
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        return (hex"0f", _domainName(), "1", block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    /// @dev The EIP-712 digest of `structHash` in this contract's domain.
    function _hashTypedData(bytes32 structHash) internal view returns (bytes32) {
        bytes32 domainSeparator = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(_domainName())), VERSION_HASH, block.chainid, address(this))
        );
        return MessageHashUtils.toTypedDataHash(domainSeparator, structHash);
    }

    /// @dev The domain name, read per clone.
    function _domainName() internal view virtual returns (string memory);
}
