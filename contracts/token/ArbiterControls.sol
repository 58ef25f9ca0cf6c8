// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC7943Fungible} from "../interfaces/IERC7943.sol";
import {IPersonalToken} from "../interfaces/IPersonalToken.sol";
import {ShareRules} from "./ShareRules.sol";
import {IHoldings} from "../interfaces/IHoldings.sol";
import {IPersonalTokenFactory} from "../interfaces/IPersonalTokenFactory.sol";
import {MAX_SHARE_SUPPLY} from "../Limits.sol";

/// @title ArbiterControls
/// @notice The neutral arbiter's powers in every token (ERC-7943): forced transfers that reverse fraud or enforce a
/// court order, freezes, and the pause. Built on the share rules, which a forced transfer keeps in part (receiver,
/// cap) and sets aside in part (pause, bans, locks, permissions). Ownership recovery is in `PersonalToken`, with the
/// other ownership moves.
abstract contract ArbiterControls is ShareRules {
    /// @inheritdoc IERC7943Fungible
    /// @dev Keeps the receiver rule and the cap; ignores pause, bans, locks and permissions. Frozen shares it takes
    /// are unfrozen first (ERC-7943). Locked shares it takes shrink the grant so that min(unvested, remaining) stays
    /// locked. Moving a whole wallet to an address with no shares and no grant (a lost-wallet recovery) carries the
    /// grant, the purchase record and the pro-rata status along; a transfer of nothing moves no records (else it would
    /// clear a kicked wallet's flags and let a second kick count twice in the registry).
    function forcedTransfer(address from, address to, uint256 amount) external returns (bool) {
        _checkArbiter();
        if (from == to) revert ForcedTransferToSelf(from);
        uint256 balance = balanceOf(from);
        if (amount > balance) revert ERC20InsufficientBalance(from, balance, amount);
        Holder storage sender = _holders[from];
        uint256 frozen = sender.frozen;
        uint256 remaining = balance - amount;
        if (remaining < frozen) {
            // amount > unfrozen: release exactly the frozen shares taken.
            uint256 unfrozen = balance > frozen ? balance - frozen : 0;
            uint256 stillFrozen = frozen - (amount - unfrozen);
            sender.frozen = uint128(stillFrozen);
            emit Frozen(from, stillFrozen);
        }
        if (amount != 0 && amount == balance && balanceOf(to) == 0 && !_holders[to].hasGrant) {
            _moveHolderRecords(from, to);
        } else if (sender.hasGrant) {
            _shrinkGrant(from, remaining);
        }
        _transfer(from, to, amount);
        emit ForcedTransfer(from, to, amount);
        // Shares forced out of a Holdings leave with their basis: it books that before anything else can move them.
        if (amount != 0 && IPersonalTokenFactory(factory()).tokenOfHoldings(from) != address(0)) {
            IHoldings(from).onForcedTransfer(amount);
        }
        return true;
    }

    /// @inheritdoc IERC7943Fungible
    function setFrozenTokens(address account, uint256 amount) external returns (bool) {
        _checkArbiter();
        if (amount > MAX_SHARE_SUPPLY) revert AmountAboveSupplyLimit(amount);
        _holders[account].frozen = uint128(amount);
        emit Frozen(account, amount);
        return true;
    }

    /// @inheritdoc IERC7943Fungible
    function getFrozenTokens(address account) external view returns (uint256) {
        return _holders[account].frozen;
    }

    /// @inheritdoc IPersonalToken
    function pause() external {
        _checkArbiter();
        _pause();
    }

    /// @inheritdoc IPersonalToken
    function unpause() external {
        _checkArbiter();
        _unpause();
    }
}
