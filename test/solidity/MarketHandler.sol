// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareMarket} from "../../contracts/interfaces/IShareMarket.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";
import {InvestorRegistry} from "../../contracts/InvestorRegistry.sol";
import {SystemFixture} from "./SystemFixture.sol";
import {World, Ghost, Flow, INVESTOR_COUNT, boundTo, MarketReport} from "./MarketWorld.sol";
import {OfferingActions, TradeActions, HolderActions, SettlementActions, ArbiterActions} from "./MarketActions.sol";
import {OwnerActions} from "./MarketOwnerActions.sol";

/// @notice Invariant-test handler for the `ShareMarket` and the token's trading features: two personal tokens (one
/// priced in a 6-decimal USD stablecoin, one in ETH; 1,000,000 shares, 20% cap), their owners and five investors,
/// driven by random offerings (plain and all-or-nothing, sell-down and dilutive, with limits, allowlists and
/// priority windows), purchases, cancellations, settlements, listings and fills (approved on-chain or by
/// signature), grants and their cancellation, kicks and readmissions, forced transfers (of nothing, of a whole
/// wallet), freezes, attempts to move locked or frozen shares, withdrawals, pauses and time; and what a hostile owner
/// does (MarketOwnerActions.sol): `issue` up to MAX_SUPPLY while a dilutive offering is pending, ownership moves and
/// recoveries, use of permissions those voided, with owner freezes, bans and pauses before her grants, sell-downs,
/// issues and ownership moves; and buyers losing verification between an offering's end and its settlement.
/// @dev Inputs are bounded so that most calls do something; the rules' verdict on every call is predicted from
/// views and compared with what happened (`surprises`). Ghost variables keep, per offering, what buyers paid, what
/// reached the owner (paid directly or credited) and what was credited back to buyers, plus the raise and the
/// pending shares, so the invariants can recompute the reservation independently of the market. Around every action
/// the handler snapshots every balance and checks that no shares moved between two non-owners except through an
/// approved listing fill or a forced transfer it made (`unpermittedMoves`); a holder moving more than
/// `balance − frozen − locked` is counted in `lockedMoves`. Nothing else in the handler reverts (`failOnRevert`).
/// The actions themselves live in the libraries of MarketActions.sol, which run on `w` by DELEGATECALL.
contract MarketHandler is SystemFixture {
    uint256 internal constant SUPPLY = 1_000_000e18;
    uint16 internal constant CAP_BPS = 2_000;

    World internal w;
    mapping(uint256 t => mapping(address holder => uint256)) private _before;

    modifier action(string memory name) {
        _begin(name);
        _;
        _end();
    }

    constructor() {
        _deploySystem();
        w.market = IShareMarket(address(market));
        w.registry = registry;
        w.usd = _deployUsd();
        w.quotes = [address(w.usd), ETH];
        for (uint256 t; t < 2; ++t) {
            w.ownerKeys[t] = uint256(keccak256(abi.encode("market owner", t)));
            w.owners[t] = vm.addr(w.ownerKeys[t]);
            w.ownerWallets[t].push(w.owners[t]);
            w.keyOf[w.owners[t]] = w.ownerKeys[t];
            (w.tokens[t], ) = _createToken(
                w.owners[t],
                t == 0 ? "Usd Token" : "Eth Token",
                SUPPLY,
                CAP_BPS,
                w.quotes[t]
            );
        }
        for (uint256 i; i < INVESTOR_COUNT; ++i) {
            address investor = makeAddr(string.concat("market investor", vm.toString(i)));
            _verify(investor);
            w.investors.push(investor);
        }
    }

    // ───────────────────────────── offerings ─────────────────────────────

    /// @notice The owner opens an offering: plain or all-or-nothing, sell-down or dilutive, random price, limits,
    /// timing, priority window and allowlist; one time in eight beyond the cap (refused). While another is
    /// unfinished, one time in four she tries anyway (refused with `OfferingInProgress`).
    function openOffering(
        uint256 tSeed,
        uint256 sharesSeed,
        uint256 priceSeed,
        uint256 timingSeed,
        uint256 shape
    ) external action("openOffering") {
        OfferingActions.openOffering(w, tSeed, sharesSeed, priceSeed, timingSeed, shape);
    }

    /// @notice An investor buys from the token's latest offering, within its limits (or, one time in sixteen, one
    /// share unit beyond them); a not-yet-started offering is waited for.
    function buy(uint256 tSeed, uint256 buyerSeed, uint256 sharesSeed) external action("buy") {
        OfferingActions.buy(w, tSeed, buyerSeed, sharesSeed);
    }

    /// @notice The owner cancels the latest offering before its end (now and then after it: refused).
    function cancelOffering(uint256 tSeed) external action("cancelOffering") {
        OfferingActions.cancelOffering(w, tSeed);
    }

    /// @notice Time passes to the end of the newest all-or-nothing offering with pending purchases (unless it was
    /// cancelled), then every buyer in it (or one call in two, a single one) is settled: delivered if the minimum
    /// was raised and the shares can move, refunded otherwise.
    function settleAll(uint256 tSeed) external action("settleAll") {
        SettlementActions.settleAll(w, tSeed);
    }

    // ───────────────────────────── secondary sales ─────────────────────────────

    /// @notice An investor lists shares (mostly ones it may move); then the owner approves on-chain, or the buyer
    /// presents her signed approval, or (refused) nobody approves, or she approves and revokes; then a buyer fills
    /// part or all of it.
    function listAndFill(
        uint256 tSeed,
        uint256 sellerSeed,
        uint256 buyerSeed,
        uint256 amountSeed,
        uint256 mode
    ) external action("listAndFill") {
        TradeActions.listAndFill(w, tSeed, sellerSeed, buyerSeed, amountSeed, mode);
    }

    /// @notice A buyer fills an earlier listing (possibly expired, or whose seller's shares got locked, frozen or
    /// sold since); sometimes the seller cancels it first or the owner approves it first.
    function fillListing(
        uint256 listingSeed,
        uint256 buyerSeed,
        uint256 sharesSeed,
        uint256 mode
    ) external action("fillListing") {
        TradeActions.fillListing(w, listingSeed, buyerSeed, sharesSeed, mode);
    }

    /// @notice A holder with frozen or locked shares (frozen first if it has none) tries to move more than
    /// `balance − frozen − locked`: to the owner, to an investor with the owner's on-chain or signed permission, or
    /// through an approved listing. Every attempt must revert; sometimes it then moves exactly what it may.
    function moveLockedShares(
        uint256 tSeed,
        uint256 holderSeed,
        uint256 amountSeed,
        uint256 mode
    ) external action("moveLockedShares") {
        TradeActions.moveLockedShares(w, tSeed, holderSeed, amountSeed, mode);
    }

    // ───────────────────────────── grants, kicks, arbiter ─────────────────────────────

    /// @notice The owner grants vesting shares to an investor within the cap (reservations counted); one time in
    /// eight one unit beyond it (refused).
    function grant(uint256 tSeed, uint256 toSeed, uint256 amountSeed, uint256 scheduleSeed) external action("grant") {
        HolderActions.grant(w, tSeed, toSeed, amountSeed, scheduleSeed);
    }

    /// @notice The owner takes back a holder's unvested shares.
    function cancelGrant(uint256 tSeed, uint256 holderSeed) external action("cancelGrant") {
        HolderActions.cancelGrant(w, tSeed, holderSeed);
    }

    /// @notice The owner kicks an investor at max(lastPrice, average purchase price), sometimes above it, one time
    /// in eight one unit below it (refused); a freeze is sometimes lifted first, otherwise it blocks the kick.
    function kick(uint256 tSeed, uint256 holderSeed, uint256 priceSeed) external action("kick") {
        HolderActions.kick(w, tSeed, holderSeed, priceSeed);
    }

    // ───────────────────────────── a hostile owner ─────────────────────────────

    /// @notice The owner issues: to herself up to MAX_SUPPLY (the shares a pending dilutive offering has to mint
    /// counted) or one unit beyond, or to an investor within the cap or one unit beyond; sometimes frozen, banned or
    /// paused first.
    function issue(uint256 tSeed, uint256 toSeed, uint256 amountSeed) external action("issue") {
        OwnerActions.issue(w, tSeed, toSeed, amountSeed);
    }

    /// @notice Ownership moves (transferOwnership + acceptOwnership, or the arbiter's recoverOwnership) to a new
    /// wallet, sometimes unverified, sometimes after the owner was frozen, banned or the token paused.
    function moveOwnership(uint256 tSeed, uint256 mode, uint256 flags) external action("moveOwnership") {
        OwnerActions.moveOwnership(w, tSeed, mode, flags);
    }

    /// @notice Moves between investors under on-chain permissions the model recorded (some from before an
    /// ownership move, so void), or with a former owner wallet's signature.
    function useTransferApproval(
        uint256 tSeed,
        uint256 fromSeed,
        uint256 toSeed,
        uint256 mode
    ) external action("useTransferApproval") {
        OwnerActions.useTransferApproval(w, tSeed, fromSeed, toSeed, mode);
    }

    /// @notice A buyer fills a listing approved before the latest ownership move (refused).
    function fillStaleListing(uint256 listingSeed, uint256 sharesSeed) external action("fillStaleListing") {
        OwnerActions.fillStaleListing(w, listingSeed, sharesSeed);
    }

    /// @notice A buyer with a pending all-or-nothing purchase loses the right to receive: the registrar revokes its
    /// verification or bans it, or the owner kicks it (refunding its pending payment); then, one time in two after a
    /// revocation or ban, the offering is settled (by the buyer or a stranger, perhaps after the grace period).
    function lapseBuyer(uint256 tSeed, uint256 buyerSeed, uint256 mode) external action("lapseBuyer") {
        uint256 t = tSeed % 2;
        uint256 id = w.market.latestOffering(address(w.tokens[t]));
        if (id == 0 || w.ghosts[id].pendingShares == 0) return w.skip();
        address buyer;
        uint256 index;
        for (uint256 i; i < INVESTOR_COUNT; ++i) {
            index = ((buyerSeed % INVESTOR_COUNT) + i) % INVESTOR_COUNT;
            if (w.market.position(id, w.investors[index]).pendingShares != 0) {
                buyer = w.investors[index];
                break;
            }
        }
        if (buyer == address(0)) return w.skip();
        uint256 how = mode % 3;
        if (how == 0 && w.registry.verifiedUntil(buyer) != 0) w.registry.revoke(buyer, keccak256("lapsed"));
        else if (how == 1 && !w.registry.isBanned(buyer))
            w.registry.ban(buyer, keccak256("fraud"));
            // 260 + index selects this investor (if it holds shares) and passes the kick action's one-in-two filter.
        else if (how == 2) HolderActions.kick(w, t, 260 + index, mode >> 8);
        else return w.skip();
        w.succeeded();
        // After a kick the refund is already made; settling others in the same action would mix a kick's move to the
        // owner with deliveries to investors, which the unpermitted-move check tells apart only action by action.
        if (how != 2 && (mode >> 2) % 2 == 0) SettlementActions.settleAll(w, tSeed >> 1);
    }

    /// @notice The owner readmits a kicked investor (and sometimes kicks it again once it holds shares).
    function readmit(uint256 tSeed, uint256 holderSeed) external action("readmit") {
        uint256 t = tSeed % 2;
        address holder = w.investor(holderSeed);
        if (!w.tokens[t].isKicked(holder)) return w.skip();
        vm.prank(w.owners[t]);
        w.tokens[t].readmit(holder);
        w.succeeded();
        if (w.tokens[t].isKicked(holder)) w.surprise("readmitted holder still kicked");
        // One time in two the holder gets shares again (the arbiter moves some from the owner) and is kicked again:
        // a second kick by the same token must not count again in the registry.
        if ((holderSeed >> 8) % 2 == 0) {
            uint256 index = holderSeed % INVESTOR_COUNT;
            ArbiterActions.forcedTransfer(w, t, 0, (index << 2) | 1, ((holderSeed >> 16) << 3) | 2);
            HolderActions.kick(w, t, 260 + index, holderSeed >> 24);
        }
    }

    /// @notice The arbiter forces a move between any two holders (the owner included), within the cap with
    /// reservations counted or (when taking from the owner) sometimes beyond it.
    function forcedTransfer(
        uint256 tSeed,
        uint256 fromSeed,
        uint256 toSeed,
        uint256 amountSeed
    ) external action("forcedTransfer") {
        ArbiterActions.forcedTransfer(w, tSeed, fromSeed, toSeed, amountSeed);
    }

    /// @notice The arbiter freezes part of an investor's shares (sometimes more than it holds), or unfreezes them.
    function freeze(uint256 tSeed, uint256 holderSeed, uint256 amountSeed) external action("freeze") {
        uint256 t = tSeed % 2;
        address holder = w.investor(holderSeed);
        uint256 balance = w.tokens[t].balanceOf(holder);
        // Half the calls unfreeze; one in eight freezes more than the holder has.
        uint256 amount =
            amountSeed % 2 == 0 ? 0 : boundTo(amountSeed >> 8, 0, amountSeed % 8 == 1 ? balance * 2 : balance);
        w.tokens[t].setFrozenTokens(holder, amount);
        w.succeeded();
    }

    // ───────────────────────────── money, pause, time ─────────────────────────────

    /// @notice An owner or investor withdraws its escrow in one asset (sometimes while banned).
    function withdraw(uint256 actorSeed, uint256 assetSeed) external action("withdraw") {
        HolderActions.withdraw(w, actorSeed, assetSeed);
    }

    /// @notice The arbiter pauses both tokens, one of the other actions is tried, and the tokens are unpaused.
    function whilePaused(
        uint256 which,
        uint256 a,
        uint256 b,
        uint256 c,
        uint256 d,
        uint256 e
    ) external action("whilePaused") {
        w.tokens[0].pause();
        w.tokens[1].pause();
        which %= 10;
        if (which == 0) OfferingActions.buy(w, a, b, c);
        else if (which == 1) SettlementActions.settleAll(w, a);
        else if (which == 2) TradeActions.listAndFill(w, a, b, c, d, e);
        else if (which == 3) HolderActions.grant(w, a, b, c, d);
        else if (which == 4) HolderActions.cancelGrant(w, a, b);
        else if (which == 5) HolderActions.kick(w, a, b, c);
        else if (which == 6) HolderActions.withdraw(w, a, b);
        else if (which == 7) OfferingActions.openOffering(w, a, b, c, d, e);
        else if (which == 8) OfferingActions.cancelOffering(w, a);
        else TradeActions.fillListing(w, a, b, c, d);
        w.tokens[0].unpause();
        w.tokens[1].unpause();
    }

    /// @notice Time passes: mostly up to a day, one time in eight up to twenty days.
    function warp(uint256 secondsAhead) external action("warp") {
        vm.warp(block.timestamp + boundTo(secondsAhead >> 3, 1, secondsAhead % 8 == 0 ? 20 days : 1 days));
    }

    /// @notice The registrar renews an investor's verification for a year (lifting a ban first).
    function renewVerification(uint256 investorSeed) external action("renewVerification") {
        address investor = w.investor(investorSeed);
        if (registry.isBanned(investor)) registry.unban(investor);
        _verify(investor);
    }

    // ───────────────────────────── views for the invariants ─────────────────────────────

    function investorRegistry() external view returns (InvestorRegistry) {
        return w.registry;
    }

    function shareMarket() external view returns (IShareMarket) {
        return w.market;
    }

    function token(uint256 t) external view returns (PersonalToken) {
        return w.tokens[t];
    }

    function owner(uint256 t) external view returns (address) {
        return w.owners[t];
    }

    function quote(uint256 t) external view returns (address) {
        return w.quotes[t];
    }

    function investors() external view returns (address[] memory) {
        return w.investors;
    }

    function offeringIds(uint256 t) external view returns (uint256[] memory) {
        return w.offeringIds[t];
    }

    function ghost(uint256 offeringId) external view returns (Ghost memory) {
        return w.ghosts[offeringId];
    }

    function terms(uint256 offeringId) external view returns (IShareMarket.OfferingTerms memory) {
        return w.terms[offeringId];
    }

    /// @notice Every wallet that owned token t, the current one last.
    function ownerWallets(uint256 t) external view returns (address[] memory) {
        return w.ownerWallets[t];
    }

    /// @notice The kicks the registry should have counted for `investor` (distinct kicks with a recorded purchase).
    function modelKickCount(address investor) external view returns (uint256) {
        return w.kickCounts[investor];
    }

    /// @notice Attempts to use a permission an ownership move voided, and those that moved shares (must be none).
    function staleMoves() external view returns (uint256 attempts, uint256 moves, string memory report) {
        return (w.staleAttempts, w.staleMoves, w.staleMoveReport);
    }

    function surprises() external view returns (uint256, string memory) {
        return (w.surprises, w.lastSurprise);
    }

    function unpermittedMoves() external view returns (uint256, string memory) {
        return (w.unpermittedMoves, w.unpermittedMoveReport);
    }

    function lockedMoves() external view returns (uint256, string memory) {
        return (w.lockedMoves, w.lockedMoveReport);
    }

    /// @notice Per action, calls that did something, and calls whose main call went through.
    function calls(string memory name) external view returns (uint256 did, uint256 succeeded) {
        return (w.calls[name], w.successes[name]);
    }

    // ───────────────────────────── bookkeeping ─────────────────────────────

    function _begin(string memory name) private {
        w.action = name;
        w.skipped = false;
        delete w.flows;
        for (uint256 t; t < 2; ++t) {
            _before[t][w.owners[t]] = w.tokens[t].balanceOf(w.owners[t]);
            for (uint256 i; i < INVESTOR_COUNT; ++i) {
                _before[t][w.investors[i]] = w.tokens[t].balanceOf(w.investors[i]);
            }
        }
    }

    /// @dev Shares that left some non-owner and reached another non-owner beyond the allowed moves: every action
    /// moves shares in one direction between the owner and the others, so a non-owner losing shares while another
    /// gains them (allowed moves taken out) can only be a move between them.
    function _end() private {
        if (!w.skipped) ++w.calls[w.action];
        for (uint256 t; t < 2; ++t) {
            uint256 lost;
            uint256 gained;
            address loser;
            for (uint256 i; i < INVESTOR_COUNT; ++i) {
                address holder = w.investors[i];
                int256 delta = int256(w.tokens[t].balanceOf(holder)) - int256(_before[t][holder]);
                for (uint256 j; j < w.flows.length; ++j) {
                    Flow memory f = w.flows[j];
                    if (f.t != t) continue;
                    if (f.from == holder) delta += int256(f.amount);
                    if (f.to == holder) delta -= int256(f.amount);
                }
                if (delta < 0) {
                    lost += uint256(-delta);
                    loser = holder;
                } else {
                    gained += uint256(delta);
                }
            }
            if (lost != 0 && gained != 0) {
                ++w.unpermittedMoves;
                w.unpermittedMoveReport = MarketReport.format(
                    w.action,
                    "shares moved between investors unpermitted",
                    t,
                    loser,
                    lost,
                    gained
                );
            }
        }
    }
}
