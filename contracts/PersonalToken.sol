// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Ownable2StepUpgradeable} from "@openzeppelin/contracts-upgradeable/access/Ownable2StepUpgradeable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IERC7943Fungible} from "./interfaces/IERC7943.sol";
import {IPersonalToken} from "./interfaces/IPersonalToken.sol";
import {IInvestorRegistry} from "./interfaces/IInvestorRegistry.sol";
import {IGainsDistributor} from "./interfaces/IGainsDistributor.sol";
import {IPersonalTokenFactory} from "./interfaces/IPersonalTokenFactory.sol";
import {IShareMarket} from "./interfaces/IShareMarket.sol";
import {BPS, MAX_SHARE_SUPPLY} from "./Limits.sol";
import {ShareMath} from "./libraries/ShareMath.sol";

/// @title PersonalToken
/// @notice One person's shares: an ERC-20 that only the owner and verified investors may hold, with at most
/// `capBps` of the supply outside the owner's wallet, moves between investors only with the owner's permission,
/// and a neutral arbiter (from the registry) who can reverse, freeze, pause and recover.
/// @dev Deployed once as an implementation; every person gets an ERC-1167 clone whose immutable argument is the
/// factory address. No initializer storage is spent: the factory initializes in the creating transaction, and the
/// implementation refuses use through `_requireClone`.
///
/// Every balance change goes through `_update`, which enforces, whatever the path:
/// - receiver rule: `to` is the owner, or verified in the registry and not kicked; never the token itself;
/// - cap: `outsideShares() + reserved ≤ capBps × (totalSupply + reserved if dilutive) / 10,000` after any change that
///   can raise outside shares (mints and moves out of the owner's wallet; a move between two others or into the
///   owner's wallet cannot), where `reserved` are the shares an unfinished all-or-nothing offering holds back; a
///   sell-down's reserved shares also stay in the owner's wallet;
/// - supply bound: `totalSupply ≤ MAX_SUPPLY` (10^36 units, 10^18 whole shares), so `capBps × totalSupply` stays
///   in range and the distributor's rounding stays below one unit per holder (its scale is 10^36);
/// - the distributor hears of the change, so entitlements earned before it stay put.
/// Ordinary moves (`transfer`, `transferFrom`, `transferWithApproval`) add the sender rules (not paused, sender not
/// banned, at most `balance − frozen − locked`) and the owner's permission; market trades add the same sender rules
/// and count the listing's approval as the permission.
contract PersonalToken is
    ERC20Upgradeable,
    EIP712Upgradeable,
    PausableUpgradeable,
    Ownable2StepUpgradeable,
    IERC7943Fungible,
    IPersonalToken
{
    using BitMaps for BitMaps.BitMap;

    /// @notice Upper bound of the total supply (10^18 whole shares). Not above the distributor's 10^36 scale, so a
    /// holder's pro-rata entitlement is never more than one unit short.
    uint256 public constant MAX_SUPPLY = MAX_SHARE_SUPPLY;
    /// @notice EIP-712 type of the owner's signed permission for one move between investors.
    bytes32 public constant TRANSFER_APPROVAL_TYPEHASH =
        keccak256("TransferApproval(address from,address to,uint256 amount,uint256 nonce,uint256 deadline)");
    /// @notice EIP-712 type of the owner's signed approval of a listing.
    bytes32 public constant LISTING_APPROVAL_TYPEHASH = keccak256(
        "ListingApproval(address seller,uint256 amount,uint256 price,address buyer,uint256 expiry,uint256 nonce,uint256 deadline)"
    );

    // ERC-1404 restriction codes, in the order `transfer` checks its rules; each is one custom error (see
    // `detectTransferRestriction`).
    uint8 private constant NO_RESTRICTION = 0;
    uint8 private constant PAUSED = 1;
    uint8 private constant SENDER_BANNED = 2;
    uint8 private constant INSUFFICIENT_BALANCE = 3;
    uint8 private constant FROZEN_OR_LOCKED = 4;
    uint8 private constant ZERO_RECEIVER = 5;
    uint8 private constant RECEIVER_NOT_ALLOWED = 6;
    uint8 private constant RECEIVER_KICKED = 7;
    uint8 private constant CAP_EXCEEDED = 8;
    uint8 private constant NO_PERMISSION = 9;

    /// @inheritdoc IPersonalToken
    IInvestorRegistry public immutable registry;
    /// @inheritdoc IPersonalToken
    address public immutable distributorImplementation;
    /// @inheritdoc IPersonalToken
    IShareMarket public immutable market;
    address private immutable _implementation;

    /// @dev What every move reads about its sender, in one slot.
    struct Holder {
        uint128 frozen;
        bool hasGrant;
    }

    struct Grant {
        uint128 amount;
        uint64 start;
        uint32 cliff;
        uint32 duration;
    }

    /// @dev What a move reads about its receiver (`kicked`) and what a kick reads and writes, in one slot, so a kick
    /// of a holder who bought rewrites a non-zero slot. Both totals are cumulative over every purchase and fill, so
    /// they saturate (paid at 2^112 − 1, bought at 2^120 − 1) rather than ever block a settlement.
    struct Record {
        uint112 paid;
        uint120 bought;
        bool kicked;
        bool proRataRevoked;
        bool kickRecorded;
    }

    /// @dev The all-or-nothing offering the market reserves shares for: what opening it fixes, in one slot ...
    struct Reservation {
        uint120 offered;
        uint64 end;
        bool dilutive;
    }

    /// @dev ... and what its sales change, in another, so a sale rewrites one slot.
    struct ReservedSales {
        uint120 pending;
        bool minimumReached;
    }

    /// @dev An owner's on-chain transfer permission, valid only in the owner epoch it was given in.
    struct Permission {
        uint128 amount;
        uint64 epoch;
    }

    string private _name;
    string private _symbol;
    address private _quoteAsset;
    uint16 private _capBps;
    // True while an all-or-nothing offering's reservation is open; packed with the cap, so a cap check reads the
    // reservation's own slots only when one may exist.
    bool private _reservationActive;
    // OpenZeppelin's Pausable keeps its flag in a slot of its own; here it shares the slot every trade and cap check
    // reads anyway (see `paused`, `_pause`, `_unpause`).
    bool private _paused;
    // Ownership moves so far; it fills the packed slot, which every permission check reads anyway.
    uint64 private _ownerEpoch;
    uint256 private _lastPrice;
    mapping(address account => Holder) private _holders;
    mapping(address holder => Grant) private _grants;
    mapping(address holder => Record) private _records;
    mapping(address from => mapping(address to => Permission)) private _transferApprovals;
    Reservation private _reservation;
    ReservedSales private _reservedSales;
    BitMaps.BitMap private _usedNonces;

    /// @notice Deploys the implementation that every personal token clones.
    /// @param registry_ The shared investor registry.
    /// @param distributorImplementation_ The gains distributor implementation the factory clones.
    /// @param market_ The share market shared by every personal token.
    constructor(IInvestorRegistry registry_, address distributorImplementation_, IShareMarket market_) {
        registry = registry_;
        distributorImplementation = distributorImplementation_;
        market = market_;
        _implementation = address(this);
    }

    // ───────────────────────────── set-up ─────────────────────────────

    /// @inheritdoc IPersonalToken
    function initialize(
        address owner_,
        string calldata name_,
        string calldata symbol_,
        uint256 initialSupply,
        uint16 capBps_,
        address quoteAsset_
    ) external {
        _requireClone();
        if (msg.sender != factory() || owner() != address(0)) revert InitializationNotAllowed();
        _name = name_;
        _symbol = symbol_;
        _quoteAsset = quoteAsset_;
        _capBps = capBps_;
        _transferOwnership(owner_);
        _mint(owner_, initialSupply);
    }

    // ───────────────────────────── owner ─────────────────────────────

    /// @inheritdoc IPersonalToken
    function issue(address to, uint256 amount) external onlyOwner whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        // Issuing is the owner giving away value; a banned owner gives nothing away.
        if (!canSend(msg.sender)) revert ERC7943CannotSend(msg.sender);
        _mint(to, amount);
    }

    /// @inheritdoc IPersonalToken
    function lowerCap(uint16 newCapBps) external onlyOwner {
        uint16 current = _capBps;
        if (newCapBps >= current) revert CapNotLowered(current, newCapBps);
        _capBps = newCapBps;
        (uint256 reserved, bool dilutive) = _reserved();
        _checkCap(owner(), reserved, dilutive);
        emit CapLowered(current, newCapBps);
    }

    /// @inheritdoc IPersonalToken
    function approveTransfer(address from, address to, uint256 amount) external onlyOwner {
        address owner_ = owner();
        if (from == owner_ || to == owner_ || from == to || from == address(0) || to == address(0)) {
            revert PermissionNotApplicable(from, to);
        }
        if (amount > MAX_SUPPLY) revert AmountAboveSupplyLimit(amount);
        // Cannot truncate: amount ≤ MAX_SUPPLY < 2^128.
        _transferApprovals[from][to] = Permission(uint128(amount), _ownerEpoch);
        emit TransferApproved(from, to, amount);
    }

    /// @inheritdoc IPersonalToken
    function cancelApproval(uint256 nonce) external onlyOwner {
        _useNonce(nonce);
        emit ApprovalCancelled(nonce);
    }

    /// @inheritdoc IPersonalToken
    function setProRataRight(address holder, bool hasRight) external onlyOwner {
        _records[holder].proRataRevoked = !hasRight;
        emit ProRataRightSet(holder, hasRight);
    }

    /// @inheritdoc IPersonalToken
    function grant(address to, uint256 amount, uint64 start, uint64 cliff, uint64 duration, bytes32 reason)
        external
        onlyOwner
        whenNotPaused
    {
        if (amount == 0 || to == owner() || duration == 0 || cliff > duration || duration > type(uint32).max) {
            revert InvalidGrant();
        }
        Holder storage holder = _holders[to];
        if (holder.hasGrant && _unvested(_grants[to]) != 0) revert GrantInProgress(to);
        address owner_ = owner();
        // A grant moves the owner's shares: her sender rules hold as for any move of hers.
        _checkSender(owner_, amount);
        holder.hasGrant = true;
        _transfer(owner_, to, amount);
        // Cannot truncate: amount ≤ MAX_SUPPLY < 2^128 (the transfer succeeded); cliff ≤ duration < 2^32.
        _grants[to] = Grant(uint128(amount), start, uint32(cliff), uint32(duration));
        emit Granted(to, amount, start, cliff, duration, reason);
    }

    /// @inheritdoc IPersonalToken
    function cancelGrant(address holder) external onlyOwner whenNotPaused {
        uint256 returned = lockedOf(holder);
        if (returned == 0) revert NoUnvestedShares(holder);
        uint256 frozen = _holders[holder].frozen;
        if (frozen != 0) revert HolderFrozen(holder, frozen);
        delete _grants[holder];
        _holders[holder].hasGrant = false;
        _transfer(holder, owner(), returned);
        emit GrantCancelled(holder, returned);
    }

    /// @inheritdoc IPersonalToken
    function kickOut(address holder)
        external
        whenNotPaused
        returns (uint256 sharesBoughtBack, uint256 unvestedReturned, bool countsForReputation)
    {
        _requireMarket();
        address owner_ = owner();
        uint256 balance = balanceOf(holder);
        if (holder == owner_ || balance == 0) revert NothingToKick(holder);
        Holder storage state = _holders[holder];
        if (state.frozen != 0) revert HolderFrozen(holder, state.frozen);
        unvestedReturned = lockedOf(holder);
        sharesBoughtBack = balance - unvestedReturned;
        Record storage record = _records[holder];
        // Reputation counts distinct tokens that kicked an investor who had bought on-chain.
        countsForReputation = record.bought != 0 && !record.kickRecorded;
        record.kicked = true;
        record.proRataRevoked = true;
        if (countsForReputation) record.kickRecorded = true;
        if (state.hasGrant) {
            state.hasGrant = false;
            delete _grants[holder];
        }
        _transfer(holder, owner_, balance);
        emit Kicked(holder, sharesBoughtBack, unvestedReturned);
    }

    /// @inheritdoc IPersonalToken
    function readmit(address holder) external onlyOwner {
        Record storage record = _records[holder];
        if (!record.kicked) revert NotKicked(holder);
        record.kicked = false;
        emit Readmitted(holder);
    }

    /// @notice Starts moving ownership to another verified wallet of the same person; `newOwner` must accept.
    /// `address(0)` cancels a pending move.
    /// @param newOwner A verified wallet that never owned a personal token, or address(0).
    function transferOwnership(address newOwner) public override onlyOwner {
        if (newOwner != address(0)) _requireEligibleOwner(newOwner);
        super.transferOwnership(newOwner);
    }

    /// @notice Completes an ownership move started by `transferOwnership`; the owner's shares move along, so the
    /// previous owner's sender rules apply to all of them (not paused, not banned, none frozen or locked). Every
    /// permission she gave becomes void (`OwnerPermissionsVoided`).
    function acceptOwnership() public override {
        address sender = _msgSender();
        if (pendingOwner() != sender) revert OwnableUnauthorizedAccount(sender);
        _requireEligibleOwner(sender);
        address previous = owner();
        _checkSender(previous, balanceOf(previous));
        _moveOwnership(sender);
    }

    /// @notice Always reverts: a personal token always has its person.
    function renounceOwnership() public view override onlyOwner {
        revert OwnershipCannotBeRenounced();
    }

    // ───────────────────────────── holders ─────────────────────────────

    /// @notice Moves `value` shares to `to` under the token's rules (see `canTransfer`).
    /// @param to The receiver.
    /// @param value The amount.
    /// @return True on success.
    function transfer(address to, uint256 value) public override(ERC20Upgradeable, IERC20) returns (bool) {
        _ordinaryTransfer(_msgSender(), to, value, false);
        return true;
    }

    /// @notice Moves `value` shares from `from` to `to`, spending the caller's ERC-20 allowance; the move also
    /// needs the owner's permission like any move between investors.
    /// @param from The holder.
    /// @param to The receiver.
    /// @param value The amount.
    /// @return True on success.
    function transferFrom(address from, address to, uint256 value)
        public
        override(ERC20Upgradeable, IERC20)
        returns (bool)
    {
        _spendAllowance(from, _msgSender(), value);
        _ordinaryTransfer(from, to, value, false);
        return true;
    }

    /// @inheritdoc IPersonalToken
    function transferWithApproval(address to, uint256 amount, uint256 nonce, uint256 deadline, bytes calldata signature)
        external
        returns (bool)
    {
        if (block.timestamp > deadline) revert ApprovalExpired(deadline);
        address from = _msgSender();
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(TRANSFER_APPROVAL_TYPEHASH, from, to, amount, nonce, deadline))
        );
        if (!SignatureChecker.isValidSignatureNowCalldata(owner(), digest, signature)) {
            revert InvalidApprovalSignature();
        }
        _useNonce(nonce);
        emit ApprovalNonceUsed(nonce);
        _ordinaryTransfer(from, to, amount, true);
        return true;
    }

    // ───────────────────────────── market ─────────────────────────────

    /// @inheritdoc IPersonalToken
    function openReservation(uint256 offered, uint64 end, bool dilutive) external {
        _requireMarket();
        // Cannot truncate: the market opens an offering only within the supply bound, offered ≤ MAX_SUPPLY < 2^120.
        _reservation = Reservation(uint120(offered), end, dilutive);
        _reservedSales = ReservedSales(0, false);
        _reservationActive = true;
        emit ReservationOpened(offered, end, dilutive);
    }

    /// @inheritdoc IPersonalToken
    function updateReservation(uint256 pending, bool minimumReached) external {
        _requireMarket();
        // Cannot truncate: pending ≤ offered < 2^120.
        _reservedSales = ReservedSales(uint120(pending), minimumReached);
        emit ReservationUpdated(pending, minimumReached);
    }

    /// @inheritdoc IPersonalToken
    function closeReservation() external {
        _requireMarket();
        _reservationActive = false;
        emit ReservationClosed();
    }

    /// @inheritdoc IPersonalToken
    function settleTrade(address from, address to, uint256 shares, uint256 pricePerShare, uint256 paid) external {
        _requireMarket();
        if (from == address(0)) {
            _requireNotPaused();
            _mint(to, shares);
        } else {
            // A sale by the owner needs no permission; for a listing fill, the approved listing the market checked is
        // the owner's permission for exactly this move.
            _ordinaryTransfer(from, to, shares, true);
        }
        Record storage record = _records[to];
        // Both saturate rather than revert, so no settlement can ever be blocked: the totals are cumulative (shares
        // can be bought, sold and bought again), and the average price (so the kick floor) is then only understated,
        // which needs more than 2^112 quote units or 2^120 share units bought by one holder.
        record.paid = uint112(Math.min(uint256(record.paid) + paid, type(uint112).max));
        record.bought = uint120(Math.min(uint256(record.bought) + shares, type(uint120).max));
        // Dust trades (below 0.01% of the supply after the trade) cannot set the price.
        if (shares * BPS >= totalSupply()) {
            _lastPrice = pricePerShare;
            emit LastPriceUpdated(pricePerShare);
        }
    }

    /// @inheritdoc IPersonalToken
    function useListingApproval(
        address seller,
        uint256 amount,
        uint256 price,
        address buyer,
        uint256 expiry,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external {
        _requireMarket();
        if (block.timestamp > deadline) revert ApprovalExpired(deadline);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(LISTING_APPROVAL_TYPEHASH, seller, amount, price, buyer, expiry, nonce, deadline))
        );
        if (!SignatureChecker.isValidSignatureNowCalldata(owner(), digest, signature)) {
            revert InvalidApprovalSignature();
        }
        _useNonce(nonce);
        emit ApprovalNonceUsed(nonce);
    }

    // ───────────────────────────── arbiter ─────────────────────────────

    /// @inheritdoc IERC7943Fungible
    /// @dev Keeps the receiver rule and the cap; ignores pause, bans, locks and permissions. Frozen shares it takes
    /// are unfrozen first (ERC-7943). Locked shares it takes shrink the grant so that min(unvested, remaining) stays
    /// locked. Moving a whole wallet to an address with no shares and no grant (a lost-wallet recovery) carries the
    /// grant, the purchase record and the pro-rata status along.
    function forcedTransfer(address from, address to, uint256 amount) external returns (bool) {
        _checkArbiter();
        if (from == to) revert ERC7943CannotTransfer(from, to, amount);
        uint256 balance = balanceOf(from);
        if (amount > balance) revert ERC20InsufficientBalance(from, balance, amount);
        Holder storage sender = _holders[from];
        uint256 frozen = sender.frozen;
        uint256 remaining = balance - amount;
        if (remaining < frozen) {
            // amount > unfrozen: release exactly the frozen shares taken.
            uint256 unfrozen = balance > frozen ? balance - frozen : 0;
            uint256 stillFrozen = frozen - (amount - unfrozen);
            sender.frozen = uint128(stillFrozen);
            emit Frozen(from, stillFrozen);
        }
        if (amount == balance && balanceOf(to) == 0 && !_holders[to].hasGrant) {
            _moveHolderRecords(from, to);
        } else if (sender.hasGrant) {
            _shrinkGrant(from, remaining);
        }
        _transfer(from, to, amount);
        emit ForcedTransfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IERC7943Fungible
    function setFrozenTokens(address account, uint256 amount) external returns (bool) {
        _checkArbiter();
        if (amount > MAX_SUPPLY) revert AmountAboveSupplyLimit(amount);
        _holders[account].frozen = uint128(amount);
        emit Frozen(account, amount);
        return true;
    }

    /// @inheritdoc IPersonalToken
    function pause() external {
        _checkArbiter();
        _pause();
    }

    /// @inheritdoc IPersonalToken
    function unpause() external {
        _checkArbiter();
        _unpause();
    }

    /// @inheritdoc IPersonalToken
    function recoverOwnership(address newWallet) external {
        _checkArbiter();
        address previous = owner();
        _requireEligibleOwner(newWallet);
        _moveOwnership(newWallet);
        emit OwnershipRecovered(previous, newWallet);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The token's name.
    /// @return The name.
    function name() public view override returns (string memory) {
        return _name;
    }

    /// @notice The token's symbol.
    /// @return The symbol.
    function symbol() public view override returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IPersonalToken
    function owner() public view override(OwnableUpgradeable, IPersonalToken) returns (address) {
        return super.owner();
    }

    /// @inheritdoc IPersonalToken
    function paused() public view override(PausableUpgradeable, IPersonalToken) returns (bool) {
        return _paused;
    }

    /// @inheritdoc IPersonalToken
    function factory() public view returns (address) {
        return address(bytes20(Clones.fetchCloneArgs(address(this))));
    }

    /// @inheritdoc IPersonalToken
    function distributor() public view returns (address) {
        return Clones.predictDeterministicAddressWithImmutableArgs(
            distributorImplementation, abi.encodePacked(address(this)), bytes32(0), factory()
        );
    }

    /// @inheritdoc IPersonalToken
    function quoteAsset() external view returns (address) {
        return _quoteAsset;
    }

    /// @inheritdoc IPersonalToken
    function capBps() external view returns (uint16) {
        return _capBps;
    }

    /// @inheritdoc IPersonalToken
    function outsideShares() public view returns (uint256) {
        return totalSupply() - balanceOf(owner());
    }

    /// @inheritdoc IPersonalToken
    function transferApproval(address from, address to) external view returns (uint256) {
        return _permissionOf(from, to);
    }

    /// @inheritdoc IPersonalToken
    function ownerEpoch() external view returns (uint64) {
        return _ownerEpoch;
    }

    /// @inheritdoc IPersonalToken
    function nonceUsed(uint256 nonce) external view returns (bool) {
        return _usedNonces.get(nonce);
    }

    /// @inheritdoc IPersonalToken
    function tradeContext(address account)
        external
        view
        returns (address owner_, address quote, bool isPaused, bool receivable, uint64 epoch)
    {
        return (owner(), _quoteAsset, paused(), canReceive(account), _ownerEpoch);
    }

    /// @inheritdoc IPersonalToken
    function lastPrice() external view returns (uint256) {
        return _lastPrice;
    }

    /// @inheritdoc IPersonalToken
    function hasProRataRight(address holder) external view returns (bool) {
        Record memory record = _records[holder];
        return holder != owner() && !record.proRataRevoked && !record.kicked;
    }

    /// @inheritdoc IPersonalToken
    function lockedOf(address holder) public view returns (uint256) {
        if (!_holders[holder].hasGrant) return 0;
        return Math.min(_unvested(_grants[holder]), balanceOf(holder));
    }

    /// @inheritdoc IPersonalToken
    function isKicked(address holder) external view returns (bool) {
        return _records[holder].kicked;
    }

    /// @inheritdoc IPersonalToken
    function purchaseOf(address holder) external view returns (uint256 paid, uint256 bought) {
        Record memory record = _records[holder];
        return (record.paid, record.bought);
    }

    /// @inheritdoc IPersonalToken
    function reservedShares() external view returns (uint256 reserved, bool dilutive) {
        return _reserved();
    }

    /// @inheritdoc IPersonalToken
    function kickFloor(address holder) external view returns (uint256) {
        return Math.max(_lastPrice, averagePurchasePrice(holder));
    }

    /// @notice `holder`'s average purchase price: `ceil(Σ paid × 10^18 / Σ bought)` over its settled purchases and
    /// fills in this token, 0 if none. A kick pays at least this.
    /// @param holder The holder.
    /// @return Quote units per whole share.
    function averagePurchasePrice(address holder) public view returns (uint256) {
        Record memory record = _records[holder];
        if (record.bought == 0) return 0;
        return Math.mulDiv(record.paid, 1e18, record.bought, Math.Rounding.Ceil);
    }

    /// @inheritdoc IPersonalToken
    function grantOf(address holder)
        external
        view
        returns (uint256 amount, uint64 start, uint64 cliff, uint64 duration)
    {
        Grant memory g = _grants[holder];
        return (g.amount, g.start, g.cliff, g.duration);
    }

    /// @inheritdoc IERC7943Fungible
    function getFrozenTokens(address account) external view returns (uint256) {
        return _holders[account].frozen;
    }

    /// @inheritdoc IERC7943Fungible
    /// @dev A banned holder cannot send; one whose verification merely expired still can (to exit).
    function canSend(address account) public view override(IERC7943Fungible, IPersonalToken) returns (bool) {
        return !registry.isBanned(account);
    }

    /// @inheritdoc IERC7943Fungible
    function canReceive(address account) public view override(IERC7943Fungible, IPersonalToken) returns (bool) {
        return account != address(this)
            && (account == owner() || (registry.isVerified(account) && !_records[account].kicked));
    }

    /// @inheritdoc IERC7943Fungible
    /// @dev ERC-7943's frame: never false for a balance or allowance reason, never reverts. False when paused, when
    /// `from` may not send or `to` may not receive, when `balance − frozen − locked < amount ≤ balance` (locked: the
    /// unvested grant and, for the owner, shares reserved for an all-or-nothing sell-down), without the owner's
    /// permission in force for a move between two holders, or when `amount` more shares outside the owner's wallet
    /// would break the cap (reservations counted). `detectTransferRestriction` gives the exact answer, balance
    /// included. Privileged paths with rules of their own stay outside this answer: the arbiter's forced transfer
    /// and ownership recovery, kicks, grants and their cancellation, issuance, ownership moves, and the delivery of
    /// shares already sold in an all-or-nothing offering.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        if (paused() || !canSend(from) || !canReceive(to)) return false;
        if (amount <= balanceOf(from) && amount > _movableBalance(from)) return false;
        address owner_ = owner();
        if (from == owner_) {
            if (to == owner_) return true;
            (uint256 reserved, bool dilutive) = _reserved();
            (uint256 outside, uint256 maxOutside) = _capRoom(balanceOf(owner_), totalSupply(), reserved, dilutive);
            // `amount` is added on the right-hand side, not subtracted from her balance, so nothing can overflow.
            return outside <= maxOutside && amount <= maxOutside - outside;
        }
        return to == owner_ || _permissionOf(from, to) >= amount;
    }

    /// @inheritdoc IPersonalToken
    /// @dev Mirrors `transfer` rule by rule, in its order (`_checkSender`, OpenZeppelin's `_transfer`, `_update`,
    /// `_usePermission`); the fuzz suite checks the two agree in every state. `ReservedSharesLocked` has no code: a
    /// move within the movable balance always leaves the reserved shares in place.
    function detectTransferRestriction(address from, address to, uint256 value) public view returns (uint8) {
        if (paused()) return PAUSED;
        if (!canSend(from)) return SENDER_BANNED;
        uint256 balance = balanceOf(from);
        if (value > balance) return INSUFFICIENT_BALANCE;
        if (value > _movableBalance(from)) return FROZEN_OR_LOCKED;
        address owner_ = owner();
        if (to == address(0)) return ZERO_RECEIVER;
        if (to != owner_) {
            if (to == address(this) || !registry.isVerified(to)) return RECEIVER_NOT_ALLOWED;
            if (_records[to].kicked) return RECEIVER_KICKED;
            if (from == owner_) {
                (uint256 reserved, bool dilutive) = _reserved();
                (uint256 outside, uint256 maxOutside) =
                    _capRoom(balance - value, totalSupply(), reserved, dilutive);
                if (outside > maxOutside) return CAP_EXCEEDED;
            } else if (_permissionOf(from, to) < value) {
                return NO_PERMISSION;
            }
        }
        return NO_RESTRICTION;
    }

    /// @inheritdoc IPersonalToken
    function messageForTransferRestriction(uint8 restrictionCode) external pure returns (string memory) {
        if (restrictionCode == NO_RESTRICTION) return "No restriction: the transfer would succeed.";
        if (restrictionCode == PAUSED) return "The arbiter paused this token: no shares move until it is unpaused.";
        if (restrictionCode == SENDER_BANNED) return "The sender is banned by the registrar and cannot send shares.";
        if (restrictionCode == INSUFFICIENT_BALANCE) return "The sender holds fewer shares than the amount.";
        if (restrictionCode == FROZEN_OR_LOCKED) {
            return "The amount exceeds the sender's movable shares: some are frozen, unvested or reserved.";
        }
        if (restrictionCode == ZERO_RECEIVER) return "Shares cannot be sent to the zero address.";
        if (restrictionCode == RECEIVER_NOT_ALLOWED) {
            return "The receiver is neither the owner nor an investor verified by the registrar.";
        }
        if (restrictionCode == RECEIVER_KICKED) return "The receiver was kicked and cannot hold shares until readmitted.";
        if (restrictionCode == CAP_EXCEEDED) return "The move would put more than the cap outside the owner's wallet.";
        if (restrictionCode == NO_PERMISSION) return "A move between two investors needs the owner's permission.";
        return "Unknown restriction code.";
    }

    /// @inheritdoc IPersonalToken
    function movableBalanceOf(address account) external view returns (uint256) {
        return _movableBalance(account);
    }

    /// @inheritdoc IPersonalToken
    function canDeliver(address from, address to, uint256 shares) external view returns (bool) {
        if (from != address(0)) return detectTransferRestriction(from, to, shares) == NO_RESTRICTION;
        if (paused() || !canReceive(to)) return false;
        (uint256 reserved, bool dilutive) = _reserved();
        uint256 supply = totalSupply() + shares;
        if ((dilutive ? supply + reserved : supply) > MAX_SUPPLY) return false;
        address owner_ = owner();
        if (to == owner_) return true;
        (uint256 outside, uint256 maxOutside) = _capRoom(balanceOf(owner_), supply, reserved, dilutive);
        return outside <= maxOutside;
    }

    /// @notice ERC-165: ERC-7943 fungible and ERC-165 itself.
    /// @param interfaceId The interface id.
    /// @return True if supported.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC7943Fungible).interfaceId || interfaceId == type(IERC165).interfaceId;
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev The single choke point of every balance change; see the contract notes for what it enforces.
    function _update(address from, address to, uint256 value) internal override {
        _requireClone();
        address owner_ = owner();
        if (to != owner_) {
            if (to == address(this) || !registry.isVerified(to)) revert ERC7943CannotReceive(to);
            if (_records[to].kicked) revert ReceiverKicked(to);
        }
        super._update(from, to, value);
        // Only shares leaving the owner's wallet, or minted outside it, can raise the outside share.
        if (from == address(0)) {
            (uint256 reserved, bool dilutive) = _reserved();
            uint256 supply = totalSupply();
            // The shares an unfinished dilutive offering still has to mint are promised: no other mint takes them,
            // so its settlement always fits (the market takes them out of the reservation before minting them).
            uint256 promised = dilutive ? supply + reserved : supply;
            if (promised > MAX_SUPPLY) revert SupplyLimitExceeded(promised);
            if (to != owner_) _checkCap(owner_, reserved, dilutive);
        } else if (from == owner_ && to != owner_) {
            (uint256 reserved, bool dilutive) = _reserved();
            _checkCap(owner_, reserved, dilutive);
        }
        IGainsDistributor(distributor()).onBalanceChange(from, to, value);
    }

    /// @dev `transfer`'s rules, in the order `detectTransferRestriction` reports them: the sender rules, then
    /// OpenZeppelin's `_transfer` (zero receiver, then `_update`: receiver, balance, cap), then the owner's permission
    /// for a move between two holders. `permitted` marks a permission for exactly this move granted in this call (a
    /// signed approval, an approved listing): it is in force as the shares move and used up by them, so the stored
    /// permission is neither read nor written.
    function _ordinaryTransfer(address from, address to, uint256 value, bool permitted) private {
        _checkSender(from, value);
        _transfer(from, to, value);
        address owner_ = owner();
        if (permitted || from == owner_ || to == owner_) return;
        uint256 allowed = _permissionOf(from, to);
        if (allowed < value) revert ERC7943CannotTransfer(from, to, value);
        // Cannot underflow: allowed ≥ value; allowed ≤ MAX_SUPPLY < 2^128.
        unchecked {
            _transferApprovals[from][to] = Permission(uint128(allowed - value), _ownerEpoch);
        }
    }

    /// @dev Sender rules of every move by a holder's own action: not paused, not banned, within the balance, within
    /// `balance − frozen − locked`.
    function _checkSender(address from, uint256 value) private view {
        _requireNotPaused();
        if (!canSend(from)) revert ERC7943CannotSend(from);
        uint256 balance = balanceOf(from);
        if (value > balance) revert ERC20InsufficientBalance(from, balance, value);
        uint256 movable = _movableBalance(from);
        if (value > movable) revert ERC7943InsufficientUnfrozenBalance(from, value, movable);
    }

    /// @dev A permission counts only in the owner epoch it was given in.
    function _permissionOf(address from, address to) private view returns (uint256) {
        Permission memory permission = _transferApprovals[from][to];
        return permission.epoch == _ownerEpoch ? permission.amount : 0;
    }

    /// @dev Shares an unfinished all-or-nothing offering reserves count as outside; a sell-down's stay put.
    function _checkCap(address owner_, uint256 reserved, bool dilutive) private view {
        uint256 ownerBalance = balanceOf(owner_);
        if (!dilutive && ownerBalance < reserved) revert ReservedSharesLocked(ownerBalance, reserved);
        (uint256 outside, uint256 maxOutside) = _capRoom(ownerBalance, totalSupply(), reserved, dilutive);
        if (outside > maxOutside) revert CapExceeded(outside, maxOutside);
    }

    /// @dev The cap rule's two sides for an owner balance and a supply, reservations counted; shared by the enforcing
    /// check and by the views, so the answers and the rule cannot drift apart.
    function _capRoom(uint256 ownerBalance, uint256 supply, uint256 reserved, bool dilutive)
        private
        view
        returns (uint256 outside, uint256 maxOutside)
    {
        outside = supply - ownerBalance + reserved;
        maxOutside = ShareMath.maxOutside(dilutive ? supply + reserved : supply, _capBps);
    }

    /// @dev Moves ownership, the owner's shares and any freeze on them to `newOwner`, and tells the factory.
    function _moveOwnership(address newOwner) private {
        address previous = owner();
        _transferOwnership(newOwner);
        uint256 frozen = _holders[previous].frozen;
        if (frozen != 0) {
            _holders[previous].frozen = 0;
            emit Frozen(previous, 0);
            // Both are ≤ MAX_SUPPLY, so the sum fits 128 bits.
            uint128 carried = uint128(_holders[newOwner].frozen + frozen);
            _holders[newOwner].frozen = carried;
            emit Frozen(newOwner, carried);
        }
        _transfer(previous, newOwner, balanceOf(previous));
        // Every permission the previous owner gave ends here: on-chain ones carry the epoch, signed ones name her.
        uint64 epoch = ++_ownerEpoch;
        emit OwnerPermissionsVoided(epoch);
        IPersonalTokenFactory(factory()).recordOwnershipMove(previous, newOwner);
    }

    function _requireEligibleOwner(address newOwner) private view {
        if (
            newOwner == owner() || !registry.isVerified(newOwner)
                || IPersonalTokenFactory(factory()).hasOwnedToken(newOwner)
        ) revert InvalidNewOwner(newOwner);
    }

    function _useNonce(uint256 nonce) private {
        if (_usedNonces.get(nonce)) revert ApprovalNonceAlreadyUsed(nonce);
        _usedNonces.set(nonce);
    }

    /// @dev Computed from what the market recorded and the block time, so an offering's end needs no transaction.
    function _reserved() private view returns (uint256 reserved, bool dilutive) {
        if (!_reservationActive) return (0, false);
        Reservation memory r = _reservation;
        if (block.timestamp <= r.end) return (r.offered, r.dilutive);
        ReservedSales memory sales = _reservedSales;
        if (sales.minimumReached) return (sales.pending, r.dilutive);
    }

    function _requireMarket() private view {
        if (msg.sender != address(market)) revert CallerNotMarket(msg.sender);
    }

    /// @dev `balance − frozen − locked`, floored at zero: the arbiter's freeze and the locks are separate. Locked are
    /// unvested granted shares and, for the owner, shares reserved for an all-or-nothing sell-down.
    function _movableBalance(address account) private view returns (uint256) {
        uint256 balance = balanceOf(account);
        Holder memory state = _holders[account];
        uint256 held = state.frozen;
        if (state.hasGrant) held += Math.min(_unvested(_grants[account]), balance);
        if (account == owner()) {
            (uint256 reserved, bool dilutive) = _reserved();
            if (!dilutive) held += reserved;
        }
        return balance > held ? balance - held : 0;
    }

    /// @dev Unvested shares of a grant now: all before `start + cliff`, then linearly fewer until `start + duration`.
    function _unvested(Grant memory g) private view returns (uint256) {
        uint256 start = g.start;
        if (block.timestamp < start + g.cliff) return g.amount;
        uint256 elapsed = block.timestamp - start;
        if (elapsed >= g.duration) return 0;
        return g.amount - g.amount * elapsed / g.duration;
    }

    /// @dev After a forced transfer leaves `remaining` shares, keeps min(unvested, remaining) locked by scaling the
    /// grant (its schedule shape unchanged). `lockedOf` never reports more than the balance, which absorbs the
    /// rounding of the new total.
    function _shrinkGrant(address holder, uint256 remaining) private {
        Grant storage g = _grants[holder];
        uint256 unvested = _unvested(g);
        if (unvested <= remaining) return;
        // unvested > remaining ≥ 0, and the result is < g.amount < 2^128.
        uint128 scaled = uint128(Math.mulDiv(g.amount, remaining, unvested));
        g.amount = scaled;
        emit GrantScaled(holder, scaled);
    }

    /// @dev A whole-wallet recovery: the new wallet is the same holder.
    function _moveHolderRecords(address from, address to) private {
        Holder storage sender = _holders[from];
        if (sender.hasGrant) {
            _grants[to] = _grants[from];
            delete _grants[from];
            sender.hasGrant = false;
            _holders[to].hasGrant = true;
        }
        Record memory moved = _records[from];
        delete _records[from];
        Record storage target = _records[to];
        target.paid = uint112(Math.min(uint256(target.paid) + moved.paid, type(uint112).max));
        target.bought = uint120(Math.min(uint256(target.bought) + moved.bought, type(uint120).max));
        target.proRataRevoked = moved.proRataRevoked;
        target.kickRecorded = target.kickRecorded || moved.kickRecorded;
        emit HolderRecordsMoved(from, to);
    }

    function _checkArbiter() private view {
        _requireClone();
        if (!registry.isArbiter(msg.sender)) revert CallerNotArbiter(msg.sender);
    }

    /// @dev OpenZeppelin's `_pause`, with the flag in this contract's packed slot.
    function _pause() internal override whenNotPaused {
        _paused = true;
        emit Paused(_msgSender());
    }

    /// @dev OpenZeppelin's `_unpause`, with the flag in this contract's packed slot.
    function _unpause() internal override whenPaused {
        _paused = false;
        emit Unpaused(_msgSender());
    }

    function _requireClone() private view {
        if (address(this) == _implementation) revert ImplementationNotUsable();
    }

    /// @dev The EIP-712 domain name is the token's name, read per clone (never the implementation's).
    function _EIP712Name() internal view override returns (string memory) {
        return _name;
    }

    function _EIP712Version() internal pure override returns (string memory) {
        return "1";
    }
}
