// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Ownable2StepUpgradeable} from "@openzeppelin/contracts-upgradeable/access/Ownable2StepUpgradeable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {IERC7943Fungible} from "../interfaces/IERC7943.sol";
import {CloneEIP712} from "./CloneEIP712.sol";
import {IPersonalToken} from "../interfaces/IPersonalToken.sol";
import {IInvestorRegistry} from "../interfaces/IInvestorRegistry.sol";
import {IShareMarket} from "../interfaces/IShareMarket.sol";
import {ISharedErrors} from "../interfaces/ISharedErrors.sol";

/// @title PersonalTokenBase
/// @notice What every module of a personal token shares: the one storage layout, the clone's identity (factory,
/// distributor, registry, market), its name and EIP-712 domain, the owner and the pause.
/// @dev A personal token is an ERC-1167 clone initialized in the factory's creating transaction, so it needs no
/// initializer storage: this base takes the place of OpenZeppelin's upgradeable initialization (`_checkInitializing`
/// admits OpenZeppelin's `onlyInitializing` setters exactly while the factory initializes the clone, before it has an
/// owner). It keeps ERC-20 (balances, allowances, supply, name and symbol, in OpenZeppelin's ERC-7201 namespace) and
/// two-step ownership from OpenZeppelin and writes the rest itself, so that nothing inherited sits unused: the pause
/// flag lives in the packed slot below instead of OpenZeppelin's own, and the EIP-712 domain is computed from the
/// name (`PausableUpgradeable`, `EIP712Upgradeable` are not inherited; the pause keeps their error and event
/// signatures).
///
/// Storage, chosen by what is read together (the gas design depends on it):
/// - one slot: `_quoteAsset` (20 bytes), `_capBps`, `_reservationActive`, `_paused`, `_ownerEpoch` — every trade
///   and cap check reads the quote, the pause and the cap; every permission check the epoch.
/// - `_lastPrice`: the last trade's price, a kick floor.
/// - `_holders[a]` one slot: what every move reads about its sender (freeze, grant flag).
/// - `_grants[a]` one slot: the vesting schedule.
/// - `_records[a]` one slot: what a move reads about its receiver (`kicked`) and what a kick reads and writes.
/// - `_transferApprovals[from][to]` one slot: the owner's permission with its epoch.
/// - `_reservation` and `_reservedSales`, one slot each: what the market recorded of an all-or-nothing offering.
/// - `_usedNonces`: used or cancelled signature nonces, 256 per slot.
abstract contract PersonalTokenBase is
    ERC20Upgradeable,
    Ownable2StepUpgradeable,
    CloneEIP712,
    IERC7943Fungible,
    IPersonalToken
{
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

    /// @notice The arbiter paused the token.
    /// @param account The arbiter.
    event Paused(address account);

    /// @notice The arbiter ended a pause.
    /// @param account The arbiter.
    event Unpaused(address account);

    /// @notice The token is not paused.
    error ExpectedPause();

    /// @inheritdoc IPersonalToken
    IInvestorRegistry public immutable registry;
    /// @inheritdoc IPersonalToken
    address public immutable distributorImplementation;
    /// @inheritdoc IPersonalToken
    IShareMarket public immutable market;
    address private immutable _implementation;

    address internal _quoteAsset;
    uint16 internal _capBps;
    // True while an all-or-nothing offering's reservation is open, so a cap check reads the reservation's own slots
    // only when one may exist.
    bool internal _reservationActive;
    bool internal _paused;
    // Ownership moves so far; permissions carry the epoch they were given in.
    uint64 internal _ownerEpoch;
    uint256 internal _lastPrice;
    mapping(address account => Holder) internal _holders;
    mapping(address holder => Grant) internal _grants;
    mapping(address holder => Record) internal _records;
    mapping(address from => mapping(address to => Permission)) internal _transferApprovals;
    Reservation internal _reservation;
    ReservedSales internal _reservedSales;
    BitMaps.BitMap internal _usedNonces;

    /// @notice Fixes what every clone of the implementation shares.
    /// @param registry_ The shared investor registry.
    /// @param distributorImplementation_ The gains distributor implementation the factory clones.
    /// @param market_ The share market shared by every personal token.
    constructor(IInvestorRegistry registry_, address distributorImplementation_, IShareMarket market_) {
        registry = registry_;
        distributorImplementation = distributorImplementation_;
        market = market_;
        _implementation = address(this);
    }

    modifier whenNotPaused() {
        _requireNotPaused();
        _;
    }

    /// @inheritdoc IPersonalToken
    function owner() public view override(OwnableUpgradeable, IPersonalToken) returns (address) {
        return super.owner();
    }

    /// @inheritdoc IPersonalToken
    function paused() public view returns (bool) {
        return _paused;
    }

    /// @inheritdoc IPersonalToken
    function factory() public view returns (address) {
        return address(bytes20(Clones.fetchCloneArgs(address(this))));
    }

    /// @inheritdoc IPersonalToken
    function distributor() public view returns (address) {
        return
            Clones.predictDeterministicAddressWithImmutableArgs(
                distributorImplementation,
                abi.encodePacked(address(this)),
                bytes32(0),
                factory()
            );
    }

    /// @inheritdoc IPersonalToken
    function quoteAsset() external view returns (address) {
        return _quoteAsset;
    }

    /// @dev The EIP-712 domain name is the token's name.
    function _domainName() internal view override returns (string memory) {
        return name();
    }

    /// @dev A clone is initializing while the factory's `initialize` runs, which is before the clone has an owner.
    function _checkInitializing() internal view override {
        require(owner() == address(0), NotInitializing());
    }

    function _requireNotPaused() internal view {
        if (_paused) revert ISharedErrors.EnforcedPause();
    }

    function _pause() internal {
        _requireNotPaused();
        _paused = true;
        emit Paused(msg.sender);
    }

    function _unpause() internal {
        if (!_paused) revert ExpectedPause();
        _paused = false;
        emit Unpaused(msg.sender);
    }

    /// @dev The sender rules of every move by a holder's own action (`ShareRules`); grants and ownership moves apply
    /// them to the owner.
    function _checkSender(address from, uint256 value) internal view virtual;

    /// @inheritdoc IPersonalToken
    function canSend(address account) public view virtual override(IERC7943Fungible, IPersonalToken) returns (bool);

    /// @inheritdoc IPersonalToken
    function canReceive(address account) public view virtual override(IERC7943Fungible, IPersonalToken) returns (bool);

    function _requireClone() internal view {
        if (address(this) == _implementation) revert ISharedErrors.ImplementationNotUsable();
    }

    function _requireMarket() internal view {
        if (msg.sender != address(market)) revert ISharedErrors.CallerNotMarket(msg.sender);
    }

    function _checkArbiter() internal view {
        _requireClone();
        if (!registry.isArbiter(msg.sender)) revert CallerNotArbiter(msg.sender);
    }
}
