// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {Holdings} from "../../contracts/Holdings.sol";
import {HoldingsHandler} from "./HoldingsHandler.sol";

/// @notice Properties of Holdings that hold after any sequence of pledges, purchases, listings and fills, kicks,
/// forced transfers in and out, claims through a chain of tokens and ownership moves (issue 12).
contract HoldingsInvariantsTest is Test {
    HoldingsHandler internal handler;

    constructor() {
        handler = new HoldingsHandler();
    }

    function setUp() public {
        bytes4[] memory selectors = new bytes4[](8);
        selectors[0] = HoldingsHandler.buyAndPledge.selector;
        selectors[1] = HoldingsHandler.holdingsBuy.selector;
        selectors[2] = HoldingsHandler.listAndFill.selector;
        selectors[3] = HoldingsHandler.kick.selector;
        selectors[4] = HoldingsHandler.forceOut.selector;
        selectors[5] = HoldingsHandler.forceIn.selector;
        selectors[6] = HoldingsHandler.claimThroughChain.selector;
        selectors[7] = HoldingsHandler.moveOwnership.selector;
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// Every realization, basis carried and hop matched the handler's prediction.
    function invariant_outcomesMatchTheRules() public view {
        assertTrue(handler.predictionsHeld());
    }

    /// Sale proceeds = capital credited + gains distributed (or pending).
    function invariant_saleProceedsAreCapitalPlusGains() public view {
        assertEq(handler.proceeds(), handler.capitalCredited() + handler.gains());
    }

    /// Σ basis put in = the basis held + Σ basis that left (sold or forced out), across partial sales.
    function invariant_basisIsConserved() public view {
        (uint256 basis, ) = handler.hb().position(address(handler.a()));
        assertEq(handler.basisIn(), basis + handler.basisOut());
    }

    /// A Holdings' quote balance = its capital + its pending.
    function invariant_quoteBalanceIsCapitalPlusPending() public view {
        Holdings[2] memory all = [handler.hb(), handler.hc()];
        for (uint256 i; i < 2; ++i) {
            address asset = address(handler.usd());
            assertEq(handler.usd().balanceOf(address(all[i])), all[i].capital(asset) + all[i].pending(asset));
        }
    }

    /// Held shares leave only by a fill, a kick or a forced transfer: the balance is what those left.
    function invariant_heldSharesLeaveOnlyByFillKickOrForce() public view {
        assertEq(handler.a().balanceOf(address(handler.hb())), handler.heldShares());
    }

    /// Value is conserved across a hop: the top distributor received exactly what was claimed for the Holdings.
    function invariant_hopsConserveValue() public view {
        (uint256 deposited, ) = handler.distC().totals(address(handler.usd()));
        assertEq(deposited, handler.forwarded());
    }
}
