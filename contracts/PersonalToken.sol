// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";
import {Ownable2StepUpgradeable} from "@openzeppelin/contracts-upgradeable/access/Ownable2StepUpgradeable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {IERC7943Fungible} from "./interfaces/IERC7943.sol";
import {IPersonalToken} from "./interfaces/IPersonalToken.sol";
import {IInvestorRegistry} from "./interfaces/IInvestorRegistry.sol";
import {IGainsDistributor} from "./interfaces/IGainsDistributor.sol";
import {IPersonalTokenFactory} from "./interfaces/IPersonalTokenFactory.sol";

/// @title PersonalToken
/// @notice One person's shares: an ERC-20 that only the owner and verified investors may hold, with at most
/// `capBps` of the supply outside the owner's wallet, moves between investors only with the owner's permission,
/// and a neutral arbiter (from the registry) who can reverse, freeze, pause and recover.
/// @dev Deployed once as an implementation; every person gets an ERC-1167 clone whose immutable argument is the
/// factory address. No initializer storage is spent: the factory initializes in the creating transaction, and the
/// implementation refuses use through `_requireClone`.
///
/// Every balance change goes through `_update`, which enforces, whatever the path:
/// - receiver rule: `to` is the owner or verified in the registry, and never the token itself;
/// - cap: `outsideShares() ≤ capBps × totalSupply / 10,000` after any change that can raise outside shares
///   (mints and moves out of the owner's wallet; a move between two others or into the owner's wallet cannot);
/// - supply bound: `totalSupply ≤ MAX_SUPPLY` (10^36 units, 10^18 whole shares), so `capBps × totalSupply` stays
///   in range and the distributor's rounding stays below one unit per holder (its scale is 10^36);
/// - the distributor hears of the change, so entitlements earned before it stay put.
/// Ordinary moves (`transfer`, `transferFrom`, `transferWithApproval`) add the sender rules (not paused, sender not
/// banned, unfrozen balance) and the owner's permission.
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
    uint256 public constant MAX_SUPPLY = 1e36;
    /// @notice EIP-712 type of the owner's signed permission for one move between investors.
    bytes32 public constant TRANSFER_APPROVAL_TYPEHASH =
        keccak256("TransferApproval(address from,address to,uint256 amount,uint256 nonce,uint256 deadline)");
    uint256 private constant BPS = 10_000;

    /// @inheritdoc IPersonalToken
    IInvestorRegistry public immutable registry;
    /// @inheritdoc IPersonalToken
    address public immutable distributorImplementation;
    address private immutable _implementation;

    string private _name;
    string private _symbol;
    address private _quoteAsset;
    uint16 private _capBps;
    mapping(address account => uint256) private _frozen;
    mapping(address from => mapping(address to => uint256)) private _transferApprovals;
    BitMaps.BitMap private _usedNonces;

    /// @notice Deploys the implementation that every personal token clones.
    /// @param registry_ The shared investor registry.
    /// @param distributorImplementation_ The gains distributor implementation the factory clones.
    constructor(IInvestorRegistry registry_, address distributorImplementation_) {
        registry = registry_;
        distributorImplementation = distributorImplementation_;
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
    function transfer(address to, uint256 value) public override returns (bool) {
        _ordinaryTransfer(_msgSender(), to, value);
        return true;
    }

    /// @notice Moves `value` shares from `from` to `to`, spending the caller's ERC-20 allowance; the move also
    /// needs the owner's permission like any move between investors.
    /// @param from The holder.
    /// @param to The receiver.
    /// @param value The amount.
    /// @return True on success.
    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
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

    // ───────────────────────────── arbiter ─────────────────────────────

    /// @inheritdoc IERC7943Fungible
    /// @dev Keeps the receiver rule and the cap; ignores pause, bans and permissions. Frozen shares it takes are
    /// unfrozen first (ERC-7943), so the freeze never exceeds what the arbiter meant to hold back.
    function forcedTransfer(address from, address to, uint256 amount) external returns (bool) {
        _checkArbiter();
        if (from == to) revert ERC7943CannotTransfer(from, to, amount);
        uint256 balance = balanceOf(from);
        if (amount > balance) revert ERC20InsufficientBalance(from, balance, amount);
        uint256 frozen = _frozen[from];
        if (balance - amount < frozen) {
            // amount > unfrozen: release exactly the frozen shares taken.
            uint256 unfrozen = balance > frozen ? balance - frozen : 0;
            uint256 remaining = frozen - (amount - unfrozen);
            _frozen[from] = remaining;
            emit Frozen(from, remaining);
        }
        _transfer(from, to, amount);
        emit ForcedTransfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IERC7943Fungible
    function setFrozenTokens(address account, uint256 amount) external returns (bool) {
        _checkArbiter();
        _frozen[account] = amount;
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

    /// @inheritdoc IERC7943Fungible
    function getFrozenTokens(address account) external view returns (uint256) {
        return _frozen[account];
    }

    /// @inheritdoc IERC7943Fungible
    /// @dev A banned holder cannot send; one whose verification merely expired still can (to exit).
    function canSend(address account) public view returns (bool) {
        return !registry.isBanned(account);
    }

    /// @inheritdoc IERC7943Fungible
    function canReceive(address account) public view returns (bool) {
        return account != address(this) && (account == owner() || registry.isVerified(account));
    }

    /// @inheritdoc IERC7943Fungible
    /// @dev Answers exactly what `transfer(to, amount)` by `from` would do now, counting only on-chain permission.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        if (paused() || !canSend(from) || !canReceive(to) || amount > _unfrozenBalance(from)) return false;
        address owner_ = owner();
        if (from == owner_) {
            if (to == owner_) return true;
            uint256 supply = totalSupply();
            return supply - balanceOf(owner_) + amount <= supply * _capBps / BPS;
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
        if (to == address(this) || (to != owner_ && !registry.isVerified(to))) revert ERC7943CannotReceive(to);
        super._update(from, to, value);
        if (from == address(0)) {
            uint256 supply = totalSupply();
            if (supply > MAX_SUPPLY) revert SupplyLimitExceeded(supply);
            _checkCap(owner_);
        } else if (from == owner_) {
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

    /// @dev Sender rules of every ordinary move. A larger-than-balance amount is left to ERC-20's own error.
    function _checkSender(address from, uint256 value) private view {
        _requireNotPaused();
        if (!canSend(from)) revert ERC7943CannotSend(from);
        uint256 unfrozen = _unfrozenBalance(from);
        if (value > unfrozen && value <= balanceOf(from)) {
            revert ERC7943InsufficientUnfrozenBalance(from, value, unfrozen);
        }
    }

    function _checkCap(address owner_) private view {
        uint256 supply = totalSupply();
        uint256 outside = supply - balanceOf(owner_);
        uint256 maxOutside = supply * _capBps / BPS;
        if (outside > maxOutside) revert CapExceeded(outside, maxOutside);
    }

    /// @dev Moves ownership, the owner's shares and any freeze on them to `newOwner`, and tells the factory.
    function _moveOwnership(address newOwner) private {
        address previous = owner();
        _transferOwnership(newOwner);
        uint256 frozen = _frozen[previous];
        if (frozen != 0) {
            _frozen[previous] = 0;
            emit Frozen(previous, 0);
            uint256 carried = _frozen[newOwner] + frozen;
            _frozen[newOwner] = carried;
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

    function _unfrozenBalance(address account) private view returns (uint256) {
        uint256 balance = balanceOf(account);
        uint256 frozen = _frozen[account];
        return balance > frozen ? balance - frozen : 0;
    }

    function _checkArbiter() private view {
        _requireClone();
        if (!registry.isArbiter(msg.sender)) revert CallerNotArbiter(msg.sender);
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
