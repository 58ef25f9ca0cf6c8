// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IHoldings} from "./interfaces/IHoldings.sol";
import {IShareMarket} from "./interfaces/IShareMarket.sol";
import {IPersonalToken} from "./interfaces/IPersonalToken.sol";
import {IPersonalTokenFactory} from "./interfaces/IPersonalTokenFactory.sol";
import {IGainsDistributor} from "./interfaces/IGainsDistributor.sol";
import {ISharedErrors} from "./interfaces/ISharedErrors.sol";
import {ShareMath} from "./libraries/ShareMath.sol";

/// @title Holdings
/// @notice A personal token's positions in other personal tokens, whose realized gains reach the token's holders.
/// @dev One ERC-1167 clone per token, created by the factory at a deterministic address; its immutable argument is
/// the token. Control follows the token's `owner()`, read at each call.
///
/// Accounting (the invariant suite checks each line):
/// - per asset, this contract's balance = `capital` + `pending`: every transfer in or out books one of them;
/// - a sale of `s` of `n` shares held realizes `basisSold = floor(basis × s / n)`, all of the basis when `s = n`, so
///   Σ basis sold + the basis left = Σ basis put in, across any sequence of partial sales;
/// - proceeds = capital credited + gain (distributed or pending): capital gets `min(proceeds, basisSold)`.
/// Basis uses the actual balance, so shares that arrive without a basis (an owner's sale, a grant, the arbiter's
/// forced transfer in) count at zero and dilute the average cost.
///
/// Calls: the owner's actions call the market (buy, list, cancel) and the held token (`pledge`); the market calls
/// back only `onSale`, after it moved the shares and paid, and only inside its own guarded `fill` and `kick`; the held
/// token calls `onForcedTransfer` from the arbiter's forced transfer; a distributor calls `receiveGain` from
/// `claimFor`. The guard keeps a realization from running inside another action of this Holdings. A realization
/// never reverts the sale for a distribution reason: a distribution that fails is booked as pending.
contract Holdings is ReentrancyGuard, IHoldings {
    using SafeERC20 for IERC20;

    /// @inheritdoc IHoldings
    IShareMarket public immutable market;
    address private immutable _implementation;

    mapping(address heldToken => uint256) private _basis;
    mapping(address heldToken => uint256) private _losses;
    mapping(address asset => uint256) private _capital;
    mapping(address asset => uint256) private _pending;

    /// @notice Deploys the implementation that every Holdings clones.
    /// @param market_ The share market shared by every personal token.
    constructor(IShareMarket market_) {
        market = market_;
        _implementation = address(this);
    }

    modifier onlyTokenOwner() {
        if (address(this) == _implementation) revert ISharedErrors.ImplementationNotUsable();
        if (msg.sender != IPersonalToken(token()).owner()) revert Ownable.OwnableUnauthorizedAccount(msg.sender);
        _;
    }

    // ───────────────────────────── capital ─────────────────────────────

    /// @inheritdoc IHoldings
    function depositCapital(address asset, uint256 amount) external onlyTokenOwner nonReentrant {
        if (amount == 0) revert ISharedErrors.ZeroAmount();
        uint256 before = IERC20(asset).balanceOf(address(this));
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(asset).balanceOf(address(this)) - before;
        _capital[asset] += received;
        emit CapitalDeposited(asset, msg.sender, received);
    }

    /// @inheritdoc IHoldings
    function withdrawCapital(address asset, uint256 amount) external onlyTokenOwner nonReentrant {
        if (amount == 0) revert ISharedErrors.ZeroAmount();
        _spend(asset, amount);
        emit CapitalWithdrawn(asset, msg.sender, amount);
        IERC20(asset).safeTransfer(msg.sender, amount);
    }

    // ───────────────────────────── positions ─────────────────────────────

    /// @inheritdoc IHoldings
    function pledge(address heldToken, uint256 shares) external onlyTokenOwner {
        if (shares == 0) revert ISharedErrors.ZeroAmount();
        _checkPosition(heldToken);
        uint256 basis = IPersonalToken(heldToken).pledge(msg.sender, shares);
        _basis[heldToken] += basis;
        emit Pledged(heldToken, msg.sender, shares, basis);
    }

    /// @inheritdoc IHoldings
    function buyOffering(uint256 offeringId, uint256 shares) external onlyTokenOwner nonReentrant {
        IShareMarket.OfferingTerms memory terms = market.offering(offeringId).terms;
        if (terms.token == address(0)) revert IShareMarket.UnknownOffering(offeringId);
        if (terms.minRaise != 0) revert AllOrNothingOffering(offeringId);
        address asset = _checkPosition(terms.token);
        uint256 cost = _pay(asset, ShareMath.costOf(shares, terms.price));
        market.buy(offeringId, shares);
        _bought(terms.token, asset, shares, cost);
    }

    /// @inheritdoc IHoldings
    function buyListing(uint256 listingId, uint256 shares) external onlyTokenOwner nonReentrant {
        IShareMarket.Listing memory entry = market.listing(listingId);
        if (entry.token == address(0)) revert IShareMarket.UnknownListing(listingId);
        if (entry.seller == msg.sender) revert ListingByOwner(listingId, msg.sender);
        address asset = _checkPosition(entry.token);
        uint256 cost = _pay(asset, ShareMath.costOf(shares, entry.price));
        market.fill(listingId, shares);
        _bought(entry.token, asset, shares, cost);
    }

    /// @inheritdoc IHoldings
    function list(
        address heldToken,
        uint256 amount,
        uint256 pricePerShare,
        address buyer,
        uint64 expiry
    ) external onlyTokenOwner returns (uint256 listingId) {
        return market.list(heldToken, amount, pricePerShare, buyer, expiry);
    }

    /// @inheritdoc IHoldings
    function cancelListing(uint256 listingId) external onlyTokenOwner {
        market.cancelListing(listingId);
    }

    /// @inheritdoc IHoldings
    function settlePending(address asset) external onlyTokenOwner nonReentrant {
        uint256 amount = _pending[asset];
        if (amount == 0) revert NothingPending(asset);
        _pending[asset] = 0;
        address distributor = IPersonalToken(token()).distributor();
        bool distributed = IGainsDistributor(distributor).isAccepted(asset);
        if (!distributed) _capital[asset] += amount;
        emit PendingSettled(asset, amount, distributed);
        if (distributed) {
            IERC20(asset).forceApprove(distributor, amount);
            IGainsDistributor(distributor).distribute(asset, amount, bytes32(uint256(uint160(address(this)))));
        }
    }

    // ───────────────────────────── hooks ─────────────────────────────

    /// @inheritdoc IHoldings
    function onSale(
        address heldToken,
        address asset,
        address buyer,
        uint256 shares,
        uint256 proceeds
    ) external nonReentrant {
        if (msg.sender != address(market)) revert ISharedErrors.CallerNotMarket(msg.sender);
        IPersonalToken token_ = IPersonalToken(token());
        if (buyer == token_.owner()) revert HoldingsOwnerCannotBuy(buyer);
        uint256 basisSold = _takeBasis(heldToken, shares);
        uint256 gain;
        uint256 loss;
        if (proceeds > basisSold) {
            gain = proceeds - basisSold;
            _capital[asset] += basisSold;
        } else {
            loss = basisSold - proceeds;
            _capital[asset] += proceeds;
            if (loss != 0) _losses[heldToken] += loss;
        }
        emit Realized(heldToken, asset, shares, proceeds, basisSold, gain, loss);
        if (gain != 0) _passOn(token_.distributor(), asset, gain, heldToken);
    }

    /// @inheritdoc IHoldings
    function onForcedTransfer(uint256 shares) external {
        if (!_factory().isToken(msg.sender)) revert ISharedErrors.CallerNotToken(msg.sender);
        emit ForcedOut(msg.sender, shares, _takeBasis(msg.sender, shares));
    }

    /// @inheritdoc IHoldings
    function receiveGain(address asset, uint256 amount, address source) external {
        if (!_factory().isToken(source) || IPersonalToken(source).distributor() != msg.sender) {
            revert CallerNotDistributor(msg.sender);
        }
        _pending[asset] += amount;
        emit GainPending(asset, source, amount);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IHoldings
    function token() public view returns (address) {
        return address(bytes20(Clones.fetchCloneArgs(address(this))));
    }

    /// @inheritdoc IHoldings
    function position(address heldToken) external view returns (uint256 basis, uint256 loss) {
        return (_basis[heldToken], _losses[heldToken]);
    }

    /// @inheritdoc IHoldings
    function capital(address asset) external view returns (uint256) {
        return _capital[asset];
    }

    /// @inheritdoc IHoldings
    function pending(address asset) external view returns (uint256) {
        return _pending[asset];
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Refuses a position the Holdings cannot realize into its token's distributor; returns its quote asset.
    function _checkPosition(address heldToken) private view returns (address asset) {
        if (!_factory().isToken(heldToken)) revert NotAPersonalToken(heldToken);
        address token_ = token();
        if (heldToken == token_) revert OwnTokenPosition(heldToken);
        asset = IPersonalToken(heldToken).quoteAsset();
        if (asset == address(0)) revert EthQuotedPosition(heldToken);
        // The same quote asset needs no question to the distributor, which always accepts its token's quote.
        if (asset != IPersonalToken(token_).quoteAsset()) {
            if (!IGainsDistributor(IPersonalToken(token_).distributor()).isAccepted(asset)) {
                revert QuoteNotAccepted(heldToken, asset);
            }
        }
    }

    /// @dev Takes `amount` out of capital and lets the market collect exactly that much.
    function _pay(address asset, uint256 amount) private returns (uint256) {
        _spend(asset, amount);
        IERC20(asset).forceApprove(address(market), amount);
        return amount;
    }

    function _spend(address asset, uint256 amount) private {
        uint256 available = _capital[asset];
        if (amount > available) revert InsufficientCapital(asset, available, amount);
        // Cannot underflow: checked just above.
        unchecked {
            _capital[asset] = available - amount;
        }
    }

    function _bought(address heldToken, address asset, uint256 shares, uint256 cost) private {
        _basis[heldToken] += cost;
        emit Bought(heldToken, asset, shares, cost);
    }

    /// @dev Removes the basis of `shares` that just left (the balance is already the remainder): average cost,
    /// rounded down so the gain is never understated; the last share takes what is left.
    function _takeBasis(address heldToken, uint256 shares) private returns (uint256 taken) {
        uint256 basis = _basis[heldToken];
        uint256 remaining = IERC20(heldToken).balanceOf(address(this));
        taken = remaining == 0 ? basis : Math.mulDiv(basis, shares, shares + remaining);
        _basis[heldToken] = basis - taken;
    }

    /// @dev Distributes `amount` to the token's holders with `source` as the memo, or books it as pending if the
    /// distributor refuses it (an asset it does not accept, its deposit limit): the sale that realized it goes on.
    function _passOn(address distributor, address asset, uint256 amount, address source) private {
        IERC20(asset).forceApprove(distributor, amount);
        try IGainsDistributor(distributor).distribute(asset, amount, bytes32(uint256(uint160(source)))) {
            return;
        } catch {
            _pending[asset] += amount;
            emit GainPending(asset, source, amount);
        }
    }

    function _factory() private view returns (IPersonalTokenFactory) {
        return IPersonalTokenFactory(IPersonalToken(token()).factory());
    }
}
