// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IShareMarket} from "../../contracts/interfaces/IShareMarket.sol";
import {ISharedErrors} from "../../contracts/interfaces/ISharedErrors.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {SystemFixture} from "./SystemFixture.sol";

/// @notice Alice's tokens (1,000,000 shares, 20% cap), one priced in a 6-decimal USD stablecoin and one in ETH, with
/// Bob and Carol verified; the test contract is the registry's registrar and arbiter.
abstract contract ShareMarketFuzzBase is Test, SystemFixture {
    uint256 internal constant SUPPLY = 1_000_000e18;
    uint16 internal constant CAP_BPS = 2_000;

    address internal alice;
    address internal dora; // owns the ETH-priced token (one token per person)
    address internal bob;
    address internal carol;
    MockERC20 internal usd;
    PersonalToken internal token; // USD quote
    PersonalToken internal ethToken; // ETH quote

    function setUp() public {
        _deploySystem();
        usd = _deployUsd();
        alice = makeAddr("alice");
        dora = makeAddr("dora");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        _verify(bob);
        _verify(carol);
        (token, ) = _createToken(alice, "Alice", SUPPLY, CAP_BPS, address(usd));
        (ethToken, ) = _createToken(dora, "Dora", SUPPLY, CAP_BPS, ETH);
    }

    /// @dev ceil(shares × price / 10^18), as the specification states it.
    function _due(uint256 shares, uint256 price) internal pure returns (uint256) {
        return (shares * price) / 1e18 + ((shares * price) % 1e18 == 0 ? 0 : 1);
    }

    /// @dev A plain offering open from now for a week, with no limits and no allowlist.
    function _open(
        PersonalToken t,
        uint256 shares,
        uint256 price,
        bool dilutive,
        uint64 priorityWindow
    ) internal returns (uint256 id) {
        IShareMarket.OfferingTerms memory terms;
        terms.token = address(t);
        terms.shares = uint128(shares);
        terms.price = uint128(price);
        terms.start = uint64(block.timestamp);
        terms.end = uint64(block.timestamp + 7 days);
        terms.priorityWindow = priorityWindow;
        terms.dilutive = dilutive;
        vm.prank(t.owner());
        id = market.openOffering(terms, new address[](0));
    }

    function _payUsd(address payer, uint256 amount) internal {
        usd.mint(payer, amount);
        vm.prank(payer);
        usd.approve(address(market), amount);
    }
}

/// @notice Amounts due: ceil(shares × price / 10^18), charged exactly, for purchases and fills, in USD and ETH.
contract ShareMarketDueFuzzTest is ShareMarketFuzzBase {
    function testFuzz_purchaseChargesExactlyTheRoundedUpAmountInUsd(uint256 shares, uint256 price) public {
        shares = bound(shares, 1, (SUPPLY * CAP_BPS) / BPS);
        price = bound(price, 1, 1e24);
        uint256 id = _open(token, shares, price, false, 0);
        uint256 due = _due(shares, price);
        _payUsd(bob, due + 1); // one unit more than due: only the due amount may leave

        vm.prank(bob);
        market.buy(id, shares);

        assertEq(usd.balanceOf(bob), 1, "buyer charged other than ceil(shares x price / 1e18)");
        assertEq(usd.balanceOf(alice), due, "owner received other than the amount due");
        assertEq(token.balanceOf(bob), shares);
        assertGe(due * 1e18, shares * price, "due rounds up");
        assertLt((due - 1) * 1e18, shares * price, "due rounds up by less than one unit");
    }

    function testFuzz_purchaseInEthNeedsExactlyTheRoundedUpAmount(uint256 shares, uint256 price, bool over) public {
        shares = bound(shares, 1, (SUPPLY * CAP_BPS) / BPS);
        price = bound(price, 1, 1e24);
        uint256 id = _open(ethToken, shares, price, false, 0);
        uint256 due = _due(shares, price);
        vm.deal(bob, due + 1);

        // One wei too much or too little is refused with the amount that is due.
        uint256 wrong = over ? due + 1 : due - 1;
        vm.expectRevert(abi.encodeWithSelector(ISharedErrors.EthValueMismatch.selector, wrong, due));
        vm.prank(bob);
        market.buy{value: wrong}(id, shares);

        vm.prank(bob);
        market.buy{value: due}(id, shares);
        assertEq(bob.balance, 1, "buyer charged other than the amount due");
        assertEq(market.withdrawable(dora, ETH), due, "owner credited other than the amount due");
        assertEq(address(market).balance, due);
    }

    function testFuzz_fillChargesExactlyTheRoundedUpAmount(uint256 listed, uint256 shares, uint256 price) public {
        listed = bound(listed, 1, (SUPPLY * CAP_BPS) / BPS);
        shares = bound(shares, 1, listed);
        price = bound(price, 1, 1e24);
        vm.prank(alice);
        token.transfer(bob, listed);
        vm.prank(bob);
        uint256 id = market.list(address(token), listed, price, address(0), uint64(block.timestamp + 1 days));
        vm.prank(alice);
        market.approveListing(id);
        uint256 due = _due(shares, price);
        _payUsd(carol, due + 1);

        vm.prank(carol);
        market.fill(id, shares);

        assertEq(usd.balanceOf(carol), 1, "buyer charged other than ceil(shares x price / 1e18)");
        assertEq(usd.balanceOf(bob), due, "seller received other than the amount due");
        assertEq(token.balanceOf(carol), shares);
        assertEq(token.balanceOf(bob), listed - shares);
        assertEq(market.listing(id).filled, shares);
    }
}

/// @notice Pro-rata rights: in a dilutive offering's priority window a holder may buy up to
/// floor(balance × offered / supply at opening) in total (capped by the per-investor maximum), and not one unit more.
contract ShareMarketProRataFuzzTest is ShareMarketFuzzBase {
    function testFuzz_priorityPurchaseStopsExactlyAtTheEntitlement(
        uint256 held,
        uint256 offered,
        uint256 firstPart
    ) public {
        held = bound(held, 1, 100_000e18);
        vm.prank(alice);
        token.transfer(bob, held);
        offered = bound(offered, 1, _issueHeadroom(token));
        uint256 id = _open(token, offered, 1e6, true, 1 days);
        uint256 entitled = (held * offered) / SUPPLY;
        _payUsd(bob, _due(offered, 1e6) + 2); // each part rounds up on its own

        // One unit beyond the entitlement is refused, naming it as the maximum.
        vm.expectRevert(abi.encodeWithSelector(IShareMarket.PurchaseAboveEntitlement.selector, entitled + 1, entitled));
        vm.prank(bob);
        market.buy(id, entitled + 1);
        if (entitled == 0) return;

        // Bought in two parts, the entitlement is cumulative: shares delivered by this offering do not add to it.
        firstPart = bound(firstPart, 1, entitled);
        vm.prank(bob);
        market.buy(id, firstPart);
        if (firstPart < entitled) {
            vm.prank(bob);
            market.buy(id, entitled - firstPart);
        }
        assertEq(token.balanceOf(bob), held + entitled);
        uint256 paid = _due(firstPart, 1e6) + _due(entitled - firstPart, 1e6);
        assertEq(usd.balanceOf(alice), paid, "each part paid its own rounded-up due");
        vm.expectRevert(abi.encodeWithSelector(IShareMarket.PurchaseAboveEntitlement.selector, entitled + 1, entitled));
        vm.prank(bob);
        market.buy(id, 1);
    }

    function testFuzz_priorityWindowKeepsOutHoldersWithoutTheRight(uint256 held, uint256 offered) public {
        held = bound(held, 1, 100_000e18);
        vm.prank(alice);
        token.transfer(bob, held);
        offered = bound(offered, 1, _issueHeadroom(token));
        uint256 id = _open(token, offered, 1e6, true, 1 days);
        vm.prank(alice);
        token.setProRataRight(bob, false);
        _payUsd(bob, _due(offered, 1e6));
        _payUsd(carol, _due(offered, 1e6));

        // Neither a holder whose right was revoked nor a verified non-holder may buy before the window closes.
        vm.expectRevert(abi.encodeWithSelector(IShareMarket.ProRataRightRevoked.selector, bob));
        vm.prank(bob);
        market.buy(id, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IShareMarket.PriorityWindowForHolders.selector, carol, block.timestamp + 1 days)
        );
        vm.prank(carol);
        market.buy(id, 1);

        // After it, both may (no limits).
        vm.warp(block.timestamp + 1 days);
        vm.prank(carol);
        market.buy(id, offered);
        assertEq(token.balanceOf(carol), offered);
    }
}
