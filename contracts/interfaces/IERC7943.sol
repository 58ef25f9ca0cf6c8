// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/// @title ERC-7943 uRWA, fungible (ERC-20 based) interface
/// @notice Compliance checks, freezing and forced transfers, as in the final ERC-7943 text.
/// @dev Interface id 0x3edbb4c4. OpenZeppelin Contracts 5.7 ships no copy, so it is written out here.
interface IERC7943Fungible is IERC165 {
    /// @notice Emitted when tokens are taken from one address and transferred to another.
    /// @param from The address from which tokens were taken.
    /// @param to The address to which seized tokens were transferred.
    /// @param amount The amount seized.
    event ForcedTransfer(address indexed from, address indexed to, uint256 amount);

    /// @notice Emitted when `setFrozenTokens` is called, changing the frozen `amount` of tokens for `account`.
    /// @param account The address of the account whose tokens are being frozen.
    /// @param amount The amount of tokens frozen after the change.
    event Frozen(address indexed account, uint256 amount);

    /// @notice The sender is banned by the registrar and cannot send shares.
    /// @param account The account which is not allowed to send.
    error ERC7943CannotSend(address account);

    /// @notice The receiver is neither the owner nor an investor verified by the registrar.
    /// @param account The account which is not allowed to receive.
    error ERC7943CannotReceive(address account);

    /// @notice A move between two investors needs the owner's permission.
    /// @param from The sender.
    /// @param to The receiver.
    /// @param amount The amount sent.
    error ERC7943CannotTransfer(address from, address to, uint256 amount);

    /// @notice The amount exceeds the sender's movable shares: some are frozen, unvested or reserved.
    /// @param account The holder.
    /// @param amount The amount being transferred.
    /// @param unfrozen The amount the holder may move.
    error ERC7943InsufficientUnfrozenBalance(address account, uint256 amount, uint256 unfrozen);

    /// @notice Takes tokens from one address and transfers them to another.
    /// @param from The address from which `amount` is taken.
    /// @param to The address that receives `amount`.
    /// @param amount The amount to force transfer.
    /// @return result True if the transfer executed correctly. Reverts on failure.
    function forcedTransfer(address from, address to, uint256 amount) external returns (bool result);

    /// @notice Sets the frozen amount of `account` (it may exceed the balance).
    /// @param account The account whose tokens are frozen.
    /// @param amount The amount to freeze.
    /// @return result True if the freezing executed correctly. Reverts on failure.
    function setFrozenTokens(address account, uint256 amount) external returns (bool result);

    /// @notice Whether `account` may send tokens under the token's rules.
    /// @param account The account to check.
    /// @return allowed True if the account may send.
    function canSend(address account) external view returns (bool allowed);

    /// @notice Whether `account` may receive tokens under the token's rules.
    /// @param account The account to check.
    /// @return allowed True if the account may receive.
    function canReceive(address account) external view returns (bool allowed);

    /// @notice The frozen amount of `account` (it may exceed the balance).
    /// @param account The account.
    /// @return amount The amount currently frozen.
    function getFrozenTokens(address account) external view returns (uint256 amount);

    /// @notice Whether a transfer of `amount` from `from` to `to` is currently allowed.
    /// @param from The sender.
    /// @param to The receiver.
    /// @param amount The amount.
    /// @return allowed True if the transfer is allowed.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool allowed);
}
