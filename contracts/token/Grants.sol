// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {PersonalTokenBase} from "./PersonalTokenBase.sol";
import {IPersonalToken} from "../interfaces/IPersonalToken.sol";
import {ISharedErrors} from "../interfaces/ISharedErrors.sol";

/// @title Grants
/// @notice Shares for help that is not capital: moved from the owner at once, locked until they vest (nothing before
/// `start + cliff`, then linearly until `start + duration`); the owner can take back the unvested part.
abstract contract Grants is PersonalTokenBase {
    /// @inheritdoc IPersonalToken
    function grant(
        address to,
        uint256 amount,
        uint64 start,
        uint64 cliff,
        uint64 duration,
        bytes32 reason
    ) external onlyOwner whenNotPaused {
        if (amount == 0) revert ISharedErrors.ZeroAmount();
        if (to == owner()) revert OwnerCannotReceiveGrant(to);
        if (duration == 0) revert GrantWithoutDuration();
        if (cliff > duration) revert CliffAfterDuration(cliff, duration);
        if (duration > type(uint32).max) revert GrantDurationTooLong(duration, type(uint32).max);
        Holder storage holder = _holders[to];
        if (holder.hasGrant && _unvested(_grants[to]) != 0) revert GrantInProgress(to);
        address owner_ = owner();
        // A grant moves the owner's shares: her sender rules hold as for any move of hers.
        _checkSender(owner_, amount);
        holder.hasGrant = true;
        _transfer(owner_, to, amount);
        // Cannot truncate: amount ≤ MAX_SUPPLY < 2^128 (the transfer succeeded); cliff ≤ duration < 2^32.
        _grants[to] = Grant(uint128(amount), start, uint32(cliff), uint32(duration));
        emit Granted(to, amount, start, cliff, duration, reason);
    }

    /// @inheritdoc IPersonalToken
    function cancelGrant(address holder) external onlyOwner whenNotPaused {
        uint256 returned = lockedOf(holder);
        if (returned == 0) revert NoUnvestedShares(holder);
        uint256 frozen = _holders[holder].frozen;
        if (frozen != 0) revert HolderFrozen(holder, frozen);
        delete _grants[holder];
        _holders[holder].hasGrant = false;
        _transfer(holder, owner(), returned);
        emit GrantCancelled(holder, returned);
    }

    /// @inheritdoc IPersonalToken
    function lockedOf(address holder) public view returns (uint256) {
        if (!_holders[holder].hasGrant) return 0;
        return Math.min(_unvested(_grants[holder]), balanceOf(holder));
    }

    /// @inheritdoc IPersonalToken
    function grantOf(
        address holder
    ) external view returns (uint256 amount, uint64 start, uint64 cliff, uint64 duration) {
        Grant memory g = _grants[holder];
        return (g.amount, g.start, g.cliff, g.duration);
    }

    /// @dev Unvested shares of a grant now: all before `start + cliff`, then linearly fewer until `start + duration`.
    function _unvested(Grant memory g) internal view returns (uint256) {
        uint256 start = g.start;
        if (block.timestamp < start + g.cliff) return g.amount;
        uint256 elapsed = block.timestamp - start;
        if (elapsed >= g.duration) return 0;
        return g.amount - (g.amount * elapsed) / g.duration;
    }

    /// @dev After a forced transfer leaves `remaining` shares, keeps min(unvested, remaining) locked by scaling the
    /// grant (its schedule shape unchanged). `lockedOf` never reports more than the balance, which absorbs the
    /// rounding of the new total.
    function _shrinkGrant(address holder, uint256 remaining) internal {
        Grant storage g = _grants[holder];
        uint256 unvested = _unvested(g);
        if (unvested <= remaining) return;
        // unvested > remaining ≥ 0, and the result is < g.amount < 2^128.
        uint128 scaled = uint128(Math.mulDiv(g.amount, remaining, unvested));
        g.amount = scaled;
        emit GrantScaled(holder, scaled);
    }
}
