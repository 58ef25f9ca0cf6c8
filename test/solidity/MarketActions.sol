// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IERC7943Fungible} from "../../contracts/interfaces/IERC7943.sol";
import {IPersonalToken} from "../../contracts/interfaces/IPersonalToken.sol";
import {IShareMarket} from "../../contracts/interfaces/IShareMarket.sol";
import {ISharedErrors} from "../../contracts/interfaces/ISharedErrors.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";
import {ApprovalSigner} from "./SystemFixture.sol";
import {
    World,
    Ghost,
    VM,
    INVESTOR_COUNT,
    BPS,
    ETH,
    boundTo,
    minOf,
    maxOf,
    dueFor,
    randomPrice,
    unvestedOf,
    ownerHeadroom,
    issueHeadroom,
    ListingApprovalSigner,
    Hurdle,
    MAX_SHARES,
    GRACE
} from "./MarketWorld.sol";
import {TransferRules, MoveFacts} from "./TransferRulesModel.sol";

// The market invariant handler's actions, as external libraries that run on the handler's state by DELEGATECALL
// (so the handler stays below the contract size limit). Every action bounds its inputs so that it mostly does
// something, predicts the rules' verdict from views, makes the call with try/catch and compares: a disagreement is
// a surprise; an unexpected move of locked shares or between investors is recorded for the invariants.

/// @notice Offerings: opening, purchases, cancellation, settlement and refunds.
library OfferingActions {
    function openOffering(
        World storage w,
        uint256 tSeed,
        uint256 sharesSeed,
        uint256 priceSeed,
        uint256 timingSeed,
        uint256 shape
    ) external {
        uint256 t = tSeed % 2;
        uint256 previous = w.market.latestOffering(address(w.tokens[t]));
        if (previous != 0 && !w.market.isFinished(previous) && shape % 4 != 0) return w.skip();
        IShareMarket.OfferingTerms memory o = _offeringTerms(w, t, sharesSeed, priceSeed, timingSeed, shape);
        if (o.shares == 0) return w.skip();
        address[] memory allowlist = new address[]((shape >> 8) % 4 == 0 ? 2 : 0);
        for (uint256 i; i < allowlist.length; ++i) {
            allowlist[i] = w.investor((shape >> 16) + i);
        }
        _openWithHurdle(w, t, o, allowlist, previous, shape >> 24);
    }

    /// @dev The arbiter may have frozen part of the owner's shares or the registrar banned her (undone after).
    function _openWithHurdle(
        World storage w,
        uint256 t,
        IShareMarket.OfferingTerms memory o,
        address[] memory allowlist,
        uint256 previous,
        uint256 seed
    ) private {
        Hurdle memory h = w.raiseHurdle(t, seed, false);
        _executeOpen(w, t, o, allowlist, _openingError(w, t, o, previous));
        w.liftHurdle(t, h);
    }

    function _executeOpen(
        World storage w,
        uint256 t,
        IShareMarket.OfferingTerms memory o,
        address[] memory allowlist,
        bytes memory expected
    ) private {
        uint256 supply = w.tokens[t].totalSupply();
        VM.prank(w.owners[t]);
        try w.market.openOffering(o, allowlist) returns (uint256 id) {
            w.succeeded();
            if (expected.length != 0) return w.surprise("offering opened against the rules");
            w.terms[id] = o;
            w.offeringIds[t].push(id);
            w.hasAllowlist[id] = allowlist.length != 0;
            for (uint256 i; i < allowlist.length; ++i) {
                w.allowlisted[id][allowlist[i]] = true;
            }
            if (w.market.latestOffering(o.token) != id) w.surprise("latestOffering is not the new offering");
            if (w.market.offering(id).supplyAtOpening != supply) w.surprise("wrong supply at opening");
        } catch (bytes memory reason) {
            if (expected.length == 0) w.surprise("valid offering refused");
            else w.expectError(reason, expected);
        }
    }

    /// @dev Random terms within the cap (one time in eight beyond it); zero shares if nothing fits.
    function _offeringTerms(
        World storage w,
        uint256 t,
        uint256 sharesSeed,
        uint256 priceSeed,
        uint256 timingSeed,
        uint256 shape
    ) private view returns (IShareMarket.OfferingTerms memory o) {
        PersonalToken tok = w.tokens[t];
        o.token = address(tok);
        o.dilutive = shape % 2 == 0;
        uint256 room =
            o.dilutive
                ? minOf(issueHeadroom(tok), MAX_SHARES - tok.totalSupply())
                : minOf(ownerHeadroom(tok), tok.balanceOf(w.owners[t]));
        if ((shape >> 2) % 8 == 0) {
            o.shares = uint128(room + 1 + (sharesSeed % 1e18));
        } else if (room != 0) {
            // Half the time whole shares.
            o.shares = uint128(
                sharesSeed % 2 == 0 && room >= 1e18
                    ? boundTo(sharesSeed, 1, room / 1e18) * 1e18
                    : boundTo(sharesSeed, 1, room)
            );
        } else {
            return o;
        }
        o.price = uint128(randomPrice(t, priceSeed));
        o.start = uint64(block.timestamp + (timingSeed % 3 == 0 ? boundTo(timingSeed >> 8, 1, 2 days) : 0));
        uint256 duration = boundTo(timingSeed >> 64, 1 hours, 30 days);
        o.end = uint64(o.start + duration);
        if (o.dilutive && (timingSeed >> 128) % 2 == 0) {
            o.priorityWindow = uint64(boundTo(timingSeed >> 129, 0, duration));
        }
        // All-or-nothing half the time, with a minimum that may be out of reach (up to 1.5 times the whole offering).
        if ((shape >> 1) % 2 == 0) {
            o.minRaise = uint128(boundTo(priceSeed >> 128, 1, (dueFor(o.shares, o.price) * 3) / 2 + 1));
        }
        uint256 limits = (shape >> 5) % 4;
        if (limits % 2 == 1) o.maxPerInvestor = uint128(boundTo(sharesSeed >> 128, o.shares / 5 + 1, o.shares));
        if (limits >= 2) o.minPerInvestor = uint128(boundTo(sharesSeed >> 64, 1, o.shares / 4 + 1));
        if (o.maxPerInvestor != 0 && o.minPerInvestor > o.maxPerInvestor) o.minPerInvestor = o.maxPerInvestor;
    }

    /// @dev The error opening `o` must give (empty if none): another offering unfinished, a sell-down beyond the
    /// owner's balance, or outside shares + offered above the cap of (supply + offered if dilutive).
    function _openingError(
        World storage w,
        uint256 t,
        IShareMarket.OfferingTerms memory o,
        uint256 previous
    ) private view returns (bytes memory) {
        if (previous != 0 && !w.market.isFinished(previous)) {
            return abi.encodeWithSelector(IShareMarket.OfferingInProgress.selector, previous);
        }
        PersonalToken tok = w.tokens[t];
        uint256 supply = tok.totalSupply();
        uint256 ownerBalance = tok.balanceOf(w.owners[t]);
        // A dilutive offering may not promise more than MAX_SUPPLY.
        if (o.dilutive && supply + o.shares > MAX_SHARES) {
            return
                abi.encodeWithSelector(IShareMarket.OfferingExceedsSupplyLimit.selector, supply + o.shares, MAX_SHARES);
        }
        if (!o.dilutive) {
            bytes memory sellDown = _sellDownError(w, t, o.shares);
            if (sellDown.length != 0) return sellDown;
        }
        uint256 outsideAfter = supply - ownerBalance + o.shares;
        uint256 maxOutside = ((o.dilutive ? supply + o.shares : supply) * tok.capBps()) / BPS;
        if (outsideAfter <= maxOutside) return "";
        return abi.encodeWithSelector(IShareMarket.OfferingExceedsCap.selector, outsideAfter, maxOutside);
    }

    /// @dev A sell-down moves her shares: a banned owner opens none, and it takes at most her movable balance.
    function _sellDownError(World storage w, uint256 t, uint256 shares) private view returns (bytes memory) {
        address owner_ = w.owners[t];
        if (w.registry.isBanned(owner_))
            return abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotSend.selector, owner_);
        uint256 movable = TransferRules.movable(w.facts(t, owner_, owner_, 0, true));
        if (shares > movable) {
            return abi.encodeWithSelector(IShareMarket.OfferingExceedsOwnerBalance.selector, shares, movable);
        }
        return "";
    }

    function buy(World storage w, uint256 tSeed, uint256 buyerSeed, uint256 sharesSeed) external {
        uint256 t = tSeed % 2;
        uint256 id = w.market.latestOffering(address(w.tokens[t]));
        if (id == 0) return w.skip();
        if (w.ghosts[id].cancelled || block.timestamp > w.terms[id].end) return w.skip();
        if (block.timestamp < w.terms[id].start) VM.warp(w.terms[id].start);
        // The first investor from the seed on who has something to try.
        for (uint256 i; i < INVESTOR_COUNT; ++i) {
            address buyer = w.investor((buyerSeed % INVESTOR_COUNT) + i);
            (uint256 shares, bytes memory expected) = _choosePurchase(w, id, buyer, sharesSeed);
            if (shares != 0) return _executeBuy(w, t, id, buyer, shares, expected);
        }
        w.skip();
    }

    /// @dev `buyer` buys `shares`; `expected` is the error the market's own checks must give (empty if none).
    function _executeBuy(
        World storage w,
        uint256 t,
        uint256 id,
        address buyer,
        uint256 shares,
        bytes memory expected
    ) private {
        IShareMarket.OfferingTerms memory o = w.terms[id];
        // A plain purchase also delivers at once: the owner's sender rules (sell-down) and the cap must pass.
        bool deliverable = o.minRaise != 0 || (o.dilutive ? w.capOk(t, shares, 0, 0) : w.ownerCanSend(t, shares));
        uint256 due = dueFor(shares, o.price);
        w.fund(t, buyer, due);
        uint256[7] memory b = _buySnapshot(w, t, buyer);
        VM.prank(buyer);
        try w.market.buy{value: w.value(t, due)}(id, shares) {
            w.succeeded();
            if (expected.length != 0 || !deliverable) return w.surprise("purchase went through against the rules");
            _afterBuy(w, t, id, buyer, shares, b);
        } catch (bytes memory reason) {
            if (expected.length == 0 && deliverable) w.surprise("valid purchase refused");
            else if (expected.length != 0) w.expectError(reason, expected);
        }
    }

    function _buySnapshot(World storage w, uint256 t, address buyer) private view returns (uint256[7] memory) {
        PersonalToken tok = w.tokens[t];
        return
            [
                w.quoteBalance(t, buyer),
                w.money(t, w.owners[t]),
                w.quoteBalance(t, address(w.market)),
                tok.balanceOf(buyer),
                tok.balanceOf(w.owners[t]),
                tok.totalSupply(),
                tok.lastPrice()
            ];
    }

    /// @dev After a purchase: the buyer paid exactly the amount due; a plain purchase paid the owner and delivered,
    /// an all-or-nothing one left the payment in the market and delivered nothing.
    function _afterBuy(
        World storage w,
        uint256 t,
        uint256 id,
        address buyer,
        uint256 shares,
        uint256[7] memory b
    ) private {
        IShareMarket.OfferingTerms memory o = w.terms[id];
        Ghost storage g = w.ghosts[id];
        // What the buyer paid, and what reached the owner (wallet or escrow).
        uint256[2] memory moved = [b[0] - w.quoteBalance(t, buyer), w.money(t, w.owners[t]) - b[1]];
        g.paid += moved[0];
        if (moved[0] != dueFor(shares, o.price)) w.surprise("buyer not charged ceil(shares x price / 1e18)");
        if (o.minRaise == 0) {
            g.toOwner += moved[1];
            if (moved[1] != dueFor(shares, o.price)) w.surprise("owner did not receive the purchase price");
            w.checkDelivered(t, buyer, shares, o.dilutive, [b[3], b[4], b[5]]);
            w.checkLastPrice(t, shares, o.price, b[6]);
        } else {
            g.raised += moved[0];
            g.pendingShares += shares;
            if (moved[1] != 0 || w.quoteBalance(t, address(w.market)) != b[2] + moved[0]) {
                w.surprise("all-or-nothing payment not held by the market");
            }
            PersonalToken tok = w.tokens[t];
            if (tok.balanceOf(buyer) != b[3] || tok.totalSupply() != b[5] || tok.lastPrice() != b[6]) {
                w.surprise("all-or-nothing purchase delivered before settlement");
            }
        }
    }

    /// @dev What the rules let `buyer` buy now: the shares still available, what it already bought, the cumulative
    /// maximum and minimum, and whether it may buy at all. In a dilutive offering's priority window only holders
    /// with the pro-rata right may buy, each up to floor((balance − delivered) × offered / supply at opening), with
    /// no minimum; otherwise the allowlist (if any) and the per-investor limits apply.
    struct Limits {
        uint256 available;
        uint256 bought;
        uint256 maxCum;
        uint256 minCum;
        bool eligible;
        // Why an eligible receiver may not buy, in the market's order: not on the allowlist, or in the window not a
        // holder (`windowEnd` then names the window's end) or without the right; and the per-investor maximum.
        bytes4 ineligible;
        uint256 windowEnd;
        uint256 maxPer;
    }

    function _limits(World storage w, uint256 id, address buyer) private view returns (Limits memory l) {
        IShareMarket.OfferingTerms memory o = w.terms[id];
        PersonalToken tok = PersonalToken(o.token);
        IShareMarket.Offering memory state = w.market.offering(id);
        IShareMarket.Position memory p = w.market.position(id, buyer);
        l.available = o.shares - state.sold;
        l.bought = p.bought;
        l.maxCum = o.maxPerInvestor == 0 ? type(uint256).max : o.maxPerInvestor;
        l.maxPer = l.maxCum;
        l.eligible = tok.canReceive(buyer);
        if (o.dilutive && block.timestamp < o.start + o.priorityWindow) {
            // Shares held apart from those this offering delivered (none left: not a holder, so not eligible).
            uint256 delivered = p.bought - p.pendingShares;
            uint256 balance = tok.balanceOf(buyer);
            uint256 held = balance > delivered ? balance - delivered : 0;
            l.windowEnd = uint256(o.start) + o.priorityWindow;
            if (held == 0) l.ineligible = IShareMarket.PriorityWindowForHolders.selector;
            else if (!tok.hasProRataRight(buyer)) l.ineligible = IShareMarket.ProRataRightRevoked.selector;
            l.eligible = l.eligible && l.ineligible == 0;
            l.maxCum = minOf(l.maxCum, (held * o.shares) / state.supplyAtOpening);
        } else {
            l.minCum = o.minPerInvestor;
            if (w.hasAllowlist[id] && !w.allowlisted[id][buyer]) {
                l.eligible = false;
                l.ineligible = IShareMarket.BuyerNotAllowlisted.selector;
            }
        }
    }

    /// @dev A purchase amount for `buyer` within its limits (one time in sixteen one unit beyond them), and the
    /// error the rules give it (empty if it should go through); zero shares if there is nothing to try.
    function _choosePurchase(
        World storage w,
        uint256 id,
        address buyer,
        uint256 seed
    ) private view returns (uint256 shares, bytes memory expected) {
        Limits memory l = _limits(w, id, buyer);
        if (l.available == 0) return (0, expected);
        uint256 hi = l.maxCum > l.bought ? minOf(l.available, l.maxCum - l.bought) : 0;
        uint256 lo = l.minCum > l.bought + 1 ? l.minCum - l.bought : 1;
        if (seed % 16 == 0) {
            shares = hi + 1;
        } else if (!l.eligible) {
            if (seed % 4 != 1) return (0, expected);
            shares = 1;
        } else if (lo <= hi) {
            shares = seed % 4 == 2 ? hi : boundTo(seed, lo, hi);
        } else if (hi == l.available) {
            shares = l.available; // below the minimum, but the last shares
        } else {
            return (0, expected);
        }
        expected = _purchaseError(w, id, buyer, shares, l);
    }

    /// @dev The error a purchase of `shares` must give, in the market's order of checks (empty if none).
    function _purchaseError(
        World storage w,
        uint256 id,
        address buyer,
        uint256 shares,
        Limits memory l
    ) private view returns (bytes memory) {
        PersonalToken tok = PersonalToken(w.terms[id].token);
        if (tok.paused()) return abi.encodeWithSelector(ISharedErrors.EnforcedPause.selector);
        if (!tok.canReceive(buyer)) {
            if (tok.isKicked(buyer)) return abi.encodeWithSelector(IPersonalToken.ReceiverKicked.selector, buyer);
            return abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotReceive.selector, buyer);
        }
        if (shares > l.available) {
            return abi.encodeWithSelector(IShareMarket.NotEnoughShares.selector, shares, l.available);
        }
        if (!l.eligible) {
            if (l.ineligible == IShareMarket.BuyerNotAllowlisted.selector) {
                return abi.encodeWithSelector(l.ineligible, id, buyer);
            }
            if (l.ineligible == IShareMarket.PriorityWindowForHolders.selector) {
                return abi.encodeWithSelector(l.ineligible, buyer, l.windowEnd);
            }
            return abi.encodeWithSelector(l.ineligible, buyer);
        }
        uint256 cumulative = l.bought + shares;
        if (cumulative > l.maxPer) {
            return abi.encodeWithSelector(IShareMarket.PurchaseAboveMaximum.selector, cumulative, l.maxPer);
        }
        // In the window `l.maxCum` is min(maximum, entitlement): past the maximum check, it is the entitlement.
        if (cumulative > l.maxCum) {
            return abi.encodeWithSelector(IShareMarket.PurchaseAboveEntitlement.selector, cumulative, l.maxCum);
        }
        uint256 minCum = shares == l.available ? 0 : l.minCum;
        if (cumulative < minCum) {
            return abi.encodeWithSelector(IShareMarket.PurchaseBelowMinimum.selector, cumulative, minCum);
        }
        return "";
    }

    function cancelOffering(World storage w, uint256 tSeed) external {
        uint256 t = tSeed % 2;
        uint256 id = w.market.latestOffering(address(w.tokens[t]));
        if (id == 0) return w.skip();
        bool open = !w.ghosts[id].cancelled && block.timestamp <= w.terms[id].end;
        // One call in three cancels an open offering; one in eight tries on an ended one (refused).
        if (open ? (tSeed >> 1) % 3 != 0 : (tSeed >> 1) % 8 != 0) return w.skip();
        VM.prank(w.owners[t]);
        try w.market.cancelOffering(id) {
            w.succeeded();
            if (!open) return w.surprise("ended offering cancelled");
            w.ghosts[id].cancelled = true;
            (uint256 reserved, ) = w.tokens[t].reservedShares();
            if (reserved != 0) w.surprise("cancelled offering still reserves shares");
        } catch (bytes memory reason) {
            if (open) w.surprise("owner could not cancel an open offering");
            else if (w.ghosts[id].cancelled) {
                w.expectError(reason, abi.encodeWithSelector(IShareMarket.OfferingIsCancelled.selector, id));
            } else {
                w.expectError(reason, abi.encodeWithSelector(IShareMarket.OfferingEnded.selector, id, w.terms[id].end));
            }
        }
    }
}

/// @notice Secondary sales: listings and fills, and attempts to move locked or frozen shares.
library TradeActions {
    function listAndFill(
        World storage w,
        uint256 tSeed,
        uint256 sellerSeed,
        uint256 buyerSeed,
        uint256 amountSeed,
        uint256 mode
    ) external {
        uint256 t = tSeed % 2;
        address seller = w.investorWithShares(t, sellerSeed);
        if (seller == address(0)) return w.skip();
        // Mostly an investor who may receive; one time in eight any other.
        address buyer =
            buyerSeed % 8 == 0 ? w.investorOtherThan(buyerSeed, seller) : w.receiverOtherThan(t, buyerSeed, seller);
        uint256 movable = w.movable(t, seller);
        if (movable == 0 && amountSeed % 4 != 0) return w.skip();
        uint256 amount = boundTo(
            amountSeed,
            1,
            movable != 0 && amountSeed % 4 != 0 ? movable : w.tokens[t].balanceOf(seller)
        );
        uint256 id = _list(
            w,
            t,
            seller,
            amount,
            randomPrice(t, amountSeed >> 64),
            (mode >> 3) % 2 == 0 ? buyer : address(0),
            mode >> 8
        );
        if (id == 0) return;
        // 0-2: approved on-chain; 3-5: the owner's signature presented with the fill; 6: never approved; 7: approved
        // and revoked (both refused).
        mode %= 8;
        if (mode <= 2 || mode == 7) {
            VM.prank(w.owners[t]);
            w.market.approveListing(id);
            w.noteListingApproved(t, id);
        }
        if (mode == 7) {
            VM.prank(w.owners[t]);
            w.market.revokeListingApproval(id);
            w.listingEpoch[id] = 0;
        }
        _fill(w, t, id, buyer, boundTo(amountSeed >> 128, 1, amount), mode >= 3 && mode <= 5);
    }

    /// @dev `seller` lists `amount` shares at `price` for `buyer` (or anyone), expiring within ten days.
    function _list(
        World storage w,
        uint256 t,
        address seller,
        uint256 amount,
        uint256 price,
        address buyer,
        uint256 expirySeed
    ) private returns (uint256 id) {
        uint64 expiry = uint64(block.timestamp + boundTo(expirySeed, 0, 10 days));
        VM.prank(seller);
        try w.market.list(address(w.tokens[t]), amount, price, buyer, expiry) returns (uint256 listingId) {
            id = listingId;
            w.listingIds.push(id);
        } catch {
            w.surprise("valid listing refused");
        }
    }

    function fillListing(
        World storage w,
        uint256 listingSeed,
        uint256 buyerSeed,
        uint256 sharesSeed,
        uint256 mode
    ) external {
        uint256 id = _openListing(w, listingSeed);
        if (id == 0) return w.skip();
        IShareMarket.Listing memory l = w.market.listing(id);
        uint256 t = l.token == address(w.tokens[0]) ? 0 : 1;
        mode %= 8;
        if (mode == 0) {
            VM.prank(l.seller);
            w.market.cancelListing(id);
        } else if (mode <= 3 && !l.approved) {
            VM.prank(w.owners[t]);
            w.market.approveListing(id);
            w.noteListingApproved(t, id);
        }
        address buyer =
            l.buyer != address(0) && buyerSeed % 8 != 0 ? l.buyer : w.receiverOtherThan(t, buyerSeed, l.seller);
        // Mostly within what the seller may move; one time in eight anything still listed.
        uint256 max = l.amount - l.filled;
        if (mode != 7) {
            if (w.movable(t, l.seller) == 0) return w.skip();
            max = minOf(max, w.movable(t, l.seller));
        }
        _fill(w, t, id, buyer, boundTo(sharesSeed, 1, max), mode == 4);
    }

    /// @dev An open listing (not cancelled, not filled, not expired), searched from a random one; 0 if none.
    function _openListing(World storage w, uint256 seed) private view returns (uint256) {
        uint256 n = w.listingIds.length;
        for (uint256 k; k < minOf(n, 16); ++k) {
            uint256 id = w.listingIds[((seed % n) + k) % n];
            IShareMarket.Listing memory l = w.market.listing(id);
            if (!l.cancelled && l.filled < l.amount && block.timestamp <= l.expiry) return id;
        }
        return 0;
    }

    /// @dev `buyer` fills `shares` of listing `id`, with the owner's signed approval if `signed`; the verdict is
    /// predicted from the listing and the seller's movable shares, and an approved fill between two investors is
    /// the only non-owner move the handler allows itself here.
    function _fill(World storage w, uint256 t, uint256 id, address buyer, uint256 shares, bool signed) private {
        IShareMarket.Listing memory l = w.market.listing(id);
        FillVerdict memory v = _fillVerdict(w, t, l, buyer, shares, signed);
        w.fund(t, buyer, dueFor(shares, l.price));
        _doFill(w, t, id, buyer, shares, _fillCall(w, t, id, l, shares, signed), v);
    }

    function _doFill(
        World storage w,
        uint256 t,
        uint256 id,
        address buyer,
        uint256 shares,
        bytes memory data,
        FillVerdict memory v
    ) private {
        IShareMarket.Listing memory l = w.market.listing(id);
        uint256[5] memory b = [
            w.quoteBalance(t, buyer),
            w.money(t, l.seller),
            w.tokens[t].balanceOf(buyer),
            w.tokens[t].balanceOf(l.seller),
            w.tokens[t].lastPrice()
        ];
        VM.prank(buyer);
        (bool success, bytes memory reason) = address(w.market).call{value: w.value(t, dueFor(shares, l.price))}(data);
        if (success) {
            w.succeeded();
            if (v.beyondMovable) w.lockedMove(t, l.seller, shares, v.movable);
            if (!v.ok) return w.surprise("fill went through against the rules");
            // An approved fill is a permitted move between the seller and the buyer (a signed approval is now
            // stored with the current owner epoch).
            w.allowMove(t, l.seller, buyer, shares);
            w.noteListingApproved(t, id);
            _afterFill(w, t, id, l, buyer, shares, b);
        } else {
            _fillRefused(w, t, id, shares, v, reason);
        }
    }

    /// @dev A refused fill must have been predicted, and name an unapproved listing or the seller's freeze and lock.
    function _fillRefused(
        World storage w,
        uint256 t,
        uint256 id,
        uint256 shares,
        FillVerdict memory v,
        bytes memory reason
    ) private {
        if (v.ok) w.surprise("valid fill refused");
        else if (!v.approved) {
            w.expectError(reason, _unapprovedFillError(w, id));
        } else if (v.fillable && v.beyondMovable) {
            w.expectError(reason, w.unfrozenError(t, w.market.listing(id).seller, shares));
        }
    }

    /// @dev The error of an unsigned fill of a listing not approved: cancelled and expired listings say so first.
    function _unapprovedFillError(World storage w, uint256 id) private view returns (bytes memory) {
        IShareMarket.Listing memory l = w.market.listing(id);
        if (l.cancelled) return abi.encodeWithSelector(IShareMarket.ListingIsCancelled.selector, id);
        if (block.timestamp > l.expiry)
            return abi.encodeWithSelector(IShareMarket.ListingExpired.selector, id, l.expiry);
        return abi.encodeWithSelector(IShareMarket.ListingNotApproved.selector, id);
    }

    /// @dev Whether a fill passes the listing's and the buyer's rules, whether it should go through (the seller
    /// must also be able to move the shares), and whether it asks for more than the seller may move.
    struct FillVerdict {
        bool approved; // approved on-chain before the call, or by the signature presented with it
        bool fillable;
        bool ok;
        bool beyondMovable;
        uint256 movable;
    }

    function _fillVerdict(
        World storage w,
        uint256 t,
        IShareMarket.Listing memory l,
        address buyer,
        uint256 shares,
        bool signed
    ) private view returns (FillVerdict memory v) {
        PersonalToken tok = w.tokens[t];
        bool open = !l.cancelled && l.filled < l.amount;
        v.approved = l.approved || signed;
        v.fillable =
            (signed ? open : l.approved) &&
            !l.cancelled &&
            block.timestamp <= l.expiry &&
            shares <= l.amount - l.filled &&
            !tok.paused() &&
            (l.buyer == address(0) || buyer == l.buyer) &&
            buyer != l.seller &&
            tok.canReceive(buyer) &&
            tok.canSend(l.seller);
        v.movable = w.movable(t, l.seller);
        v.ok = v.fillable && shares <= v.movable;
        v.beyondMovable = shares > v.movable && shares <= tok.balanceOf(l.seller);
    }

    function _fillCall(
        World storage w,
        uint256 t,
        uint256 id,
        IShareMarket.Listing memory l,
        uint256 shares,
        bool signed
    ) private returns (bytes memory) {
        if (!signed) return abi.encodeCall(IShareMarket.fill, (id, shares));
        uint256 nonce = ++w.nonce;
        uint256 deadline = block.timestamp + 1 days;
        bytes memory signature = ListingApprovalSigner.sign(w.ownerKeys[t], w.tokens[t], l, nonce, deadline);
        return abi.encodeCall(IShareMarket.fillWithApproval, (id, shares, nonce, deadline, signature));
    }

    /// @dev After a fill: the buyer paid and the seller received exactly ceil(shares × price / 1e18), the shares
    /// moved, the listing recorded them, and lastPrice followed the dust rule.
    function _afterFill(
        World storage w,
        uint256 t,
        uint256 id,
        IShareMarket.Listing memory l,
        address buyer,
        uint256 shares,
        uint256[5] memory b
    ) private {
        PersonalToken tok = w.tokens[t];
        uint256 due = dueFor(shares, l.price);
        if (b[0] - w.quoteBalance(t, buyer) != due || w.money(t, l.seller) - b[1] != due) {
            w.surprise("fill did not pay the seller ceil(shares x price / 1e18)");
        }
        if (tok.balanceOf(buyer) != b[2] + shares || tok.balanceOf(l.seller) != b[3] - shares) {
            w.surprise("fill moved the wrong shares");
        }
        IShareMarket.Listing memory after_ = w.market.listing(id);
        if (after_.filled != l.filled + shares || !after_.approved) w.surprise("fill not recorded on the listing");
        w.checkLastPrice(t, shares, l.price, b[4]);
    }

    function moveLockedShares(
        World storage w,
        uint256 tSeed,
        uint256 holderSeed,
        uint256 amountSeed,
        uint256 mode
    ) external {
        uint256 t = tSeed % 2;
        PersonalToken tok = w.tokens[t];
        address holder = w.investorWithShares(t, holderSeed);
        if (holder == address(0)) return w.skip();
        // Nothing held back: freeze some shares for this attempt only.
        uint256 frozen = tok.getFrozenTokens(holder);
        if (w.movable(t, holder) == tok.balanceOf(holder)) {
            tok.setFrozenTokens(holder, boundTo(amountSeed >> 128, 1, tok.balanceOf(holder)));
        }
        if (tok.lockedOf(holder) != w.locked(t, holder)) w.surprise("lockedOf is not the unvested part of the grant");
        _tryBeyondMovable(w, t, holder, amountSeed, mode % 4);
        tok.setFrozenTokens(holder, frozen);
    }

    /// @dev `holder` tries to move more than it may; every route must revert, with the error naming the freeze and
    /// lock when nothing else stands in the way. Then, sometimes, it moves exactly what it may (which must work).
    function _tryBeyondMovable(World storage w, uint256 t, address holder, uint256 seed, uint256 mode) private {
        uint256 movable = w.movable(t, holder);
        uint256 amount = boundTo(seed, movable + 1, w.tokens[t].balanceOf(holder));
        address other = w.investorOtherThan(seed >> 64, holder);
        // Nothing but the freeze and lock stands in the way, so the error must name them; otherwise just a revert.
        bytes memory expected =
            !w.tokens[t].paused() && w.tokens[t].canSend(holder) && (mode != 3 || w.tokens[t].canReceive(other))
                ? w.unfrozenError(t, holder, amount)
                : bytes("");
        (bool success, bytes memory reason) = _attemptMove(w, t, holder, other, amount, mode);
        if (success) {
            w.succeeded();
            // Routes 1-3 carry the owner's permission: the move breaks the lock (invariant 5), not invariant 4.
            if (mode != 0) w.allowMove(t, holder, other, amount);
            return w.lockedMove(t, holder, amount, movable);
        }
        if (expected.length != 0) w.expectError(reason, expected);
        // Positive control: exactly the movable shares do go (to the owner, who needs no permission).
        if (mode == 0 && expected.length != 0 && movable != 0 && (seed >> 192) % 2 == 0) {
            VM.prank(holder);
            try w.tokens[t].transfer(w.owners[t], movable) returns (bool) {} catch {
                w.surprise("holder could not move balance - frozen - locked");
            }
        }
    }

    /// @dev `holder` tries to move `amount`: 0 to the owner; 1 to `other` with the owner's on-chain permission;
    /// 2 with her signed permission; 3 through a listing she approved, filled by `other`.
    function _attemptMove(
        World storage w,
        uint256 t,
        address holder,
        address other,
        uint256 amount,
        uint256 mode
    ) private returns (bool success, bytes memory reason) {
        PersonalToken tok = w.tokens[t];
        if (mode == 0) {
            VM.prank(holder);
            return address(tok).call(abi.encodeCall(tok.transfer, (w.owners[t], amount)));
        }
        if (mode == 1) {
            w.approveTransfer(t, holder, other, amount);
            VM.prank(holder);
            return address(tok).call(abi.encodeCall(tok.transfer, (other, amount)));
        }
        uint256 deadline = block.timestamp + 1 days;
        if (mode == 2) {
            uint256 nonce = ++w.nonce;
            bytes memory signature = ApprovalSigner.sign(w.ownerKeys[t], tok, holder, other, amount, nonce, deadline);
            VM.prank(holder);
            return
                address(tok).call(
                    abi.encodeCall(tok.transferWithApproval, (other, amount, nonce, deadline, signature))
                );
        }
        uint256 id = _list(w, t, holder, amount, randomPrice(t, amount), address(0), 0);
        VM.prank(w.owners[t]);
        w.market.approveListing(id);
        w.noteListingApproved(t, id);
        uint256 due = dueFor(amount, w.market.listing(id).price);
        w.fund(t, other, due);
        VM.prank(other);
        return address(w.market).call{value: w.value(t, due)}(abi.encodeCall(IShareMarket.fill, (id, amount)));
    }
}

/// @notice Grants, kicks, the arbiter's forced transfers, and withdrawals.
library HolderActions {
    function grant(World storage w, uint256 tSeed, uint256 toSeed, uint256 amountSeed, uint256 scheduleSeed) external {
        uint256 t = tSeed % 2;
        PersonalToken tok = w.tokens[t];
        address to = w.investor(toSeed);
        if (!tok.canReceive(to)) return w.skip();
        bool inProgress = _grantInProgress(w, t, to);
        if (inProgress && scheduleSeed % 4 != 0) return w.skip();
        uint256 room = w.ownerRoom(t);
        if (room == 0 && amountSeed % 8 != 0) return w.skip();
        uint256 amount = amountSeed % 8 == 0 ? room + 1 : boundTo(amountSeed, 1, room);
        if (amount > tok.balanceOf(w.owners[t])) return w.skip();
        // start (up to 60 days in the past or the future), cliff ≤ duration, duration up to two years.
        uint64[3] memory schedule;
        schedule[0] = uint64(
            scheduleSeed % 2 == 0
                ? block.timestamp - minOf(block.timestamp, boundTo(scheduleSeed >> 8, 0, 60 days))
                : block.timestamp + boundTo(scheduleSeed >> 8, 0, 60 days)
        );
        schedule[2] = uint64(boundTo(scheduleSeed >> 64, 1, 2 * 365 days));
        schedule[1] = uint64(boundTo(scheduleSeed >> 128, 0, schedule[2]));
        _grantWithHurdle(w, t, to, amount, schedule, inProgress, scheduleSeed >> 192);
    }

    /// @dev The arbiter may have frozen part of the owner's shares or the registrar banned her (undone after): a
    /// grant moves her shares, so her sender rules hold.
    function _grantWithHurdle(
        World storage w,
        uint256 t,
        address to,
        uint256 amount,
        uint64[3] memory schedule,
        bool inProgress,
        uint256 seed
    ) private {
        Hurdle memory h = w.raiseHurdle(t, seed, false);
        _executeGrant(w, t, to, amount, schedule, inProgress);
        w.liftHurdle(t, h);
    }

    /// @dev The owner grants `amount` to `to` on `schedule` (start, cliff, duration): it must go through exactly
    /// when the token is not paused, `to` has no grant still vesting, and the cap (reservations counted) allows it.
    function _executeGrant(
        World storage w,
        uint256 t,
        address to,
        uint256 amount,
        uint64[3] memory schedule,
        bool inProgress
    ) private {
        PersonalToken tok = w.tokens[t];
        (bool ok, bytes memory expected) = _grantVerdict(w, t, to, amount, inProgress);
        uint256 toBefore = tok.balanceOf(to);
        VM.prank(w.owners[t]);
        try tok.grant(to, amount, schedule[0], schedule[1], schedule[2], keccak256("help")) {
            w.succeeded();
            if (!ok) return w.surprise("grant went through against the rules");
            _afterGrant(w, t, to, amount, schedule, toBefore);
        } catch (bytes memory reason) {
            if (ok) w.surprise("valid grant refused");
            else if (expected.length != 0) w.expectError(reason, expected);
        }
    }

    /// @dev Whether a grant must go through, and the error a refusal must give where the handler knows it: the
    /// pause, a grant in progress, then the owner's sender rules (not banned, within her balance − frozen − locked,
    /// a sell-down's reserved shares being locked); the cap with reservations last.
    function _grantVerdict(
        World storage w,
        uint256 t,
        address to,
        uint256 amount,
        bool inProgress
    ) private view returns (bool ok, bytes memory expected) {
        PersonalToken tok = w.tokens[t];
        MoveFacts memory f = w.facts(t, w.owners[t], to, amount, true);
        uint8 senderRule = TransferRules.senderRules(f);
        ok = !tok.paused() && !inProgress && senderRule == 0 && w.capOk(t, 0, amount, 0);
        if (tok.paused()) expected = abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector);
        else if (inProgress) expected = abi.encodeWithSelector(IPersonalToken.GrantInProgress.selector, to);
        else if (senderRule != 0) expected = TransferRules.revertData(f, senderRule);
    }

    function _afterGrant(
        World storage w,
        uint256 t,
        address to,
        uint256 amount,
        uint64[3] memory schedule,
        uint256 toBefore
    ) private {
        PersonalToken tok = w.tokens[t];
        w.hasGrant[t][to] = true;
        if (tok.balanceOf(to) != toBefore + amount) w.surprise("grant moved the wrong amount");
        (uint256 a, uint64 s, uint64 c, uint64 d) = tok.grantOf(to);
        if (a != amount || s != schedule[0] || c != schedule[1] || d != schedule[2]) {
            w.surprise("grant recorded wrong terms");
        }
        if (tok.lockedOf(to) != w.locked(t, to)) w.surprise("lockedOf is not the unvested part of the grant");
    }

    /// @dev Whether `holder` has a grant that is not fully vested (by the schedule, whatever its balance).
    function _grantInProgress(World storage w, uint256 t, address holder) private view returns (bool) {
        (uint256 amount, uint64 start, uint64 cliff, uint64 duration) = w.tokens[t].grantOf(holder);
        return unvestedOf(amount, start, cliff, duration) != 0;
    }

    function cancelGrant(World storage w, uint256 tSeed, uint256 holderSeed) external {
        uint256 t = tSeed % 2;
        PersonalToken tok = w.tokens[t];
        address holder = w.investor(holderSeed);
        uint256 locked = w.locked(t, holder);
        if (locked == 0) return w.skip();
        if (tok.lockedOf(holder) != locked) w.surprise("lockedOf is not the unvested part of the grant");
        // Only the arbiter moves a frozen holder's shares (review finding 3).
        uint256 frozen = tok.getFrozenTokens(holder);
        bool ok = !tok.paused() && frozen == 0;
        uint256 holderBefore = tok.balanceOf(holder);
        uint256 ownerBefore = tok.balanceOf(w.owners[t]);
        VM.prank(w.owners[t]);
        try tok.cancelGrant(holder) {
            w.succeeded();
            if (!ok) return w.surprise("grant cancelled while paused or frozen");
            if (tok.balanceOf(holder) != holderBefore - locked || tok.balanceOf(w.owners[t]) != ownerBefore + locked) {
                w.surprise("cancelGrant did not return exactly the unvested shares");
            }
            if (tok.lockedOf(holder) != 0) w.surprise("shares still locked after cancelGrant");
            w.hasGrant[t][holder] = false;
        } catch (bytes memory reason) {
            if (ok) w.surprise("cancelGrant refused");
            else if (tok.paused())
                w.expectError(reason, abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector));
            else w.expectError(reason, abi.encodeWithSelector(IPersonalToken.HolderFrozen.selector, holder, frozen));
        }
    }

    function kick(World storage w, uint256 tSeed, uint256 holderSeed, uint256 priceSeed) external {
        uint256 t = tSeed % 2;
        address holder = w.investorWithShares(t, holderSeed);
        // Kicks end a holder's part in the story: one call in two only.
        if (holder == address(0) || (holderSeed >> 8) % 2 == 0) return w.skip();
        if (w.tokens[t].getFrozenTokens(holder) != 0 && priceSeed % 2 == 0) w.tokens[t].setFrozenTokens(holder, 0);
        (uint256 minPrice, bool counts) = _kickMinPrice(w, t, holder);
        // At the minimum, sometimes above it, one time in eight one unit below it.
        uint256 price =
            priceSeed % 8 == 1 && minPrice != 0
                ? minPrice - 1
                : minPrice + (priceSeed % 3 == 0 ? boundTo(priceSeed >> 8, 0, minPrice / 2 + 1) : 0);
        _executeKick(w, t, holder, price, _kickError(w, t, holder, price, minPrice), counts);
    }

    /// @dev The error a kick must give, in the market's order: a price below the minimum, then the token's: paused,
    /// the holder's shares frozen.
    function _kickError(
        World storage w,
        uint256 t,
        address holder,
        uint256 price,
        uint256 minPrice
    ) private view returns (bytes memory) {
        uint256 frozen = w.tokens[t].getFrozenTokens(holder);
        if (price < minPrice) return abi.encodeWithSelector(IShareMarket.KickPriceTooLow.selector, price, minPrice);
        if (w.tokens[t].paused()) return abi.encodeWithSelector(PausableUpgradeable.EnforcedPause.selector);
        if (frozen != 0) return abi.encodeWithSelector(IPersonalToken.HolderFrozen.selector, holder, frozen);
        return "";
    }

    /// @dev max(lastPrice, the holder's average purchase price ceil(Σ paid × 1e18 / Σ bought)), and whether the kick
    /// counts for its reputation (it bought on-chain and this token never counted a kick of it).
    function _kickMinPrice(World storage w, uint256 t, address holder) private returns (uint256, bool) {
        PersonalToken tok = w.tokens[t];
        (uint256 paid, uint256 bought) = tok.purchaseOf(holder);
        uint256 average = bought == 0 ? 0 : (paid * 1e18 + bought - 1) / bought;
        if (tok.averagePurchasePrice(holder) != average) {
            w.surprise("average purchase price is not ceil(paid / bought)");
        }
        return (maxOf(tok.lastPrice(), average), bought != 0 && !w.kickRecorded[t][holder]);
    }

    /// @dev The owner kicks `holder` at `price`, paying ceil((balance − locked) × price / 1e18) into its escrow.
    function _executeKick(
        World storage w,
        uint256 t,
        address holder,
        uint256 price,
        bytes memory expected,
        bool counts
    ) private {
        uint256 latest = w.market.latestOffering(address(w.tokens[t]));
        delete w.pendingBefore;
        if (latest != 0) w.pendingBefore = w.market.position(latest, holder);
        uint256 due = dueFor(w.tokens[t].balanceOf(holder) - w.locked(t, holder), price);
        w.fund(t, w.owners[t], due);
        uint256[6] memory b = _kickSnapshot(w, t, holder);
        VM.prank(w.owners[t]);
        try w.market.kick{value: w.value(t, due)}(address(w.tokens[t]), holder, price) {
            w.succeeded();
            if (expected.length != 0) return w.surprise("kick went through against the rules");
            _afterKick(w, t, holder, due, counts, b);
        } catch (bytes memory reason) {
            if (expected.length == 0) w.surprise("valid kick refused");
            else w.expectError(reason, expected);
        }
    }

    function _kickSnapshot(World storage w, uint256 t, address holder) private view returns (uint256[6] memory) {
        PersonalToken tok = w.tokens[t];
        return
            [
                w.market.withdrawable(holder, w.quotes[t]),
                w.quoteBalance(t, w.owners[t]),
                tok.balanceOf(w.owners[t]),
                w.registry.kickCount(holder),
                tok.lastPrice(),
                tok.balanceOf(holder)
            ];
    }

    /// @dev After a kick: the holder's escrow grew by the buyback plus its pending all-or-nothing payment in the
    /// latest offering (refunded), the owner paid the buyback and got every share, the holder lost its rights,
    /// lastPrice stayed, and kickCount grew only for a holder that had bought on-chain (once per token).
    function _afterKick(
        World storage w,
        uint256 t,
        address holder,
        uint256 due,
        bool counts,
        uint256[6] memory b
    ) private {
        PersonalToken tok = w.tokens[t];
        address owner_ = w.owners[t];
        uint256 credited = w.market.withdrawable(holder, w.quotes[t]) - b[0];
        if (b[1] - w.quoteBalance(t, owner_) != due) w.surprise("owner did not pay the buyback");
        if (tok.balanceOf(holder) != 0 || tok.balanceOf(owner_) != b[2] + b[5]) w.surprise("kick moved wrong shares");
        if (!tok.isKicked(holder) || tok.hasProRataRight(holder) || tok.canReceive(holder)) {
            w.surprise("kicked holder keeps its rights");
        }
        if (tok.lastPrice() != b[4]) w.surprise("kick changed lastPrice");
        if (counts) {
            w.kickRecorded[t][holder] = true;
            ++w.kickCounts[holder];
        }
        w.hasGrant[t][holder] = false;
        if (w.registry.kickCount(holder) != b[3] + (counts ? 1 : 0)) w.surprise("kickCount is wrong");
        IShareMarket.Position memory p = w.pendingBefore;
        if (credited != due + p.pendingPaid) w.surprise("kick escrow is not the buyback plus the pending refund");
        if (p.pendingShares != 0) {
            uint256 latest = w.market.latestOffering(address(tok));
            Ghost storage g = w.ghosts[latest];
            g.refunded += credited > due ? credited - due : 0;
            g.pendingShares -= p.pendingShares;
            // Before the end the shares are offered again, so the raise shrinks; after it the outcome stands.
            if (!g.cancelled && block.timestamp <= w.terms[latest].end) g.raised -= p.pendingPaid;
        }
    }

    function withdraw(World storage w, uint256 actorSeed, uint256 assetSeed) external {
        uint256 i = actorSeed % (INVESTOR_COUNT + 2);
        address actor = i < 2 ? w.owners[i] : w.investors[i - 2];
        uint256 t = assetSeed % 2;
        address asset = w.quotes[t];
        uint256 amount = w.market.withdrawable(actor, asset);
        if (amount == 0) return w.skip();
        bool ban = i >= 2 && (assetSeed >> 8) % 4 == 0 && !w.registry.isBanned(actor);
        if (ban) w.registry.ban(actor, keccak256("fraud"));
        uint256 before = w.quoteBalance(t, actor);
        uint256 marketBefore = w.quoteBalance(t, address(w.market));
        VM.prank(actor);
        try w.market.withdraw(asset, actor) {
            w.succeeded();
            if (
                w.quoteBalance(t, actor) != before + amount ||
                w.quoteBalance(t, address(w.market)) != marketBefore - amount
            ) {
                w.surprise("withdrawal paid other than the escrow");
            }
            if (w.market.withdrawable(actor, asset) != 0) w.surprise("withdrawal left an escrow");
        } catch {
            w.surprise("withdrawal refused");
        }
        if (ban) w.registry.unban(actor);
    }
}

/// @notice Settlements and refunds of all-or-nothing purchases (split from OfferingActions for its size).
library SettlementActions {
    function settleAll(World storage w, uint256 tSeed) external {
        uint256 t = tSeed % 2;
        uint256[] storage ids = w.offeringIds[t];
        uint256 id;
        for (uint256 i = ids.length; i > 0; --i) {
            if (w.ghosts[ids[i - 1]].pendingShares != 0) {
                id = ids[i - 1];
                break;
            }
        }
        if (id == 0) return w.skip();
        if (!w.ghosts[id].cancelled && block.timestamp <= w.terms[id].end) VM.warp(w.terms[id].end + 1);
        // One time in eight to the last second of the grace period (a stranger still may not refund), one time in
        // eight just past it (anyone may).
        uint256 graceMode = (tSeed >> 10) % 8;
        uint256 openToAll = uint256(w.terms[id].end) + GRACE;
        if (graceMode <= 1 && block.timestamp < openToAll + graceMode) VM.warp(openToAll + graceMode);
        // Every buyer, or (one call in two) a single one, so other actions run between settlements.
        bool single = (tSeed >> 1) % 2 == 1;
        for (uint256 i; i < INVESTOR_COUNT; ++i) {
            address buyer = w.investor(((tSeed >> 2) % INVESTOR_COUNT) + i);
            if (w.market.position(id, buyer).pendingShares == 0) continue;
            // The buyer or a stranger settles, at random.
            _settle(w, t, id, buyer, (tSeed >> (16 + i)) % 2 == 0);
            if (single) return;
        }
        if (w.ghosts[id].pendingShares == 0 && !w.market.isFinished(id)) w.surprise("settled offering not finished");
    }

    struct SettleCase {
        bool delivers;
        bool ok;
        bool byBuyer;
        uint256 openToAllAfter;
    }

    /// @dev Delivered by anyone whenever the minimum was raised and the shares can move now (not paused, the buyer
    /// may receive; the cap, or for a sell-down the owner's sender rules, with this purchase's reservation released).
    /// Otherwise refunded: by anyone if the offering failed; else only by the buyer until the grace period ends. One
    /// buyer in two settles its own purchase; the others are settled by a stranger (this handler).
    function _settleCase(
        World storage w,
        uint256 t,
        uint256 id,
        address buyer,
        uint256 shares,
        bool byBuyer
    ) private view returns (SettleCase memory c) {
        IShareMarket.OfferingTerms memory o = w.terms[id];
        Ghost storage g = w.ghosts[id];
        PersonalToken tok = w.tokens[t];
        bool reached = !g.cancelled && g.raised >= o.minRaise;
        c.delivers =
            reached &&
            !tok.paused() &&
            tok.canReceive(buyer) &&
            (o.dilutive ? w.capOk(t, shares, 0, shares) : tok.canSend(w.owners[t]) && w.ownerCanSend(t, shares));
        c.byBuyer = byBuyer;
        c.openToAllAfter = uint256(o.end) + GRACE;
        c.ok = c.delivers || !reached || c.byBuyer || block.timestamp > c.openToAllAfter;
    }

    function _settle(World storage w, uint256 t, uint256 id, address buyer, bool byBuyer) private {
        PersonalToken tok = w.tokens[t];
        IShareMarket.Position memory p = w.market.position(id, buyer);
        if (w.market.offering(id).raised != w.ghosts[id].raised) {
            w.surprise("market's raise differs from the sum of purchases");
        }
        SettleCase memory c = _settleCase(w, t, id, buyer, p.pendingShares, byBuyer);
        uint256[6] memory b = [
            w.market.withdrawable(w.owners[t], w.quotes[t]),
            w.market.withdrawable(buyer, w.quotes[t]),
            tok.balanceOf(buyer),
            tok.balanceOf(w.owners[t]),
            tok.totalSupply(),
            tok.lastPrice()
        ];
        if (c.byBuyer) VM.prank(buyer);
        try w.market.settle(id, buyer) {
            w.succeeded();
            if (!c.ok) return w.surprise("settlement went through against the rules");
            _afterSettle(w, t, id, buyer, p, c.delivers, b);
        } catch (bytes memory reason) {
            if (c.ok) w.surprise("settlement refused");
            else {
                w.expectError(
                    reason,
                    abi.encodeWithSelector(IShareMarket.RefundReservedForBuyer.selector, id, buyer, c.openToAllAfter)
                );
            }
        }
    }

    /// @dev After a settlement: a delivery credited the owner exactly the pending payment and delivered the shares;
    /// a refund credited the buyer and moved no shares.
    function _afterSettle(
        World storage w,
        uint256 t,
        uint256 id,
        address buyer,
        IShareMarket.Position memory p,
        bool delivers,
        uint256[6] memory b
    ) private {
        // What the owner and the buyer were credited.
        uint256[2] memory credited = [
            w.market.withdrawable(w.owners[t], w.quotes[t]) - b[0],
            w.market.withdrawable(buyer, w.quotes[t]) - b[1]
        ];
        w.ghosts[id].toOwner += credited[0];
        w.ghosts[id].refunded += credited[1];
        w.ghosts[id].pendingShares -= p.pendingShares;
        if (delivers) {
            if (credited[0] != p.pendingPaid || credited[1] != 0) w.surprise("settlement did not credit the owner");
            w.checkDelivered(t, buyer, p.pendingShares, w.terms[id].dilutive, [b[2], b[3], b[4]]);
            w.checkLastPrice(t, p.pendingShares, w.terms[id].price, b[5]);
        } else {
            if (credited[1] != p.pendingPaid || credited[0] != 0) w.surprise("refund not credited to the buyer");
            if (w.tokens[t].balanceOf(buyer) != b[2] || w.tokens[t].totalSupply() != b[4]) {
                w.surprise("refund moved shares");
            }
        }
        if (w.market.position(id, buyer).pendingShares != 0) w.surprise("settled position still pending");
    }
}

/// @notice The arbiter's forced transfers (split from HolderActions for its size).
library ArbiterActions {
    function forcedTransfer(
        World storage w,
        uint256 tSeed,
        uint256 fromSeed,
        uint256 toSeed,
        uint256 amountSeed
    ) external {
        uint256 t = tSeed % 2;
        address from = fromSeed % 4 == 0 ? w.owners[t] : w.investor(fromSeed >> 2);
        address to = toSeed % 4 == 0 && from != w.owners[t] ? w.owners[t] : w.investorOtherThan(toSeed >> 2, from);
        // From the owner: within what the cap (reservations counted) leaves, or up to a quarter beyond it. One time
        // in eight nothing (mostly from an empty wallet with a purchase record, such as a kicked one, to another
        // empty wallet: review finding 9), one time in eight the whole wallet (mostly to an empty wallet: a
        // recovery that carries the records).
        if (amountSeed % 8 == 0) {
            if ((amountSeed >> 3) % 4 != 0) (from, to) = _emptyPair(w, t, fromSeed, toSeed, true, from, to);
            return _force(w, t, from, to, 0);
        }
        uint256 balance = w.tokens[t].balanceOf(from);
        if (amountSeed % 8 == 1 && balance != 0) {
            if ((amountSeed >> 3) % 2 == 0 && from != w.owners[t]) {
                (, to) = _emptyPair(w, t, fromSeed, toSeed, false, from, to);
            }
            return _force(w, t, from, to, balance);
        }
        uint256 room = from == w.owners[t] ? w.ownerRoom(t) : type(uint256).max;
        uint256 max = minOf(balance, from == w.owners[t] ? room + room / 4 + 1 : room);
        if (max == 0) return w.skip();
        _force(w, t, from, to, boundTo(amountSeed, 1, max));
    }

    /// @dev Investors with no shares of token t: a sender with a purchase record or a kick (if `recordedFrom`,
    /// else `from` is kept) and another one who may receive; the given pair where none is found.
    function _emptyPair(
        World storage w,
        uint256 t,
        uint256 fromSeed,
        uint256 toSeed,
        bool recordedFrom,
        address from,
        address to
    ) private view returns (address, address) {
        PersonalToken tok = w.tokens[t];
        for (uint256 i; recordedFrom && i < INVESTOR_COUNT; ++i) {
            address candidate = w.investor((fromSeed % INVESTOR_COUNT) + i);
            (, uint256 bought) = tok.purchaseOf(candidate);
            if (tok.balanceOf(candidate) == 0 && (bought != 0 || tok.isKicked(candidate))) {
                from = candidate;
                break;
            }
        }
        for (uint256 i; i < INVESTOR_COUNT; ++i) {
            address candidate = w.investor((toSeed % INVESTOR_COUNT) + i);
            if (candidate != from && tok.balanceOf(candidate) == 0 && tok.canReceive(candidate))
                return (from, candidate);
        }
        return (from, to == from ? w.investorOtherThan(toSeed, from) : to);
    }

    /// @dev The arbiter moves `amount` from `from` to `to`: it must go through exactly when `to` can receive and,
    /// from the owner, the cap with reservations allows it.
    function _force(World storage w, uint256 t, address from, address to, uint256 amount) private {
        PersonalToken tok = w.tokens[t];
        bool fromOwner = from == w.owners[t];
        bool ok = tok.canReceive(to) && (!fromOwner || w.capOk(t, 0, amount, 0));
        uint256[2] memory before = [tok.balanceOf(from), tok.balanceOf(to)];
        // A whole-wallet recovery (a non-zero whole balance to a wallet with no shares and no grant) carries the
        // holder's records along; nothing else does (review finding 9: not a transfer of nothing).
        bool recordsMove = amount != 0 && amount == before[0] && before[1] == 0 && !w.hasGrant[t][to];
        uint256[3] memory records;
        (records[0], records[1]) = tok.purchaseOf(from);
        records[2] = tok.isKicked(from) ? 1 : 0;
        try tok.forcedTransfer(from, to, amount) {
            w.succeeded();
            if (!ok) return w.surprise("forced transfer went through against the rules");
            if (!fromOwner && to != w.owners[t]) w.allowMove(t, from, to, amount);
            _afterForce(w, t, from, to, recordsMove, records);
            if (tok.balanceOf(from) != before[0] - amount || tok.balanceOf(to) != before[1] + amount) {
                w.surprise("forced transfer moved the wrong amount");
            }
        } catch (bytes memory reason) {
            if (ok) w.surprise("forced transfer within the rules refused");
            else if (!tok.canReceive(to)) {
                // The receiver rule: not the token and verified, else ERC7943CannotReceive; then not kicked.
                bool kickedOnly = to != address(tok) && w.registry.isVerified(to) && tok.isKicked(to);
                w.expectError(
                    reason,
                    kickedOnly
                        ? abi.encodeWithSelector(IPersonalToken.ReceiverKicked.selector, to)
                        : abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotReceive.selector, to)
                );
            }
        }
    }

    /// @dev The model's records follow a whole-wallet recovery, its counted kick and grant included; otherwise the
    /// sender keeps its purchase record and its kick.
    function _afterForce(
        World storage w,
        uint256 t,
        address from,
        address to,
        bool recordsMove,
        uint256[3] memory records // from's paid, bought, kicked before
    ) private {
        PersonalToken tok = w.tokens[t];
        (uint256 paid, uint256 bought) = tok.purchaseOf(from);
        if (recordsMove) {
            w.kickRecorded[t][to] = w.kickRecorded[t][to] || w.kickRecorded[t][from];
            w.kickRecorded[t][from] = false;
            if (w.hasGrant[t][from]) w.hasGrant[t][to] = true;
            w.hasGrant[t][from] = false;
            if (paid != 0 || bought != 0 || tok.isKicked(from)) w.surprise("whole-wallet recovery left records");
        } else if (paid != records[0] || bought != records[1] || tok.isKicked(from) != (records[2] == 1)) {
            w.surprise("a forced transfer that is no whole-wallet recovery moved records");
        }
    }
}
