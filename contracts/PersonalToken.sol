// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC7943Fungible} from "./interfaces/IERC7943.sol";
import {IPersonalToken} from "./interfaces/IPersonalToken.sol";
import {IInvestorRegistry} from "./interfaces/IInvestorRegistry.sol";
import {IPersonalTokenFactory} from "./interfaces/IPersonalTokenFactory.sol";
import {IShareMarket} from "./interfaces/IShareMarket.sol";
import {ISharedErrors} from "./interfaces/ISharedErrors.sol";
import {PersonalTokenBase} from "./token/PersonalTokenBase.sol";
import {ArbiterControls} from "./token/ArbiterControls.sol";

/// @title PersonalToken
/// @notice One person's shares: an ERC-20 that only the owner and verified investors may hold, with at most
/// `capBps` of the supply outside the owner's wallet, moves between investors only with the owner's permission,
/// and a neutral arbiter (from the registry) who can reverse, freeze, pause and recover.
/// @dev Deployed once as an implementation; every person gets an ERC-1167 clone whose immutable argument is the
/// factory address. The factory initializes it in the creating transaction; the implementation refuses use.
///
/// Composed of one module per concept, all sharing the storage layout of `PersonalTokenBase`:
/// - `ShareRules`: `_update`, the choke point of every balance change, the sender rules and the ERC-7943/1404 views;
/// - `OutsideCap`: the cap, the supply bound and the all-or-nothing reservation the market records;
/// - `OwnerPermissions`: on-chain and signed permissions for moves between investors;
/// - `Grants`: shares for help, with vesting; `HolderRecords`: purchases, last price, pro-rata rights, kicks;
/// - `ArbiterControls`: forced transfers, freezes, the pause.
/// This contract adds what ties them together: initialization, issuance, ownership moves and market settlements.
contract PersonalToken is ArbiterControls {
    /// @notice Deploys the implementation that every personal token clones.
    /// @param registry_ The shared investor registry.
    /// @param distributorImplementation_ The gains distributor implementation the factory clones.
    /// @param market_ The share market shared by every personal token.
    constructor(
        IInvestorRegistry registry_,
        address distributorImplementation_,
        IShareMarket market_
    ) PersonalTokenBase(registry_, distributorImplementation_, market_) {}

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
        if (msg.sender != factory()) revert CallerNotFactory(msg.sender);
        if (owner() != address(0)) revert InvalidInitialization();
        __ERC20_init_unchained(name_, symbol_);
        _quoteAsset = quoteAsset_;
        _capBps = capBps_;
        _transferOwnership(owner_);
        _mint(owner_, initialSupply);
    }

    /// @inheritdoc IPersonalToken
    function issue(address to, uint256 amount) external onlyOwner whenNotPaused {
        if (amount == 0) revert ISharedErrors.ZeroAmount();
        // Issuing is the owner giving away value; a banned owner gives nothing away.
        if (!canSend(msg.sender)) revert ERC7943CannotSend(msg.sender);
        _mint(to, amount);
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
        _recordPurchase(to, shares, pricePerShare, paid);
    }

    /// @inheritdoc IPersonalToken
    function tradeContext(
        address account
    ) external view returns (address owner_, address quote, bool isPaused, bool receivable, uint64 epoch) {
        return (owner(), _quoteAsset, paused(), canReceive(account), _ownerEpoch);
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

    /// @inheritdoc IPersonalToken
    function recoverOwnership(address newWallet) external {
        _checkArbiter();
        address previous = owner();
        _requireEligibleOwner(newWallet);
        _moveOwnership(newWallet);
        emit OwnershipRecovered(previous, newWallet);
    }

    /// @notice ERC-165: ERC-7943 fungible and ERC-165 itself.
    /// @param interfaceId The interface id.
    /// @return True if supported.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return interfaceId == type(IERC7943Fungible).interfaceId || interfaceId == type(IERC165).interfaceId;
    }

    /// @dev Moves ownership, the owner's shares and any freeze on them to `newOwner`, and tells the factory.
    function _moveOwnership(address newOwner) internal {
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

    function _requireEligibleOwner(address newOwner) internal view {
        if (newOwner == owner()) revert NewOwnerIsCurrentOwner(newOwner);
        if (!registry.isVerified(newOwner)) revert NewOwnerNotVerified(newOwner);
        if (IPersonalTokenFactory(factory()).hasOwnedToken(newOwner)) {
            revert IPersonalTokenFactory.AlreadyOwnedToken(newOwner);
        }
    }
}
