// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {IShareMarket} from "../../contracts/interfaces/IShareMarket.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";
import {MarketHandler} from "./MarketHandler.sol";
import {Ghost} from "./MarketWorld.sol";

/// @notice Properties of the share market and the token's trading rules that hold after any sequence of the
/// handler's actions: offerings (plain and all-or-nothing, sell-down and dilutive), purchases in USD and ETH,
/// cancellations, settlements and refunds, listings and fills, grants and their cancellation, kicks, forced
/// transfers, freezes, withdrawals, pauses and the passing of time.
/// Sequences run deeper than the project default (the interesting states need an offering opened, bought into,
/// ended and settled, with kicks and grants in between) and fewer, for the same number of calls.
/// forge-config: default.invariant.runs = 64
/// forge-config: default.invariant.depth = 128
contract MarketInvariantsTest is Test {
    uint256 private constant BPS = 10_000;
    uint256 private constant MAX_SUPPLY = 1e36;
    uint256 private constant GRACE = 7 days; // ShareMarket.SETTLEMENT_GRACE_PERIOD
    address private constant STRANGER = address(0x5742);

    MarketHandler internal handler;
    IShareMarket internal market;

    /// The handler is created here rather than in setUp so that its creation code counts against this contract's
    /// initcode limit (49,152 bytes), not its runtime limit (24,576 bytes).
    constructor() {
        handler = new MarketHandler();
    }

    function setUp() public {
        market = handler.shareMarket();
        bytes4[] memory selectors = new bytes4[](22);
        selectors[0] = MarketHandler.openOffering.selector;
        selectors[1] = MarketHandler.buy.selector;
        selectors[2] = MarketHandler.cancelOffering.selector;
        selectors[3] = MarketHandler.settleAll.selector;
        selectors[4] = MarketHandler.listAndFill.selector;
        selectors[5] = MarketHandler.fillListing.selector;
        selectors[6] = MarketHandler.grant.selector;
        selectors[7] = MarketHandler.cancelGrant.selector;
        selectors[8] = MarketHandler.kick.selector;
        selectors[9] = MarketHandler.readmit.selector;
        selectors[10] = MarketHandler.forcedTransfer.selector;
        selectors[11] = MarketHandler.freeze.selector;
        selectors[12] = MarketHandler.moveLockedShares.selector;
        selectors[13] = MarketHandler.withdraw.selector;
        selectors[14] = MarketHandler.whilePaused.selector;
        selectors[15] = MarketHandler.warp.selector;
        selectors[16] = MarketHandler.renewVerification.selector;
        selectors[17] = MarketHandler.issue.selector;
        selectors[18] = MarketHandler.moveOwnership.selector;
        selectors[19] = MarketHandler.useTransferApproval.selector;
        selectors[20] = MarketHandler.fillStaleListing.selector;
        selectors[21] = MarketHandler.lapseBuyer.selector;
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// Guard against vacuous invariants: a fixed pseudo-random sequence of actions drives every action through the
    /// real contracts at least once, with no outcome the rules did not predict, and every invariant holds after it.
    function test_handlerDrivesEveryActionThroughTheRealContracts() public {
        for (uint256 i; i < 2000; ++i) {
            uint256[6] memory r;
            for (uint256 j; j < 6; ++j) {
                r[j] = uint256(keccak256(abi.encode(i, j)));
            }
            _act(r[0] % 22, r[1], r[2], r[3], r[4], r[5]);
        }
        string[18] memory succeeding = [
            "openOffering",
            "buy",
            "cancelOffering",
            "settleAll",
            "listAndFill",
            "fillListing",
            "grant",
            "cancelGrant",
            "kick",
            "readmit",
            "forcedTransfer",
            "freeze",
            "withdraw",
            "whilePaused",
            "issue",
            "moveOwnership",
            "useTransferApproval",
            "lapseBuyer"
        ];
        for (uint256 i; i < succeeding.length; ++i) {
            (, uint256 succeeded) = handler.calls(succeeding[i]);
            assertGt(succeeded, 0, succeeding[i]);
        }
        // Attempts to move held shares must all fail; time and renewals have no outcome of their own.
        string[4] memory others = ["moveLockedShares", "warp", "renewVerification", "fillStaleListing"];
        for (uint256 i; i < others.length; ++i) {
            (uint256 did, ) = handler.calls(others[i]);
            assertGt(did, 0, others[i]);
        }
        invariant_outcomesMatchTheRules();
        invariant_capHoldsWithReservationsCounted();
        invariant_perOfferingPaidEqualsReceivedPlusRefundable();
        invariant_marketSolvent();
        invariant_marketHoldsExactlyWhatItOwes();
        invariant_noSharesMoveBetweenInvestorsWithoutPermission();
        invariant_lockedAndFrozenSharesNeverMove();
        invariant_balancesSumToTotalSupply();
        (uint256 staleAttempts, , ) = handler.staleMoves();
        assertGt(staleAttempts, 0, "no attempt to use a voided permission");
        assertGt(handler.ownerWallets(0).length + handler.ownerWallets(1).length, 2, "no ownership moved");
        invariant_noPaidPurchaseIsStuck();
        invariant_supplyRoomKeepsWhatADilutiveOfferingPromised();
        invariant_voidPermissionsNeverMoveShares();
        invariant_aKickCountsOnce();
    }

    function _act(uint256 action, uint256 a, uint256 b, uint256 c, uint256 d, uint256 e) internal {
        if (action == 0) handler.openOffering(a, b, c, d, e);
        else if (action == 1) handler.buy(a, b, c);
        else if (action == 2) handler.cancelOffering(a);
        else if (action == 3) handler.settleAll(a);
        else if (action == 4) handler.listAndFill(a, b, c, d, e);
        else if (action == 5) handler.fillListing(a, b, c, d);
        else if (action == 6) handler.grant(a, b, c, d);
        else if (action == 7) handler.cancelGrant(a, b);
        else if (action == 8) handler.kick(a, b, c);
        else if (action == 9) handler.readmit(a, b);
        else if (action == 10) handler.forcedTransfer(a, b, c, d);
        else if (action == 11) handler.freeze(a, b, c);
        else if (action == 12) handler.moveLockedShares(a, b, c, d);
        else if (action == 13) handler.withdraw(a, b);
        else if (action == 14) handler.whilePaused(a, b, c, d, e, a ^ b);
        else if (action == 15) handler.warp(a);
        else if (action == 16) handler.renewVerification(a);
        else if (action == 17) handler.issue(a, b, c);
        else if (action == 18) handler.moveOwnership(a, b, c);
        else if (action == 19) handler.useTransferApproval(a, b, c, d);
        else if (action == 20) handler.fillStaleListing(a, b);
        else handler.lapseBuyer(a, b, c);
    }

    /// 1. The cap holds with reservations counted: outsideShares + reserved ≤ capBps × (supply + reserved if
    /// dilutive) / 10,000, and a sell-down's reserved shares stay in the owner's wallet. The reservation is
    /// recomputed from the handler's own record (all offered shares of an all-or-nothing offering until its end,
    /// then, if its minimum was raised, the purchases not yet settled; a missed minimum only refunds, so it reserves
    /// nothing) and must also be what the market reports. The token consults the market only while the market has
    /// flagged a reservation, so a flag dropped too early shows up here as a cap broken by a grant or forced move.
    function invariant_capHoldsWithReservationsCounted() public view {
        for (uint256 t; t < 2; ++t) {
            PersonalToken token = handler.token(t);
            (uint256 reserved, bool dilutive) = _expectedReservation(t);
            (uint256 marketReserved, bool marketDilutive) = token.reservedShares();
            assertEq(marketReserved, reserved, "market's reservation differs from the offering's");
            if (reserved != 0) assertEq(marketDilutive, dilutive, "reservation kind");
            uint256 supply = token.totalSupply();
            uint256 ownerBalance = token.balanceOf(handler.owner(t));
            uint256 maxOutside = ((dilutive ? supply + reserved : supply) * token.capBps()) / BPS;
            assertLe(supply - ownerBalance + reserved, maxOutside, "outside + reserved above the cap");
            if (!dilutive) assertGe(ownerBalance, reserved, "owner holds fewer than the reserved shares");
        }
    }

    /// 2. Per offering, Σ paid by buyers = Σ received by the owner (paid to her or credited) + Σ refundable (pending
    /// in the market or credited back); the pending shares agree between the ghost, the positions and the offering.
    function invariant_perOfferingPaidEqualsReceivedPlusRefundable() public view {
        address[] memory investors = handler.investors();
        for (uint256 t; t < 2; ++t) {
            uint256[] memory ids = handler.offeringIds(t);
            for (uint256 k; k < ids.length; ++k) {
                Ghost memory g = handler.ghost(ids[k]);
                (uint256 pendingPaid, uint256 pendingShares) = _pending(ids[k], investors);
                assertEq(g.paid, g.toOwner + g.refunded + pendingPaid, "paid != received + refundable");
                assertEq(pendingShares, g.pendingShares, "pending shares: positions != purchases");
                assertEq(market.offering(ids[k]).pendingShares, g.pendingShares, "pending shares: offering");
            }
        }
    }

    /// 3. Solvency: in each asset the market holds at least Σ withdrawable over every actor + Σ pending
    /// all-or-nothing payments.
    function invariant_marketSolvent() public view {
        for (uint256 t; t < 2; ++t) {
            assertGe(_assetBalance(handler.quote(t), address(market)), _owed(t), "market cannot pay what it owes");
        }
    }

    /// Nothing gets stuck: nobody sends the market anything outside purchases and kicks, so what it holds is
    /// exactly what it owes.
    function invariant_marketHoldsExactlyWhatItOwes() public view {
        for (uint256 t; t < 2; ++t) {
            assertEq(_assetBalance(handler.quote(t), address(market)), _owed(t), "market holds other than it owes");
        }
    }

    /// 4. No shares move between two non-owner holders except through an approved listing's fill or the arbiter's
    /// forced transfer (the handler compares every balance before and after each action).
    function invariant_noSharesMoveBetweenInvestorsWithoutPermission() public view {
        (uint256 moves, string memory report) = handler.unpermittedMoves();
        assertEq(moves, 0, report);
    }

    /// 5. No holder moves locked or frozen shares: every attempt to move more than balance − frozen − locked
    /// (transfer, permitted or signed transfer, listing fill) reverted.
    function invariant_lockedAndFrozenSharesNeverMove() public view {
        (uint256 moves, string memory report) = handler.lockedMoves();
        assertEq(moves, 0, report);
    }

    /// 6. Σ balances = totalSupply: the owner and the five investors are the only addresses that can hold shares.
    function invariant_balancesSumToTotalSupply() public view {
        address[] memory investors = handler.investors();
        for (uint256 t; t < 2; ++t) {
            PersonalToken token = handler.token(t);
            uint256 sum = token.balanceOf(handler.owner(t));
            for (uint256 i; i < investors.length; ++i) {
                sum += token.balanceOf(investors[i]);
            }
            assertEq(sum, token.totalSupply(), "sum of balances != totalSupply");
        }
    }

    /// 7. No paid purchase is stuck (SECURITY.md invariant 14): for every pending all-or-nothing purchase, a settle
    /// probed in a state snapshot goes through and either delivers or refunds — by the buyer as soon as the offering
    /// ended (or was cancelled), and by a stranger once the grace period after the end has passed (time is moved on
    /// inside the snapshot for offerings still running).
    function invariant_noPaidPurchaseIsStuck() public {
        address[] memory investors = handler.investors();
        for (uint256 t; t < 2; ++t) {
            uint256[] memory ids = handler.offeringIds(t);
            for (uint256 k; k < ids.length; ++k) {
                if (handler.ghost(ids[k]).pendingShares == 0) continue;
                for (uint256 i; i < investors.length; ++i) {
                    if (market.position(ids[k], investors[i]).pendingShares == 0) continue;
                    IShareMarket.OfferingTerms memory terms = handler.terms(ids[k]);
                    if (handler.ghost(ids[k]).cancelled || block.timestamp > terms.end) {
                        _probeSettle(t, ids[k], investors[i], investors[i], block.timestamp);
                    }
                    _probeSettle(t, ids[k], investors[i], STRANGER, uint256(terms.end) + GRACE + 1);
                }
            }
        }
    }

    /// 8. Supply room (SECURITY.md invariant 16): totalSupply + the shares an unfinished dilutive offering still has
    /// to mint (from the handler's own record) ≤ MAX_SUPPLY, however much the owner issued.
    function invariant_supplyRoomKeepsWhatADilutiveOfferingPromised() public view {
        for (uint256 t; t < 2; ++t) {
            (uint256 reserved, bool dilutive) = _expectedReservation(t);
            assertLe(
                handler.token(t).totalSupply() + (dilutive ? reserved : 0),
                MAX_SUPPLY,
                "supply + reserved > MAX_SUPPLY"
            );
        }
    }

    /// 9. Void permissions never move shares (SECURITY.md invariant 17): after an ownership move, every attempt to
    /// use an on-chain permission, a listing approval or a signature of a former owner wallet was refused.
    function invariant_voidPermissionsNeverMoveShares() public view {
        (, uint256 moves, string memory report) = handler.staleMoves();
        assertEq(moves, 0, report);
    }

    /// 10. A kick counts once (SECURITY.md invariant 19): each investor's registry kick count is the number of
    /// distinct tokens that kicked it after it had bought on-chain, as the handler's model counted them.
    function invariant_aKickCountsOnce() public view {
        address[] memory investors = handler.investors();
        for (uint256 i; i < investors.length; ++i) {
            assertEq(
                handler.investorRegistry().kickCount(investors[i]),
                handler.modelKickCount(investors[i]),
                "registry kick count != distinct kicks with a recorded purchase"
            );
        }
    }

    /// Every outcome matched the rules: permitted calls went through with the right amounts, refused ones reverted
    /// with the error named for the broken rule.
    function invariant_outcomesMatchTheRules() public view {
        (uint256 surprises, string memory last) = handler.surprises();
        assertEq(surprises, 0, last);
    }

    // ───────────────────────────── helpers ─────────────────────────────

    /// `caller` settles `buyer`'s purchase at `time` (or now, if later) inside a snapshot: it must go through and
    /// either deliver the pending shares or credit back the pending payment, never both, never neither.
    function _probeSettle(uint256 t, uint256 id, address buyer, address caller, uint256 time) internal {
        uint256 snapshot = vm.snapshotState();
        if (block.timestamp < time) vm.warp(time);
        IShareMarket.Position memory p = market.position(id, buyer);
        // The buyer's shares and escrow before.
        uint256[2] memory before = [handler.token(t).balanceOf(buyer), market.withdrawable(buyer, handler.quote(t))];
        vm.prank(caller);
        try market.settle(id, buyer) {
            bool delivered = handler.token(t).balanceOf(buyer) == before[0] + p.pendingShares;
            bool refunded = market.withdrawable(buyer, handler.quote(t)) == before[1] + p.pendingPaid;
            assertTrue(delivered != refunded, "a settlement neither delivered nor refunded (or both)");
            assertEq(market.position(id, buyer).pendingShares, 0, "settled purchase still pending");
        } catch (bytes memory reason) {
            string memory who = caller == buyer ? "stuck: the buyer cannot settle: " : "stuck after the grace period: ";
            assertTrue(false, string.concat(who, vm.toString(reason)));
        }
        vm.revertToState(snapshot);
    }

    /// The reservation the specification gives the token's latest offering, from the handler's record.
    function _expectedReservation(uint256 t) internal view returns (uint256, bool) {
        uint256[] memory ids = handler.offeringIds(t);
        if (ids.length == 0) return (0, false);
        uint256 id = ids[ids.length - 1];
        assertEq(market.latestOffering(address(handler.token(t))), id, "latest offering");
        IShareMarket.OfferingTerms memory terms = handler.terms(id);
        Ghost memory g = handler.ghost(id);
        if (terms.minRaise == 0 || g.cancelled) return (0, false);
        if (block.timestamp <= terms.end) return (terms.shares, terms.dilutive);
        if (g.raised < terms.minRaise) return (0, false);
        return (g.pendingShares, terms.dilutive);
    }

    function _pending(uint256 id, address[] memory investors) internal view returns (uint256 paid, uint256 shares) {
        for (uint256 i; i < investors.length; ++i) {
            IShareMarket.Position memory p = market.position(id, investors[i]);
            paid += p.pendingPaid;
            shares += p.pendingShares;
        }
    }

    /// Σ withdrawable in token t's quote asset over every actor (both owners and the investors) + Σ pending
    /// payments in token t's offerings.
    function _owed(uint256 t) internal view returns (uint256 owed) {
        address asset = handler.quote(t);
        address[] memory investors = handler.investors();
        // Every wallet that ever owned either token: escrow credited to a former owner wallet stays with it.
        for (uint256 u; u < 2; ++u) {
            address[] memory wallets = handler.ownerWallets(u);
            for (uint256 i; i < wallets.length; ++i) {
                owed += market.withdrawable(wallets[i], asset);
            }
        }
        for (uint256 i; i < investors.length; ++i) {
            owed += market.withdrawable(investors[i], asset);
        }
        uint256[] memory ids = handler.offeringIds(t);
        for (uint256 k; k < ids.length; ++k) {
            (uint256 pendingPaid, ) = _pending(ids[k], investors);
            owed += pendingPaid;
        }
    }

    function _assetBalance(address asset, address account) internal view returns (uint256) {
        return asset == address(0) ? account.balance : IERC20(asset).balanceOf(account);
    }
}
