// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ISharedErrors
/// @notice The errors more than one contract of the system raises, declared once. Contracts raise them by their
/// qualified name (`revert ISharedErrors.ZeroAmount()`), so each contract's ABI lists only the ones it can raise.
interface ISharedErrors {
    /// @notice The amount must be greater than zero.
    error ZeroAmount();

    /// @notice Only the share market may do this.
    /// @param caller The rejected caller.
    error CallerNotMarket(address caller);

    /// @notice Only a personal token created by this system's factory may do this.
    /// @param caller The rejected caller.
    error CallerNotToken(address caller);

    /// @notice The implementation contract only serves clones; it cannot be initialized or used directly.
    error ImplementationNotUsable();

    /// @notice The ETH sent with the call must equal the amount due (none when paying in an ERC-20).
    /// @param sent The ETH sent, in wei.
    /// @param expected The ETH due, in wei.
    error EthValueMismatch(uint256 sent, uint256 expected);

    /// @notice Only the deployer binds the system's contracts to each other, once, at deployment.
    /// @param caller The rejected caller.
    error CallerNotDeployer(address caller);

    /// @notice This binding was made once, at deployment, and cannot change.
    /// @param bound The address bound already.
    error AlreadyBound(address bound);

    /// @notice A binding needs a contract address, not the zero address.
    error BindingToZeroAddress();

    /// @notice The arbiter paused this token: no shares move until it is unpaused.
    error EnforcedPause();
}
