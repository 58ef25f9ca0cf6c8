// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {OutsideCap} from "./OutsideCap.sol";
import {OwnerPermissions} from "./OwnerPermissions.sol";
import {HolderRecords} from "./HolderRecords.sol";
import {IERC7943Fungible} from "../interfaces/IERC7943.sol";
import {IPersonalToken} from "../interfaces/IPersonalToken.sol";
import {IGainsDistributor} from "../interfaces/IGainsDistributor.sol";
import {IPersonalTokenFactory} from "../interfaces/IPersonalTokenFactory.sol";

/// @title ShareRules
/// @notice Who may hold, send and receive shares, in one place: `_update`, the choke point of every balance change
/// (receiver rule, supply bound, cap, gains bookkeeping), and the sender rules and owner's permission every ordinary
/// move adds. The ERC-7943 and ERC-1404 views answer from the same rules.
/// @dev Ordinary moves check, in this order (the ERC-1404 codes): paused, sender banned, balance, movable balance
/// (`balance − frozen − locked`), zero receiver, receiver not allowed, receiver kicked, cap, owner's permission.
abstract contract ShareRules is OutsideCap, OwnerPermissions, HolderRecords {
    // ERC-1404 restriction codes, in the order `transfer` checks its rules; each is one custom error (see
    // `detectTransferRestriction`), and each message below is that error's explanation, word for word: its `@notice`
    // (or, for OpenZeppelin's ERC-20 errors, its line in client/inherited-errors.ts). test/PersonalToken.ts checks it.
    uint8 private constant NO_RESTRICTION = 0;
    uint8 private constant PAUSED = 1;
    uint8 private constant SENDER_BANNED = 2;
    uint8 private constant INSUFFICIENT_BALANCE = 3;
    uint8 private constant FROZEN_OR_LOCKED = 4;
    uint8 private constant ZERO_RECEIVER = 5;
    uint8 private constant RECEIVER_NOT_ALLOWED = 6;
    uint8 private constant RECEIVER_KICKED = 7;
    uint8 private constant CAP_EXCEEDED = 8;
    uint8 private constant NO_PERMISSION = 9;

    /// @notice Moves `value` shares to `to` under the token's rules (see `canTransfer`).
    /// @param to The receiver.
    /// @param value The amount.
    /// @return True on success.
    function transfer(address to, uint256 value) public override(ERC20Upgradeable, IERC20) returns (bool) {
        _ordinaryTransfer(_msgSender(), to, value, false);
        return true;
    }

    /// @notice Moves `value` shares from `from` to `to`, spending the caller's ERC-20 allowance; the move also
    /// needs the owner's permission like any move between investors.
    /// @param from The holder.
    /// @param to The receiver.
    /// @param value The amount.
    /// @return True on success.
    function transferFrom(
        address from,
        address to,
        uint256 value
    ) public override(ERC20Upgradeable, IERC20) returns (bool) {
        _spendAllowance(from, _msgSender(), value);
        _ordinaryTransfer(from, to, value, false);
        return true;
    }

    /// @inheritdoc IPersonalToken
    function transferWithApproval(
        address to,
        uint256 amount,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external returns (bool) {
        address from = _msgSender();
        _useOwnerSignature(
            keccak256(abi.encode(TRANSFER_APPROVAL_TYPEHASH, from, to, amount, nonce, deadline)),
            nonce,
            deadline,
            signature
        );
        _ordinaryTransfer(from, to, amount, true);
        return true;
    }

    /// @inheritdoc IERC7943Fungible
    /// @dev A banned holder cannot send; one whose verification merely expired still can (to exit).
    function canSend(address account) public view override returns (bool) {
        return !registry.isBanned(account);
    }

    /// @inheritdoc IERC7943Fungible
    /// @dev Besides the owner and verified investors, a personal token's Holdings while that token's owner is
    /// verified (see `_mayHold`).
    function canReceive(address account) public view override returns (bool) {
        return account == owner() || (_mayHold(account) && !_records[account].kicked);
    }

    /// @inheritdoc IERC7943Fungible
    /// @dev ERC-7943's frame: never false for a balance or allowance reason, never reverts. False when paused, when
    /// `from` may not send or `to` may not receive, when `balance − frozen − locked < amount ≤ balance` (locked: the
    /// unvested grant and, for the owner, shares reserved for an all-or-nothing sell-down), without the owner's
    /// permission in force for a move between two holders, or when `amount` more shares outside the owner's wallet
    /// would break the cap (reservations counted). `detectTransferRestriction` gives the exact answer, balance
    /// included. Privileged paths with rules of their own stay outside this answer: the arbiter's forced transfer
    /// and ownership recovery, kicks, grants and their cancellation, issuance, ownership moves, and the delivery of
    /// shares already sold in an all-or-nothing offering.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        if (paused() || !canSend(from) || !canReceive(to)) return false;
        if (amount <= balanceOf(from) && amount > _movableBalance(from)) return false;
        address owner_ = owner();
        if (from == owner_) {
            if (to == owner_) return true;
            (uint256 reserved, bool dilutive) = _reserved();
            (uint256 outside, uint256 maxOutside) = _capRoom(balanceOf(owner_), totalSupply(), reserved, dilutive);
            // `amount` is added on the right-hand side, not subtracted from her balance, so nothing can overflow.
            return outside <= maxOutside && amount <= maxOutside - outside;
        }
        return to == owner_ || _permissionOf(from, to) >= amount;
    }

    /// @inheritdoc IPersonalToken
    /// @dev Mirrors `transfer` rule by rule, in its order (`_checkSender`, OpenZeppelin's `_transfer`, `_update`,
    /// `_usePermission`); the fuzz suite checks the two agree in every state. `ReservedSharesLocked` has no code: a
    /// move within the movable balance always leaves the reserved shares in place.
    function detectTransferRestriction(address from, address to, uint256 value) public view returns (uint8) {
        if (paused()) return PAUSED;
        if (!canSend(from)) return SENDER_BANNED;
        uint256 balance = balanceOf(from);
        if (value > balance) return INSUFFICIENT_BALANCE;
        if (value > _movableBalance(from)) return FROZEN_OR_LOCKED;
        address owner_ = owner();
        if (to == address(0)) return ZERO_RECEIVER;
        if (to != owner_) {
            if (!_mayHold(to)) return RECEIVER_NOT_ALLOWED;
            if (_records[to].kicked) return RECEIVER_KICKED;
            if (from == owner_) {
                (uint256 reserved, bool dilutive) = _reserved();
                (uint256 outside, uint256 maxOutside) = _capRoom(balance - value, totalSupply(), reserved, dilutive);
                if (outside > maxOutside) return CAP_EXCEEDED;
            } else if (_permissionOf(from, to) < value) {
                return NO_PERMISSION;
            }
        }
        return NO_RESTRICTION;
    }

    /// @inheritdoc IPersonalToken
    function messageForTransferRestriction(uint8 restrictionCode) external pure returns (string memory) {
        if (restrictionCode == NO_RESTRICTION) return "No restriction: the transfer would succeed.";
        if (restrictionCode == PAUSED) return "The arbiter paused this token: no shares move until it is unpaused.";
        if (restrictionCode == SENDER_BANNED) return "The sender is banned by the registrar and cannot send shares.";
        if (restrictionCode == INSUFFICIENT_BALANCE) return "The sender holds fewer shares than the amount.";
        if (restrictionCode == FROZEN_OR_LOCKED) {
            return "The amount exceeds the sender's movable shares: some are frozen, unvested or reserved.";
        }
        if (restrictionCode == ZERO_RECEIVER) return "Shares cannot be sent to the zero address.";
        if (restrictionCode == RECEIVER_NOT_ALLOWED) {
            return "The receiver is neither the owner nor an investor verified by the registrar.";
        }
        if (restrictionCode == RECEIVER_KICKED)
            return "The receiver was kicked and cannot hold shares until readmitted.";
        if (restrictionCode == CAP_EXCEEDED) {
            return "The change would put more shares outside the owner's wallet than the cap allows.";
        }
        if (restrictionCode == NO_PERMISSION) return "A move between two investors needs the owner's permission.";
        return "Unknown restriction code.";
    }

    /// @inheritdoc IPersonalToken
    function movableBalanceOf(address account) external view returns (uint256) {
        return _movableBalance(account);
    }

    /// @inheritdoc IPersonalToken
    function canDeliver(address from, address to, uint256 shares) external view returns (bool) {
        if (from != address(0)) return detectTransferRestriction(from, to, shares) == NO_RESTRICTION;
        if (paused() || !canReceive(to)) return false;
        (uint256 reserved, bool dilutive) = _reserved();
        uint256 supply = totalSupply() + shares;
        if ((dilutive ? supply + reserved : supply) > MAX_SUPPLY) return false;
        address owner_ = owner();
        if (to == owner_) return true;
        (uint256 outside, uint256 maxOutside) = _capRoom(balanceOf(owner_), supply, reserved, dilutive);
        return outside <= maxOutside;
    }

    /// @dev The single choke point of every balance change; see the contract notes for what it enforces.
    function _update(address from, address to, uint256 value) internal override {
        _requireClone();
        address owner_ = owner();
        if (to != owner_) {
            if (!_mayHold(to)) revert ERC7943CannotReceive(to);
            if (_records[to].kicked) revert ReceiverKicked(to);
        }
        super._update(from, to, value);
        // Only shares leaving the owner's wallet, or minted outside it, can raise the outside share.
        if (from == address(0)) {
            (uint256 reserved, bool dilutive) = _reserved();
            uint256 supply = totalSupply();
            // The shares an unfinished dilutive offering still has to mint are promised: no other mint takes them,
            // so its settlement always fits (the market takes them out of the reservation before minting them).
            uint256 promised = dilutive ? supply + reserved : supply;
            if (promised > MAX_SUPPLY) revert SupplyLimitExceeded(promised);
            if (to != owner_) _checkCap(owner_, reserved, dilutive);
        } else if (from == owner_ && to != owner_) {
            (uint256 reserved, bool dilutive) = _reserved();
            _checkCap(owner_, reserved, dilutive);
        }
        IGainsDistributor(distributor()).onBalanceChange(from, to, value);
    }

    /// @dev Who besides the owner may hold shares: an investor verified by the registrar, or another personal token's
    /// Holdings while that token's owner is verified and only if this token is quoted in an ERC-20 (a Holdings
    /// realizes sales in ERC-20s only). Never the token itself. The Holdings branch is read only for an address the
    /// registry does not verify, so ordinary moves cost what they did.
    function _mayHold(address account) internal view returns (bool) {
        if (account == address(this)) return false;
        if (registry.isVerified(account)) return true;
        if (_quoteAsset == address(0)) return false;
        address holdingToken = IPersonalTokenFactory(factory()).tokenOfHoldings(account);
        return
            holdingToken != address(0) &&
            holdingToken != address(this) &&
            registry.isVerified(IPersonalToken(holdingToken).owner());
    }

    /// @dev `transfer`'s rules, in the order `detectTransferRestriction` reports them: the sender rules, then
    /// OpenZeppelin's `_transfer` (zero receiver, then `_update`: receiver, balance, cap), then the owner's permission
    /// for a move between two holders. `permitted` marks a permission for exactly this move granted in this call (a
    /// signed approval, an approved listing): it is in force as the shares move and used up by them, so the stored
    /// permission is neither read nor written.
    function _ordinaryTransfer(address from, address to, uint256 value, bool permitted) internal {
        _checkSender(from, value);
        _transfer(from, to, value);
        address owner_ = owner();
        if (permitted || from == owner_ || to == owner_) return;
        uint256 allowed = _permissionOf(from, to);
        if (allowed < value) revert ERC7943CannotTransfer(from, to, value);
        // Cannot underflow: allowed ≥ value; allowed ≤ MAX_SUPPLY < 2^128.
        unchecked {
            _transferApprovals[from][to] = Permission(uint128(allowed - value), _ownerEpoch);
        }
    }

    /// @dev Sender rules of every move by a holder's own action: not paused, not banned, within the balance, within
    /// `balance − frozen − locked`.
    function _checkSender(address from, uint256 value) internal view override {
        _requireNotPaused();
        if (!canSend(from)) revert ERC7943CannotSend(from);
        uint256 balance = balanceOf(from);
        if (value > balance) revert ERC20InsufficientBalance(from, balance, value);
        uint256 movable = _movableBalance(from);
        if (value > movable) revert ERC7943InsufficientUnfrozenBalance(from, value, movable);
    }

    /// @dev `balance − frozen − locked`, floored at zero: the arbiter's freeze and the locks are separate. Locked are
    /// unvested granted shares and, for the owner, shares reserved for an all-or-nothing sell-down.
    function _movableBalance(address account) internal view returns (uint256) {
        uint256 balance = balanceOf(account);
        Holder memory state = _holders[account];
        uint256 held = state.frozen;
        if (state.hasGrant) held += Math.min(_unvested(_grants[account]), balance);
        if (account == owner()) {
            (uint256 reserved, bool dilutive) = _reserved();
            if (!dilutive) held += reserved;
        }
        return balance > held ? balance - held : 0;
    }
}
