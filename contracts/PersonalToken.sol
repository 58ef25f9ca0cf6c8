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
import {MAX_SHARE_SUPPLY} from "./Limits.sol";

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
    uint256 private constant BPS = 10_000;

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
    /// of a holder who bought rewrites a non-zero slot. paid saturates at 2^112 − 1; bought ≤ MAX_SUPPLY < 2^120.
    struct Record {
        uint112 paid;
        uint120 bought;
        bool kicked;
        bool proRataRevoked;
        bool kickRecorded;
    }

    string private _name;
    string private _symbol;
    address private _quoteAsset;
    uint16 private _capBps;
    // Set by the market while an all-or-nothing offering may reserve shares; packed with the cap so cap checks skip
    // the market call when nothing can be reserved.
    bool private _reservationActive;
    // OpenZeppelin's Pausable keeps its flag in a slot of its own; here it shares the slot every trade and cap check
    // reads anyway (see `paused`, `_pause`, `_unpause`).
    bool private _paused;
    uint256 private _lastPrice;
    mapping(address account => Holder) private _holders;
    mapping(address holder => Grant) private _grants;
    mapping(address holder => Record) private _records;
    mapping(address from => mapping(address to => uint256)) private _transferApprovals;
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
        _mint(to, amount);
    }

    /// @inheritdoc IPersonalToken
    function lowerCap(uint16 newCapBps) external onlyOwner {
        uint16 current = _capBps;
        if (newCapBps >= current) revert CapNotLowered(current, newCapBps);
        _capBps = newCapBps;
        _checkCap(owner());
        emit CapLowered(current, newCapBps);
    }

    /// @inheritdoc IPersonalToken
    function approveTransfer(address from, address to, uint256 amount) external onlyOwner {
        address owner_ = owner();
        if (from == owner_ || to == owner_ || from == to || from == address(0) || to == address(0)) {
            revert PermissionNotApplicable(from, to);
        }
        _transferApprovals[from][to] = amount;
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
        holder.hasGrant = true;
        _transfer(owner(), to, amount);
        // Cannot truncate: amount ≤ MAX_SUPPLY < 2^128 (the transfer succeeded); cliff ≤ duration < 2^32.
        _grants[to] = Grant(uint128(amount), start, uint32(cliff), uint32(duration));
        emit Granted(to, amount, start, cliff, duration, reason);
    }

    /// @inheritdoc IPersonalToken
    function cancelGrant(address holder) external onlyOwner whenNotPaused {
        uint256 returned = lockedOf(holder);
        if (returned == 0) revert NoUnvestedShares(holder);
        delete _grants[holder];
        _holders[holder].hasGrant = false;
        _transfer(holder, owner(), returned);
        emit GrantCancelled(holder, returned);
    }

    /// @inheritdoc IPersonalToken
    function kick(address holder, uint256 pricePerShare) external payable onlyOwner whenNotPaused {
        address owner_ = owner();
        uint256 balance = balanceOf(holder);
        if (holder == owner_ || balance == 0) revert NothingToKick(holder);
        Holder storage state = _holders[holder];
        if (state.frozen != 0) revert KickBlockedByFreeze(holder, state.frozen);
        uint256 minPrice = Math.max(_lastPrice, averagePurchasePrice(holder));
        if (pricePerShare < minPrice) revert KickPriceTooLow(pricePerShare, minPrice);
        uint256 unvested = lockedOf(holder);
        uint256 bought = balance - unvested;
        uint256 due = Math.mulDiv(bought, pricePerShare, 1e18, Math.Rounding.Ceil);
        Record storage record = _records[holder];
        // Reputation counts distinct tokens that kicked an investor who had bought on-chain.
        bool countsForReputation = record.bought != 0 && !record.kickRecorded;
        record.kicked = true;
        record.proRataRevoked = true;
        if (countsForReputation) record.kickRecorded = true;
        if (state.hasGrant) {
            state.hasGrant = false;
            delete _grants[holder];
        }
        _transfer(holder, owner_, balance);
        emit Kicked(holder, bought, pricePerShare, due, unvested);
        market.escrowKick{value: msg.value}(_quoteAsset, owner_, holder, due, countsForReputation);
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

    /// @notice Completes an ownership move started by `transferOwnership`; the owner's shares move along.
    function acceptOwnership() public override {
        address sender = _msgSender();
        if (pendingOwner() != sender) revert OwnableUnauthorizedAccount(sender);
        _requireEligibleOwner(sender);
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
        _ordinaryTransfer(_msgSender(), to, value);
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
        _ordinaryTransfer(from, to, value);
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
        _checkSender(from, amount);
        _transfer(from, to, amount);
        return true;
    }

    // ───────────────────────────── market ─────────────────────────────

    /// @inheritdoc IPersonalToken
    function setReservationActive(bool active) external {
        if (msg.sender != address(market)) revert CallerNotMarket(msg.sender);
        _reservationActive = active;
        emit ReservationActive(active);
    }

    /// @inheritdoc IPersonalToken
    function settleTrade(address from, address to, uint256 shares, uint256 pricePerShare, uint256 paid) external {
        if (msg.sender != address(market)) revert CallerNotMarket(msg.sender);
        if (from == address(0)) {
            _requireNotPaused();
            _mint(to, shares);
        } else {
            _checkSender(from, shares);
            _transfer(from, to, shares);
        }
        Record storage record = _records[to];
        // Saturates rather than reverts, so no settlement can ever be blocked by an absurd price; the average price
        // (and so the kick floor) is then understated, which only an owner pricing beyond 2^112 units could cause.
        record.paid = uint112(Math.min(uint256(record.paid) + paid, type(uint112).max));
        // Cannot overflow: bought ≤ total supply ≤ MAX_SUPPLY < 2^120.
        record.bought += uint120(shares);
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
        if (msg.sender != address(market)) revert CallerNotMarket(msg.sender);
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
        if (amount > MAX_SUPPLY) revert FrozenAmountTooLarge(amount);
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
        return _transferApprovals[from][to];
    }

    /// @inheritdoc IPersonalToken
    function nonceUsed(uint256 nonce) external view returns (bool) {
        return _usedNonces.get(nonce);
    }

    /// @inheritdoc IPersonalToken
    function tradeContext(address account)
        external
        view
        returns (address owner_, address quote, bool isPaused, bool receivable)
    {
        return (owner(), _quoteAsset, paused(), canReceive(account));
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
    /// @dev Answers exactly what `transfer(to, amount)` by `from` would do now, counting only on-chain permission.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        if (paused() || !canSend(from) || !canReceive(to) || amount > _movableBalance(from)) return false;
        address owner_ = owner();
        if (from == owner_) {
            if (to == owner_) return true;
            uint256 ownerBalance = balanceOf(owner_) - amount;
            (uint256 reserved, bool dilutive, uint256 outside, uint256 maxOutside) = _capRoom(ownerBalance);
            return (dilutive || ownerBalance >= reserved) && outside <= maxOutside;
        }
        return to == owner_ || _transferApprovals[from][to] >= amount;
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
        if (to == address(this) || (to != owner_ && (!registry.isVerified(to) || _records[to].kicked))) {
            revert ERC7943CannotReceive(to);
        }
        super._update(from, to, value);
        // Only shares leaving the owner's wallet, or minted outside it, can raise the outside share.
        if (from == address(0)) {
            uint256 supply = totalSupply();
            if (supply > MAX_SUPPLY) revert SupplyLimitExceeded(supply);
            if (to != owner_) _checkCap(owner_);
        } else if (from == owner_ && to != owner_) {
            _checkCap(owner_);
        }
        IGainsDistributor(distributor()).onBalanceChange(from, to, value);
    }

    function _ordinaryTransfer(address from, address to, uint256 value) private {
        _checkSender(from, value);
        address owner_ = owner();
        if (from != owner_ && to != owner_) {
            uint256 allowed = _transferApprovals[from][to];
            if (allowed < value) revert ERC7943CannotTransfer(from, to, value);
            // Cannot underflow: allowed ≥ value.
            unchecked {
                _transferApprovals[from][to] = allowed - value;
            }
        }
        _transfer(from, to, value);
    }

    /// @dev Sender rules of every ordinary move and market trade. A larger-than-balance amount is left to ERC-20's
    /// own error.
    function _checkSender(address from, uint256 value) private view {
        _requireNotPaused();
        if (!canSend(from)) revert ERC7943CannotSend(from);
        uint256 movable = _movableBalance(from);
        if (value > movable && value <= balanceOf(from)) {
            revert ERC7943InsufficientUnfrozenBalance(from, value, movable);
        }
    }

    /// @dev Shares an unfinished all-or-nothing offering reserves count as outside; a sell-down's stay put.
    function _checkCap(address owner_) private view {
        uint256 ownerBalance = balanceOf(owner_);
        (uint256 reserved, bool dilutive, uint256 outside, uint256 maxOutside) = _capRoom(ownerBalance);
        if (!dilutive && ownerBalance < reserved) revert ReservedSharesLocked(ownerBalance, reserved);
        if (outside > maxOutside) revert CapExceeded(outside, maxOutside);
    }

    /// @dev The cap rule's two sides for an owner balance of `ownerBalance` at the current supply, reservations
    /// counted; shared by the enforcing check and by `canTransfer`, so the answer and the rule cannot drift apart.
    function _capRoom(uint256 ownerBalance)
        private
        view
        returns (uint256 reserved, bool dilutive, uint256 outside, uint256 maxOutside)
    {
        (reserved, dilutive) = _reservation();
        uint256 supply = totalSupply();
        outside = supply - ownerBalance + reserved;
        maxOutside = (dilutive ? supply + reserved : supply) * _capBps / BPS;
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

    function _reservation() private view returns (uint256 reserved, bool dilutive) {
        if (_reservationActive) return market.reservedShares(address(this));
    }

    /// @dev `balance − frozen − locked`, floored at zero: the arbiter's freeze and the vesting lock are separate.
    function _movableBalance(address account) private view returns (uint256) {
        uint256 balance = balanceOf(account);
        Holder memory state = _holders[account];
        uint256 held = state.frozen;
        if (state.hasGrant) held += Math.min(_unvested(_grants[account]), balance);
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
        // Both count shares of this token bought by the same holder: at most MAX_SUPPLY < 2^120 together.
        target.bought += moved.bought;
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
