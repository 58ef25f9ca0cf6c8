// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ISharedErrors} from "./interfaces/ISharedErrors.sol";
import {IGainsDistributor} from "./interfaces/IGainsDistributor.sol";
import {IPersonalToken} from "./interfaces/IPersonalToken.sol";
import {IPersonalTokenFactory} from "./interfaces/IPersonalTokenFactory.sol";
import {IHoldings} from "./interfaces/IHoldings.sol";

/// @title GainsDistributor
/// @notice Splits realized gains pro rata among a personal token's holders, owner included, in O(1) per deposit,
/// claim and share move, whatever the number of holders or past distributions.
/// @dev One ERC-1167 clone per token; its immutable argument is the token address.
///
/// Accounting, per asset (Morpho-style: the invariants sit next to the code that keeps them):
/// - `perShare` accumulates `SCALE × deposited / totalSupply` over all deposits, rounded down; the scaled remainder
///   (`carry`, always < the supply of that moment ≤ 10^36) is added to the next deposit, so rounding strands
///   nothing. With the supply at most SCALE, each holder's share of a deposit is at most one unit short of
///   floor(amount × balance / supply), and what it is short of is carried, not lost.
///   SCALE is a power of ten (1e36) so round figures divide exactly: 1% of $500,000 is exactly $5,000.
/// - each holder has a `correction` so that, scaled by SCALE,
///       earned(h) = perShare × balance(h) + correction(h)
///   is what h earned since it first held shares, minus what it claimed. A share move of `v` adds
///   `perShare × v` to the sender's correction and subtracts it from the receiver's, so the move changes no one's
///   earned amount; a claim of `a` subtracts `a × SCALE`.
/// - The true value of earned(h) lies in [0, 2^256): it is at most SCALE × (total deposits, < 2^128) + carry.
///   The two terms on its right-hand side may each leave that range, so they are computed with wrapping arithmetic
///   (as Uniswap v3 does for fee growth); modulo 2^256 their sum is exact, hence so is earned(h).
/// - Solvency: Σ_h earned(h) = SCALE × Σ deposits − carry − SCALE × Σ claims, and each holder is paid
///   floor(earned / SCALE), so Σ claimed + Σ claimable ≤ Σ deposited.
///
/// Who opens a book: every share move loops over the assets that have a book, so an asset's first deposit is a cost
/// borne by every later mover. Only the token's owner, the token's own Holdings realizing a gain, or the distributor
/// of another personal token of the same factory passing on a gain through `claimFor` (which sends that token as the
/// memo), may make it (`AssetBookNotOpen` otherwise); once a book is open, anyone may add to it.
contract GainsDistributor is ReentrancyGuard, IGainsDistributor {
    using SafeERC20 for IERC20;

    /// @notice Fixed-point scale of `perShare`.
    uint256 public constant SCALE = 1e36;
    /// @notice Most assets a distributor accepts, ETH and the quote asset included (each costs every share move).
    uint256 public constant MAX_ASSETS = 4;
    /// @notice Most of one asset ever deposited: one below 2^128 − 1, so totals and the claimed counter (stored
    /// plus one) fit 128 bits and `SCALE × deposits` stays far below 2^256.
    uint256 public constant MAX_TOTAL_DEPOSITS = type(uint128).max - 1;

    struct Book {
        // < 2^248: SCALE × MAX_TOTAL_DEPOSITS + carry < 2^248, and the supply is at least 1.
        uint248 perShare;
        // Used in book 0 only: the number of active assets. It shares the slot every share move reads anyway.
        uint8 activeCount;
        uint128 deposited;
        uint128 carry;
        // Stored plus one from the asset's first distribution on, so the first claim of an asset rewrites a
        // non-zero slot (2.9k gas) instead of filling an empty one (22.1k).
        uint128 claimedPlusOne;
    }

    address private immutable _implementation;

    /// @dev Assets that have had a distribution, in order of their first one; index i is `_books[i]`, and their
    /// number is `_books[0].activeCount`.
    mapping(uint256 index => Book) private _books;
    mapping(address asset => uint256 indexPlusOne) private _indexOf;
    /// @dev Accepted assets beyond ETH and the quote asset.
    address[] private _extraAssets;
    mapping(address asset => bool) private _isExtra;
    mapping(address holder => uint256[MAX_ASSETS]) private _corrections;

    /// @notice Deploys the implementation that every gains distributor clones.
    constructor() {
        _implementation = address(this);
    }

    /// @inheritdoc IGainsDistributor
    function distribute(address asset, uint256 amount, bytes32 memo) external payable nonReentrant {
        _requireClone();
        if (amount == 0) revert ISharedErrors.ZeroAmount();
        // 0 if the asset has no book yet. Still current after the ERC-20 pull below: only this guarded function
        // opens books. The opener is checked in each branch, before any interaction.
        uint256 index = _indexOf[asset];
        uint256 received = amount;
        if (asset == address(0)) {
            if (msg.value != amount) revert ISharedErrors.EthValueMismatch(msg.value, amount);
            if (index == 0) _requireBookOpener(asset, memo);
        } else {
            if (msg.value != 0) revert ISharedErrors.EthValueMismatch(msg.value, 0);
            // An asset with a book was accepted when the book opened, and an accepted asset stays accepted.
            if (index == 0) {
                if (!isAccepted(asset)) revert AssetNotAccepted(asset);
                _requireBookOpener(asset, memo);
            }
            // Credit what arrived, so fee-on-transfer assets cannot over-credit holders.
            uint256 balanceBefore = IERC20(asset).balanceOf(address(this));
            IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
            received = IERC20(asset).balanceOf(address(this)) - balanceBefore;
            if (received == 0) revert NothingReceived(asset, amount);
        }
        _credit(asset, index, received);
        emit GainDistributed(asset, msg.sender, received, memo);
    }

    /// @inheritdoc IGainsDistributor
    /// @dev Checks-effects-interactions: the entitlement is booked as claimed before the payout, so a re-entrant
    /// call finds nothing more to claim; no guard needed. (`distribute` is guarded: it measures what arrived.)
    function claim(address asset) external returns (uint256 amount) {
        amount = _settle(msg.sender, asset);
        emit GainClaimed(msg.sender, asset, msg.sender, amount);
        _pay(asset, msg.sender, amount);
    }

    /// @inheritdoc IGainsDistributor
    function claimFor(address holder, address asset) external returns (uint256 amount) {
        amount = _settle(holder, asset);
        IPersonalToken token_ = IPersonalToken(token());
        IPersonalTokenFactory factory = IPersonalTokenFactory(token_.factory());
        bytes32 memo = bytes32(uint256(uint160(address(token_))));
        if (factory.isToken(holder)) {
            // A personal token holding this one: its share of the gain flows on to its own holders.
            _forward(IPersonalToken(holder).distributor(), holder, asset, amount, memo);
            return amount;
        }
        address holdingToken = factory.tokenOfHoldings(holder);
        if (holdingToken != address(0)) {
            // A token's Holdings: the gain flows on to that token's holders, or waits in the Holdings for its owner
            // if that token's distributor does not accept the asset.
            address next = IPersonalToken(holdingToken).distributor();
            if (IGainsDistributor(next).isAccepted(asset)) {
                _forward(next, holder, asset, amount, memo);
            } else {
                emit GainClaimed(holder, asset, holder, amount);
                _pay(asset, holder, amount);
                IHoldings(holder).receiveGain(asset, amount, address(token_));
            }
            return amount;
        }
        emit GainClaimed(holder, asset, holder, amount);
        _pay(asset, holder, amount);
    }

    /// @inheritdoc IGainsDistributor
    function enableAsset(address asset) external {
        _requireClone();
        IPersonalToken token_ = IPersonalToken(token());
        if (msg.sender != token_.owner()) revert Ownable.OwnableUnauthorizedAccount(msg.sender);
        address quote = token_.quoteAsset();
        if (asset == address(0) || asset == quote || _isExtra[asset]) revert AssetAlreadyAccepted(asset);
        if (asset.code.length == 0) revert AssetNotContract(asset);
        uint256 accepted = (quote == address(0) ? 1 : 2) + _extraAssets.length;
        if (accepted == MAX_ASSETS) revert TooManyAssets(MAX_ASSETS);
        _extraAssets.push(asset);
        _isExtra[asset] = true;
        emit AssetEnabled(asset);
    }

    /// @inheritdoc IGainsDistributor
    function onBalanceChange(address from, address to, uint256 value) external {
        if (msg.sender != token()) revert ISharedErrors.CallerNotToken(msg.sender);
        uint256 count = _books[0].activeCount;
        for (uint256 i; i < count; ++i) {
            // Wrapping by design: see the contract notes; only the sum perShare × balance + correction matters.
            unchecked {
                uint256 delta = _books[i].perShare * value;
                if (from != address(0)) _corrections[from][i] += delta;
                _corrections[to][i] -= delta;
            }
        }
    }

    /// @inheritdoc IGainsDistributor
    function claimable(address holder, address asset) public view returns (uint256) {
        uint256 index = _indexOf[asset];
        if (index == 0) return 0;
        return _earned(holder, index - 1) / SCALE;
    }

    /// @inheritdoc IGainsDistributor
    function token() public view returns (address) {
        return address(bytes20(Clones.fetchCloneArgs(address(this))));
    }

    /// @inheritdoc IGainsDistributor
    function acceptedAssets() external view returns (address[] memory assets_) {
        address quote = IPersonalToken(token()).quoteAsset();
        uint256 base = quote == address(0) ? 1 : 2;
        uint256 extras = _extraAssets.length;
        assets_ = new address[](base + extras);
        assets_[base - 1] = quote;
        for (uint256 i; i < extras; ++i) {
            assets_[base + i] = _extraAssets[i];
        }
    }

    /// @inheritdoc IGainsDistributor
    function isAccepted(address asset) public view returns (bool) {
        return asset == address(0) || _isExtra[asset] || asset == IPersonalToken(token()).quoteAsset();
    }

    /// @inheritdoc IGainsDistributor
    function totals(address asset) external view returns (uint256 deposited, uint256 claimed) {
        uint256 index = _indexOf[asset];
        if (index == 0) return (0, 0);
        Book storage book = _books[index - 1];
        return (book.deposited, book.claimedPlusOne - 1);
    }

    /// @dev Credits `received` to the book at `index` (the asset's `_indexOf`), opening the asset's book if 0.
    function _credit(address asset, uint256 index, uint256 received) private {
        if (index == 0) {
            // Only accepted assets get here, and at most MAX_ASSETS (4) are ever accepted: the count fits 8 bits.
            index = ++_books[0].activeCount;
            _indexOf[asset] = index;
            _books[index - 1].claimedPlusOne = 1;
        }
        Book storage book = _books[index - 1];
        uint256 deposited = book.deposited + received;
        if (deposited > MAX_TOTAL_DEPOSITS) revert DepositLimitExceeded(asset);
        uint256 supply = IERC20(token()).totalSupply();
        // received < 2^128 and carry < supply ≤ 10^36, so scaled < 2^248: no overflow.
        uint256 scaled = received * SCALE + book.carry;
        uint256 increase = scaled / supply;
        // perShare stays below 2^248 (see the struct), so the narrowing is exact.
        book.perShare = uint248(book.perShare + increase);
        book.deposited = uint128(deposited);
        // The remainder is below the supply, itself ≤ 10^36 < 2^120 (PersonalToken.MAX_SUPPLY).
        book.carry = uint128(scaled - increase * supply);
    }

    /// @dev Reverts unless the caller may make the first deposit in `asset` (see the contract notes): the token's
    /// owner, the token's own Holdings (a factory clone that deposits only gains it realized), or the distributor of a
    /// personal token of the same factory, named by the memo, that passes a gain on.
    /// Not spoofable: the factory lists only tokens it created, and such a token derives its distributor's address by
    /// CREATE2 from the factory, where only the factory can deploy, and only the distributor clone. That clone calls
    /// `distribute` only from `claimFor`, with its own token as memo and an amount a holder earned there. Whether the
    /// forwarding token still holds shares does not matter: a token that was kicked keeps what it earned.
    function _requireBookOpener(address asset, bytes32 memo) private view {
        IPersonalToken token_ = IPersonalToken(token());
        if (msg.sender == token_.owner()) return;
        IPersonalTokenFactory factory = IPersonalTokenFactory(token_.factory());
        // The token's own Holdings realizing a gain.
        if (factory.tokenOfHoldings(msg.sender) == address(token_)) return;
        address payer = address(uint160(uint256(memo)));
        if (factory.isToken(payer) && IPersonalToken(payer).distributor() == msg.sender) return;
        revert AssetBookNotOpen(asset, msg.sender);
    }

    /// @dev Books `holder`'s whole entitlement in `asset` as claimed and returns it.
    function _settle(address holder, address asset) private returns (uint256 amount) {
        _requireClone();
        uint256 index = _indexOf[asset];
        if (index != 0) amount = _earned(holder, index - 1) / SCALE;
        if (amount == 0) revert NothingToClaim(holder, asset);
        Book storage book = _books[index - 1];
        // Wrapping by design (see the contract notes). The claimed total stays ≤ deposited ≤ MAX_TOTAL_DEPOSITS,
        // so the claimed counter (stored plus one) cannot overflow.
        unchecked {
            _corrections[holder][index - 1] -= amount * SCALE;
        }
        book.claimedPlusOne += uint128(amount);
    }

    /// @dev Deposits `holder`'s claimed `amount` into the `next` distributor, naming this token as the memo.
    function _forward(address next, address holder, address asset, uint256 amount, bytes32 memo) private {
        emit GainClaimed(holder, asset, next, amount);
        if (asset == address(0)) {
            IGainsDistributor(next).distribute{value: amount}(asset, amount, memo);
        } else {
            IERC20(asset).forceApprove(next, amount);
            IGainsDistributor(next).distribute(asset, amount, memo);
        }
    }

    function _pay(address asset, address to, uint256 amount) private {
        if (asset == address(0)) Address.sendValue(payable(to), amount);
        else IERC20(asset).safeTransfer(to, amount);
    }

    function _earned(address holder, uint256 i) private view returns (uint256 earned) {
        uint256 balance = IERC20(token()).balanceOf(holder);
        unchecked {
            earned = _books[i].perShare * balance + _corrections[holder][i];
        }
    }

    function _requireClone() private view {
        if (address(this) == _implementation) revert ISharedErrors.ImplementationNotUsable();
    }
}
