// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {PersonalTokenBase} from "./PersonalTokenBase.sol";
import {IPersonalToken} from "../interfaces/IPersonalToken.sol";
import {MAX_SHARE_SUPPLY} from "../Limits.sol";

/// @title OwnerPermissions
/// @notice The owner's permissions for moves between two investors: on-chain (`approveTransfer`), or signed with
/// EIP-712 (`TransferApproval`, `ListingApproval`) and checked by one function for both, with unordered nonces.
/// Every permission belongs to the owner epoch it was given in: an ownership move voids them all.
abstract contract OwnerPermissions is PersonalTokenBase {
    using BitMaps for BitMaps.BitMap;

    /// @notice EIP-712 type of the owner's signed permission for one move between investors.
    bytes32 public constant TRANSFER_APPROVAL_TYPEHASH = keccak256(
        "TransferApproval(address from,address to,uint256 amount,uint256 nonce,uint256 deadline)"
    );
    /// @notice EIP-712 type of the owner's signed approval of a listing.
    bytes32 public constant LISTING_APPROVAL_TYPEHASH = keccak256(
        "ListingApproval(address seller,uint256 amount,uint256 price,address buyer,uint256 expiry,uint256 nonce,uint256 deadline)"
    );

    /// @inheritdoc IPersonalToken
    function approveTransfer(address from, address to, uint256 amount) external onlyOwner {
        address owner_ = owner();
        if (from == owner_ || to == owner_) revert PermissionWithOwner(owner_);
        if (from == address(0)) revert ERC20InvalidSender(address(0));
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        if (from == to) revert PermissionToSelf(from);
        if (amount > MAX_SHARE_SUPPLY) revert AmountAboveSupplyLimit(amount);
        // Cannot truncate: amount ≤ MAX_SHARE_SUPPLY < 2^128.
        _transferApprovals[from][to] = Permission(uint128(amount), _ownerEpoch);
        emit TransferApproved(from, to, amount);
    }

    /// @inheritdoc IPersonalToken
    function cancelApproval(uint256 nonce) external onlyOwner {
        _useNonce(nonce);
        emit ApprovalCancelled(nonce);
    }

    /// @inheritdoc IPersonalToken
    function useListingApproval(
        address seller,
        uint256 amount,
        uint256 price,
        address buyer,
        uint256 expiry,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _requireMarket();
        _useOwnerSignature(
            keccak256(abi.encode(LISTING_APPROVAL_TYPEHASH, seller, amount, price, buyer, expiry, nonce, deadline)),
            nonce,
            deadline,
            signature
        );
    }

    /// @inheritdoc IPersonalToken
    function transferApproval(address from, address to) external view returns (uint256) {
        return _permissionOf(from, to);
    }

    /// @inheritdoc IPersonalToken
    function ownerEpoch() external view returns (uint64) {
        return _ownerEpoch;
    }

    /// @inheritdoc IPersonalToken
    function nonceUsed(uint256 nonce) external view returns (bool) {
        return _usedNonces.get(nonce);
    }

    /// @dev The one check of a signed approval: not expired, signed by the current owner (ECDSA, or ERC-1271 for a
    /// contract owner) over `structHash` in this token's domain; then its nonce is used.
    function _useOwnerSignature(
        bytes32 structHash,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) internal {
        if (block.timestamp > deadline) revert ApprovalExpired(deadline);
        if (!SignatureChecker.isValidSignatureNowCalldata(owner(), _hashTypedData(structHash), signature)) {
            revert InvalidApprovalSignature();
        }
        _useNonce(nonce);
        emit ApprovalNonceUsed(nonce);
    }

    /// @dev A permission counts only in the owner epoch it was given in.
    function _permissionOf(address from, address to) internal view returns (uint256) {
        Permission memory permission = _transferApprovals[from][to];
        return permission.epoch == _ownerEpoch ? permission.amount : 0;
    }

    function _useNonce(uint256 nonce) internal {
        if (_usedNonces.get(nonce)) revert ApprovalNonceAlreadyUsed(nonce);
        _usedNonces.set(nonce);
    }
}
