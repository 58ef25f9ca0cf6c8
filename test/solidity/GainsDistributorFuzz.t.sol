// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IGainsDistributor} from "../../contracts/interfaces/IGainsDistributor.sol";
import {ISharedErrors} from "../../contracts/interfaces/ISharedErrors.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";
import {GainsDistributor} from "../../contracts/GainsDistributor.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {FeeOnTransferERC20} from "../../contracts/mocks/FeeOnTransferERC20.sol";
import {SystemFixture} from "./SystemFixture.sol";

/// @notice The system with Bob, Carol and Dave verified and a 6-decimal USD stand-in; each test creates Alice's token
/// with the supply, cap and quote asset it needs. The test contract is the registry's registrar and arbiter.
abstract contract GainsDistributorFuzzBase is Test, SystemFixture {
    uint256 internal constant OWNER_KEY = uint256(keccak256("alice, token owner"));
    uint256 internal constant MAX_DEPOSIT = type(uint128).max - 1;

    address internal owner;
    address internal bob;
    address internal carol;
    address internal dave;
    address[4] internal holders;
    MockERC20 internal usd;
    PersonalToken internal token;
    GainsDistributor internal distributor;

    function setUp() public {
        _deploySystem();
        owner = vm.addr(OWNER_KEY);
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        dave = makeAddr("dave");
        _verify(bob);
        _verify(carol);
        _verify(dave);
        holders = [owner, bob, carol, dave];
        usd = _deployUsd();
    }

    function _create(uint256 supply, uint16 capBps, address quote) internal returns (PersonalToken created) {
        (created, distributor) = _createToken(owner, "Alice", supply, capBps, quote);
    }

    /// A 100%-cap token of `supply` shares, with random parts sold to bob, carol and dave.
    function _createWithSplit(uint256 supply, uint256[3] memory sold) internal {
        token = _create(supply, 10_000, address(usd));
        uint256 left = supply;
        for (uint256 i; i < sold.length; ++i) {
            uint256 amount = bound(sold[i], 0, left);
            if (amount > 0) _sell(holders[i + 1], amount);
            left -= amount;
        }
    }

    /// The owner deposits a gain: only she may make an asset's first deposit.
    function _distribute(address asset, uint256 amount) internal {
        _distributeAs(owner, asset, amount);
    }

    function _distributeAs(address depositor, address asset, uint256 amount) internal {
        if (asset == ETH) {
            vm.deal(depositor, depositor.balance + amount);
            vm.prank(depositor);
            distributor.distribute{value: amount}(ETH, amount, "sale");
        } else {
            usd.mint(depositor, amount);
            vm.prank(depositor);
            usd.approve(address(distributor), amount);
            vm.prank(depositor);
            distributor.distribute(asset, amount, "sale");
        }
    }

    function _balanceOf(address asset, address account) internal view returns (uint256) {
        return asset == ETH ? account.balance : usd.balanceOf(account);
    }

    function _sell(address to, uint256 amount) internal {
        vm.prank(owner);
        token.transfer(to, amount);
    }
}

/// @notice The pro-rata split of one deposit and its rounding; the carry across many.
contract GainsSplitFuzzTest is GainsDistributorFuzzBase {
    /// Each holder is entitled to amount × balance / supply: exactly its floor when SCALE × amount is a multiple of
    /// the supply, otherwise at most one unit less; together never more than the deposit, and less by at most one
    /// unit per holder. (The one-unit bound needs balance ≤ SCALE: PersonalToken.MAX_SUPPLY is 1e36 for that.)
    function testFuzz_depositSplitsProRataRoundingDown(
        uint256 supply,
        uint256[3] memory sold,
        uint256 amount,
        bool inUsd
    ) public {
        supply = bound(supply, 1, SCALE);
        _checkSplit(supply, sold, amount, inUsd);
    }

    /// 1e36 is a power of ten: with a supply of one million shares every percentage of a dollar figure comes out
    /// exact — 1% of $500,000 is exactly $5,000.
    function testFuzz_roundFiguresSplitExactly(uint256 dollars, uint256 bps) public {
        token = _create(1_000_000e18, 10_000, address(usd));
        bps = bound(bps, 1, 10_000);
        uint256 share = (1_000_000e18 * bps) / 10_000;
        if (bps < 10_000) _sell(bob, share);
        address holder = bps < 10_000 ? bob : owner;
        uint256 amount = bound(dollars, 1, 1e15) * 1e6;
        _distribute(address(usd), amount);
        assertEq(distributor.claimable(holder, address(usd)), (amount * bps) / 10_000);
    }

    function test_onePercentOfHalfAMillionIsExactlyFiveThousand() public {
        token = _create(1_000_000e18, 2_000, address(usd));
        _sell(bob, 10_000e18);
        _distribute(address(usd), 500_000e6);
        assertEq(distributor.claimable(bob, address(usd)), 5_000e6);
        assertEq(distributor.claimable(owner, address(usd)), 495_000e6);
    }

    /// Many deposits leave no more behind than one: the carry keeps each scaled remainder, so however many
    /// deposits there were, deposited − Σ claimable < holders + supply / SCALE (the last deposit's remainder plus
    /// one floor per holder). Without the carry the loss would grow with every deposit once supply nears SCALE.
    function testFuzz_carryKeepsManyDepositsAsExactAsOne(
        uint256 supply,
        bool huge,
        uint256[3] memory sold,
        uint256[12] memory amounts
    ) public {
        uint256 maxSupply = PersonalToken(factory.tokenImplementation()).MAX_SUPPLY();
        supply = huge ? bound(supply, maxSupply / 1000, maxSupply) : bound(supply, 1, 1_000_000);
        _createWithSplit(supply, sold);
        uint256 deposited;
        for (uint256 i; i < amounts.length; ++i) {
            uint256 amount = bound(amounts[i], 1, huge ? 1e30 : 1_000);
            _distribute(ETH, amount);
            deposited += amount;
        }
        uint256 total;
        for (uint256 i; i < holders.length; ++i) {
            total += distributor.claimable(holders[i], ETH);
        }
        assertLe(total, deposited);
        assertGe(total + holders.length + supply / SCALE, deposited, "rounding stranded gains");
    }

    /// Three equal holders and three one-wei gains: each gain alone rounds to nothing, together they pay one each.
    function test_carryPaysOutDustOnceItAddsUp() public {
        token = _create(3, 10_000, ETH);
        _sell(bob, 1);
        _sell(carol, 1);
        _distribute(ETH, 1);
        assertEq(distributor.claimable(bob, ETH), 0);
        _distribute(ETH, 1);
        _distribute(ETH, 1);
        assertEq(distributor.claimable(owner, ETH), 1);
        assertEq(distributor.claimable(bob, ETH), 1);
        assertEq(distributor.claimable(carol, ETH), 1);
    }

    /// The split check: floor when exact, else short by at most 1 + balance / SCALE units per holder.
    function _checkSplit(uint256 supply, uint256[3] memory sold, uint256 amount, bool inUsd) internal {
        _createWithSplit(supply, sold);
        amount = bound(amount, 1, MAX_DEPOSIT);
        address asset = inUsd ? address(usd) : ETH;
        _distribute(asset, amount);

        bool exact = (amount * SCALE) % supply == 0;
        uint256 total;
        for (uint256 i; i < holders.length; ++i) {
            uint256 balance = token.balanceOf(holders[i]);
            uint256 proRata = Math.mulDiv(amount, balance, supply);
            uint256 claimable = distributor.claimable(holders[i], asset);
            if (exact) assertEq(claimable, proRata, "exact split");
            assertLe(claimable, proRata, "rounds down");
            assertGe(claimable + 1 + balance / SCALE, proRata, "short by at most 1 + balance / SCALE");
            total += claimable;
        }
        assertLe(total, amount, "never more than deposited");
        assertGe(total + holders.length + supply / SCALE, amount, "at most one unit per holder left behind");
    }
}

/// @notice Entitlements earned before a balance change survive it; later deposits follow the new balances.
contract GainsEntitlementFuzzTest is GainsDistributorFuzzBase {
    /// After a deposit, any balance change — an owner sale, a permissioned trade, a signed trade, a transferFrom,
    /// an issue, a forced transfer, an ownership move — leaves every holder's claimable amount exactly where it was;
    /// the next deposit follows the new balances.
    function testFuzz_transferAfterDepositKeepsEntitlements(
        uint256[3] memory sold,
        uint256 first,
        uint8 kind,
        uint256 moved,
        uint256 second
    ) public {
        _createWithSplit(1_000_000e18, sold);
        first = bound(first, 1, MAX_DEPOSIT / 2);
        _distribute(ETH, first);
        uint256[4] memory before = _claimables(ETH);

        address newOwnerWallet = makeAddr("alice's new wallet");
        _verify(newOwnerWallet);
        _moveShares(kind % 7, moved, newOwnerWallet);

        uint256[4] memory afterMove = _claimables(ETH);
        for (uint256 i; i < holders.length; ++i) {
            assertEq(afterMove[i], before[i], "entitlement changed by a balance change");
        }
        assertEq(distributor.claimable(newOwnerWallet, ETH), 0, "a new holder inherits nothing");

        second = bound(second, 1, MAX_DEPOSIT / 2);
        uint256 supply = token.totalSupply();
        _distribute(ETH, second);
        for (uint256 i; i < holders.length; ++i) {
            uint256 proRata = Math.mulDiv(second, token.balanceOf(holders[i]), supply);
            uint256 gained = distributor.claimable(holders[i], ETH) - afterMove[i];
            assertApproxEqAbs(gained, proRata, 1, "second deposit follows the new balances");
        }
    }

    /// Dilution: shares issued after a deposit earn nothing of it, and earn their pro-rata part of the next one.
    function testFuzz_issuedSharesEarnOnlyLaterDeposits(uint256 first, uint256 issued, uint256 second) public {
        token = _create(1_000_000e18, 5_000, ETH);
        first = bound(first, 1, MAX_DEPOSIT / 2);
        _distribute(ETH, first);
        issued = bound(issued, 1, 1_000_000e18);
        vm.prank(owner);
        token.issue(bob, issued);
        assertEq(distributor.claimable(bob, ETH), 0);
        assertEq(distributor.claimable(owner, ETH), first);

        second = bound(second, 1, MAX_DEPOSIT / 2);
        _distribute(ETH, second);
        uint256 supply = 1_000_000e18 + issued;
        assertApproxEqAbs(distributor.claimable(bob, ETH), Math.mulDiv(second, issued, supply), 1);
        assertApproxEqAbs(distributor.claimable(owner, ETH), first + Math.mulDiv(second, 1_000_000e18, supply), 1);
    }

    /// A seventh kind of balance change for each `kind`, all after a deposit.
    function _moveShares(uint256 kind, uint256 moved, address newOwnerWallet) internal {
        if (kind == 0) {
            moved = bound(moved, 0, token.balanceOf(owner));
            _sell(bob, moved);
        } else if (kind == 1) {
            moved = bound(moved, 0, token.balanceOf(bob));
            vm.prank(owner);
            token.approveTransfer(bob, carol, moved);
            vm.prank(bob);
            token.transfer(carol, moved);
        } else if (kind == 2) {
            moved = bound(moved, 0, token.balanceOf(carol));
            bytes memory signature = _signApproval(OWNER_KEY, token, carol, dave, moved, 1, block.timestamp);
            vm.prank(carol);
            token.transferWithApproval(dave, moved, 1, block.timestamp, signature);
        } else if (kind == 3) {
            moved = bound(moved, 1, 1e30);
            vm.prank(owner);
            token.issue(moved % 2 == 0 ? owner : dave, moved);
        } else if (kind == 4) {
            moved = bound(moved, 0, token.balanceOf(dave));
            if (moved > 0) token.forcedTransfer(dave, bob, moved);
        } else if (kind == 5) {
            moved = bound(moved, 0, token.balanceOf(bob));
            vm.prank(bob);
            token.transfer(owner, moved);
        } else {
            vm.prank(owner);
            token.transferOwnership(newOwnerWallet);
            vm.prank(newOwnerWallet);
            token.acceptOwnership();
        }
    }

    function _claimables(address asset) internal view returns (uint256[4] memory amounts) {
        for (uint256 i; i < holders.length; ++i) {
            amounts[i] = distributor.claimable(holders[i], asset);
        }
    }
}

/// @notice Claims pay exactly what is claimable, once, to the holder, whatever the token's state.
contract GainsClaimFuzzTest is GainsDistributorFuzzBase {
    function testFuzz_claimPaysExactlyClaimableOnce(
        uint256[3] memory sold,
        uint256 amount,
        uint256 who,
        bool inUsd
    ) public {
        _createWithSplit(1_000_000e18, sold);
        address asset = inUsd ? address(usd) : ETH;
        amount = bound(amount, 1, MAX_DEPOSIT);
        _distribute(asset, amount);
        address holder = holders[who % holders.length];
        uint256 claimable = distributor.claimable(holder, asset);
        vm.assume(claimable > 0);

        uint256 before = _balanceOf(asset, holder);
        vm.prank(holder);
        assertEq(distributor.claim(asset), claimable);
        assertEq(_balanceOf(asset, holder) - before, claimable, "paid what was claimable");
        assertEq(distributor.claimable(holder, asset), 0);
        (, uint256 claimed) = distributor.totals(asset);
        assertEq(claimed, claimable);

        vm.expectRevert(abi.encodeWithSelector(IGainsDistributor.NothingToClaim.selector, holder, asset));
        vm.prank(holder);
        distributor.claim(asset);
    }

    function testFuzz_claimForPaysTheHolderWhoeverCalls(uint256[3] memory sold, uint256 amount, address caller) public {
        vm.assume(caller != address(0) && caller != address(vm));
        _createWithSplit(1_000_000e18, sold);
        amount = bound(amount, 1, MAX_DEPOSIT);
        _distribute(address(usd), amount);
        uint256 claimable = distributor.claimable(bob, address(usd));
        vm.assume(claimable > 0);
        uint256 callerBefore = usd.balanceOf(caller);

        vm.prank(caller);
        assertEq(distributor.claimFor(bob, address(usd)), claimable);
        assertEq(usd.balanceOf(bob), claimable, "the holder is paid");
        if (caller != bob) assertEq(usd.balanceOf(caller), callerBefore, "the caller gets nothing");
    }

    function testFuzz_bannedOrPausedHolderStillClaims(uint256 amount) public {
        token = _create(1_000_000e18, 2_000, ETH);
        _sell(bob, 100_000e18);
        amount = bound(amount, 10, MAX_DEPOSIT);
        _distribute(ETH, amount);
        registry.ban(bob, "fraud");
        token.pause();
        uint256 claimable = distributor.claimable(bob, ETH);
        vm.prank(bob);
        assertEq(distributor.claim(ETH), claimable);
        assertEq(bob.balance, claimable);
    }

    function testFuzz_claimBeforeAnyDepositReverts(address holder, bool inUsd) public {
        vm.assume(holder != address(vm));
        token = _create(1_000_000e18, 2_000, address(usd));
        address asset = inUsd ? address(usd) : ETH;
        vm.expectRevert(abi.encodeWithSelector(IGainsDistributor.NothingToClaim.selector, holder, asset));
        vm.prank(holder);
        distributor.claim(asset);
    }
}

/// @notice What a deposit accepts and credits.
contract GainsDepositFuzzTest is GainsDistributorFuzzBase {
    function testFuzz_feeOnTransferAssetCreditsWhatArrived(uint256 feeBps, uint256 amount) public {
        feeBps = bound(feeBps, 0, 9_999);
        FeeOnTransferERC20 fee = new FeeOnTransferERC20(feeBps);
        token = _create(1_000_000e18, 2_000, address(fee));
        _sell(bob, 123_456e18);
        amount = bound(amount, 1, MAX_DEPOSIT);
        uint256 received = amount - (amount * feeBps) / 10_000;
        fee.mint(owner, amount);
        vm.startPrank(owner);
        fee.approve(address(distributor), amount);
        distributor.distribute(address(fee), amount, "sale");
        vm.stopPrank();

        (uint256 deposited, ) = distributor.totals(address(fee));
        assertEq(deposited, received, "credits what arrived");
        assertEq(fee.balanceOf(address(distributor)), received);
        uint256 owed = distributor.claimable(owner, address(fee)) + distributor.claimable(bob, address(fee));
        assertLe(owed, received, "never owes more than arrived");
        assertGe(owed + 2, received);
    }

    function testFuzz_ethDepositNeedsMatchingValue(uint256 amount, uint256 value) public {
        token = _create(1_000_000e18, 2_000, ETH);
        amount = bound(amount, 1, MAX_DEPOSIT);
        value = bound(value, 0, MAX_DEPOSIT);
        vm.assume(value != amount);
        vm.deal(address(this), value);
        vm.expectRevert(abi.encodeWithSelector(ISharedErrors.EthValueMismatch.selector, value, amount));
        distributor.distribute{value: value}(ETH, amount, "sale");
    }

    function testFuzz_erc20DepositRefusesEth(uint256 amount, uint256 value) public {
        token = _create(1_000_000e18, 2_000, address(usd));
        amount = bound(amount, 1, MAX_DEPOSIT);
        value = bound(value, 1, MAX_DEPOSIT);
        usd.mint(address(this), amount);
        usd.approve(address(distributor), amount);
        vm.deal(address(this), value);
        vm.expectRevert(abi.encodeWithSelector(ISharedErrors.EthValueMismatch.selector, value, 0));
        distributor.distribute{value: value}(address(usd), amount, "sale");
    }

    function testFuzz_unacceptedAssetIsRefused(uint256 amount) public {
        token = _create(1_000_000e18, 2_000, ETH);
        MockERC20 other = new MockERC20("Other", "OTH", 18);
        amount = bound(amount, 1, MAX_DEPOSIT);
        other.mint(address(this), amount);
        other.approve(address(distributor), amount);
        vm.expectRevert(abi.encodeWithSelector(IGainsDistributor.AssetNotAccepted.selector, address(other)));
        distributor.distribute(address(other), amount, "sale");
    }

    function testFuzz_depositsAboveTheLimitAreRefused(uint256 first, uint256 second) public {
        token = _create(1_000_000e18, 2_000, address(usd));
        first = bound(first, 1, MAX_DEPOSIT);
        second = bound(second, MAX_DEPOSIT - first + 1, type(uint256).max - first);
        _distribute(address(usd), first);
        usd.mint(address(this), second);
        usd.approve(address(distributor), second);
        vm.expectRevert(abi.encodeWithSelector(IGainsDistributor.DepositLimitExceeded.selector, address(usd)));
        distributor.distribute(address(usd), second, "sale");
    }

    /// Every share move loops over the assets that have had a deposit, so only the owner makes an asset's first one:
    /// anyone else's is refused with `AssetBookNotOpen` and changes nothing; once the owner has made it, anyone may
    /// add, and the split is the same whoever paid.
    function testFuzz_onlyTheOwnerOpensAnAssetsBook(
        address stranger,
        uint256 amount,
        uint256 added,
        bool inUsd
    ) public {
        token = _create(1_000_000e18, 2_000, address(usd));
        vm.assume(stranger != owner && stranger != address(0) && stranger != address(vm));
        vm.assume(stranger.code.length == 0);
        _sell(bob, 100_000e18);
        address asset = inUsd ? address(usd) : ETH;
        amount = bound(amount, 1, MAX_DEPOSIT / 2);
        if (inUsd) {
            usd.mint(stranger, amount);
            vm.prank(stranger);
            usd.approve(address(distributor), amount);
        } else {
            vm.deal(stranger, amount);
        }
        vm.expectRevert(abi.encodeWithSelector(IGainsDistributor.AssetBookNotOpen.selector, asset, stranger));
        vm.prank(stranger);
        distributor.distribute{value: inUsd ? 0 : amount}(asset, amount, "sale");
        (uint256 deposited, uint256 claimed) = distributor.totals(asset);
        assertEq(deposited + claimed, 0, "a refused deposit opened the book");
        assertEq(_balanceOf(asset, stranger), amount, "a refused deposit took the stranger's funds");

        _distribute(asset, amount);
        added = bound(added, 1, MAX_DEPOSIT / 2);
        _distributeAs(stranger, asset, added);
        (deposited, ) = distributor.totals(asset);
        assertEq(deposited, amount + added);
        assertApproxEqAbs(distributor.claimable(bob, asset), (amount + added) / 10, 1, "10% of both deposits");
    }

    function testFuzz_onlyTheTokenReportsBalanceChanges(
        address caller,
        address from,
        address to,
        uint256 value
    ) public {
        token = _create(1_000_000e18, 2_000, ETH);
        vm.assume(caller != address(token) && caller != address(vm));
        vm.expectRevert(abi.encodeWithSelector(ISharedErrors.CallerNotToken.selector, caller));
        vm.prank(caller);
        distributor.onBalanceChange(from, to, value);
    }
}
