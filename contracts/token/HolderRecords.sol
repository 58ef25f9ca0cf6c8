// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Grants} from "./Grants.sol";
import {IPersonalToken} from "../interfaces/IPersonalToken.sol";
import {IPersonalTokenFactory} from "../interfaces/IPersonalTokenFactory.sol";
import {BPS} from "../Limits.sol";

/// @title HolderRecords
/// @notice What the token remembers of each holder beyond its balance: purchases (for the average price, a kick's
/// floor), the last price, the pro-rata right, kicks — the share side of `ShareMarket.kick` — and pledges, which carry
/// purchases to a Holdings.
abstract contract HolderRecords is Grants {
    /// @inheritdoc IPersonalToken
    function setProRataRight(address holder, bool hasRight) external onlyOwner {
        _records[holder].proRataRevoked = !hasRight;
        emit ProRataRightSet(holder, hasRight);
    }

    /// @inheritdoc IPersonalToken
    function kickOut(
        address holder
    ) external whenNotPaused returns (uint256 sharesBoughtBack, uint256 unvestedReturned, bool countsForReputation) {
        _requireMarket();
        address owner_ = owner();
        uint256 balance = balanceOf(holder);
        if (holder == owner_) revert OwnerCannotBeKicked(holder);
        if (balance == 0) revert NothingToKick(holder);
        Holder storage state = _holders[holder];
        if (state.frozen != 0) revert HolderFrozen(holder, state.frozen);
        unvestedReturned = lockedOf(holder);
        sharesBoughtBack = balance - unvestedReturned;
        Record storage record = _records[holder];
        // Reputation counts distinct tokens that kicked an investor who had bought on-chain.
        countsForReputation = record.bought != 0 && !record.kickRecorded;
        record.kicked = true;
        record.proRataRevoked = true;
        if (countsForReputation) record.kickRecorded = true;
        if (state.hasGrant) {
            state.hasGrant = false;
            delete _grants[holder];
        }
        _transfer(holder, owner_, balance);
        emit Kicked(holder, sharesBoughtBack, unvestedReturned);
    }

    /// @inheritdoc IPersonalToken
    function pledge(address from, uint256 shares) external returns (uint256 basis) {
        address holdings = msg.sender;
        if (IPersonalTokenFactory(factory()).tokenOfHoldings(holdings) == address(0)) {
            revert CallerNotHoldings(holdings);
        }
        _checkSender(from, shares);
        _transfer(from, holdings, shares);
        Record storage source = _records[from];
        uint256 bought = source.bought;
        uint256 carried = Math.min(shares, bought);
        if (carried == 0) return 0;
        // Rounded down, in favour of the Holdings' token holders (a lower basis realizes a larger gain).
        basis = carried == bought ? source.paid : Math.mulDiv(source.paid, carried, bought);
        // Cannot underflow: carried ≤ bought and basis ≤ paid, both read from the record.
        unchecked {
            source.paid -= uint112(basis);
            source.bought -= uint120(carried);
        }
        Record storage target = _records[holdings];
        target.paid = uint112(Math.min(uint256(target.paid) + basis, type(uint112).max));
        target.bought = uint120(Math.min(uint256(target.bought) + carried, type(uint120).max));
        emit PurchaseRecordCarried(from, holdings, basis, carried);
    }

    /// @inheritdoc IPersonalToken
    function readmit(address holder) external onlyOwner {
        Record storage record = _records[holder];
        if (!record.kicked) revert NotKicked(holder);
        record.kicked = false;
        emit Readmitted(holder);
    }

    /// @inheritdoc IPersonalToken
    function lastPrice() external view returns (uint256) {
        return _lastPrice;
    }

    /// @inheritdoc IPersonalToken
    function hasProRataRight(address holder) external view returns (bool) {
        Record memory record = _records[holder];
        return holder != owner() && !record.proRataRevoked && !record.kicked;
    }

    /// @inheritdoc IPersonalToken
    function isKicked(address holder) external view returns (bool) {
        return _records[holder].kicked;
    }

    /// @inheritdoc IPersonalToken
    function purchaseOf(address holder) external view returns (uint256 paid, uint256 bought) {
        Record memory record = _records[holder];
        return (record.paid, record.bought);
    }

    /// @inheritdoc IPersonalToken
    function kickFloor(address holder) external view returns (uint256) {
        return Math.max(_lastPrice, averagePurchasePrice(holder));
    }

    /// @notice `holder`'s average purchase price: `ceil(Σ paid × 10^18 / Σ bought)` over its settled purchases and
    /// fills in this token, 0 if none. A kick pays at least this.
    /// @param holder The holder.
    /// @return Quote units per whole share.
    function averagePurchasePrice(address holder) public view returns (uint256) {
        Record memory record = _records[holder];
        if (record.bought == 0) return 0;
        return Math.mulDiv(record.paid, 1e18, record.bought, Math.Rounding.Ceil);
    }

    /// @dev Records a settled purchase or fill of `shares` for `paid` by `buyer`, and the price of a trade of at
    /// least 0.01% of the supply. Both totals saturate rather than revert, so no settlement can ever be blocked: they
    /// are cumulative (shares can be bought, sold and bought again), and the average price (so the kick floor) is
    /// then only understated, which needs more than 2^112 quote units or 2^120 share units bought by one holder.
    function _recordPurchase(address buyer, uint256 shares, uint256 pricePerShare, uint256 paid) internal {
        Record storage record = _records[buyer];
        record.paid = uint112(Math.min(uint256(record.paid) + paid, type(uint112).max));
        record.bought = uint120(Math.min(uint256(record.bought) + shares, type(uint120).max));
        // Dust trades (below 0.01% of the supply after the trade) cannot set the price.
        if (shares * BPS >= totalSupply()) {
            _lastPrice = pricePerShare;
            emit LastPriceUpdated(pricePerShare);
        }
    }

    /// @dev A whole-wallet recovery: the new wallet is the same holder.
    function _moveHolderRecords(address from, address to) internal {
        Holder storage sender = _holders[from];
        if (sender.hasGrant) {
            _grants[to] = _grants[from];
            delete _grants[from];
            sender.hasGrant = false;
            _holders[to].hasGrant = true;
        }
        Record memory moved = _records[from];
        delete _records[from];
        Record storage target = _records[to];
        target.paid = uint112(Math.min(uint256(target.paid) + moved.paid, type(uint112).max));
        target.bought = uint120(Math.min(uint256(target.bought) + moved.bought, type(uint120).max));
        target.proRataRevoked = moved.proRataRevoked;
        target.kickRecorded = target.kickRecorded || moved.kickRecorded;
        emit HolderRecordsMoved(from, to);
    }
}
