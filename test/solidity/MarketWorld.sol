// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {Vm} from "forge-std/Vm.sol";
import {IERC7943Fungible} from "../../contracts/interfaces/IERC7943.sol";
import {IShareMarket} from "../../contracts/interfaces/IShareMarket.sol";
import {InvestorRegistry} from "../../contracts/InvestorRegistry.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";
import {TransferRules, MoveFacts, RulesContext} from "./TransferRulesModel.sol";

// The state the market invariant handler drives, and the helpers its action libraries share. The handler's actions
// live in external libraries (MarketActions.sol) that work on this state by DELEGATECALL, so each stays below the
// contract size limit; cheatcodes work from them as from the handler itself.

Vm constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
uint256 constant INVESTOR_COUNT = 5;
uint256 constant BPS = 10_000;
address constant ETH = address(0);
uint256 constant MAX_SHARES = 1e36; // PersonalToken.MAX_SUPPLY
uint256 constant GRACE = 7 days; // ShareMarket.SETTLEMENT_GRACE_PERIOD

/// @dev An on-chain transfer permission as the model records it: the amount and the owner epoch it was given in.
struct EpochPermission {
    uint256 amount;
    uint64 epoch;
}

/// @dev What the handler did to the owner before one of her moves, to undo it after.
struct Hurdle {
    bool froze;
    bool banned;
    bool paused;
    address owner;
}

/// @dev What the handler saw of one offering.
struct Ghost {
    uint256 paid; // Σ paid by buyers
    uint256 toOwner; // Σ received by the owner (paid straight to her or credited to her withdrawable)
    uint256 refunded; // Σ credited back to buyers
    uint256 raised; // what the market should count towards the minimum raise
    uint256 pendingShares; // shares of all-or-nothing purchases not yet settled or refunded
    bool cancelled;
}

/// @dev A move between two non-owners the handler itself made permissible (an approved fill, a forced transfer).
struct Flow {
    uint256 t;
    address from;
    address to;
    uint256 amount;
}

/// @dev Everything the handler knows: the system, two tokens (index t: 0 priced in USD, 1 in ETH), their owners
/// and the investors, the ghost record of every offering, and the outcome counters.
struct World {
    IShareMarket market;
    InvestorRegistry registry;
    MockERC20 usd;
    PersonalToken[2] tokens;
    address[2] owners;
    uint256[2] ownerKeys;
    address[2] quotes;
    address[] investors;
    mapping(uint256 offeringId => Ghost) ghosts;
    mapping(uint256 offeringId => IShareMarket.OfferingTerms) terms;
    mapping(uint256 offeringId => mapping(address => bool)) allowlisted;
    mapping(uint256 offeringId => bool) hasAllowlist;
    mapping(uint256 t => uint256[]) offeringIds;
    uint256[] listingIds;
    mapping(uint256 t => mapping(address holder => bool)) kickRecorded;
    // the model of who owns each token: every wallet so far (the current one last), their keys, the owner epoch
    mapping(uint256 t => address[]) ownerWallets;
    mapping(address wallet => uint256) keyOf;
    uint256 walletCount;
    uint64[2] epochs;
    // on-chain permissions and listing approvals as the model records them (epoch + 1 for a listing; 0: none)
    mapping(uint256 t => mapping(address from => mapping(address to => EpochPermission))) permissions;
    mapping(uint256 t => address[2][]) permitted;
    mapping(uint256 listingId => uint256) listingEpoch;
    // kicks the registry should have counted per investor, and which holders have a grant (the model's)
    mapping(address investor => uint256) kickCounts;
    mapping(uint256 t => mapping(address holder => bool)) hasGrant;
    // attempts to use a permission voided by an ownership move, and those that moved shares (must be none)
    uint256 staleAttempts;
    uint256 staleMoves;
    string staleMoveReport;
    // outcomes
    uint256 surprises;
    string lastSurprise;
    uint256 unpermittedMoves;
    string unpermittedMoveReport;
    uint256 lockedMoves;
    string lockedMoveReport;
    mapping(string action => uint256) calls;
    mapping(string action => uint256) successes;
    // per action
    string action;
    bool skipped;
    uint256 nonce;
    Flow[] flows;
    IShareMarket.Position pendingBefore;
}

using MarketBase for World global;

/// @dev `x` mapped into [min, max] (min ≤ max).
function boundTo(uint256 x, uint256 min, uint256 max) pure returns (uint256) {
    if (max - min == type(uint256).max) return x;
    return min + (x % (max - min + 1));
}

/// @dev Largest amount the owner may still move out of her wallet within the cap (no reservation counted).
function ownerHeadroom(PersonalToken token) view returns (uint256) {
    uint256 maxOutside = (token.totalSupply() * token.capBps()) / BPS;
    uint256 outside = token.outsideShares();
    return maxOutside > outside ? maxOutside - outside : 0;
}

/// @dev Largest `a` with outside + a ≤ ⌊(supply + a) × cap / BPS⌋ (no reservation counted).
function issueHeadroom(PersonalToken token) view returns (uint256) {
    uint256 cap = token.capBps();
    uint256 supply = token.totalSupply();
    uint256 outside = token.outsideShares();
    if (cap == BPS) return type(uint128).max;
    if (supply * cap < outside * BPS) return 0;
    return (supply * cap - outside * BPS) / (BPS - cap);
}

/// @dev The specification's vesting: all unvested before start + cliff, then linearly less until the end.
function unvestedOf(uint256 amount, uint256 start, uint256 cliff, uint256 duration) view returns (uint256) {
    if (amount == 0 || block.timestamp < start + cliff) return amount;
    uint256 elapsed = block.timestamp - start;
    return elapsed >= duration ? 0 : amount - (amount * elapsed) / duration;
}

/// @dev ceil(shares × price / 10^18), written out rather than through the contracts' Math library.
function dueFor(uint256 shares, uint256 price) pure returns (uint256) {
    return (shares * price + 1e18 - 1) / 1e18;
}

/// @dev A price per whole share: one time in three a few base units (so rounding matters), else a realistic one.
function randomPrice(uint256 t, uint256 seed) pure returns (uint256) {
    if (seed % 3 == 0) return boundTo(seed >> 2, 1, 1000);
    return t == 0 ? boundTo(seed >> 2, 1e4, 100e6) : boundTo(seed >> 2, 1e9, 1 ether);
}

function minOf(uint256 a, uint256 b) pure returns (uint256) {
    return a < b ? a : b;
}

function maxOf(uint256 a, uint256 b) pure returns (uint256) {
    return a > b ? a : b;
}

/// @notice Signs the owner's EIP-712 `ListingApproval` for a listing's own terms, with the domain built from the
/// specification (name = the token's name, version "1", this chain, the clone's address).
library ListingApprovalSigner {
    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 private constant LISTING_APPROVAL_TYPEHASH = keccak256(
        "ListingApproval(address seller,uint256 amount,uint256 price,address buyer,uint256 expiry,uint256 nonce,uint256 deadline)"
    );

    function sign(
        uint256 signerKey,
        PersonalToken token,
        IShareMarket.Listing memory l,
        uint256 nonce,
        uint256 deadline
    ) external view returns (bytes memory) {
        bytes32 domainSeparator = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(token.name())), keccak256("1"), block.chainid, address(token))
        );
        bytes32 structHash = keccak256(
            abi.encode(LISTING_APPROVAL_TYPEHASH, l.seller, l.amount, l.price, l.buyer, l.expiry, nonce, deadline)
        );
        (uint8 v, bytes32 r, bytes32 s) = VM.sign(
            signerKey,
            MessageHashUtils.toTypedDataHash(domainSeparator, structHash)
        );
        return abi.encodePacked(r, s, v);
    }
}

/// @notice Builds the handler's violation reports (an external library, to keep the handler below the size limit).
library MarketReport {
    function mismatch(bytes memory reason, bytes memory expected) external pure returns (string memory) {
        return string.concat("reverted with ", VM.toString(reason), " instead of ", VM.toString(expected));
    }

    function format(
        string memory action,
        string memory what,
        uint256 t,
        address holder,
        uint256 a,
        uint256 b
    ) external pure returns (string memory) {
        return
            string.concat(
                action,
                ": ",
                what,
                " (token ",
                VM.toString(t),
                ", holder ",
                VM.toString(holder),
                ", ",
                VM.toString(a),
                ", ",
                VM.toString(b),
                ")"
            );
    }
}

/// @notice Bookkeeping and predictions shared by the action libraries (internal: copied into each).
library MarketBase {
    /// @dev After a purchase or settlement: the buyer got the shares, taken from the owner (sell-down) or minted.
    function checkDelivered(
        World storage w,
        uint256 t,
        address buyer,
        uint256 shares,
        bool dilutive,
        uint256[3] memory before // the buyer's balance, the owner's, the supply
    ) internal {
        PersonalToken tok = w.tokens[t];
        bool wrong =
            tok.balanceOf(buyer) != before[0] + shares ||
                tok.balanceOf(w.owners[t]) != (dilutive ? before[1] : before[1] - shares) ||
                tok.totalSupply() != (dilutive ? before[2] + shares : before[2]);
        if (wrong) w.surprise("delivery moved or minted the wrong shares");
    }

    /// @dev Trades of at least 0.01% of the supply after them set lastPrice; smaller ones leave it.
    function checkLastPrice(World storage w, uint256 t, uint256 shares, uint256 price, uint256 before) internal {
        uint256 expected = shares * BPS >= w.tokens[t].totalSupply() ? price : before;
        if (w.tokens[t].lastPrice() != expected) w.surprise("lastPrice not updated as the dust rule says");
    }

    /// @dev Whether the cap (and a sell-down's reservation in the owner's wallet) allows `minted` new outside shares
    /// and `fromOwner` shares leaving the owner, with `released` reserved shares released by the same move.
    function capOk(
        World storage w,
        uint256 t,
        uint256 minted,
        uint256 fromOwner,
        uint256 released
    ) internal view returns (bool) {
        PersonalToken tok = w.tokens[t];
        (uint256 reserved, bool dilutive) = tok.reservedShares();
        reserved = reserved > released ? reserved - released : 0;
        uint256 supply = tok.totalSupply() + minted;
        // A mint also keeps the supply bound, counting what a dilutive offering still has to mint.
        if (minted != 0 && supply + (dilutive ? reserved : 0) > MAX_SHARES) return false;
        uint256 ownerBalance = tok.balanceOf(w.owners[t]);
        if (fromOwner > ownerBalance) return false;
        ownerBalance -= fromOwner;
        if (!dilutive && ownerBalance < reserved) return false;
        return supply - ownerBalance + reserved <= ((dilutive ? supply + reserved : supply) * tok.capBps()) / BPS;
    }

    /// @dev Largest amount the owner may move out of her wallet: the cap with reservations counted, and a
    /// sell-down's reserved shares kept.
    function ownerRoom(World storage w, uint256 t) internal view returns (uint256 room) {
        PersonalToken tok = w.tokens[t];
        (uint256 reserved, bool dilutive) = tok.reservedShares();
        uint256 supply = tok.totalSupply();
        uint256 ownerBalance = tok.balanceOf(w.owners[t]);
        uint256 maxOutside = ((dilutive ? supply + reserved : supply) * tok.capBps()) / BPS;
        uint256 used = supply - ownerBalance + reserved;
        room = maxOutside > used ? maxOutside - used : 0;
        if (!dilutive) room = minOf(room, ownerBalance > reserved ? ownerBalance - reserved : 0);
    }

    /// @dev Whether the owner may deliver `shares` of a sell-down: sender rules, then the cap with the delivered
    /// shares' reservation (if any) released.
    /// @dev Whether the owner may send `shares` that a sell-down sold: what stays reserved for the offering's other
    /// sales is locked in her wallet beside her frozen shares.
    function ownerCanSend(World storage w, uint256 t, uint256 shares) internal view returns (bool) {
        (uint256 reserved, bool dilutive) = w.tokens[t].reservedShares();
        uint256 stillReserved = dilutive ? 0 : reserved - minOf(reserved, shares);
        return shares + stillReserved <= w.movable(t, w.owners[t]) && w.capOk(t, 0, shares, minOf(reserved, shares));
    }

    /// @dev The reservation the specification gives token t's latest offering, from the handler's own record: all
    /// offered shares of an all-or-nothing offering until its end, then, if its minimum was raised, the purchases
    /// not yet settled; nothing for a cancelled or failed one.
    function modelReservation(World storage w, uint256 t) internal view returns (uint256, bool) {
        uint256[] storage ids = w.offeringIds[t];
        if (ids.length == 0) return (0, false);
        uint256 id = ids[ids.length - 1];
        IShareMarket.OfferingTerms storage o = w.terms[id];
        Ghost storage g = w.ghosts[id];
        if (o.minRaise == 0 || g.cancelled) return (0, false);
        if (block.timestamp <= o.end) return (o.shares, o.dilutive);
        if (g.raised < o.minRaise) return (0, false);
        return (g.pendingShares, o.dilutive);
    }

    /// @dev The transfer rules' facts about a move, with the model's owner, reservation and permission (a
    /// permission counts only in the owner epoch it was given in).
    function facts(
        World storage w,
        uint256 t,
        address from,
        address to,
        uint256 amount,
        bool permitted_
    ) internal view returns (MoveFacts memory) {
        (uint256 reserved, bool dilutive) = w.modelReservation(t);
        EpochPermission storage p = w.permissions[t][from][to];
        uint256 permission = p.epoch == w.epochs[t] ? p.amount : 0;
        return
            TransferRules.facts(
                RulesContext(w.tokens[t], w.owners[t], reserved, dilutive),
                from,
                to,
                amount,
                permission,
                permitted_
            );
    }

    /// @dev The owner approves a move between investors on-chain; the model records it in the current epoch.
    function approveTransfer(World storage w, uint256 t, address from, address to, uint256 amount) internal {
        VM.prank(w.owners[t]);
        w.tokens[t].approveTransfer(from, to, amount);
        if (w.permissions[t][from][to].amount == 0 && amount != 0) w.permitted[t].push([from, to]);
        w.permissions[t][from][to] = EpochPermission(amount, w.epochs[t]);
    }

    /// @dev A listing was approved (on-chain or by a signature used in a fill) in the current owner epoch.
    function noteListingApproved(World storage w, uint256 t, uint256 listingId) internal {
        w.listingEpoch[listingId] = uint256(w.epochs[t]) + 1;
    }

    function staleMove(World storage w, uint256 t, address from, uint256 amount, string memory what) internal {
        ++w.staleMoves;
        w.staleMoveReport = MarketReport.format(w.action, what, t, from, amount, w.epochs[t]);
    }

    /// @dev The call went through exactly when `expected` is empty, else reverted with exactly `expected`.
    function compare(
        World storage w,
        bool ok,
        bytes memory reason,
        bytes memory expected,
        string memory what
    ) internal returns (bool) {
        if (ok) {
            w.succeeded();
            if (expected.length != 0) w.surprise(string.concat(what, " went through against the rules"));
        } else if (expected.length == 0) {
            w.surprise(string.concat(what, " refused: ", MarketReport.mismatch(reason, "")));
        } else {
            w.expectError(reason, expected);
        }
        return ok && expected.length == 0;
    }

    /// @dev Before an owner's move, one time in eight each: the arbiter freezes part of her shares, the registrar
    /// bans her, or (if `pause`) the arbiter pauses the token. `lift` undoes it, whoever owns the token then.
    function raiseHurdle(World storage w, uint256 t, uint256 seed, bool pause) internal returns (Hurdle memory h) {
        PersonalToken tok = w.tokens[t];
        h.owner = w.owners[t];
        uint256 mode = seed % 8;
        uint256 balance = tok.balanceOf(h.owner);
        if (mode == 0 && balance != 0) {
            tok.setFrozenTokens(h.owner, boundTo(seed >> 8, 1, balance));
            h.froze = true;
        } else if (mode == 1 && !w.registry.isBanned(h.owner)) {
            w.registry.ban(h.owner, keccak256("fraud"));
            h.banned = true;
        } else if (mode == 2 && pause && !tok.paused()) {
            tok.pause();
            h.paused = true;
        }
    }

    function liftHurdle(World storage w, uint256 t, Hurdle memory h) internal {
        PersonalToken tok = w.tokens[t];
        if (h.froze) {
            tok.setFrozenTokens(h.owner, 0);
            // An ownership move carried the freeze to the new wallet.
            if (w.owners[t] != h.owner) tok.setFrozenTokens(w.owners[t], 0);
        }
        if (h.banned) w.registry.unban(h.owner);
        if (h.paused) tok.unpause();
    }

    function allowMove(World storage w, uint256 t, address from, address to, uint256 amount) internal {
        w.flows.push(Flow(t, from, to, amount));
    }

    function lockedMove(World storage w, uint256 t, address holder, uint256 amount, uint256 allowed) internal {
        ++w.lockedMoves;
        w.lockedMoveReport = MarketReport.format(
            w.action,
            "moved more than balance - frozen - locked",
            t,
            holder,
            amount,
            allowed
        );
    }

    function expectError(World storage w, bytes memory reason, bytes memory expected) internal {
        if (keccak256(reason) != keccak256(expected)) w.surprise(MarketReport.mismatch(reason, expected));
    }

    function unfrozenError(
        World storage w,
        uint256 t,
        address holder,
        uint256 amount
    ) internal view returns (bytes memory) {
        return
            abi.encodeWithSelector(
                IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector,
                holder,
                amount,
                w.movable(t, holder)
            );
    }

    function surprise(World storage w, string memory what) internal {
        ++w.surprises;
        w.lastSurprise = string.concat(w.action, ": ", what);
    }

    function succeeded(World storage w) internal {
        ++w.successes[w.action];
    }

    function skip(World storage w) internal {
        w.skipped = true;
    }

    // ───────────────────────────── helpers ─────────────────────────────

    /// @dev `balance − frozen − locked`, floored at zero (the specification's movable amount).
    function movable(World storage w, uint256 t, address holder) internal view returns (uint256) {
        PersonalToken tok = w.tokens[t];
        uint256 balance = tok.balanceOf(holder);
        uint256 held = tok.getFrozenTokens(holder) + w.locked(t, holder);
        return balance > held ? balance - held : 0;
    }

    /// @dev The unvested part of the holder's grant, at most its balance (computed here, not read from lockedOf).
    function locked(World storage w, uint256 t, address holder) internal view returns (uint256) {
        (uint256 amount, uint64 start, uint64 cliff, uint64 duration) = w.tokens[t].grantOf(holder);
        return minOf(unvestedOf(amount, start, cliff, duration), w.tokens[t].balanceOf(holder));
    }

    /// @dev Gives `payer` exactly `amount` more of the quote asset, approved to the market for ERC-20.
    function fund(World storage w, uint256 t, address payer, uint256 amount) internal {
        if (w.quotes[t] == ETH) {
            VM.deal(payer, payer.balance + amount);
        } else {
            w.usd.mint(payer, amount);
            VM.prank(payer);
            w.usd.approve(address(w.market), amount);
        }
    }

    function value(World storage w, uint256 t, uint256 due) internal view returns (uint256) {
        return w.quotes[t] == ETH ? due : 0;
    }

    function quoteBalance(World storage w, uint256 t, address account) internal view returns (uint256) {
        return w.quotes[t] == ETH ? account.balance : IERC20(w.quotes[t]).balanceOf(account);
    }

    /// @dev What `account` has in the quote asset, in its wallet and in its market escrow.
    function money(World storage w, uint256 t, address account) internal view returns (uint256) {
        return w.quoteBalance(t, account) + w.market.withdrawable(account, w.quotes[t]);
    }

    function investor(World storage w, uint256 seed) internal view returns (address) {
        return w.investors[seed % INVESTOR_COUNT];
    }

    function investorOtherThan(World storage w, uint256 seed, address other) internal view returns (address chosen) {
        chosen = w.investors[seed % INVESTOR_COUNT];
        if (chosen == other) chosen = w.investors[((seed % INVESTOR_COUNT) + 1) % INVESTOR_COUNT];
    }

    /// @dev The first investor from `seed` on, other than `other`, who may receive token `t` (if any does).
    function receiverOtherThan(
        World storage w,
        uint256 t,
        uint256 seed,
        address other
    ) internal view returns (address) {
        for (uint256 i; i < INVESTOR_COUNT; ++i) {
            address candidate = w.investors[((seed % INVESTOR_COUNT) + i) % INVESTOR_COUNT];
            if (candidate != other && w.tokens[t].canReceive(candidate)) return candidate;
        }
        return w.investorOtherThan(seed, other);
    }

    /// @dev The first investor from `seed` on who holds shares of token `t`, or address(0).
    function investorWithShares(World storage w, uint256 t, uint256 seed) internal view returns (address) {
        for (uint256 i; i < INVESTOR_COUNT; ++i) {
            address candidate = w.investors[((seed % INVESTOR_COUNT) + i) % INVESTOR_COUNT];
            if (w.tokens[t].balanceOf(candidate) != 0) return candidate;
        }
        return address(0);
    }
}
