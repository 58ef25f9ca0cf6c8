// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IERC7943Fungible} from "../../contracts/interfaces/IERC7943.sol";
import {IPersonalToken} from "../../contracts/interfaces/IPersonalToken.sol";
import {IShareMarket} from "../../contracts/interfaces/IShareMarket.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";
import {ApprovalSigner} from "./SystemFixture.sol";
import {World, EpochPermission, Hurdle, VM, BPS, MAX_SHARES, boundTo, minOf, maxOf, dueFor} from "./MarketWorld.sol";
import {TransferRules, MoveFacts} from "./TransferRulesModel.sol";

/// @notice What a hostile owner (and the arbiter and registrar around her) can do beyond offerings and trades:
/// issue up to the supply bound while a dilutive all-or-nothing offering is pending, move ownership to a new wallet
/// or have it recovered, and use permissions an ownership move must have voided. An external library run on the
/// market handler's state by DELEGATECALL, like those of MarketActions.sol; the model follows who owns each token.
library OwnerActions {
    /// @notice The owner issues shares: to herself right up to MAX_SUPPLY with the shares a dilutive all-or-nothing
    /// offering still has to mint counted, or one unit beyond (refused) — one time in eight, one in two while such an
    /// offering is pending; else some to herself, or to an investor within the cap, reservations counted (or one
    /// unit beyond it: refused). Before it the arbiter may freeze her shares (she may still issue), the registrar
    /// ban her or the arbiter pause the token (both refused).
    function issue(World storage w, uint256 tSeed, uint256 toSeed, uint256 amountSeed) external {
        uint256 t = tSeed % 2;
        (address to, uint256 amount) = _issueTerms(w, t, toSeed, amountSeed);
        if (amount == 0) return w.skip();
        Hurdle memory h = w.raiseHurdle(t, amountSeed >> 128, true);
        _executeIssue(w, t, to, amount);
        w.liftHurdle(t, h);
    }

    function _issueTerms(
        World storage w,
        uint256 t,
        uint256 toSeed,
        uint256 amountSeed
    ) private view returns (address to, uint256 amount) {
        to = w.owners[t];
        uint256 mode = toSeed % 8;
        (uint256 reserved, bool dilutive) = w.modelReservation(t);
        if (mode == 0 || (dilutive && reserved != 0 && mode < 4)) {
            // Everything the supply bound leaves beside the shares a dilutive offering still has to mint, or one more.
            uint256 promised = w.tokens[t].totalSupply() + (dilutive ? reserved : 0);
            amount = (MAX_SHARES > promised ? MAX_SHARES - promised : 0) + (amountSeed % 2);
        } else if (mode < 5) {
            amount = boundTo(amountSeed, 1, 1_000_000e18);
        } else {
            to = w.investor(toSeed >> 3);
            if (!w.tokens[t].canReceive(to)) return (to, 0);
            uint256 room = _issueRoom(w, t);
            amount = amountSeed % 4 == 0 ? room + 1 : boundTo(amountSeed, 1, maxOf(minOf(room, 10_000_000e18), 1));
        }
    }

    /// @dev Largest `a` an investor may be issued under the cap with reservations counted:
    /// (supply + a − ownerBalance + reserved) × BPS ≤ (supply + a + reserved if dilutive) × cap.
    function _issueRoom(World storage w, uint256 t) private view returns (uint256) {
        PersonalToken tok = w.tokens[t];
        (uint256 reserved, bool dilutive) = w.modelReservation(t);
        uint256 cap = tok.capBps();
        uint256 supply = tok.totalSupply();
        uint256 used = (supply - tok.balanceOf(w.owners[t]) + reserved) * BPS;
        uint256 allowed = (supply + (dilutive ? reserved : 0)) * cap;
        if (cap == BPS) return MAX_SHARES;
        return allowed > used ? (allowed - used) / (BPS - cap) : 0;
    }

    function _executeIssue(World storage w, uint256 t, address to, uint256 amount) private {
        PersonalToken tok = w.tokens[t];
        bytes memory expected = _issueError(w, t, to, amount);
        uint256[2] memory before = [tok.totalSupply(), tok.balanceOf(to)];
        VM.prank(w.owners[t]);
        (bool ok, bytes memory reason) = address(tok).call(abi.encodeCall(tok.issue, (to, amount)));
        if (!w.compare(ok, reason, expected, "issue")) return;
        if (tok.totalSupply() != before[0] + amount || tok.balanceOf(to) != before[1] + amount) {
            w.surprise("issue minted the wrong amount");
        }
    }

    /// @dev `issue`'s rules in order: pause, the owner's ban (a freeze does not stop her), then the mint's: the
    /// receiver, the supply bound with the dilutive reservation, the cap with reservations.
    function _issueError(World storage w, uint256 t, address to, uint256 amount) private view returns (bytes memory) {
        PersonalToken tok = w.tokens[t];
        address owner_ = w.owners[t];
        if (tok.paused()) return abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector);
        if (w.registry.isBanned(owner_)) {
            return abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotSend.selector, owner_);
        }
        (uint256 reserved, bool dilutive) = w.modelReservation(t);
        uint256 supply = tok.totalSupply() + amount;
        uint256 promised = dilutive ? supply + reserved : supply;
        if (promised > MAX_SHARES) return abi.encodeWithSelector(IPersonalToken.SupplyLimitExceeded.selector, promised);
        if (to == owner_) return "";
        uint256 outside = supply - tok.balanceOf(owner_) + reserved;
        uint256 maxOutside = (promised * tok.capBps()) / BPS;
        if (outside > maxOutside)
            return abi.encodeWithSelector(IPersonalToken.CapExceeded.selector, outside, maxOutside);
        return "";
    }

    /// @notice Ownership moves to a new wallet of the person: by the owner (`transferOwnership`, then
    /// `acceptOwnership` by the new wallet, one time in eight after a stranger's refused attempt), or (one time in
    /// three) by the arbiter's `recoverOwnership`. One time in eight the new wallet is not verified (refused). Before
    /// it, the arbiter may freeze part of the owner's shares, the registrar ban her, or the arbiter pause: then the
    /// owner's own move fails on her sender rules (all her shares move along, and a sell-down's reserved shares are
    /// not movable); a recovery goes through and carries the freeze. Every permission she gave is void afterwards.
    function moveOwnership(World storage w, uint256 tSeed, uint256 mode, uint256 flags) external {
        uint256 t = tSeed % 2;
        address wallet = _newWallet(w, t, mode % 8 != 0);
        Hurdle memory h = w.raiseHurdle(t, flags, true);
        if ((mode >> 3) % 3 == 0) {
            _attempt(
                w,
                t,
                address(this),
                wallet,
                abi.encodeCall(IPersonalToken.recoverOwnership, (wallet)),
                _eligibility(w, wallet),
                "recoverOwnership"
            );
        } else {
            _moveByOwner(w, t, wallet, flags >> 32);
        }
        w.liftHurdle(t, h);
    }

    function _moveByOwner(World storage w, uint256 t, address wallet, uint256 seed) private {
        PersonalToken tok = w.tokens[t];
        address previous = w.owners[t];
        VM.prank(previous);
        (bool ok, bytes memory reason) = address(tok).call(abi.encodeCall(PersonalToken.transferOwnership, (wallet)));
        if (!w.compare(ok, reason, _eligibility(w, wallet), "transferOwnership")) return;
        if (tok.pendingOwner() != wallet) w.surprise("pending owner not recorded");
        if (seed % 8 == 0) {
            address stranger = w.investor(seed >> 3);
            VM.prank(stranger);
            (ok, reason) = address(tok).call(abi.encodeCall(PersonalToken.acceptOwnership, ()));
            w.compare(
                ok,
                reason,
                abi.encodeWithSelector(OwnableUpgradeable.OwnableUnauthorizedAccount.selector, stranger),
                "acceptOwnership by a stranger"
            );
        }
        // All the previous owner's shares move: her sender rules apply to her whole balance.
        MoveFacts memory f = w.facts(t, previous, wallet, tok.balanceOf(previous), true);
        _attempt(
            w,
            t,
            wallet,
            wallet,
            abi.encodeCall(PersonalToken.acceptOwnership, ()),
            TransferRules.revertData(f, TransferRules.senderRules(f)),
            "acceptOwnership"
        );
        // A move that failed is cancelled, so the wallet cannot take the token later unseen by the model.
        if (tok.owner() == previous) {
            VM.prank(previous);
            tok.transferOwnership(address(0));
        }
    }

    /// @dev A new wallet of the person (never an owner), verified unless `verified` is false.
    function _newWallet(World storage w, uint256 t, bool verified) private returns (address wallet) {
        uint256 key = uint256(keccak256(abi.encode("a new wallet of the owner", t, ++w.walletCount)));
        wallet = VM.addr(key);
        w.keyOf[wallet] = key;
        if (verified) w.registry.verify(wallet, uint64(block.timestamp) + 365 days, keccak256("kyc"));
    }

    /// @dev A new owner wallet must be verified (it never owned a token).
    function _eligibility(World storage w, address wallet) private view returns (bytes memory) {
        return
            w.registry.isVerified(wallet)
                ? bytes("")
                : abi.encodeWithSelector(IPersonalToken.NewOwnerNotVerified.selector, wallet);
    }

    /// @dev `caller` completes an ownership move to `wallet`; on success the model follows: the new owner, her key,
    /// the next owner epoch; the token moved every share and any freeze, and cleared the pending move.
    function _attempt(
        World storage w,
        uint256 t,
        address caller,
        address wallet,
        bytes memory call_,
        bytes memory expected,
        string memory what
    ) private {
        PersonalToken tok = w.tokens[t];
        // The previous owner's balance and freeze, then the new wallet's.
        uint256[4] memory before = [
            tok.balanceOf(w.owners[t]),
            tok.getFrozenTokens(w.owners[t]),
            tok.balanceOf(wallet),
            tok.getFrozenTokens(wallet)
        ];
        if (caller != address(this)) VM.prank(caller);
        (bool ok, bytes memory reason) = address(tok).call(call_);
        w.compare(ok, reason, expected, what);
        // The model follows the token's owner even after a surprise, so one finding does not cascade.
        if (ok) _recordMove(w, t, wallet, before);
    }

    function _recordMove(World storage w, uint256 t, address wallet, uint256[4] memory before) private {
        PersonalToken tok = w.tokens[t];
        address previous = w.owners[t];
        w.ownerWallets[t].push(wallet);
        w.owners[t] = wallet;
        w.ownerKeys[t] = w.keyOf[wallet];
        ++w.epochs[t];
        if (tok.owner() != wallet || tok.pendingOwner() != address(0)) w.surprise("ownership not moved");
        if (tok.ownerEpoch() != w.epochs[t]) w.surprise("owner epoch not bumped");
        if (tok.balanceOf(previous) != 0 || tok.balanceOf(wallet) != before[0] + before[2]) {
            w.surprise("the owner's shares did not move along");
        }
        if (tok.getFrozenTokens(previous) != 0 || tok.getFrozenTokens(wallet) != before[1] + before[3]) {
            w.surprise("the freeze did not move along");
        }
    }

    /// @notice Moves between investors under the owner's on-chain permissions, as the model records them (amount and
    /// owner epoch): the owner gives one and the holder uses it at once (mode 0), or gives one for later (3); a
    /// holder uses all of one it was given earlier, perhaps before an ownership move and so void (2); or presents a
    /// former owner wallet's signature (1; refused). The token's `detectTransferRestriction` and `canTransfer` must
    /// agree with the model, and the outcome with both.
    function useTransferApproval(
        World storage w,
        uint256 tSeed,
        uint256 fromSeed,
        uint256 toSeed,
        uint256 mode
    ) external {
        uint256 t = tSeed % 2;
        if (mode % 4 == 2 && w.permitted[t].length != 0) {
            // A pair the owner permitted, perhaps before an ownership move: all of it is used (within the balance).
            address[2] memory pair = w.permitted[t][fromSeed % w.permitted[t].length];
            uint256 permitted = minOf(w.permissions[t][pair[0]][pair[1]].amount, w.tokens[t].balanceOf(pair[0]));
            if (permitted == 0) return w.skip();
            return _transferUnderPermission(w, t, pair[0], pair[1], permitted);
        }
        address from = w.investorWithShares(t, fromSeed);
        if (from == address(0)) return w.skip();
        address to = w.receiverOtherThan(t, toSeed, from);
        uint256 amount = boundTo(mode >> 8, 1, maxOf(w.movable(t, from), 1));
        mode %= 4;
        if (mode == 0 || mode == 3) {
            w.approveTransfer(t, from, to, amount);
            if (w.tokens[t].transferApproval(from, to) != amount) w.surprise("transferApproval is not the permission");
            if (mode == 3) return w.succeeded();
        }
        if (mode == 1 && w.ownerWallets[t].length > 1) return _formerOwnerSignature(w, t, from, to, amount);
        _transferUnderPermission(w, t, from, to, amount);
    }

    function _transferUnderPermission(World storage w, uint256 t, address from, address to, uint256 amount) private {
        MoveFacts memory f = w.facts(t, from, to, amount, false);
        EpochPermission storage p = w.permissions[t][from][to];
        bool stale = p.amount >= amount && p.epoch != w.epochs[t];
        if (stale) ++w.staleAttempts;
        (bool ok, bytes memory reason) = _transferChecked(w, t, f);
        if (ok && stale) w.staleMove(t, from, amount, "a permission given before an ownership move moved shares");
        if (w.compare(ok, reason, TransferRules.revertData(f, TransferRules.restriction(f)), "permitted transfer")) {
            w.allowMove(t, from, to, amount);
            w.permissions[t][from][to] = EpochPermission(f.permission - amount, w.epochs[t]);
            if (w.tokens[t].transferApproval(from, to) != f.permission - amount) {
                w.surprise("the move did not use up its permission");
            }
        }
    }

    /// @dev The holder transfers; the token's ERC-1404 code and `canTransfer`, asked just before, must be the model's
    /// and agree with the outcome; a move that went through moved exactly the amount.
    function _transferChecked(
        World storage w,
        uint256 t,
        MoveFacts memory f
    ) private returns (bool ok, bytes memory reason) {
        PersonalToken tok = w.tokens[t];
        uint8 detected = tok.detectTransferRestriction(f.from, f.to, f.value);
        bool answered = tok.canTransfer(f.from, f.to, f.value);
        uint256 toBefore = tok.balanceOf(f.to);
        VM.prank(f.from);
        (ok, reason) = address(tok).call(abi.encodeCall(IERC20.transfer, (f.to, f.value)));
        string memory problem = TransferRules.restrictionProblem(f, detected, answered, ok, reason);
        if (bytes(problem).length != 0) w.surprise(problem);
        if (ok && (tok.balanceOf(f.from) != f.balance - f.value || tok.balanceOf(f.to) != toBefore + f.value)) {
            w.surprise("balances moved by the wrong amount");
        }
    }

    /// @dev A former owner wallet's signed permission no longer counts.
    function _formerOwnerSignature(World storage w, uint256 t, address from, address to, uint256 amount) private {
        PersonalToken tok = w.tokens[t];
        ++w.staleAttempts;
        uint256 nonce = ++w.nonce;
        address[] storage wallets = w.ownerWallets[t];
        bytes memory signature = ApprovalSigner.sign(
            w.keyOf[wallets[wallets.length - 2]],
            tok,
            from,
            to,
            amount,
            nonce,
            block.timestamp
        );
        VM.prank(from);
        (bool ok, bytes memory reason) = address(tok).call(
            abi.encodeCall(tok.transferWithApproval, (to, amount, nonce, block.timestamp, signature))
        );
        if (ok) w.staleMove(t, from, amount, "a former owner's signature moved shares");
        w.compare(
            ok,
            reason,
            abi.encodeWithSelector(IPersonalToken.InvalidApprovalSignature.selector),
            "former owner's signature"
        );
    }

    /// @notice A buyer fills a listing the owner approved before the latest ownership move: the approval is void,
    /// so the fill must revert with `ListingNotApproved`.
    function fillStaleListing(World storage w, uint256 listingSeed, uint256 sharesSeed) external {
        uint256 n = w.listingIds.length;
        for (uint256 k; k < minOf(n, 32); ++k) {
            uint256 id = w.listingIds[((listingSeed % n) + k) % n];
            IShareMarket.Listing memory l = w.market.listing(id);
            uint256 t = l.token == address(w.tokens[0]) ? 0 : 1;
            uint256 epochPlusOne = w.listingEpoch[id];
            if (epochPlusOne == 0 || epochPlusOne - 1 == w.epochs[t]) continue;
            if (l.cancelled || l.filled >= l.amount || block.timestamp > l.expiry) continue;
            return _fillStale(w, t, id, listingSeed >> 8, sharesSeed);
        }
        w.skip();
    }

    function _fillStale(World storage w, uint256 t, uint256 id, uint256 buyerSeed, uint256 sharesSeed) private {
        IShareMarket.Listing memory l = w.market.listing(id);
        address buyer = l.buyer != address(0) ? l.buyer : w.receiverOtherThan(t, buyerSeed, l.seller);
        uint256 shares = boundTo(sharesSeed, 1, l.amount - l.filled);
        uint256 due = dueFor(shares, l.price);
        w.fund(t, buyer, due);
        ++w.staleAttempts;
        VM.prank(buyer);
        (bool ok, bytes memory reason) = address(w.market).call{value: w.value(t, due)}(
            abi.encodeCall(IShareMarket.fill, (id, shares))
        );
        if (ok) w.staleMove(t, l.seller, shares, "a listing approved before an ownership move was filled");
        w.compare(
            ok,
            reason,
            abi.encodeWithSelector(IShareMarket.ListingNotApproved.selector, id),
            "stale listing fill"
        );
    }
}
