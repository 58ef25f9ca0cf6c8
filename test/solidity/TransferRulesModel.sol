// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IERC7943Fungible} from "../../contracts/interfaces/IERC7943.sol";
import {IPersonalToken} from "../../contracts/interfaces/IPersonalToken.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";

// The specification's transfer rules, written out once for the tests: which rule an ordinary move breaks first, the
// revert data that rule gives, the ERC-1404 code it maps to, and what ERC-7943's `canTransfer` answers. Every input is
// raw state (balances, freezes, grants, registry flags, the pause flag, cap and supply) or the caller's own model
// (who the owner is, what reservation stands, which permission is in force); the token's rule views
// (`detectTransferRestriction`, `canTransfer`, `canReceive`, `movableBalanceOf`, `transferApproval`, `canDeliver`,
// `reservedShares`) are never read here, so they can be checked against it.

uint256 constant RULES_BPS = 10_000;

/// @dev What the rules read about one move of `value` shares from `from` to `to`.
struct MoveFacts {
    address from;
    address to;
    uint256 value;
    address owner; // the owner the caller's model expects
    address token;
    bool paused;
    bool senderBanned;
    bool receiverVerified;
    bool receiverKicked;
    // A permission for exactly this move is granted in the same call (a signed approval, an approved listing).
    bool permitted;
    uint16 capBps;
    uint256 balance; // from's
    uint256 frozen; // from's
    uint256 locked; // from's unvested granted shares, at most its balance
    uint256 supply;
    uint256 ownerBalance;
    uint256 reserved; // shares an unfinished all-or-nothing offering reserves (the caller's model)
    bool dilutive; // whether those will be minted (else they stay in the owner's wallet)
    uint256 permission; // the owner's on-chain permission in force for from → to (the caller's model)
}

/// @dev Where the caller's model stands: the token, who owns it, and the reservation.
struct RulesContext {
    PersonalToken token;
    address owner;
    uint256 reserved;
    bool dilutive;
}

/// @notice The transfer rules in their specified order (ERC-1404 codes 0-9) and the ERC-7943 frame of `canTransfer`.
library TransferRules {
    uint8 internal constant OK = 0;
    uint8 internal constant PAUSED = 1;
    uint8 internal constant SENDER_BANNED = 2;
    uint8 internal constant BALANCE = 3;
    uint8 internal constant FROZEN_OR_LOCKED = 4;
    uint8 internal constant ZERO_RECEIVER = 5;
    uint8 internal constant RECEIVER_NOT_ALLOWED = 6;
    uint8 internal constant RECEIVER_KICKED = 7;
    uint8 internal constant CAP = 8;
    uint8 internal constant NO_PERMISSION = 9;

    /// @notice Reads the facts of a move from raw state and the caller's model.
    function facts(
        RulesContext memory c,
        address from,
        address to,
        uint256 value,
        uint256 permission,
        bool permitted
    ) public view returns (MoveFacts memory f) {
        PersonalToken tok = c.token;
        f.from = from;
        f.to = to;
        f.value = value;
        f.owner = c.owner;
        f.token = address(tok);
        f.reserved = c.reserved;
        f.dilutive = c.dilutive;
        f.permission = permission;
        f.permitted = permitted;
        f.paused = tok.paused();
        f.senderBanned = tok.registry().isBanned(from);
        f.receiverVerified = tok.registry().isVerified(to);
        f.receiverKicked = tok.isKicked(to);
        f.capBps = tok.capBps();
        f.balance = tok.balanceOf(from);
        f.frozen = tok.getFrozenTokens(from);
        (uint256 amount, uint64 start, uint64 cliff, uint64 duration) = tok.grantOf(from);
        uint256 unvested = _unvested(amount, start, cliff, duration);
        f.locked = unvested < f.balance ? unvested : f.balance;
        f.supply = tok.totalSupply();
        f.ownerBalance = tok.balanceOf(c.owner);
    }

    /// @notice `balance − frozen − locked − (for the owner) a sell-down's reserved shares`, floored at zero.
    function movable(MoveFacts memory f) public pure returns (uint256) {
        uint256 held = f.frozen + f.locked + (f.from == f.owner && !f.dilutive ? f.reserved : 0);
        return f.balance > held ? f.balance - held : 0;
    }

    /// @notice The first rule the move breaks, as an ERC-1404 code (0: none).
    function restriction(MoveFacts memory f) public pure returns (uint8) {
        uint8 code = senderRules(f);
        return code != OK ? code : receiverRules(f);
    }

    /// @notice The sender's rules (every move by a holder's own action, and the owner's grants, sell-downs and
    /// ownership moves): not paused, not banned, within the balance, within `balance − frozen − locked`.
    function senderRules(MoveFacts memory f) public pure returns (uint8) {
        if (f.paused) return PAUSED;
        if (f.senderBanned) return SENDER_BANNED;
        if (f.value > f.balance) return BALANCE;
        if (f.value > movable(f)) return FROZEN_OR_LOCKED;
        return OK;
    }

    /// @notice The rules after the sender's: receiver, kick, cap (owner sending out), permission (between others).
    function receiverRules(MoveFacts memory f) public pure returns (uint8) {
        if (f.to == address(0)) return ZERO_RECEIVER;
        if (f.to == f.owner) return OK;
        if (f.to == f.token || !f.receiverVerified) return RECEIVER_NOT_ALLOWED;
        if (f.receiverKicked) return RECEIVER_KICKED;
        if (f.from == f.owner) {
            (uint256 outside, uint256 maxOutside) = capAfter(f);
            if (outside > maxOutside) return CAP;
        } else if (!f.permitted && f.permission < f.value) {
            return NO_PERMISSION;
        }
        return OK;
    }

    /// @notice Outside shares (reservation counted) once the owner has sent `value`, and the cap then.
    function capAfter(MoveFacts memory f) public pure returns (uint256 outside, uint256 maxOutside) {
        // supply ≥ ownerBalance; adding before subtracting keeps this defined when value > balance.
        outside = f.supply + f.value + f.reserved - f.ownerBalance;
        maxOutside = ((f.dilutive ? f.supply + f.reserved : f.supply) * f.capBps) / RULES_BPS;
    }

    /// @notice ERC-7943's `canTransfer`: the same as "no restriction", except that a balance too low does not by
    /// itself make it false (the remaining rules decide; the frozen/locked rule only applies within the balance).
    function canTransfer(MoveFacts memory f) public pure returns (bool) {
        uint8 code = restriction(f);
        return code == OK || (code == BALANCE && receiverRules(f) == OK);
    }

    /// @notice The exact revert data of a move refused with `code`.
    function revertData(MoveFacts memory f, uint8 code) public pure returns (bytes memory) {
        if (code == PAUSED) return abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector);
        if (code == SENDER_BANNED) return abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotSend.selector, f.from);
        if (code == BALANCE) {
            return abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, f.from, f.balance, f.value);
        }
        if (code == FROZEN_OR_LOCKED) {
            return
                abi.encodeWithSelector(
                    IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector,
                    f.from,
                    f.value,
                    movable(f)
                );
        }
        if (code == ZERO_RECEIVER) {
            return abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0));
        }
        if (code == RECEIVER_NOT_ALLOWED) {
            return abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotReceive.selector, f.to);
        }
        if (code == RECEIVER_KICKED) return abi.encodeWithSelector(IPersonalToken.ReceiverKicked.selector, f.to);
        if (code == CAP) {
            (uint256 outside, uint256 maxOutside) = capAfter(f);
            return abi.encodeWithSelector(IPersonalToken.CapExceeded.selector, outside, maxOutside);
        }
        if (code == NO_PERMISSION) {
            return abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotTransfer.selector, f.from, f.to, f.value);
        }
        return "";
    }

    /// @notice The error each ERC-1404 code stands for (the mapping documented on `detectTransferRestriction`).
    function selectorOf(uint8 code) public pure returns (bytes4) {
        if (code == PAUSED) return PausableUpgradeable.EnforcedPause.selector;
        if (code == SENDER_BANNED) return IERC7943Fungible.ERC7943CannotSend.selector;
        if (code == BALANCE) return IERC20Errors.ERC20InsufficientBalance.selector;
        if (code == FROZEN_OR_LOCKED) return IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector;
        if (code == ZERO_RECEIVER) return IERC20Errors.ERC20InvalidReceiver.selector;
        if (code == RECEIVER_NOT_ALLOWED) return IERC7943Fungible.ERC7943CannotReceive.selector;
        if (code == RECEIVER_KICKED) return IPersonalToken.ReceiverKicked.selector;
        if (code == CAP) return IPersonalToken.CapExceeded.selector;
        if (code == NO_PERMISSION) return IERC7943Fungible.ERC7943CannotTransfer.selector;
        return bytes4(0);
    }

    /// @notice Whether a move's outcome is the rules': it went through exactly when no rule is broken, else it
    /// reverted with the first broken rule's exact revert data. Returns what disagreed ("" if nothing).
    function outcomeProblem(
        MoveFacts memory f,
        bool succeeded,
        bytes memory reason
    ) public pure returns (string memory) {
        uint8 code = restriction(f);
        if (succeeded != (code == OK)) {
            return succeeded ? "move went through against the rules" : "move within the rules reverted";
        }
        if (!succeeded && keccak256(reason) != keccak256(revertData(f, code))) {
            return string.concat("reverted other than with the rule's error, code ", _digit(code));
        }
        return "";
    }

    /// @notice Whether the token's own answers about an ordinary move agree with the rules and with what the move
    /// did: its ERC-1404 code (asked just before) is the first broken rule, is 0 exactly when the move went through,
    /// a refusal's selector is the error mapped to that code, and `canTransfer` is the ERC-7943 frame of the rules.
    function restrictionProblem(
        MoveFacts memory f,
        uint8 detected,
        bool answered,
        bool succeeded,
        bytes memory reason
    ) public pure returns (string memory) {
        if (detected != restriction(f)) return string.concat("detectTransferRestriction said ", _digit(detected));
        if ((detected == OK) != succeeded) return "detectTransferRestriction == 0 is not whether the move went through";
        if (!succeeded && (reason.length < 4 || bytes4(reason) != selectorOf(detected))) {
            return "revert selector is not the error mapped to the ERC-1404 code";
        }
        if (answered != canTransfer(f)) return "canTransfer disagrees with the ERC-7943 frame of the rules";
        return "";
    }

    /// @dev The specification's vesting: everything unvested before start + cliff, then linearly less until the end.
    function _unvested(uint256 amount, uint256 start, uint256 cliff, uint256 duration) private view returns (uint256) {
        if (amount == 0 || block.timestamp < start + cliff) return amount;
        uint256 elapsed = block.timestamp - start;
        return elapsed >= duration ? 0 : amount - (amount * elapsed) / duration;
    }

    /// @notice The facts of a move for a token without reservations, ABI-encoded (so a caller near the contract size
    /// limit need not carry the struct's encoder): read them before the move, `judge` them after.
    function snapshot(
        PersonalToken token,
        address owner,
        address from,
        address to,
        uint256 value,
        uint256 permission,
        bool permitted
    ) external view returns (bytes memory) {
        return abi.encode(facts(RulesContext(token, owner, 0, false), from, to, value, permission, permitted));
    }

    /// @notice The first broken rule of a snapshotted move and what disagreed with the rules ("" if nothing): the
    /// outcome and its exact error and, if `checkAnswers`, the token's ERC-1404 code and `canTransfer` asked before.
    function judge(
        bytes memory data,
        bool checkAnswers,
        uint8 detected,
        bool answered,
        bool succeeded,
        bytes memory reason
    ) external pure returns (uint8 code, string memory problem) {
        MoveFacts memory f = abi.decode(data, (MoveFacts));
        code = restriction(f);
        if (checkAnswers) problem = restrictionProblem(f, detected, answered, succeeded, reason);
        if (bytes(problem).length == 0) problem = outcomeProblem(f, succeeded, reason);
    }

    function _digit(uint8 code) private pure returns (string memory) {
        return code > 9 ? "out of range" : string(abi.encodePacked(bytes1(uint8(48) + code)));
    }
}
