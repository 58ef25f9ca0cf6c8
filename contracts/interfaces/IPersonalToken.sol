// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IInvestorRegistry} from "./IInvestorRegistry.sol";

/// @title Personal token: one person's permissioned share ledger
/// @notice Shares may be held by the owner and by investors verified in the registry; at most `capBps` of the supply
/// may be outside the owner's wallet; moves between two investors need the owner's permission, given on-chain
/// (`approveTransfer`) or by an EIP-712 signature (`transferWithApproval`).
interface IPersonalToken {
    /// @notice The owner allowed `from` to move up to `amount` shares to `to` (replacing any earlier allowance).
    /// @param from The holder who may send.
    /// @param to The investor who may receive.
    /// @param amount The amount allowed (0 withdraws the permission).
    event TransferApproved(address indexed from, address indexed to, uint256 amount);

    /// @notice A signed transfer approval with `nonce` was presented and used.
    /// @param nonce The owner's nonce, now used.
    event ApprovalNonceUsed(uint256 indexed nonce);

    /// @notice The owner cancelled the unused signed approval `nonce`.
    /// @param nonce The owner's nonce, now unusable.
    event ApprovalCancelled(uint256 indexed nonce);

    /// @notice The cap on outside shares was lowered.
    /// @param previousCapBps The cap before, in basis points of the supply.
    /// @param newCapBps The cap now.
    event CapLowered(uint16 previousCapBps, uint16 newCapBps);

    /// @notice The arbiter moved ownership, and the owner's shares, to `newOwner` after the owner lost a wallet.
    /// @param previousOwner The lost wallet.
    /// @param newOwner The person's new verified wallet.
    event OwnershipRecovered(address indexed previousOwner, address indexed newOwner);

    /// @notice Only the factory initializes a token, once.
    error InitializationNotAllowed();

    /// @notice The implementation contract only serves clones; it cannot be initialized or used directly.
    error ImplementationNotUsable();

    /// @notice Only an arbiter of the registry may do this.
    /// @param caller The rejected caller.
    error CallerNotArbiter(address caller);

    /// @notice Outside shares would exceed the cap.
    /// @param outsideShares Shares outside the owner's wallet after the change.
    /// @param maxOutsideShares `capBps × totalSupply / 10,000` after the change.
    error CapExceeded(uint256 outsideShares, uint256 maxOutsideShares);

    /// @notice `lowerCap` only lowers.
    /// @param currentCapBps The current cap.
    /// @param requestedCapBps The requested cap.
    error CapNotLowered(uint16 currentCapBps, uint16 requestedCapBps);

    /// @notice Total supply would exceed `MAX_SUPPLY` (10^36 units), the bound that keeps all accounting in range.
    /// @param totalSupply The supply the change would produce.
    error SupplyLimitExceeded(uint256 totalSupply);

    /// @notice Amount must be greater than zero.
    error ZeroAmount();

    /// @notice A permission between these two addresses is meaningless: one is the owner, the zero address, or both
    /// are the same.
    /// @param from The sender.
    /// @param to The receiver.
    error PermissionNotApplicable(address from, address to);

    /// @notice The signed approval's deadline has passed.
    /// @param deadline The deadline signed.
    error ApprovalExpired(uint256 deadline);

    /// @notice The signed approval's nonce was used or cancelled.
    /// @param nonce The nonce.
    error ApprovalNonceAlreadyUsed(uint256 nonce);

    /// @notice The signature is not the owner's over this exact approval.
    error InvalidApprovalSignature();

    /// @notice Ownership can only move, never be renounced.
    error OwnershipCannotBeRenounced();

    /// @notice The new owner wallet must be verified, not the current owner, and never have owned a personal token.
    /// @param newOwner The rejected wallet.
    error InvalidNewOwner(address newOwner);

    /// @notice Called by the factory right after cloning.
    /// @param owner_ The person; receives `initialSupply`.
    /// @param name_ ERC-20 name, also the EIP-712 domain name.
    /// @param symbol_ ERC-20 symbol.
    /// @param initialSupply Shares minted to the owner (18 decimals).
    /// @param capBps_ Cap on outside shares, in basis points of the supply.
    /// @param quoteAsset_ Asset shares are priced in (address(0) for ETH).
    function initialize(
        address owner_,
        string calldata name_,
        string calldata symbol_,
        uint256 initialSupply,
        uint16 capBps_,
        address quoteAsset_
    ) external;

    /// @notice Mints `amount` new shares to `to`, diluting everyone, within the cap. Owner only.
    /// @param to Owner or verified investor.
    /// @param amount Shares to mint.
    function issue(address to, uint256 amount) external;

    /// @notice Lowers the cap on outside shares; it can never be raised. Owner only.
    /// @param newCapBps The new cap, below the current one and at least the current outside share.
    function lowerCap(uint16 newCapBps) external;

    /// @notice Sets how many shares `from` may move to `to` (overwrites; 0 withdraws). Owner only.
    /// @param from A holder other than the owner.
    /// @param to An investor other than the owner.
    /// @param amount The amount allowed.
    function approveTransfer(address from, address to, uint256 amount) external;

    /// @notice Moves exactly `amount` shares from the caller to `to` with the owner's EIP-712 `TransferApproval`.
    /// @param to The receiver named in the approval.
    /// @param amount The amount named in the approval.
    /// @param nonce The approval's unordered nonce.
    /// @param deadline Last second the approval is valid.
    /// @param signature The owner's signature (ECDSA, or ERC-1271 for a contract owner).
    /// @return True on success.
    function transferWithApproval(address to, uint256 amount, uint256 nonce, uint256 deadline, bytes calldata signature)
        external
        returns (bool);

    /// @notice Makes an unused signed approval unusable. Owner only.
    /// @param nonce The nonce to cancel.
    function cancelApproval(uint256 nonce) external;

    /// @notice Pauses ordinary share movements and issuance. Arbiter only.
    function pause() external;

    /// @notice Ends a pause. Arbiter only.
    function unpause() external;

    /// @notice Moves ownership and the owner's shares to `newWallet`, the person's new verified wallet, after the
    /// owner lost access. Gains earned by the old wallet stay claimable by it. Arbiter only.
    /// @param newWallet The new owner wallet.
    function recoverOwnership(address newWallet) external;

    /// @notice The person who owns this token.
    /// @return The owner wallet.
    function owner() external view returns (address);

    /// @notice The implementation every gains distributor of this system clones.
    /// @return The distributor implementation.
    function distributorImplementation() external view returns (address);

    /// @notice The shared investor registry.
    /// @return The registry.
    function registry() external view returns (IInvestorRegistry);

    /// @notice The factory that created this token.
    /// @return The factory.
    function factory() external view returns (address);

    /// @notice This token's gains distributor.
    /// @return The distributor.
    function distributor() external view returns (address);

    /// @notice The asset shares are priced in (address(0) for ETH).
    /// @return The quote asset.
    function quoteAsset() external view returns (address);

    /// @notice The cap on outside shares in basis points of the supply.
    /// @return The cap.
    function capBps() external view returns (uint16);

    /// @notice Total supply minus the owner's balance.
    /// @return Outside shares.
    function outsideShares() external view returns (uint256);

    /// @notice How many shares `from` may still move to `to` under on-chain permission.
    /// @param from The sender.
    /// @param to The receiver.
    /// @return The remaining permitted amount.
    function transferApproval(address from, address to) external view returns (uint256);

    /// @notice Whether the owner's signed-approval `nonce` was used or cancelled.
    /// @param nonce The nonce.
    /// @return True if used.
    function nonceUsed(uint256 nonce) external view returns (bool);
}
