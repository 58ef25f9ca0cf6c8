// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";
import {GainsDistributor} from "../../contracts/GainsDistributor.sol";
import {PersonalTokenHandler} from "./PersonalTokenHandler.sol";

/// @notice Properties of one personal token and its distributor that hold after any sequence of the handler's
/// actions: sales, permissioned and signed trades, issuance, ETH and USD distributions, claims, forced transfers,
/// freezes, bans, cap cuts, pauses and the passing of time.
contract PersonalTokenInvariantsTest is Test {
    PersonalTokenHandler internal handler;
    PersonalToken internal token;
    GainsDistributor internal distributor;

    /// The handler is created here rather than in setUp so that its creation code counts against this contract's
    /// initcode limit (49,152 bytes), not its runtime limit (24,576 bytes).
    constructor() {
        handler = new PersonalTokenHandler();
    }

    function setUp() public {
        token = handler.token();
        distributor = handler.distributor();

        bytes4[] memory selectors = new bytes4[](16);
        selectors[0] = PersonalTokenHandler.ownerSells.selector;
        selectors[1] = PersonalTokenHandler.investorTransfer.selector;
        selectors[2] = PersonalTokenHandler.investorTransferFrom.selector;
        selectors[3] = PersonalTokenHandler.signedTransfer.selector;
        selectors[4] = PersonalTokenHandler.issue.selector;
        selectors[5] = PersonalTokenHandler.forcedTransfer.selector;
        selectors[6] = PersonalTokenHandler.setFrozenTokens.selector;
        selectors[7] = PersonalTokenHandler.lowerCap.selector;
        selectors[8] = PersonalTokenHandler.distributeEth.selector;
        selectors[9] = PersonalTokenHandler.distributeUsd.selector;
        selectors[10] = PersonalTokenHandler.claim.selector;
        selectors[11] = PersonalTokenHandler.claimFor.selector;
        selectors[12] = PersonalTokenHandler.pauseThenClaim.selector;
        selectors[13] = PersonalTokenHandler.warp.selector;
        selectors[14] = PersonalTokenHandler.renewVerification.selector;
        selectors[15] = PersonalTokenHandler.banOrUnban.selector;
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// Guard against vacuous invariants: a fixed pseudo-random sequence of 600 actions drives every action
    /// through successfully at least once, with no outcome the rules did not predict.
    function test_handlerDrivesEveryActionThroughTheRealContracts() public {
        for (uint256 i; i < 600; ++i) {
            uint256[5] memory r;
            for (uint256 j; j < 5; ++j) {
                r[j] = uint256(keccak256(abi.encode(i, j)));
            }
            _act(r[0] % 16, r[1], r[2], r[3], r[4]);
        }
        string[12] memory succeeding = [
            "ownerSells",
            "investorTransfer",
            "investorTransferFrom",
            "signedTransfer",
            "issue",
            "forcedTransfer",
            "lowerCap",
            "distributeEth",
            "distributeUsd",
            "claim",
            "claimFor",
            "pauseThenClaim"
        ];
        for (uint256 i; i < succeeding.length; ++i) {
            assertGt(handler.successes(succeeding[i]), 0, succeeding[i]);
        }
        string[4] memory others = ["setFrozenTokens", "warp", "renewVerification", "banOrUnban"];
        for (uint256 i; i < others.length; ++i) {
            assertGt(handler.calls(others[i]), 0, others[i]);
        }
        assertGt(handler.refusedFirstDeposits(), 0, "no investor tried to make an asset's first deposit");
        assertEq(handler.surprises(), 0, handler.lastSurprise());
        // The codes this handler's transfers meet (no pause, kicks or zero receiver here) were all met.
        uint8[6] memory codes = [0, 2, 4, 6, 8, 9];
        for (uint256 i; i < codes.length; ++i) {
            assertGt(handler.restrictionCodes(codes[i]), 0, string.concat("code ", vm.toString(codes[i])));
        }
        invariant_transferRestrictionsAreExact();
        assertFalse(handler.claimableDecreased(), handler.claimableDecreasedReport());
        assertFalse(handler.entitlementMoved(), handler.entitlementMovedReport());
    }

    function _act(uint256 action, uint256 a, uint256 b, uint256 c, uint256 d) internal {
        if (action == 0) handler.ownerSells(a, b);
        else if (action == 1) handler.investorTransfer(a, b, c, d);
        else if (action == 2) handler.investorTransferFrom(a, b, c, d);
        else if (action == 3) handler.signedTransfer(a, b, c, d);
        else if (action == 4) handler.issue(a, b);
        else if (action == 5) handler.forcedTransfer(a, b, c);
        else if (action == 6) handler.setFrozenTokens(a, b);
        else if (action == 7) handler.lowerCap(a);
        else if (action == 8) handler.distributeEth(a, b);
        else if (action == 9) handler.distributeUsd(a, b);
        else if (action == 10) handler.claim(a, b);
        else if (action == 11) handler.claimFor(a, b, c);
        else if (action == 12) handler.pauseThenClaim(a, b);
        else if (action == 13) handler.warp(a);
        else if (action == 14) handler.renewVerification(a);
        else handler.banOrUnban(a);
    }

    /// Σ balances = totalSupply: the owner and the five investors are the only addresses that can hold shares.
    function invariant_balancesSumToTotalSupply() public view {
        assertEq(_sumOfBalances(), token.totalSupply(), "sum of balances != totalSupply");
        assertLe(token.totalSupply(), token.MAX_SUPPLY(), "supply above MAX_SUPPLY");
    }

    /// outsideShares ≤ capBps × totalSupply / 10,000 after any sequence of moves, issues and cap cuts.
    function invariant_outsideSharesWithinCap() public view {
        uint256 supply = token.totalSupply();
        assertEq(token.outsideShares(), supply - token.balanceOf(handler.owner()), "outsideShares definition");
        assertLe(token.outsideShares(), (supply * token.capBps()) / 10_000, "outside shares above the cap");
    }

    /// The distributor holds, in each asset, exactly what was deposited minus what was paid, and at least what
    /// every holder together may claim.
    function invariant_distributorSolvent() public view {
        address[2] memory assets = handler.assets();
        for (uint256 i; i < assets.length; ++i) {
            address asset = assets[i];
            uint256 held = _assetBalance(asset, address(distributor));
            assertGe(held, _sumOfClaimable(asset), "distributor cannot pay every claim");
            assertEq(held, handler.ghostDeposited(asset) - handler.ghostClaimed(asset), "distributor balance drifted");
        }
    }

    /// Σ claimed + Σ claimable ≤ Σ deposited, with the distributor's own totals matching the ghost ones.
    function invariant_claimedPlusClaimableWithinDeposited() public view {
        address[2] memory assets = handler.assets();
        for (uint256 i; i < assets.length; ++i) {
            address asset = assets[i];
            (uint256 deposited, uint256 claimed) = distributor.totals(asset);
            assertEq(deposited, handler.ghostDeposited(asset), "totals: deposited != ghost");
            assertEq(claimed, handler.ghostClaimed(asset), "totals: claimed != ghost");
            assertLe(claimed + _sumOfClaimable(asset), deposited, "over-paying: claimed + claimable > deposited");
        }
    }

    /// Rounding strands almost nothing: the carry keeps the scaled remainder, so each holder loses less than one
    /// unit to its final floor and deposited − claimed − Σ claimable ≤ number of holders.
    function invariant_roundingStrandsLessThanOneUnitPerHolder() public view {
        address[2] memory assets = handler.assets();
        uint256 holders = handler.holders().length;
        for (uint256 i; i < assets.length; ++i) {
            address asset = assets[i];
            (uint256 deposited, uint256 claimed) = distributor.totals(asset);
            assertGe(claimed + _sumOfClaimable(asset) + holders, deposited, "rounding stranded gains");
        }
    }

    /// A holder's claimable amount never decreases except through its own claim (by itself or via claimFor).
    function invariant_claimableNeverDecreasesExceptByOwnClaim() public view {
        assertFalse(handler.claimableDecreased(), handler.claimableDecreasedReport());
    }

    /// Stronger: only a deposit or the holder's own claim changes what it can claim; moves, issues, forced transfers,
    /// freezes, bans and time leave every entitlement exactly as it was.
    function invariant_onlyDepositsAndOwnClaimsChangeEntitlements() public view {
        assertFalse(handler.entitlementMoved(), handler.entitlementMovedReport());
    }

    /// Every outcome matched the rules: canTransfer agreed with each transfer, permitted calls succeeded, refused
    /// ones reverted with the error named for the broken rule.
    function invariant_outcomesMatchTheRules() public view {
        assertEq(handler.surprises(), 0, handler.lastSurprise());
    }

    /// SECURITY.md invariant 15: on every handler transfer attempt (`transfer`, `transferFrom`),
    /// `detectTransferRestriction` named the model's first broken rule (0..9), was 0 exactly when the move went
    /// through, a refusal reverted with that rule's exact error, and `canTransfer` was the ERC-7943 frame of the
    /// same rules.
    function invariant_transferRestrictionsAreExact() public view {
        assertEq(handler.restrictionMismatches(), 0, handler.restrictionMismatchReport());
    }

    // ───────────────────────────── sums over every possible holder ─────────────────────────────

    function _sumOfBalances() internal view returns (uint256 sum) {
        address[] memory holders = handler.holders();
        for (uint256 i; i < holders.length; ++i) {
            sum += token.balanceOf(holders[i]);
        }
    }

    function _sumOfClaimable(address asset) internal view returns (uint256 sum) {
        address[] memory holders = handler.holders();
        for (uint256 i; i < holders.length; ++i) {
            sum += distributor.claimable(holders[i], asset);
        }
    }

    function _assetBalance(address asset, address account) internal view returns (uint256) {
        return asset == address(0) ? account.balance : IERC20(asset).balanceOf(account);
    }
}
