// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Vm} from "forge-std/Vm.sol";
import {IERC7943Fungible} from "../../contracts/interfaces/IERC7943.sol";
import {IPersonalToken} from "../../contracts/interfaces/IPersonalToken.sol";
import {IGainsDistributor} from "../../contracts/interfaces/IGainsDistributor.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";
import {GainsDistributor} from "../../contracts/GainsDistributor.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {SystemFixture} from "./SystemFixture.sol";
import {InvestorRegistry} from "../../contracts/InvestorRegistry.sol";
import {TransferRules} from "./TransferRulesModel.sol";

/// @notice Describes a claimable amount that changed when it should not have (an external library, to keep the
/// handler below the contract size limit).
library ClaimableReport {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    function format(
        string memory action,
        address holder,
        address asset,
        uint256 last,
        uint256 current
    ) external pure returns (string memory) {
        return
            string.concat(
                action,
                ": claimable of ",
                VM.toString(holder),
                " in ",
                VM.toString(asset),
                " went from ",
                VM.toString(last),
                " to ",
                VM.toString(current)
            );
    }
}

/// @notice The owner's issues at the supply bound and while banned, and her cap cuts (an external library, to keep the handler below
/// the contract size limit; it runs in the handler's context, which holds the registrar role). Each returns what
/// disagreed with the rules ("" if nothing) and whether the issue went through.
library OwnerIssues {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 private constant MAX_SUPPLY = 1e36;

    /// @notice The owner issues herself everything MAX_SUPPLY leaves (`beyond` = 0), or one unit more: refused with
    /// `SupplyLimitExceeded(supply + amount)` exactly when the supply would pass MAX_SUPPLY.
    function toTheLimit(
        PersonalToken token,
        address owner,
        uint256 beyond
    ) external returns (bool went, string memory problem) {
        uint256 supply = token.totalSupply();
        uint256 amount = MAX_SUPPLY - supply + beyond;
        if (amount == 0) return (false, "");
        VM.prank(owner);
        try token.issue(owner, amount) {
            went = true;
            if (supply + amount > MAX_SUPPLY) problem = "issue beyond MAX_SUPPLY went through";
            else if (token.totalSupply() != supply + amount) problem = "issue minted the wrong amount";
        } catch (bytes memory reason) {
            if (supply + amount <= MAX_SUPPLY) problem = "issue up to MAX_SUPPLY reverted";
            else if (
                keccak256(reason) !=
                keccak256(abi.encodeWithSelector(IPersonalToken.SupplyLimitExceeded.selector, supply + amount))
            ) problem = "issue past MAX_SUPPLY reverted with an unexpected error";
        }
    }

    /// @notice The owner lowers the cap: refused with `CapExceeded(outside, new maximum)` exactly when the outside
    /// shares would exceed it.
    function lowerCap(
        PersonalToken token,
        address owner,
        uint16 newCap
    ) external returns (bool went, string memory problem) {
        uint256 maxOutside = (token.totalSupply() * newCap) / 10_000;
        uint256 outside = token.outsideShares();
        bool predicted = outside <= maxOutside;
        VM.prank(owner);
        try token.lowerCap(newCap) {
            went = true;
            if (!predicted || token.capBps() != newCap) problem = "cap lowered below outside shares";
        } catch (bytes memory reason) {
            if (predicted) problem = "cap cut within outside shares refused";
            else if (
                keccak256(reason) !=
                keccak256(abi.encodeWithSelector(IPersonalToken.CapExceeded.selector, outside, maxOutside))
            ) problem = "cap cut refused with an unexpected error";
        }
    }

    /// @notice A banned owner issues nothing: `ERC7943CannotSend(owner)`, whoever the receiver.
    function whileBanned(
        PersonalToken token,
        address owner,
        address to,
        uint256 amount
    ) external returns (string memory problem) {
        InvestorRegistry registry = InvestorRegistry(address(token.registry()));
        registry.ban(owner, keccak256("fraud"));
        VM.prank(owner);
        try token.issue(to, amount) {
            problem = "a banned owner issued shares";
        } catch (bytes memory reason) {
            if (
                keccak256(reason) !=
                keccak256(abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotSend.selector, owner))
            ) {
                problem = "a banned owner's issue reverted with an unexpected error";
            }
        }
        registry.unban(owner);
    }
}

/// @notice The arbiter's forced transfer, compared with the rules it keeps (the receiver rule and the cap) and the
/// freeze it releases (an external library, to keep the handler below the contract size limit; it runs in the
/// handler's context, which holds the arbiter role). Returns whether it went through and what disagreed.
library ArbiterMoves {
    uint256 private constant BPS = 10_000;

    function force(
        PersonalToken token,
        address from,
        address to,
        uint256 amount,
        bool withinCap
    ) external returns (bool went, string memory problem) {
        bool receivable = token.canReceive(to);
        uint256 frozenBefore = token.getFrozenTokens(from);
        uint256[2] memory before = [token.balanceOf(from), token.balanceOf(to)];
        uint256 unfrozenBefore = before[0] > frozenBefore ? before[0] - frozenBefore : 0;
        bytes memory capError = abi.encodeWithSelector(
            IPersonalToken.CapExceeded.selector,
            token.outsideShares() + amount,
            (token.totalSupply() * token.capBps()) / BPS
        );
        try token.forcedTransfer(from, to, amount) returns (bool) {
            went = true;
            uint256 expectedFrozen = amount > unfrozenBefore ? frozenBefore - (amount - unfrozenBefore) : frozenBefore;
            if (!receivable) problem = "forced transfer to a holder who cannot receive";
            else if (!withinCap) problem = "forced transfer beyond the cap went through";
            else if (token.balanceOf(from) != before[0] - amount || token.balanceOf(to) != before[1] + amount) {
                problem = "balances moved by the wrong amount";
            } else if (token.getFrozenTokens(from) != expectedFrozen) {
                problem = "forced transfer released the wrong freeze";
            }
        } catch (bytes memory reason) {
            bytes memory expected =
                !receivable ? abi.encodeWithSelector(IERC7943Fungible.ERC7943CannotReceive.selector, to) : capError;
            if (receivable && withinCap) problem = "forced transfer within the rules reverted";
            else if (keccak256(reason) != keccak256(expected)) problem = "reverted with an unexpected error";
        }
    }
}

/// @notice Invariant-test handler: one owner's token with five investors, driven by random owner sales, investor
/// trades (on-chain and signed permissions, `transferFrom`), issuance, ETH and USD distributions, claims, forced
/// transfers, freezes, bans, cap cuts, pauses and time.
/// @dev Inputs are bounded so that most calls do something. Every call whose outcome the rules decide is made with
/// try/catch and compared with what the rules (and `canTransfer`) predicted, refusals included (with the error
/// named for the broken rule); a disagreement is counted in `surprises`. Nothing else in the handler reverts, so the
/// suite runs with `failOnRevert`. After every action the handler reads every holder's claimable amount in both
/// assets and flags any decrease not caused by that holder's own claim (by itself or through `claimFor`), and any
/// change at all in an action that neither deposited nor was that holder's claim.
contract PersonalTokenHandler is SystemFixture {
    uint256 internal constant OWNER_KEY = uint256(keccak256("personal token owner"));
    uint256 internal constant ACTOR_COUNT = 5;
    uint256 internal constant INITIAL_SUPPLY = 1_000_000e18;
    uint16 internal constant CAP_BPS = 2_000;
    uint256 internal constant MAX_ISSUE = 100_000_000e18;
    uint256 internal constant MAX_ETH_GAIN = 10_000 ether;
    uint256 internal constant MAX_USD_GAIN = 1_000_000_000e6;

    address public immutable owner;
    PersonalToken public token;
    GainsDistributor public distributor;
    MockERC20 public usd;

    /// @dev Owner first, then the investors: every address that can ever hold shares.
    address[] internal _holders;
    address[2] internal _assets;

    mapping(address asset => uint256) public ghostDeposited;
    mapping(address asset => uint256) public ghostClaimed;
    mapping(address holder => mapping(address asset => uint256)) public lastClaimable;

    /// @notice Set when a holder's claimable amount fell in an action that was not its own claim.
    bool public claimableDecreased;
    string public claimableDecreasedReport;
    /// @notice Set when a claimable amount changed in an action that neither deposited nor was that holder's claim.
    bool public entitlementMoved;
    string public entitlementMovedReport;
    /// @notice First deposits in an asset by a holder other than the owner, refused as the rules say.
    uint256 public refusedFirstDeposits;
    /// @notice Transfer attempts whose ERC-1404 code was checked against the model and the outcome.
    uint256 public restrictionChecks;
    /// @notice Per ERC-1404 code, how many transfer attempts the model expected to fail (0: went through).
    mapping(uint8 code => uint256) public restrictionCodes;
    /// @notice Transfer attempts whose ERC-1404 code, outcome or error disagreed with the model (SECURITY.md
    /// invariant 15).
    uint256 public restrictionMismatches;
    string public restrictionMismatchReport;
    /// @notice The owner's on-chain permission per pair, as the handler gave and used it (the model's own record).
    mapping(address from => mapping(address to => uint256)) public permissionModel;
    /// @notice Outcomes the rules did not predict (a permitted call reverting, a forbidden one succeeding, …).
    uint256 public surprises;
    string public lastSurprise;

    /// @notice Per action, how many calls did something (the others found nothing to do and were skipped).
    mapping(string action => uint256) public calls;
    /// @notice Per action, how many times its main call went through (the rest were refusals the rules predicted).
    mapping(string action => uint256) public successes;

    string private _action;
    bool private _skipped;
    bool private _deposited;
    bool private _claimed;
    address private _claimHolder;
    address private _claimAsset;
    uint256 private _nextNonce;

    /// @dev Bookkeeping around every action; kept in functions so the 16 inlined copies of the modifier stay small.
    modifier action(string memory name) {
        _beginAction(name);
        _;
        _endAction();
    }

    constructor() {
        _deploySystem();
        owner = vm.addr(OWNER_KEY);
        usd = _deployUsd();
        (token, distributor) = _createToken(owner, "Owner Token", INITIAL_SUPPLY, CAP_BPS, address(usd));
        _holders.push(owner);
        for (uint256 i; i < ACTOR_COUNT; ++i) {
            address actor = makeAddr(string.concat("investor", vm.toString(i)));
            _verify(actor);
            _holders.push(actor);
        }
        _assets = [ETH, address(usd)];
    }

    // ───────────────────────────── share moves ─────────────────────────────

    /// @notice The owner sells shares to an investor: mostly within the cap, sometimes exactly up to it, sometimes
    /// up to a quarter beyond what is left of it (refused).
    function ownerSells(uint256 toSeed, uint256 amount) external action("ownerSells") {
        address to = _actor(toSeed);
        uint256 headroom = _ownerHeadroom(token);
        uint256 max = _min(headroom + headroom / 4 + 1, _unfrozen(token, owner));
        if (max == 0 || !token.canReceive(to)) return _skip();
        // One time in eight exactly what is left of the cap: the boundary itself must be allowed.
        amount = amount % 8 == 0 && headroom > 0 ? _min(headroom, max) : _bound(amount, 1, max);
        if (token.canTransfer(owner, to, amount) != (amount <= headroom)) {
            _surprise("canTransfer disagrees with the cap on an owner sale");
        }
        _transferAndCompare(owner, to, amount);
    }

    /// @notice An investor moves shares to another holder (or back to the owner); the owner may first approve the
    /// move exactly, approve one share too few, or leave whatever permission there was.
    function investorTransfer(
        uint256 fromSeed,
        uint256 toSeed,
        uint256 amount,
        uint256 permissionSeed
    ) external action("investorTransfer") {
        address from = _actor(fromSeed);
        address to = _holderOtherThan(toSeed, from);
        uint256 balance = token.balanceOf(from);
        if (balance == 0) return _skip();
        amount = _bound(amount, 0, balance);
        if (to != owner) {
            uint256 mode = permissionSeed % 4;
            if (mode == 1 || mode == 2) _approveTransfer(from, to, amount);
            else if (mode == 3 && amount > 0) _approveTransfer(from, to, amount - 1);
        }
        _transferAndCompare(from, to, amount);
    }

    /// @notice A spender moves an investor's shares with `transferFrom`: needs the ERC-20 allowance and, between
    /// investors, the owner's permission.
    function investorTransferFrom(
        uint256 fromSeed,
        uint256 toSeed,
        uint256 spenderSeed,
        uint256 amount
    ) external action("investorTransferFrom") {
        address from = _actor(fromSeed);
        address to = _holderOtherThan(toSeed, from);
        address spender = _holder(spenderSeed);
        uint256 balance = token.balanceOf(from);
        if (balance == 0) return _skip();
        amount = _bound(amount, 0, balance);
        vm.prank(from);
        token.approve(spender, amount);
        if (to != owner) _approveTransfer(from, to, amount);
        bool predicted = token.canTransfer(from, to, amount);
        (bytes memory f, uint8 detected, bool answered) = _restrictionFacts(from, to, amount);
        uint256 fromBefore = token.balanceOf(from);
        uint256 toBefore = token.balanceOf(to);
        vm.prank(spender);
        try token.transferFrom(from, to, amount) returns (bool) {
            _checkRestriction(f, detected, answered, true, "");
            _succeeded();
            if (!predicted) _surprise("transferFrom succeeded where canTransfer said no");
            _checkMoved(from, to, amount, fromBefore, toBefore);
            if (token.allowance(from, spender) != 0) _surprise("transferFrom left ERC-20 allowance unspent");
            if (to != owner && amount != 0 && token.transferApproval(from, to) != 0) {
                _surprise("transferFrom left the owner's permission unspent");
            }
        } catch (bytes memory reason) {
            _checkRestriction(f, detected, answered, false, reason);
            if (predicted) _surprise("transferFrom reverted where canTransfer said yes");
        }
    }

    /// @notice A holder presents the owner's EIP-712 permission (sometimes already expired); a successful one
    /// cannot be replayed.
    function signedTransfer(
        uint256 fromSeed,
        uint256 toSeed,
        uint256 amount,
        uint256 deadlineSeed
    ) external action("signedTransfer") {
        address from = _actor(fromSeed);
        address to = _holderOtherThan(toSeed, from);
        uint256 balance = token.balanceOf(from);
        if (balance == 0) return _skip();
        amount = _bound(amount, 0, balance);
        uint256 deadline =
            deadlineSeed % 8 == 0 && block.timestamp > 0
                ? block.timestamp - 1
                : block.timestamp + _bound(deadlineSeed, 0, 7 days);
        uint256 nonce = ++_nextNonce;
        bytes memory signature = _signApproval(OWNER_KEY, token, from, to, amount, nonce, deadline);
        bool predicted =
            block.timestamp <= deadline &&
                !token.paused() &&
                token.canSend(from) &&
                token.canReceive(to) &&
                amount <= _unfrozen(token, from);
        // The signature is the owner's permission for exactly this move, granted in the same call.
        bytes memory f = _signedFacts(from, to, amount);
        uint256 toBefore = token.balanceOf(to);
        vm.prank(from);
        try token.transferWithApproval(to, amount, nonce, deadline, signature) returns (bool) {
            _succeeded();
            _noteOutcome(f, true, "");
            if (!predicted) _surprise("signed transfer succeeded against the rules");
            _checkMoved(from, to, amount, balance, toBefore);
            if (!token.nonceUsed(nonce)) _surprise("signed transfer left its nonce unused");
            vm.prank(from);
            try token.transferWithApproval(to, amount, nonce, deadline, signature) returns (bool) {
                _surprise("signed permission replayed");
            } catch (bytes memory reason) {
                _expectError(reason, abi.encodeWithSelector(IPersonalToken.ApprovalNonceAlreadyUsed.selector, nonce));
            }
        } catch (bytes memory reason) {
            if (predicted) _surprise("signed transfer refused against the rules");
            if (block.timestamp > deadline) {
                _expectError(reason, abi.encodeWithSelector(IPersonalToken.ApprovalExpired.selector, deadline));
            } else {
                _noteOutcome(f, false, reason);
            }
        }
    }

    /// @notice The owner issues new shares to herself (always within the cap) or to an investor: mostly within the
    /// cap, sometimes exactly up to it, sometimes up to a quarter beyond it (refused with `CapExceeded`).
    function issue(uint256 toSeed, uint256 amount) external action("issue") {
        address to = _holder(toSeed);
        if (to != owner && !token.canReceive(to)) return _skip();
        // One time in sixteen the owner issues herself right up to MAX_SUPPLY, or one unit beyond it; one time in
        // sixteen the registrar has banned her first.
        if ((toSeed >> 8) % 16 == 0) {
            (bool went, string memory problem) = OwnerIssues.toTheLimit(token, owner, amount % 2);
            if (went) _succeeded();
            return _noteProblem(problem);
        }
        if ((toSeed >> 8) % 16 == 1)
            return _noteProblem(OwnerIssues.whileBanned(token, owner, to, _bound(amount, 1, MAX_ISSUE)));
        uint256 supply = token.totalSupply();
        uint256 outside = token.outsideShares();
        uint256 capRoom = to == owner ? type(uint256).max : _issueHeadroom(token);
        uint256 range = _min(capRoom, MAX_ISSUE);
        amount = amount % 8 == 0 && range > 0 ? range : _bound(amount, 1, range + range / 4 + 1);
        bool withinCap = amount <= capRoom;
        // The supply bound is checked before the cap (once the owner has issued up to MAX_SUPPLY, nothing fits).
        bool withinSupply = supply + amount <= MAX_SUPPLY;
        uint256 toBefore = token.balanceOf(to);
        vm.prank(owner);
        try token.issue(to, amount) {
            _succeeded();
            if (!withinCap || !withinSupply) _surprise("issue beyond the cap or the supply bound went through");
            if (token.totalSupply() != supply + amount || token.balanceOf(to) != toBefore + amount) {
                _surprise("issue minted the wrong amount");
            }
        } catch (bytes memory reason) {
            if (withinCap && withinSupply) {
                _surprise("issue within the cap reverted");
            } else if (!withinSupply) {
                _expectError(
                    reason,
                    abi.encodeWithSelector(IPersonalToken.SupplyLimitExceeded.selector, supply + amount)
                );
            } else {
                uint256 maxOutside = ((supply + amount) * token.capBps()) / BPS;
                _expectError(
                    reason,
                    abi.encodeWithSelector(IPersonalToken.CapExceeded.selector, outside + amount, maxOutside)
                );
            }
        }
    }

    /// @notice The arbiter forces a move from any holder to any other; frozen shares it takes are released. It keeps
    /// the receiver rule and the cap: a move to a holder who can no longer receive, or one from the owner up to a
    /// quarter beyond what is left of the cap, must fail with the error naming that rule. One time in eight it moves
    /// nothing (also from an empty wallet), one time in eight the whole wallet.
    function forcedTransfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external action("forcedTransfer") {
        address from = _holder(fromSeed);
        address to = _holderOtherThan(toSeed, from);
        uint256 headroom = from == owner ? _ownerHeadroom(token) : type(uint256).max;
        uint256 max = _min(token.balanceOf(from), from == owner ? headroom + headroom / 4 + 1 : headroom);
        if (amount % 8 == 0) return _forceAndCompare(from, to, 0, true);
        if (amount % 8 == 1 && token.balanceOf(from) != 0) {
            amount = token.balanceOf(from);
            return _forceAndCompare(from, to, amount, amount <= headroom);
        }
        if (max == 0) return _skip();
        amount = _bound(amount, 1, max);
        _forceAndCompare(from, to, amount, amount <= headroom);
    }

    /// @notice The arbiter freezes part of a holder's shares (sometimes more than it holds) or unfreezes them.
    function setFrozenTokens(uint256 holderSeed, uint256 amount) external action("setFrozenTokens") {
        address holder = _holder(holderSeed);
        amount = amount % 3 == 0 ? 0 : _bound(amount, 0, _min((token.balanceOf(holder) * 3) / 2, MAX_SUPPLY));
        token.setFrozenTokens(holder, amount);
        if (token.getFrozenTokens(holder) != amount) _surprise("freeze not recorded");
    }

    /// @notice The owner lowers the cap by a little; refused exactly when outside shares would exceed it.
    function lowerCap(uint256 delta) external action("lowerCap") {
        uint16 cap = token.capBps();
        if (cap == 0) return _skip();
        (bool went, string memory problem) = OwnerIssues.lowerCap(
            token,
            owner,
            uint16(cap - _bound(delta, 1, _min(50, cap)))
        );
        if (went) _succeeded();
        _noteProblem(problem);
    }

    // ───────────────────────────── gains ─────────────────────────────

    /// @notice A holder deposits an ETH gain (the first one in an asset only the owner may make).
    function distributeEth(uint256 depositorSeed, uint256 amount) external action("distributeEth") {
        address depositor = _holder(depositorSeed);
        amount = _bound(amount, 1, MAX_ETH_GAIN);
        vm.deal(depositor, depositor.balance + amount);
        _distribute(depositor, ETH, amount);
    }

    /// @notice A holder deposits a USD gain (the first one in an asset only the owner may make).
    function distributeUsd(uint256 depositorSeed, uint256 amount) external action("distributeUsd") {
        address depositor = _holder(depositorSeed);
        amount = _bound(amount, 1, MAX_USD_GAIN);
        usd.mint(depositor, amount);
        vm.prank(depositor);
        usd.approve(address(distributor), amount);
        _distribute(depositor, address(usd), amount);
    }

    /// @notice A holder claims its gains in one asset.
    function claim(uint256 holderSeed, uint256 assetSeed) external action("claim") {
        address holder = _holder(holderSeed);
        _claim(holder, holder, _asset(assetSeed), false);
    }

    /// @notice Anyone claims a holder's gains on its behalf; the holder is paid.
    function claimFor(uint256 holderSeed, uint256 callerSeed, uint256 assetSeed) external action("claimFor") {
        _claim(_holder(holderSeed), _holder(callerSeed), _asset(assetSeed), true);
    }

    /// @notice The arbiter pauses the token; ordinary moves stop but a claim still pays; then it unpauses.
    function pauseThenClaim(uint256 holderSeed, uint256 assetSeed) external action("pauseThenClaim") {
        token.pause();
        address holder = _holder(holderSeed);
        if (token.canTransfer(holder, owner, 0)) _surprise("canTransfer allows a move while paused");
        _claim(holder, holder, _asset(assetSeed), false);
        token.unpause();
    }

    // ───────────────────────────── registry and time ─────────────────────────────

    /// @notice Time passes: verifications may expire (expired holders can still send, not receive).
    function warp(uint256 secondsAhead) external action("warp") {
        vm.warp(block.timestamp + _bound(secondsAhead, 1, 120 days));
    }

    /// @notice The registrar renews an investor's verification for a year.
    function renewVerification(uint256 actorSeed) external action("renewVerification") {
        address actor = _actor(actorSeed);
        if (registry.isBanned(actor)) return _skip();
        _verify(actor);
    }

    /// @notice The registrar lifts a ban, or (one time in two) bans an investor.
    function banOrUnban(uint256 actorSeed) external action("banOrUnban") {
        address actor = _actor(actorSeed);
        if (registry.isBanned(actor)) registry.unban(actor);
        else if ((actorSeed / ACTOR_COUNT) % 2 == 0) registry.ban(actor, keccak256("fraud"));
        else return _skip();
    }

    // ───────────────────────────── views for the invariants ─────────────────────────────

    function holders() external view returns (address[] memory) {
        return _holders;
    }

    function assets() external view returns (address[2] memory) {
        return _assets;
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Every deposit that went through was at least 1 unit, so an asset's book is open exactly when something
    /// was deposited; until then only the owner may deposit.
    function _distribute(address depositor, address asset, uint256 amount) private {
        uint256 balanceBefore = _assetBalance(asset, address(distributor));
        bool predicted = ghostDeposited[asset] != 0 || depositor == token.owner();
        vm.prank(depositor);
        try distributor.distribute{value: asset == ETH ? amount : 0}(asset, amount, keccak256("sale")) {
            _succeeded();
            if (!predicted) _surprise("a holder other than the owner made an asset's first deposit");
            ghostDeposited[asset] += amount;
            _deposited = true;
            if (_assetBalance(asset, address(distributor)) != balanceBefore + amount) {
                _surprise("distribution did not arrive in full");
            }
        } catch (bytes memory reason) {
            if (predicted) _surprise("distribution reverted");
            else {
                ++refusedFirstDeposits;
                _expectError(
                    reason,
                    abi.encodeWithSelector(IGainsDistributor.AssetBookNotOpen.selector, asset, depositor)
                );
            }
        }
    }

    function _claim(address holder, address caller, address asset, bool onBehalf) private {
        uint256 expected = distributor.claimable(holder, asset);
        uint256 before = _assetBalance(asset, holder);
        _claimed = true;
        _claimHolder = holder;
        _claimAsset = asset;
        bytes memory call_ =
            onBehalf
                ? abi.encodeCall(IGainsDistributor.claimFor, (holder, asset))
                : abi.encodeCall(IGainsDistributor.claim, (asset));
        vm.prank(caller);
        (bool ok, bytes memory result) = address(distributor).call(call_);
        if (ok) {
            _succeeded();
            uint256 paid = abi.decode(result, (uint256));
            if (expected == 0) _surprise("claim of nothing succeeded");
            if (paid != expected) _surprise("claim paid other than claimable");
            if (_assetBalance(asset, holder) != before + paid) _surprise("claim did not reach the holder");
            if (distributor.claimable(holder, asset) != 0) _surprise("claim left something claimable");
            ghostClaimed[asset] += paid;
        } else if (expected != 0) {
            _surprise("claim of a positive amount reverted");
        } else {
            _expectError(result, abi.encodeWithSelector(IGainsDistributor.NothingToClaim.selector, holder, asset));
        }
    }

    function _transferAndCompare(address from, address to, uint256 amount) private {
        bool predicted = token.canTransfer(from, to, amount);
        uint256 permissionBefore = token.transferApproval(from, to);
        (bytes memory f, uint8 detected, bool answered) = _restrictionFacts(from, to, amount);
        uint256 fromBefore = token.balanceOf(from);
        uint256 toBefore = token.balanceOf(to);
        vm.prank(from);
        try token.transfer(to, amount) returns (bool) {
            _checkRestriction(f, detected, answered, true, "");
            _succeeded();
            if (!predicted) _surprise("transfer succeeded where canTransfer said no");
            _checkMoved(from, to, amount, fromBefore, toBefore);
            bool needsPermission = from != owner && to != owner && amount != 0;
            if (
                needsPermission &&
                (permissionBefore < amount || token.transferApproval(from, to) != permissionBefore - amount)
            ) _surprise("transfer did not consume the owner's permission");
        } catch (bytes memory reason) {
            _checkRestriction(f, detected, answered, false, reason);
            if (predicted) _surprise("transfer reverted where canTransfer said yes");
        }
    }

    /// @dev The model's facts about an ordinary move (the owner's permission as the handler recorded it), and what
    /// the token answers for it just before: its ERC-1404 code and `canTransfer`.
    function _restrictionFacts(
        address from,
        address to,
        uint256 amount
    ) private view returns (bytes memory f, uint8 detected, bool answered) {
        f = TransferRules.snapshot(token, owner, from, to, amount, permissionModel[from][to], false);
        detected = token.detectTransferRestriction(from, to, amount);
        answered = token.canTransfer(from, to, amount);
    }

    /// @dev SECURITY.md invariant 15: the ERC-1404 code is the model's first broken rule (0..9), 0 exactly when the
    /// move went through, and a refusal's revert data is that rule's exact error; the model's permission is used up.
    function _checkRestriction(bytes memory f, uint8 detected, bool answered, bool ok, bytes memory reason) private {
        // The facts start with the move itself (MoveFacts is a static struct: its fields are encoded in place).
        (address from, address to, uint256 amount) = abi.decode(f, (address, address, uint256));
        ++restrictionChecks;
        (uint8 code, string memory problem) = TransferRules.judge(f, true, detected, answered, ok, reason);
        ++restrictionCodes[code];
        if (bytes(problem).length != 0) {
            ++restrictionMismatches;
            restrictionMismatchReport = string.concat(_action, ": ", problem);
        }
        if (ok && from != owner && to != owner) {
            uint256 left = permissionModel[from][to];
            permissionModel[from][to] = left > amount ? left - amount : 0;
        }
    }

    function _signedFacts(address from, address to, uint256 amount) private view returns (bytes memory) {
        return TransferRules.snapshot(token, owner, from, to, amount, 0, true);
    }

    function _noteOutcome(bytes memory f, bool ok, bytes memory reason) private {
        (, string memory problem) = TransferRules.judge(f, false, 0, false, ok, reason);
        _noteProblem(problem);
    }

    function _noteProblem(string memory problem) private {
        if (bytes(problem).length != 0) _surprise(problem);
    }

    function _forceAndCompare(address from, address to, uint256 amount, bool withinCap) private {
        (bool went, string memory problem) = ArbiterMoves.force(token, from, to, amount, withinCap);
        if (went) _succeeded();
        _noteProblem(problem);
    }

    function _approveTransfer(address from, address to, uint256 amount) private {
        vm.prank(owner);
        token.approveTransfer(from, to, amount);
        permissionModel[from][to] = amount;
    }

    function _checkMoved(address from, address to, uint256 amount, uint256 fromBefore, uint256 toBefore) private {
        if (token.balanceOf(from) != fromBefore - amount || token.balanceOf(to) != toBefore + amount) {
            _surprise("balances moved by the wrong amount");
        }
    }

    function _beginAction(string memory name) private {
        _action = name;
        _skipped = false;
        _deposited = false;
        _claimed = false;
    }

    function _endAction() private {
        if (!_skipped) ++calls[_action];
        _checkClaimables();
    }

    function _checkClaimables() private {
        for (uint256 i; i < _holders.length; ++i) {
            address holder = _holders[i];
            for (uint256 j; j < _assets.length; ++j) {
                address asset = _assets[j];
                uint256 last = lastClaimable[holder][asset];
                uint256 current = distributor.claimable(holder, asset);
                bool ownClaim = _claimed && holder == _claimHolder && asset == _claimAsset;
                if (current < last && !ownClaim && !claimableDecreased) {
                    claimableDecreased = true;
                    claimableDecreasedReport = ClaimableReport.format(_action, holder, asset, last, current);
                }
                if (current != last && !ownClaim && !_deposited && !entitlementMoved) {
                    entitlementMoved = true;
                    entitlementMovedReport = ClaimableReport.format(_action, holder, asset, last, current);
                }
                lastClaimable[holder][asset] = current;
            }
        }
    }

    function _expectError(bytes memory reason, bytes memory expected) private {
        if (keccak256(reason) != keccak256(expected)) _surprise("reverted with an unexpected error");
    }

    function _surprise(string memory what) private {
        ++surprises;
        lastSurprise = string.concat(_action, ": ", what);
    }

    function _succeeded() private {
        ++successes[_action];
    }

    function _skip() private {
        _skipped = true;
    }

    function _holder(uint256 seed) private view returns (address) {
        return _holders[seed % _holders.length];
    }

    function _holderOtherThan(uint256 seed, address other) private view returns (address holder) {
        uint256 i = seed % _holders.length;
        holder = _holders[i];
        if (holder == other) holder = _holders[(i + 1) % _holders.length];
    }

    function _actor(uint256 seed) private view returns (address) {
        return _holders[1 + (seed % ACTOR_COUNT)];
    }

    function _asset(uint256 seed) private view returns (address) {
        return _assets[seed % 2];
    }

    function _assetBalance(address asset, address account) private view returns (uint256) {
        return asset == ETH ? account.balance : IERC20(asset).balanceOf(account);
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
