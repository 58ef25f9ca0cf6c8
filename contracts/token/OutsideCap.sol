// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PersonalTokenBase} from "./PersonalTokenBase.sol";
import {IPersonalToken} from "../interfaces/IPersonalToken.sol";
import {MAX_SHARE_SUPPLY} from "../Limits.sol";
import {ShareMath} from "../libraries/ShareMath.sol";

/// @title OutsideCap
/// @notice The cap on shares outside the owner's wallet and the supply bound, both counting the shares an unfinished
/// all-or-nothing offering reserves: `outside + reserved ≤ capBps × (supply + reserved if dilutive) / 10,000` and
/// `supply + reserved if dilutive ≤ MAX_SUPPLY`. The market records the offering; the token computes the
/// reservation with the block time, so an offering's end needs no transaction.
/// @dev Invariant (MarketInvariants.invariant_capHoldsWithReservationsCounted): the cap holds after every balance
/// change, reservations counted, so an open offering can always deliver.
abstract contract OutsideCap is PersonalTokenBase {
    /// @notice Upper bound of the total supply (10^18 whole shares). Not above the distributor's 10^36 scale, so a
    /// holder's pro-rata entitlement is never more than one unit short.
    uint256 public constant MAX_SUPPLY = MAX_SHARE_SUPPLY;

    /// @inheritdoc IPersonalToken
    function lowerCap(uint16 newCapBps) external onlyOwner {
        uint16 current = _capBps;
        if (newCapBps >= current) revert CapNotLowered(current, newCapBps);
        _capBps = newCapBps;
        (uint256 reserved, bool dilutive) = _reserved();
        _checkCap(owner(), reserved, dilutive);
        emit CapLowered(current, newCapBps);
    }

    /// @inheritdoc IPersonalToken
    function openReservation(uint256 offered, uint64 end, bool dilutive) external {
        _requireMarket();
        // Cannot truncate: the market opens an offering only within the supply bound, offered ≤ MAX_SUPPLY < 2^120.
        _reservation = Reservation(uint120(offered), end, dilutive);
        _reservedSales = ReservedSales(0, false);
        _reservationActive = true;
        emit ReservationOpened(offered, end, dilutive);
    }

    /// @inheritdoc IPersonalToken
    function updateReservation(uint256 pending, bool minimumReached) external {
        _requireMarket();
        // Cannot truncate: pending ≤ offered < 2^120.
        _reservedSales = ReservedSales(uint120(pending), minimumReached);
        emit ReservationUpdated(pending, minimumReached);
    }

    /// @inheritdoc IPersonalToken
    function closeReservation() external {
        _requireMarket();
        _reservationActive = false;
        emit ReservationClosed();
    }

    /// @inheritdoc IPersonalToken
    function capBps() external view returns (uint16) {
        return _capBps;
    }

    /// @inheritdoc IPersonalToken
    function outsideShares() public view returns (uint256) {
        return totalSupply() - balanceOf(owner());
    }

    /// @inheritdoc IPersonalToken
    function reservedShares() external view returns (uint256 reserved, bool dilutive) {
        return _reserved();
    }

    /// @dev Computed from what the market recorded and the block time, so an offering's end needs no transaction.
    function _reserved() internal view returns (uint256 reserved, bool dilutive) {
        if (!_reservationActive) return (0, false);
        Reservation memory r = _reservation;
        if (block.timestamp <= r.end) return (r.offered, r.dilutive);
        ReservedSales memory sales = _reservedSales;
        if (sales.minimumReached) return (sales.pending, r.dilutive);
    }

    /// @dev Shares an unfinished all-or-nothing offering reserves count as outside; a sell-down's stay put.
    function _checkCap(address owner_, uint256 reserved, bool dilutive) internal view {
        uint256 ownerBalance = balanceOf(owner_);
        if (!dilutive && ownerBalance < reserved) revert ReservedSharesLocked(ownerBalance, reserved);
        (uint256 outside, uint256 maxOutside) = _capRoom(ownerBalance, totalSupply(), reserved, dilutive);
        if (outside > maxOutside) revert CapExceeded(outside, maxOutside);
    }

    /// @dev The cap rule's two sides for an owner balance and a supply, reservations counted; shared by the enforcing
    /// check and by the views, so the answers and the rule cannot drift apart.
    function _capRoom(
        uint256 ownerBalance,
        uint256 supply,
        uint256 reserved,
        bool dilutive
    ) internal view returns (uint256 outside, uint256 maxOutside) {
        outside = supply - ownerBalance + reserved;
        maxOutside = ShareMath.maxOutside(dilutive ? supply + reserved : supply, _capBps);
    }
}
