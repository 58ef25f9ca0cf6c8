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

// The state the market invariant handler drives, and the helpers its action libraries share. The handler's actions
// live in external libraries (MarketActions.sol) that work on this state by DELEGATECALL, so each stays below the
// contract size limit; cheatcodes work from them as from the handler itself.

Vm constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
uint256 constant INVESTOR_COUNT = 5;
uint256 constant BPS = 10_000;
address constant ETH = address(0);

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
    return min + x % (max - min + 1);
}

/// @dev Largest amount the owner may still move out of her wallet within the cap (no reservation counted).
function ownerHeadroom(PersonalToken token) view returns (uint256) {
    uint256 maxOutside = token.totalSupply() * token.capBps() / BPS;
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
function unvestedOf(uint256 amount, uint256 start, uint256 cliff, uint256 duration)
    view
    returns (uint256)
{
    if (amount == 0 || block.timestamp < start + cliff) return amount;
    uint256 elapsed = block.timestamp - start;
    return elapsed >= duration ? 0 : amount - amount * elapsed / duration;
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
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant LISTING_APPROVAL_TYPEHASH = keccak256(
        "ListingApproval(address seller,uint256 amount,uint256 price,address buyer,uint256 expiry,uint256 nonce,uint256 deadline)"
    );

    function sign(
        uint256 signerKey,
        PersonalToken token,
        IShareMarket.Listing memory l,
        uint256 nonce,
        uint256 deadline
    )
        external
        view
        returns (bytes memory)
    {
        bytes32 domainSeparator = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(token.name())), keccak256("1"), block.chainid, address(token))
        );
        bytes32 structHash = keccak256(
            abi.encode(LISTING_APPROVAL_TYPEHASH, l.seller, l.amount, l.price, l.buyer, l.expiry, nonce, deadline)
        );
        (uint8 v, bytes32 r, bytes32 s) =
            VM.sign(signerKey, MessageHashUtils.toTypedDataHash(domainSeparator, structHash));
        return abi.encodePacked(r, s, v);
    }
}

/// @notice Builds the handler's violation reports (an external library, to keep the handler below the size limit).
library MarketReport {
    function mismatch(bytes memory reason, bytes memory expected) external pure returns (string memory) {
        return string.concat("reverted with ", VM.toString(reason), " instead of ", VM.toString(expected));
    }

    function format(string memory action, string memory what, uint256 t, address holder, uint256 a, uint256 b)
        external
        pure
        returns (string memory)
    {
        return string.concat(
            action, ": ", what, " (token ", VM.toString(t), ", holder ", VM.toString(holder), ", ", VM.toString(a),
            ", ", VM.toString(b), ")"
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
        bool wrong = tok.balanceOf(buyer) != before[0] + shares
            || tok.balanceOf(w.owners[t]) != (dilutive ? before[1] : before[1] - shares)
            || tok.totalSupply() != (dilutive ? before[2] + shares : before[2]);
        if (wrong) w.surprise("delivery moved or minted the wrong shares");
    }

    /// @dev Trades of at least 0.01% of the supply after them set lastPrice; smaller ones leave it.
    function checkLastPrice(World storage w, uint256 t, uint256 shares, uint256 price, uint256 before) internal {
        uint256 expected = shares * BPS >= w.tokens[t].totalSupply() ? price : before;
        if (w.tokens[t].lastPrice() != expected) w.surprise("lastPrice not updated as the dust rule says");
    }

    /// @dev Whether the cap (and a sell-down's reservation in the owner's wallet) allows `minted` new outside shares
    /// and `fromOwner` shares leaving the owner, with `released` reserved shares released by the same move.
    function capOk(World storage w, uint256 t, uint256 minted, uint256 fromOwner, uint256 released)
        internal
        view
        returns (bool)
    {
        PersonalToken tok = w.tokens[t];
        (uint256 reserved, bool dilutive) = tok.reservedShares();
        reserved = reserved > released ? reserved - released : 0;
        uint256 supply = tok.totalSupply() + minted;
        uint256 ownerBalance = tok.balanceOf(w.owners[t]);
        if (fromOwner > ownerBalance) return false;
        ownerBalance -= fromOwner;
        if (!dilutive && ownerBalance < reserved) return false;
        return supply - ownerBalance + reserved <= (dilutive ? supply + reserved : supply) * tok.capBps() / BPS;
    }

    /// @dev Largest amount the owner may move out of her wallet: the cap with reservations counted, and a
    /// sell-down's reserved shares kept.
    function ownerRoom(World storage w, uint256 t) internal view returns (uint256 room) {
        PersonalToken tok = w.tokens[t];
        (uint256 reserved, bool dilutive) = tok.reservedShares();
        uint256 supply = tok.totalSupply();
        uint256 ownerBalance = tok.balanceOf(w.owners[t]);
        uint256 maxOutside = (dilutive ? supply + reserved : supply) * tok.capBps() / BPS;
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

    function allowMove(World storage w, uint256 t, address from, address to, uint256 amount) internal {
        w.flows.push(Flow(t, from, to, amount));
    }

    function lockedMove(World storage w, uint256 t, address holder, uint256 amount, uint256 allowed) internal {
        ++w.lockedMoves;
        w.lockedMoveReport =
            MarketReport.format(w.action, "moved more than balance - frozen - locked", t, holder, amount, allowed);
    }

    function expectError(World storage w, bytes memory reason, bytes memory expected) internal {
        if (keccak256(reason) != keccak256(expected)) w.surprise(MarketReport.mismatch(reason, expected));
    }

    function unfrozenError(World storage w, uint256 t, address holder, uint256 amount)
        internal
        view
        returns (bytes memory)
    {
        return abi.encodeWithSelector(
            IERC7943Fungible.ERC7943InsufficientUnfrozenBalance.selector, holder, amount, w.movable(t, holder)
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
        if (chosen == other) chosen = w.investors[(seed % INVESTOR_COUNT + 1) % INVESTOR_COUNT];
    }

    /// @dev The first investor from `seed` on, other than `other`, who may receive token `t` (if any does).
    function receiverOtherThan(World storage w, uint256 t, uint256 seed, address other)
        internal
        view
        returns (address)
    {
        for (uint256 i; i < INVESTOR_COUNT; ++i) {
            address candidate = w.investors[(seed % INVESTOR_COUNT + i) % INVESTOR_COUNT];
            if (candidate != other && w.tokens[t].canReceive(candidate)) return candidate;
        }
        return w.investorOtherThan(seed, other);
    }

    /// @dev The first investor from `seed` on who holds shares of token `t`, or address(0).
    function investorWithShares(World storage w, uint256 t, uint256 seed) internal view returns (address) {
        for (uint256 i; i < INVESTOR_COUNT; ++i) {
            address candidate = w.investors[(seed % INVESTOR_COUNT + i) % INVESTOR_COUNT];
            if (w.tokens[t].balanceOf(candidate) != 0) return candidate;
        }
        return address(0);
    }
}
