// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IShareMarket} from "../../contracts/interfaces/IShareMarket.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";
import {GainsDistributor} from "../../contracts/GainsDistributor.sol";
import {Holdings} from "../../contracts/Holdings.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {SystemFixture} from "./SystemFixture.sol";

/// @notice Drives a chain of three tokens: Bob's Holdings holds Alice's token (pledged and bought), Carol's Holdings
/// holds Bob's. It pledges, buys, lists and fills, kicks, forces in and out, claims through the chain and moves Bob's
/// ownership, predicting each realization (basis sold, capital, gain) and keeping ghosts for the invariants.
contract HoldingsHandler is SystemFixture {
    uint256 private constant PRICE = 2e6;

    MockERC20 public usd;
    PersonalToken public a;
    PersonalToken public b;
    GainsDistributor public distB;
    GainsDistributor public distC;
    Holdings public hb;
    Holdings public hc;
    address public alice = address(0xA11CE);
    address public bob = address(0xB0B);
    address public carol = address(0xCA201);
    address public dave = address(0xDA7E);
    address public erin = address(0xE121);
    uint256 public offeringId;
    uint256 private _wallets;

    // Ghosts.
    uint256 public heldShares;
    uint256 public basisIn;
    uint256 public basisOut;
    uint256 public proceeds;
    uint256 public capitalCredited;
    uint256 public gains;
    uint256 public forwarded;
    bool public predictionsHeld = true;

    constructor() {
        _deploySystem();
        usd = _deployUsd();
        (a, ) = _createToken(alice, "A", 1_000_000 ether, 10_000, address(usd));
        (b, distB) = _createToken(bob, "B", 1_000_000 ether, 10_000, address(usd));
        PersonalToken c;
        (c, distC) = _createToken(carol, "C", 1_000_000 ether, 10_000, address(usd));
        _verify(dave);
        _verify(erin);
        hb = Holdings(factory.createHoldings(address(b)));
        hc = Holdings(factory.createHoldings(address(c)));
        vm.prank(bob);
        b.transfer(carol, 100_000 ether);
        vm.prank(carol);
        hc.pledge(address(b), 100_000 ether);
        vm.prank(carol);
        c.transfer(dave, 200_000 ether);
        for (uint256 i; i < 3; ++i) {
            address who = [alice, bob, dave][i];
            usd.mint(who, 1e30);
            vm.prank(who);
            usd.approve(address(market), type(uint256).max);
        }
        vm.prank(bob);
        usd.approve(address(hb), type(uint256).max);
        vm.prank(alice);
        offeringId = market.openOffering(
            IShareMarket.OfferingTerms({
                token: address(a),
                shares: 500_000 ether,
                price: uint128(PRICE),
                minPerInvestor: 0,
                maxPerInvestor: 0,
                start: uint64(block.timestamp),
                end: uint64(block.timestamp + 3650 days),
                priorityWindow: 0,
                minRaise: 0,
                dilutive: false
            }),
            new address[](0)
        );
    }

    function shareMarket() external view returns (IShareMarket) {
        return market;
    }

    // ───────────────────────────── actions ─────────────────────────────

    function buyAndPledge(uint256 shares) external {
        shares = bound(shares, 1 ether, 10_000 ether);
        if (shares > _available()) return;
        vm.prank(bob);
        market.buy(offeringId, shares);
        (uint256 paid, uint256 bought) = a.purchaseOf(bob);
        uint256 carried = Math.min(shares, bought);
        uint256 expected = carried == bought ? paid : Math.mulDiv(paid, carried, bought);
        (uint256 before, ) = hb.position(address(a));
        vm.prank(bob);
        hb.pledge(address(a), shares);
        (uint256 afterwards, ) = hb.position(address(a));
        _expect(afterwards - before == expected);
        heldShares += shares;
        basisIn += expected;
    }

    function holdingsBuy(uint256 shares) external {
        shares = bound(shares, 1 ether, 10_000 ether);
        if (shares > _available()) return;
        uint256 cost = Math.mulDiv(shares, PRICE, 1e18, Math.Rounding.Ceil);
        vm.startPrank(bob);
        hb.depositCapital(address(usd), cost);
        hb.buyOffering(offeringId, shares);
        vm.stopPrank();
        heldShares += shares;
        basisIn += cost;
    }

    function listAndFill(uint256 shares, uint256 price) external {
        if (heldShares == 0) return;
        shares = bound(shares, 1, heldShares);
        price = bound(price, 1, 10e6);
        vm.prank(bob);
        uint256 id = hb.list(address(a), shares, price, address(0), uint64(block.timestamp + 1 days));
        vm.prank(alice);
        market.approveListing(id);
        _sale(Math.mulDiv(shares, price, 1e18, Math.Rounding.Ceil), shares, dave, id, 0);
    }

    function kick(uint256 price) external {
        if (heldShares == 0) return;
        price = bound(price, a.kickFloor(address(hb)), 10e6);
        _sale(Math.mulDiv(heldShares, price, 1e18, Math.Rounding.Ceil), heldShares, alice, 0, price);
        vm.prank(alice);
        a.readmit(address(hb));
    }

    function forceOut(uint256 shares) external {
        if (heldShares == 0) return;
        shares = bound(shares, 1, heldShares);
        (uint256 basis, ) = hb.position(address(a));
        uint256 expected = shares == heldShares ? basis : Math.mulDiv(basis, shares, heldShares);
        a.forcedTransfer(address(hb), erin, shares);
        (uint256 left, ) = hb.position(address(a));
        _expect(basis - left == expected);
        heldShares -= shares;
        basisOut += expected;
    }

    function forceIn(uint256 shares) external {
        uint256 available = a.balanceOf(erin);
        if (available == 0) return;
        shares = bound(shares, 1, available);
        a.forcedTransfer(erin, address(hb), shares);
        heldShares += shares;
    }

    function claimThroughChain() external {
        uint256 amount = distB.claimable(address(hc), address(usd));
        if (amount == 0) return;
        (uint256 before, ) = distC.totals(address(usd));
        distB.claimFor(address(hc), address(usd));
        (uint256 afterwards, ) = distC.totals(address(usd));
        _expect(afterwards - before == amount);
        forwarded += amount;
    }

    function moveOwnership() external {
        address next = address(uint160(0x10000 + ++_wallets));
        _verify(next);
        b.recoverOwnership(next);
        bob = next;
        usd.mint(next, 1e30);
        vm.startPrank(next);
        usd.approve(address(market), type(uint256).max);
        usd.approve(address(hb), type(uint256).max);
        vm.stopPrank();
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev A fill (listingId ≠ 0) or a kick (at kickPrice) of `shares` for `paid`, checked against the prediction.
    function _sale(uint256 paid, uint256 shares, address buyer, uint256 listingId, uint256 kickPrice) private {
        (uint256 basis, ) = hb.position(address(a));
        uint256 basisSold = shares == heldShares ? basis : Math.mulDiv(basis, shares, heldShares);
        uint256 capitalBefore = hb.capital(address(usd));
        uint256 pendingBefore = hb.pending(address(usd));
        (uint256 depositedBefore, ) = distB.totals(address(usd));
        vm.prank(buyer);
        if (listingId != 0) market.fill(listingId, shares);
        else market.kick(address(a), address(hb), kickPrice);
        uint256 credited = hb.capital(address(usd)) - capitalBefore;
        (uint256 depositedAfter, ) = distB.totals(address(usd));
        uint256 gain = depositedAfter - depositedBefore + hb.pending(address(usd)) - pendingBefore;
        _expect(credited == Math.min(paid, basisSold));
        _expect(gain == (paid > basisSold ? paid - basisSold : 0));
        (uint256 left, ) = hb.position(address(a));
        _expect(basis - left == basisSold);
        heldShares -= shares;
        basisOut += basisSold;
        proceeds += paid;
        capitalCredited += credited;
        gains += gain;
    }

    function _available() private view returns (uint256) {
        IShareMarket.Offering memory o = market.offering(offeringId);
        return o.terms.shares - o.sold;
    }

    function _expect(bool condition) private {
        if (!condition) predictionsHeld = false;
    }
}
