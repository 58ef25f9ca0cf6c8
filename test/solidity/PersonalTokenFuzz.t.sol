// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {IERC7943Fungible} from "../../contracts/interfaces/IERC7943.sol";
import {IPersonalToken} from "../../contracts/interfaces/IPersonalToken.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";
import {GainsDistributor} from "../../contracts/GainsDistributor.sol";
import {SystemFixture} from "./SystemFixture.sol";

/// @notice Alice's token (1,000,000 shares, 20% cap, priced in ETH) with Bob, Carol and Dave verified and Mallory not;
/// the test contract is the registry's registrar and arbiter.
abstract contract PersonalTokenFuzzBase is Test, SystemFixture {
    uint256 internal constant OWNER_KEY = uint256(keccak256("alice, token owner"));
    uint256 internal constant SUPPLY = 1_000_000e18;
    uint16 internal constant CAP_BPS = 2_000;
    /// secp256k1 group order: private keys lie in [1, N − 1].
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    address internal owner;
    address internal bob;
    address internal carol;
    address internal dave;
    address internal mallory; // never verified
    PersonalToken internal token;
    GainsDistributor internal distributor;

    function setUp() public {
        _deploySystem();
        owner = vm.addr(OWNER_KEY);
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        dave = makeAddr("dave");
        mallory = makeAddr("mallory");
        _verify(bob);
        _verify(carol);
        _verify(dave);
        (token, distributor) = _createToken(owner, "Alice", SUPPLY, CAP_BPS, ETH);
    }

    function _sell(address to, uint256 amount) internal {
        vm.prank(owner);
        token.transfer(to, amount);
    }
}

/// @notice The cap on outside shares under sales, issuance, cap cuts, and the supply bound.
contract PersonalTokenCapFuzzTest is PersonalTokenFuzzBase {
    function testFuzz_ownerSaleSucceedsExactlyWhenWithinCap(uint256 earlier, uint256 amount, bool toTheCap) public {
        uint256 maxOutside = (SUPPLY * CAP_BPS) / BPS;
        earlier = bound(earlier, 0, maxOutside);
        if (earlier > 0) _sell(bob, earlier);
        // Half the runs probe the boundary: exactly what is left of the cap, or one share more.
        if (toTheCap) amount = maxOutside - earlier + (amount % 2);
        amount = bound(amount, 1, token.balanceOf(owner));

        uint256 outsideAfter = earlier + amount;
        assertEq(token.canTransfer(owner, carol, amount), outsideAfter <= maxOutside, "canTransfer vs cap");
        if (outsideAfter > maxOutside) {
            vm.expectRevert(abi.encodeWithSelector(IPersonalToken.CapExceeded.selector, outsideAfter, maxOutside));
        }
        vm.prank(owner);
        token.transfer(carol, amount);
        assertLe(token.outsideShares(), maxOutside);
    }

    function testFuzz_issueToInvestorSucceedsExactlyWhenWithinCap(
        uint256 earlier,
        uint256 amount,
        bool toTheCap
    ) public {
        earlier = bound(earlier, 0, (SUPPLY * CAP_BPS) / BPS);
        if (earlier > 0) _sell(bob, earlier);
        if (toTheCap) amount = _issueHeadroom(token) + (amount % 2);
        amount = bound(amount, 1, SUPPLY);

        uint256 supplyAfter = SUPPLY + amount;
        uint256 outsideAfter = earlier + amount;
        uint256 maxOutside = (supplyAfter * CAP_BPS) / BPS;
        if (outsideAfter > maxOutside) {
            vm.expectRevert(abi.encodeWithSelector(IPersonalToken.CapExceeded.selector, outsideAfter, maxOutside));
        }
        vm.prank(owner);
        token.issue(carol, amount);
        if (outsideAfter <= maxOutside) {
            assertEq(token.totalSupply(), supplyAfter);
            assertEq(token.balanceOf(carol), amount);
        }
    }

    function testFuzz_issueToOwnerAlwaysKeepsCapAndDilutesOutsideShare(uint256 earlier, uint256 amount) public {
        earlier = bound(earlier, 1, (SUPPLY * CAP_BPS) / BPS);
        _sell(bob, earlier);
        amount = bound(amount, 1, MAX_SUPPLY - SUPPLY);
        vm.prank(owner);
        token.issue(owner, amount);
        assertEq(token.outsideShares(), earlier);
        assertLe(token.outsideShares(), (token.totalSupply() * CAP_BPS) / BPS);
        // After dilution the owner can sell more than before.
        assertGe(_ownerHeadroom(token), (SUPPLY * CAP_BPS) / BPS - earlier);
    }

    function testFuzz_issueBeyondMaxSupplyReverts(uint256 amount) public {
        amount = bound(amount, MAX_SUPPLY - SUPPLY + 1, type(uint256).max - SUPPLY);
        vm.expectRevert(abi.encodeWithSelector(IPersonalToken.SupplyLimitExceeded.selector, SUPPLY + amount));
        vm.prank(owner);
        token.issue(owner, amount);
    }

    function testFuzz_lowerCapSucceedsExactlyWhenOutsideSharesFit(uint256 earlier, uint16 newCap) public {
        earlier = bound(earlier, 0, (SUPPLY * CAP_BPS) / BPS);
        if (earlier > 0) _sell(bob, earlier);
        newCap = uint16(bound(newCap, 0, CAP_BPS - 1));
        uint256 maxOutside = (SUPPLY * newCap) / BPS;
        if (earlier > maxOutside) {
            vm.expectRevert(abi.encodeWithSelector(IPersonalToken.CapExceeded.selector, earlier, maxOutside));
        }
        vm.prank(owner);
        token.lowerCap(newCap);
        if (earlier <= maxOutside) assertEq(token.capBps(), newCap);
    }

    function testFuzz_capCanOnlyBeLowered(uint16 newCap) public {
        newCap = uint16(bound(newCap, CAP_BPS, type(uint16).max));
        vm.expectRevert(abi.encodeWithSelector(IPersonalToken.CapNotLowered.selector, CAP_BPS, newCap));
        vm.prank(owner);
        token.lowerCap(newCap);
    }
}

/// @notice `canTransfer` against the real outcome, and the refusal named for each broken transfer rule.
contract PersonalTokenTransferRulesFuzzTest is PersonalTokenFuzzBase {
    /// Random holders, permission, freeze, ban, expiry and pause: `detectTransferRestriction` (ERC-1404) says exactly
    /// what `transfer` does and names the error it reverts with; `canTransfer` (ERC-7943) agrees except that it never
    /// refuses for the balance.
    function testFuzz_canTransferAgreesWithTransfer(
        uint256 fromSeed,
        uint256 toSeed,
        uint256 amount,
        uint256 permission,
        uint256 frozen,
        uint8 flags
    ) public {
        _sell(bob, 50_000e18);
        _sell(carol, 30_000e18);
        address[7] memory parties = [owner, bob, carol, dave, mallory, address(token), address(0)];
        address from = parties[fromSeed % 5]; // a sender is never the token or address(0)
        address to = parties[toSeed % parties.length];
        uint256 balance = token.balanceOf(from);
        amount = bound(amount, 0, balance + 1);
        if (from != owner && to != owner && from != to && to != address(0)) {
            vm.prank(owner);
            token.approveTransfer(from, to, bound(permission, 0, amount + 1));
        }
        token.setFrozenTokens(from, bound(frozen, 0, balance + 1));
        if (flags & 1 != 0 && from != owner) registry.ban(from, "fraud");
        if (flags & 2 != 0 && to == dave) registry.revoke(dave, "expired");
        if (flags & 4 != 0) token.pause();

        uint8 code = token.detectTransferRestriction(from, to, amount);
        bool allowed = token.canTransfer(from, to, amount);
        vm.prank(from);
        (bool succeeded, bytes memory reason) = address(token).call(abi.encodeCall(token.transfer, (to, amount)));
        assertEq(succeeded, code == 0, "detectTransferRestriction disagrees with transfer");
        if (!succeeded) assertEq(bytes4(reason), _restrictionError(code), "the code names another error");
        if (succeeded) assertTrue(allowed, "canTransfer refuses a transfer that succeeds");
        if (allowed && !succeeded) assertEq(code, 3, "canTransfer allows a transfer refused for more than the balance");
    }

    /// @dev ERC-1404 code → the error `transfer` reverts with (an independent table, not the contract's).
    function _restrictionError(uint8 code) private pure returns (bytes4) {
        bytes4[10] memory errors = [
            bytes4(0),
            PausableUpgradeable.EnforcedPause.selector,
            IERC7943Fungible.ERC7943CannotSend.selector,
            IERC20Errors.ERC20InsufficientBalance.selector,
            IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector,
            IERC20Errors.ERC20InvalidReceiver.selector,
            IERC7943Fungible.ERC7943CannotReceive.selector,
            IPersonalToken.ReceiverKicked.selector,
            IPersonalToken.CapExceeded.selector,
            IERC7943Fungible.ERC7943CannotTransfer.selector
        ];
        return code < errors.length ? errors[code] : bytes4(0xffffffff);
    }

    function testFuzz_transferToUnverifiedReceiverIsRefused(address stranger, uint256 amount) public {
        vm.assume(stranger != owner && stranger != address(0) && !registry.isVerified(stranger));
        amount = bound(amount, 1, _ownerHeadroom(token));
        assertFalse(token.canReceive(stranger));
        vm.expectRevert(abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotReceive.selector, stranger));
        vm.prank(owner);
        token.transfer(stranger, amount);
    }

    function testFuzz_transferBetweenInvestorsNeedsEnoughPermission(uint256 amount, uint256 permission) public {
        _sell(bob, 100_000e18);
        amount = bound(amount, 1, 100_000e18);
        permission = bound(permission, 0, amount - 1);
        vm.prank(owner);
        token.approveTransfer(bob, carol, permission);
        vm.expectRevert(abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotTransfer.selector, bob, carol, amount));
        vm.prank(bob);
        token.transfer(carol, amount);

        // With enough permission the move goes through and consumes exactly what it moved.
        uint256 granted = bound(permission, amount, token.MAX_SUPPLY());
        vm.prank(owner);
        token.approveTransfer(bob, carol, granted);
        vm.prank(bob);
        token.transfer(carol, amount);
        assertEq(token.balanceOf(carol), amount);
        assertEq(token.transferApproval(bob, carol), granted - amount);
    }

    function testFuzz_transferFromNeedsAllowanceAndPermission(uint256 amount, uint256 allowance_) public {
        _sell(bob, 100_000e18);
        amount = bound(amount, 1, 100_000e18);
        allowance_ = bound(allowance_, 0, amount - 1);
        vm.prank(bob);
        token.approve(dave, allowance_);
        vm.prank(owner);
        token.approveTransfer(bob, carol, amount);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, dave, allowance_, amount)
        );
        vm.prank(dave);
        token.transferFrom(bob, carol, amount);

        vm.prank(bob);
        token.approve(dave, amount);
        vm.prank(dave);
        token.transferFrom(bob, carol, amount);
        assertEq(token.balanceOf(carol), amount);
        assertEq(token.transferApproval(bob, carol), 0);
        assertEq(token.allowance(bob, dave), 0);
    }

    function testFuzz_frozenSharesCannotBeSent(uint256 frozen, uint256 amount) public {
        _sell(bob, 100_000e18);
        frozen = bound(frozen, 1, 100_000e18);
        uint256 unfrozen = 100_000e18 - frozen;
        amount = bound(amount, unfrozen + 1, 100_000e18);
        token.setFrozenTokens(bob, frozen);
        assertFalse(token.canTransfer(bob, owner, amount));
        vm.expectRevert(
            abi.encodeWithSelector(IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector, bob, amount, unfrozen)
        );
        vm.prank(bob);
        token.transfer(owner, amount);
    }

    function testFuzz_bannedHolderCannotSendEvenBackToOwner(uint256 amount) public {
        _sell(bob, 100_000e18);
        amount = bound(amount, 0, 100_000e18);
        registry.ban(bob, "fraud");
        assertFalse(token.canTransfer(bob, owner, amount));
        vm.expectRevert(abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotSend.selector, bob));
        vm.prank(bob);
        token.transfer(owner, amount);
    }

    function testFuzz_expiredHolderCanStillExitButNotReceive(uint256 amount, uint256 elapsed) public {
        _sell(bob, 100_000e18);
        amount = bound(amount, 1, 100_000e18);
        vm.warp(block.timestamp + ONE_YEAR + bound(elapsed, 1, 10 * ONE_YEAR));
        assertFalse(registry.isVerified(bob));
        vm.prank(bob);
        token.transfer(owner, amount);
        assertEq(token.balanceOf(bob), 100_000e18 - amount);
        vm.expectRevert(abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotReceive.selector, bob));
        vm.prank(owner);
        token.transfer(bob, 1);
    }

    function testFuzz_pauseStopsOrdinaryMovesAndIssuance(uint256 amount) public {
        amount = bound(amount, 1, _ownerHeadroom(token));
        token.pause();
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(owner);
        token.transfer(bob, amount);
        vm.expectRevert(PausableUpgradeable.EnforcedPause.selector);
        vm.prank(owner);
        token.issue(bob, amount);
        // The arbiter's own actions go on.
        token.forcedTransfer(owner, bob, amount);
        assertEq(token.balanceOf(bob), amount);
    }
}

/// @notice The owner's EIP-712 permissions: used once, for their exact terms, by their signer, before their deadline.
contract PersonalTokenSignedPermissionFuzzTest is PersonalTokenFuzzBase {
    function testFuzz_signedPermissionMovesExactlyOnce(uint256 amount, uint256 nonce, uint256 validFor) public {
        _sell(bob, 100_000e18);
        amount = bound(amount, 0, 100_000e18);
        uint256 deadline = block.timestamp + bound(validFor, 0, 365 days);
        bytes memory signature = _signApproval(OWNER_KEY, token, bob, carol, amount, nonce, deadline);

        vm.prank(bob);
        token.transferWithApproval(carol, amount, nonce, deadline, signature);
        assertEq(token.balanceOf(carol), amount);
        assertTrue(token.nonceUsed(nonce));

        vm.expectRevert(abi.encodeWithSelector(IPersonalToken.ApprovalNonceAlreadyUsed.selector, nonce));
        vm.prank(bob);
        token.transferWithApproval(carol, amount, nonce, deadline, signature);
    }

    function testFuzz_signedPermissionCoversOnlyItsExactTerms(uint256 amount, uint256 other, uint256 nonce) public {
        _sell(bob, 100_000e18);
        amount = bound(amount, 0, 100_000e18);
        other = bound(other, 0, 100_000e18);
        vm.assume(other != amount);
        uint256 deadline = block.timestamp + 1 days;
        bytes memory signature = _signApproval(OWNER_KEY, token, bob, carol, amount, nonce, deadline);

        vm.expectRevert(IPersonalToken.InvalidApprovalSignature.selector);
        vm.prank(bob);
        token.transferWithApproval(carol, other, nonce, deadline, signature);
        // Nor for another receiver, nor presented by another sender.
        vm.expectRevert(IPersonalToken.InvalidApprovalSignature.selector);
        vm.prank(bob);
        token.transferWithApproval(dave, amount, nonce, deadline, signature);
        vm.expectRevert(IPersonalToken.InvalidApprovalSignature.selector);
        vm.prank(dave);
        token.transferWithApproval(carol, amount, nonce, deadline, signature);
    }

    function testFuzz_permissionSignedByAnotherKeyIsRejected(uint256 key, uint256 amount) public {
        key = bound(key, 1, SECP256K1_N - 1);
        vm.assume(key != OWNER_KEY);
        _sell(bob, 100_000e18);
        amount = bound(amount, 1, 100_000e18);
        bytes memory signature = _signApproval(key, token, bob, carol, amount, 7, block.timestamp);
        vm.expectRevert(IPersonalToken.InvalidApprovalSignature.selector);
        vm.prank(bob);
        token.transferWithApproval(carol, amount, 7, block.timestamp, signature);
    }

    function testFuzz_expiredPermissionIsRejected(uint256 validFor, uint256 late) public {
        _sell(bob, 100_000e18);
        uint256 deadline = block.timestamp + bound(validFor, 0, 365 days);
        bytes memory signature = _signApproval(OWNER_KEY, token, bob, carol, 1e18, 1, deadline);
        vm.warp(deadline + bound(late, 1, 365 days));
        vm.expectRevert(abi.encodeWithSelector(IPersonalToken.ApprovalExpired.selector, deadline));
        vm.prank(bob);
        token.transferWithApproval(carol, 1e18, 1, deadline, signature);
    }

    function testFuzz_cancelledPermissionIsDead(uint256 nonce) public {
        _sell(bob, 100_000e18);
        bytes memory signature = _signApproval(OWNER_KEY, token, bob, carol, 1e18, nonce, block.timestamp);
        vm.prank(owner);
        token.cancelApproval(nonce);
        vm.expectRevert(abi.encodeWithSelector(IPersonalToken.ApprovalNonceAlreadyUsed.selector, nonce));
        vm.prank(bob);
        token.transferWithApproval(carol, 1e18, nonce, block.timestamp, signature);
    }
}

/// @notice The arbiter's forced transfers and freezes.
contract PersonalTokenArbiterFuzzTest is PersonalTokenFuzzBase {
    function testFuzz_onlyTheArbiterForcesAndFreezes(address caller, uint256 amount) public {
        vm.assume(caller != address(this));
        _sell(bob, 100_000e18);
        amount = bound(amount, 1, 100_000e18);
        vm.expectRevert(abi.encodeWithSelector(IPersonalToken.CallerNotArbiter.selector, caller));
        vm.prank(caller);
        token.forcedTransfer(bob, owner, amount);
        vm.expectRevert(abi.encodeWithSelector(IPersonalToken.CallerNotArbiter.selector, caller));
        vm.prank(caller);
        token.setFrozenTokens(bob, amount);
    }

    /// Taking more than the unfrozen balance releases exactly the frozen shares taken, no more.
    function testFuzz_forcedTransferReleasesOnlyTheFrozenSharesItTakes(
        uint256 balance,
        uint256 frozen,
        uint256 amount
    ) public {
        balance = bound(balance, 1, (SUPPLY * CAP_BPS) / BPS);
        _sell(bob, balance);
        frozen = bound(frozen, 0, 2 * balance);
        amount = bound(amount, 1, balance);
        token.setFrozenTokens(bob, frozen);
        uint256 unfrozen = balance > frozen ? balance - frozen : 0;

        token.forcedTransfer(bob, carol, amount);
        uint256 frozenTaken = amount > unfrozen ? amount - unfrozen : 0;
        assertEq(token.getFrozenTokens(bob), frozen - frozenTaken, "freeze after forced transfer");
        assertEq(token.balanceOf(bob), balance - amount);
        assertEq(token.balanceOf(carol), amount);
    }

    function testFuzz_forcedTransferKeepsCapAndReceiverRules(uint256 amount) public {
        uint256 headroom = _ownerHeadroom(token);
        amount = bound(amount, headroom + 1, SUPPLY);
        vm.expectRevert(abi.encodeWithSelector(IPersonalToken.CapExceeded.selector, amount, (SUPPLY * CAP_BPS) / BPS));
        token.forcedTransfer(owner, bob, amount);
        vm.expectRevert(abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotReceive.selector, mallory));
        token.forcedTransfer(owner, mallory, 1);
    }

    function testFuzz_forcedTransferBeyondBalanceReverts(uint256 balance, uint256 amount) public {
        balance = bound(balance, 0, 100_000e18);
        if (balance > 0) _sell(bob, balance);
        amount = bound(amount, balance + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, balance, amount));
        token.forcedTransfer(bob, carol, amount);
    }
}
