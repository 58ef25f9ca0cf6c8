// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC7943Fungible} from "./interfaces/IERC7943.sol";
import {ISharedErrors} from "./interfaces/ISharedErrors.sol";
import {IShareMarket} from "./interfaces/IShareMarket.sol";
import {IPersonalToken} from "./interfaces/IPersonalToken.sol";
import {IPersonalTokenFactory} from "./interfaces/IPersonalTokenFactory.sol";
import {IHoldings} from "./interfaces/IHoldings.sol";
import {IInvestorRegistry} from "./interfaces/IInvestorRegistry.sol";
import {MAX_SHARE_SUPPLY} from "./Limits.sol";
import {ShareMath} from "./libraries/ShareMath.sol";

/// @title ShareMarket
/// @notice One market for every personal token: offerings that raise capital, owner-approved secondary sales, and
/// kicks with their buyback escrow. Shares move only through the token's market-only functions (`settleTrade`,
/// `kickOut`), so every share rule (receiver, cap, freeze, lock, pause) still applies; the market adds prices and
/// payments. Calls run one way, market → token: the market records an all-or-nothing offering's reservation in the
/// token when the offering opens, sells, settles, refunds or is cancelled, and the token never calls back.
/// @dev Invariants (tested in the invariant suite):
/// - per offering, Σ paid by buyers = Σ credited or paid to the owner + Σ refundable (pending or credited back);
/// - the market holds, per asset, at least Σ withdrawable + Σ pending all-or-nothing payments (solvency);
/// - an all-or-nothing offering reserves its shares in the token's cap checks (and, if dilutive, in its supply bound)
///   from opening until its end, and each pending purchase until its settlement or refund;
/// - every pending purchase can always be settled: delivered while it can be (anyone may), otherwise refunded (by
///   its buyer, or by anyone once the grace period after the end has passed). Delivery never fails for want of
///   supply or cap room, because every other mint and move counts the reservation.
/// The market trusts only tokens its factory created (`factory.isToken`), so creating a token costs it nothing.
contract ShareMarket is ReentrancyGuard, IShareMarket {
    using SafeERC20 for IERC20;

    /// @notice The registry where kicks build an investor's reputation.
    IInvestorRegistry public immutable registry;
    /// @notice The factory whose tokens the market trusts (bound once at deployment).
    IPersonalTokenFactory public factory;
    /// @notice Offerings opened so far; ids run from 1.
    uint256 public offeringCount;
    /// @notice Listings created so far; ids run from 1.
    uint256 public listingCount;
    /// @notice After an all-or-nothing offering's end, how long a purchase that cannot be delivered stays refundable
    /// only by its buyer; then anyone may refund it, so an offering is finished at the latest this long after its end.
    uint256 public constant SETTLEMENT_GRACE_PERIOD = 7 days;

    address private immutable _deployer;
    mapping(uint256 offeringId => Offering) private _offerings;
    mapping(uint256 offeringId => mapping(address buyer => Position)) private _positions;
    mapping(uint256 offeringId => mapping(address account => bool)) private _allowlisted;
    mapping(address token => uint256 offeringId) private _latestOffering;
    mapping(uint256 listingId => Listing) private _listings;
    mapping(address holder => mapping(address asset => uint256)) private _withdrawable;

    /// @notice Deploys the market; the deployer binds the factory once it exists.
    /// @param registry_ The shared investor registry.
    constructor(IInvestorRegistry registry_) {
        registry = registry_;
        _deployer = msg.sender;
    }

    /// @inheritdoc IShareMarket
    function bindFactory(address factory_) external {
        if (msg.sender != _deployer) revert ISharedErrors.CallerNotDeployer(msg.sender);
        if (address(factory) != address(0)) revert ISharedErrors.AlreadyBound(address(factory));
        if (factory_ == address(0)) revert ISharedErrors.BindingToZeroAddress();
        factory = IPersonalTokenFactory(factory_);
        emit FactoryBound(factory_);
    }

    // ───────────────────────────── offerings ─────────────────────────────

    /// @inheritdoc IShareMarket
    function openOffering(
        OfferingTerms calldata terms,
        address[] calldata allowlist
    ) external returns (uint256 offeringId) {
        IPersonalToken token = _trusted(terms.token);
        address owner_ = token.owner();
        if (msg.sender != owner_) revert Ownable.OwnableUnauthorizedAccount(msg.sender);
        _checkTerms(terms);
        uint256 previous = _latestOffering[address(token)];
        if (previous != 0 && !isFinished(previous)) revert OfferingInProgress(previous);

        uint256 supply = token.totalSupply();
        // A dilutive offering may not promise more shares than can ever be minted.
        if (terms.dilutive && supply + terms.shares > MAX_SHARE_SUPPLY) {
            revert OfferingExceedsSupplyLimit(supply + terms.shares, MAX_SHARE_SUPPLY);
        }
        uint256 ownerBalance = token.balanceOf(owner_);
        if (!terms.dilutive) {
            // A sell-down moves the owner's shares: her sender rules hold from the opening on.
            if (!token.canSend(owner_)) revert IERC7943Fungible.ERC7943CannotSend(owner_);
            uint256 movable = token.movableBalanceOf(owner_);
            if (terms.shares > movable) revert OfferingExceedsOwnerBalance(terms.shares, movable);
        }
        uint256 outsideAfter = supply - ownerBalance + terms.shares;
        uint256 maxOutside = ShareMath.maxOutside(terms.dilutive ? supply + terms.shares : supply, token.capBps());
        if (outsideAfter > maxOutside) revert OfferingExceedsCap(outsideAfter, maxOutside);

        offeringId = ++offeringCount;
        Offering storage o = _offerings[offeringId];
        o.terms = terms;
        // supply ≤ PersonalToken.MAX_SUPPLY < 2^120.
        o.supplyAtOpening = uint120(supply);
        if (allowlist.length != 0) {
            o.hasAllowlist = true;
            for (uint256 i; i < allowlist.length; ++i) {
                _allowlisted[offeringId][allowlist[i]] = true;
            }
        }
        _latestOffering[address(token)] = offeringId;
        emit OfferingOpened(offeringId, address(token), terms, allowlist);
        if (terms.minRaise != 0) token.openReservation(terms.shares, terms.end, terms.dilutive);
    }

    /// @inheritdoc IShareMarket
    function buy(uint256 offeringId, uint256 shares) external payable nonReentrant {
        Offering storage o = _offering(offeringId);
        OfferingTerms memory t = o.terms;
        Position storage p = _positions[offeringId][msg.sender];
        (address owner_, address quote) = _checkPurchase(offeringId, o, t, p, shares);
        uint256 due = ShareMath.costOf(shares, t.price);
        // sold ≤ offered ≤ MAX_SUPPLY < 2^120 (checked at opening: cap or MAX_SUPPLY).
        o.sold += uint120(shares);
        o.raised = SafeCast.toUint120(o.raised + due);
        p.bought += uint128(shares);
        if (t.minRaise == 0) {
            _collect(t.token, quote, msg.sender, owner_, due);
            emit Purchased(offeringId, t.token, msg.sender, quote, shares, due, true);
            IPersonalToken(t.token).settleTrade(t.dilutive ? address(0) : owner_, msg.sender, shares, t.price, due);
        } else {
            _collect(t.token, quote, msg.sender, address(this), due);
            if (p.pendingShares == 0) ++o.unsettled;
            o.pendingShares += uint128(shares);
            p.pendingShares += uint128(shares);
            p.pendingPaid += uint128(due);
            emit Purchased(offeringId, t.token, msg.sender, quote, shares, due, false);
            IPersonalToken(t.token).updateReservation(o.pendingShares, o.raised >= t.minRaise);
        }
    }

    /// @inheritdoc IShareMarket
    function cancelOffering(uint256 offeringId) external {
        Offering storage o = _offering(offeringId);
        if (msg.sender != IPersonalToken(o.terms.token).owner()) revert Ownable.OwnableUnauthorizedAccount(msg.sender);
        if (o.cancelled) revert OfferingIsCancelled(offeringId);
        if (block.timestamp > o.terms.end) revert OfferingEnded(offeringId, o.terms.end);
        o.cancelled = true;
        emit OfferingCancelled(offeringId);
        if (o.terms.minRaise != 0) IPersonalToken(o.terms.token).closeReservation();
    }

    /// @inheritdoc IShareMarket
    function settle(uint256 offeringId, address buyer) external nonReentrant {
        Offering storage o = _offering(offeringId);
        OfferingTerms memory t = o.terms;
        if (!o.cancelled && block.timestamp <= t.end) revert OfferingNotEnded(offeringId);
        Position storage p = _positions[offeringId][buyer];
        uint256 shares = p.pendingShares;
        if (shares == 0) revert NothingToSettle(offeringId, buyer);
        uint256 paid = p.pendingPaid;
        p.pendingShares = 0;
        p.pendingPaid = 0;
        --o.unsettled;
        o.pendingShares -= uint128(shares);

        IPersonalToken token = IPersonalToken(t.token);
        address quote = token.quoteAsset();
        address owner_ = token.owner();
        bool minimumReached = !o.cancelled && o.raised >= t.minRaise;
        // The purchase leaves the token's reservation first, so delivery is asked and made as `settleTrade` sees it.
        if (!o.cancelled) token.updateReservation(o.pendingShares, minimumReached);
        if (minimumReached && token.canDeliver(t.dilutive ? address(0) : owner_, buyer, shares)) {
            _credit(owner_, address(token), quote, paid, CreditReason.SaleProceeds);
            emit PurchaseSettled(offeringId, address(token), buyer, quote, shares, paid, true);
            token.settleTrade(t.dilutive ? address(0) : owner_, buyer, shares, t.price, paid);
        } else {
            if (minimumReached && msg.sender != buyer) {
                uint256 openToAllAfter = t.end + SETTLEMENT_GRACE_PERIOD;
                if (block.timestamp <= openToAllAfter) revert RefundReservedForBuyer(offeringId, buyer, openToAllAfter);
            }
            _credit(buyer, address(token), quote, paid, CreditReason.Refund);
            emit PurchaseSettled(offeringId, address(token), buyer, quote, shares, paid, false);
        }
        _releaseIfSettled(offeringId, o, address(token));
    }

    // ───────────────────────────── secondary sales ─────────────────────────────

    /// @inheritdoc IShareMarket
    function list(
        address token,
        uint256 amount,
        uint256 pricePerShare,
        address buyer,
        uint64 expiry
    ) external returns (uint256 listingId) {
        IPersonalToken t = _trusted(token);
        address seller = msg.sender;
        if (seller == t.owner()) revert OwnerCannotList(seller);
        if (amount == 0) revert ISharedErrors.ZeroAmount();
        if (pricePerShare == 0) revert ListingWithoutPrice();
        if (pricePerShare > type(uint128).max) revert ListingPriceTooHigh(pricePerShare, type(uint128).max);
        if (expiry < block.timestamp) revert ListingExpiryInPast(expiry, block.timestamp);
        uint256 balance = t.balanceOf(seller);
        if (amount > balance) revert IERC20Errors.ERC20InsufficientBalance(seller, balance, amount);
        if (buyer == seller) revert SellerCannotBuy(seller);
        listingId = ++listingCount;
        // amount ≤ the seller's balance ≤ MAX_SUPPLY < 2^128; the price was bounded above.
        _listings[listingId] = Listing({
            token: token,
            seller: seller,
            amount: uint128(amount),
            filled: 0,
            price: uint128(pricePerShare),
            approvalEpoch: 0,
            buyer: buyer,
            expiry: expiry,
            approved: false,
            cancelled: false,
            byHoldings: factory.tokenOfHoldings(seller) != address(0)
        });
        emit Listed(listingId, token, seller, amount, pricePerShare, buyer, expiry);
    }

    /// @inheritdoc IShareMarket
    function approveListing(uint256 listingId) external {
        Listing storage entry = _openListing(listingId);
        IPersonalToken token = IPersonalToken(entry.token);
        if (msg.sender != token.owner()) revert Ownable.OwnableUnauthorizedAccount(msg.sender);
        entry.approved = true;
        entry.approvalEpoch = token.ownerEpoch();
        emit ListingApproved(listingId);
    }

    /// @inheritdoc IShareMarket
    function revokeListingApproval(uint256 listingId) external {
        Listing storage entry = _openListing(listingId);
        IPersonalToken token = IPersonalToken(entry.token);
        if (msg.sender != token.owner()) revert Ownable.OwnableUnauthorizedAccount(msg.sender);
        if (!entry.approved || entry.approvalEpoch != token.ownerEpoch()) revert ListingNotApproved(listingId);
        entry.approved = false;
        emit ListingApprovalRevoked(listingId);
    }

    /// @inheritdoc IShareMarket
    function cancelListing(uint256 listingId) external {
        Listing storage entry = _openListing(listingId);
        if (msg.sender != entry.seller) revert CallerNotSeller(msg.sender);
        entry.cancelled = true;
        emit ListingCancelled(listingId);
    }

    /// @inheritdoc IShareMarket
    function fill(uint256 listingId, uint256 shares) external payable nonReentrant {
        _fill(listingId, _listing(listingId), shares);
    }

    /// @inheritdoc IShareMarket
    function fillWithApproval(
        uint256 listingId,
        uint256 shares,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external payable nonReentrant {
        Listing storage entry = _openListing(listingId);
        IPersonalToken token = IPersonalToken(entry.token);
        // The signature becomes the listing's on-chain approval in this call, as a `permit` would, and is then used.
        token.useListingApproval(
            entry.seller,
            entry.amount,
            entry.price,
            entry.buyer,
            entry.expiry,
            nonce,
            deadline,
            signature
        );
        entry.approved = true;
        entry.approvalEpoch = token.ownerEpoch();
        emit ListingApproved(listingId);
        _fill(listingId, entry, shares);
    }

    // ───────────────────────────── kicks and escrow ─────────────────────────────

    /// @inheritdoc IShareMarket
    function kick(address token, address holder, uint256 pricePerShare) external payable nonReentrant {
        IPersonalToken t = _trusted(token);
        address owner_ = t.owner();
        if (msg.sender != owner_) revert Ownable.OwnableUnauthorizedAccount(msg.sender);
        uint256 floor = t.kickFloor(holder);
        if (pricePerShare < floor) revert KickPriceTooLow(pricePerShare, floor);
        (uint256 bought, uint256 unvested, bool countsForReputation) = t.kickOut(holder);
        uint256 due = ShareMath.costOf(bought, pricePerShare);
        address quote = t.quoteAsset();
        if (factory.tokenOfHoldings(holder) != address(0)) {
            // A Holdings holds only ERC-20-quoted shares and buys no all-or-nothing offering: it is paid at once and
            // realizes the sale in this transaction.
            _collect(token, quote, owner_, holder, due);
            emit KickPaid(token, holder, pricePerShare, due);
            IHoldings(holder).onSale(token, quote, owner_, bought + unvested, due);
        } else {
            _collect(token, quote, owner_, address(this), due);
            _credit(holder, token, quote, due, CreditReason.Buyback);
            emit KickEscrowed(token, holder, pricePerShare, due);
            _refundKickedBuyer(token, quote, holder);
        }
        if (countsForReputation) registry.recordKick(holder);
    }

    /// @inheritdoc IShareMarket
    function withdraw(address asset, address to) external nonReentrant {
        if (to == address(0)) revert ZeroRecipient();
        uint256 amount = _withdrawable[msg.sender][asset];
        if (amount == 0) revert NothingToWithdraw(msg.sender, asset);
        _withdrawable[msg.sender][asset] = 0;
        emit Withdrawn(msg.sender, asset, to, amount);
        if (asset == address(0)) Address.sendValue(payable(to), amount);
        else IERC20(asset).safeTransfer(to, amount);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IShareMarket
    function withdrawable(address holder, address asset) external view returns (uint256) {
        return _withdrawable[holder][asset];
    }

    /// @inheritdoc IShareMarket
    function offering(uint256 offeringId) external view returns (Offering memory) {
        return _offerings[offeringId];
    }

    /// @inheritdoc IShareMarket
    function position(uint256 offeringId, address buyer) external view returns (Position memory) {
        return _positions[offeringId][buyer];
    }

    /// @inheritdoc IShareMarket
    function isAllowlisted(uint256 offeringId, address account) external view returns (bool) {
        return _allowlisted[offeringId][account];
    }

    /// @inheritdoc IShareMarket
    function listing(uint256 listingId) external view returns (Listing memory entry) {
        entry = _listings[listingId];
        if (entry.approved && entry.approvalEpoch != IPersonalToken(entry.token).ownerEpoch()) entry.approved = false;
    }

    /// @inheritdoc IShareMarket
    function latestOffering(address token) external view returns (uint256) {
        return _latestOffering[token];
    }

    /// @inheritdoc IShareMarket
    function isFinished(uint256 offeringId) public view returns (bool) {
        Offering storage o = _offering(offeringId);
        return o.cancelled || (block.timestamp > o.terms.end && o.unsettled == 0);
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Everything a purchase must pass; returns the token's owner. Besides timing, pause and eligibility: the
    /// per-investor limits and the allowlist, or during a dilutive offering's priority window the pro-rata
    /// entitlement floor((balance − shares already delivered from this offering) × offered / supply at opening).
    function _checkPurchase(
        uint256 offeringId,
        Offering storage o,
        OfferingTerms memory t,
        Position storage p,
        uint256 shares
    ) private view returns (address owner_, address quote) {
        if (o.cancelled) revert OfferingIsCancelled(offeringId);
        if (block.timestamp < t.start) revert OfferingNotStarted(offeringId, t.start);
        if (block.timestamp > t.end) revert OfferingEnded(offeringId, t.end);
        if (shares == 0) revert ISharedErrors.ZeroAmount();
        IPersonalToken token = IPersonalToken(t.token);
        address buyer = msg.sender;
        bool isPaused;
        bool receivable;
        (owner_, quote, isPaused, receivable, ) = token.tradeContext(buyer);
        if (isPaused) revert ISharedErrors.EnforcedPause();
        if (buyer == owner_) revert OwnerCannotBuy(buyer);
        if (!receivable) _revertNotReceivable(token, buyer);
        uint256 available = t.shares - o.sold;
        if (shares > available) revert NotEnoughShares(shares, available);
        uint256 cumulative = p.bought + shares;
        uint256 max = t.maxPerInvestor == 0 ? type(uint256).max : t.maxPerInvestor;
        if (t.dilutive && block.timestamp < t.start + t.priorityWindow) {
            // Only holders (before this offering's deliveries) with the right may buy in the window.
            uint256 held = _heldBeforeOffering(token, buyer, p);
            if (held == 0) revert PriorityWindowForHolders(buyer, t.start + t.priorityWindow);
            if (!token.hasProRataRight(buyer)) revert ProRataRightRevoked(buyer);
            if (cumulative > max) revert PurchaseAboveMaximum(cumulative, max);
            uint256 entitled = (held * t.shares) / o.supplyAtOpening;
            if (cumulative > entitled) revert PurchaseAboveEntitlement(cumulative, entitled);
        } else {
            if (o.hasAllowlist && !_allowlisted[offeringId][buyer]) revert BuyerNotAllowlisted(offeringId, buyer);
            if (cumulative > max) revert PurchaseAboveMaximum(cumulative, max);
            uint256 min = shares == available ? 0 : t.minPerInvestor;
            if (cumulative < min) revert PurchaseBelowMinimum(cumulative, min);
        }
    }

    /// @dev Every offering term that stands on its own, one error per rule.
    function _checkTerms(OfferingTerms calldata terms) private view {
        if (terms.shares == 0) revert OfferingWithoutShares();
        if (terms.price == 0) revert OfferingWithoutPrice();
        if (terms.end < terms.start) revert OfferingEndsBeforeStart(terms.start, terms.end);
        if (terms.end < block.timestamp) revert OfferingEndInPast(terms.end, block.timestamp);
        if (terms.maxPerInvestor != 0 && terms.minPerInvestor > terms.maxPerInvestor) {
            revert InvestorMinimumAboveMaximum(terms.minPerInvestor, terms.maxPerInvestor);
        }
        if (!terms.dilutive && terms.priorityWindow != 0) revert PriorityWindowOnSellDown(terms.priorityWindow);
        if (terms.priorityWindow > terms.end - terms.start) {
            revert PriorityWindowTooLong(terms.priorityWindow, terms.end - terms.start);
        }
    }

    /// @dev A buyer the token would not let receive: kicked, or neither the owner nor a verified investor (the
    /// token's own receiver errors, so the market and the token refuse one rule with one error).
    function _revertNotReceivable(IPersonalToken token, address buyer) private view {
        if (token.isKicked(buyer)) revert IPersonalToken.ReceiverKicked(buyer);
        revert IERC7943Fungible.ERC7943CannotReceive(buyer);
    }

    /// @dev The buyer's balance minus what this offering already delivered to it, floored at zero (it may have
    /// moved delivered shares away since).
    function _heldBeforeOffering(
        IPersonalToken token,
        address buyer,
        Position storage p
    ) private view returns (uint256) {
        uint256 balance = token.balanceOf(buyer);
        uint256 delivered = p.bought - p.pendingShares;
        return balance > delivered ? balance - delivered : 0;
    }

    function _fill(uint256 listingId, Listing storage entry, uint256 shares) private {
        if (entry.cancelled) revert ListingIsCancelled(listingId);
        if (block.timestamp > entry.expiry) revert ListingExpired(listingId, entry.expiry);
        IPersonalToken token = IPersonalToken(entry.token);
        address buyer = msg.sender;
        (, address quote, bool isPaused, bool receivable, uint64 epoch) = token.tradeContext(buyer);
        // An approval given before the last ownership move is void.
        if (!entry.approved || entry.approvalEpoch != epoch) revert ListingNotApproved(listingId);
        if (shares == 0) revert ISharedErrors.ZeroAmount();
        {
            uint256 available = entry.amount - entry.filled;
            if (shares > available) revert NotEnoughShares(shares, available);
        }
        if (isPaused) revert ISharedErrors.EnforcedPause();
        if (entry.buyer != address(0) && buyer != entry.buyer) revert ListingReservedForBuyer(listingId, entry.buyer);
        if (buyer == entry.seller) revert SellerCannotBuy(buyer);
        if (!receivable) _revertNotReceivable(token, buyer);
        uint256 price = entry.price;
        uint256 due = ShareMath.costOf(shares, price);
        // shares ≤ available < 2^128.
        entry.filled += uint128(shares);
        address seller = entry.seller;
        _collect(address(token), quote, buyer, seller, due);
        emit ListingFilled(listingId, address(token), buyer, seller, quote, shares, due);
        token.settleTrade(seller, buyer, shares, price, due);
        if (entry.byHoldings) IHoldings(seller).onSale(address(token), quote, buyer, shares, due);
    }

    /// @dev A kicked buyer's pending all-or-nothing purchase becomes a refund. Before the end its shares are offered
    /// again; after it, the offering's outcome stands.
    function _refundKickedBuyer(address token, address quote, address holder) private {
        uint256 id = _latestOffering[token];
        if (id == 0) return;
        Position storage p = _positions[id][holder];
        uint256 shares = p.pendingShares;
        if (shares == 0) return;
        Offering storage o = _offerings[id];
        uint256 paid = p.pendingPaid;
        p.pendingShares = 0;
        p.pendingPaid = 0;
        --o.unsettled;
        o.pendingShares -= uint128(shares);
        if (!o.cancelled && block.timestamp <= o.terms.end) {
            p.bought -= uint128(shares);
            o.sold -= uint120(shares);
            o.raised -= uint120(paid);
        }
        if (!o.cancelled) IPersonalToken(token).updateReservation(o.pendingShares, o.raised >= o.terms.minRaise);
        _credit(holder, token, quote, paid, CreditReason.Refund);
        emit PurchaseSettled(id, token, holder, quote, shares, paid, false);
        _releaseIfSettled(id, o, token);
    }

    /// @dev Once an ended offering has no pending purchase left, it reserves nothing: the token's reservation closes.
    function _releaseIfSettled(uint256 offeringId, Offering storage o, address token) private {
        if (
            o.pendingShares == 0 &&
            !o.cancelled &&
            block.timestamp > o.terms.end &&
            _latestOffering[token] == offeringId
        ) IPersonalToken(token).closeReservation();
    }

    /// @dev Takes `due` for `token`'s shares from `payer`: ETH must come as `msg.value` and is credited to `recipient`
    /// as sale proceeds (kept if the recipient is the market); an ERC-20 moves straight from payer to recipient and
    /// must arrive in full.
    function _collect(address token, address asset, address payer, address recipient, uint256 due) private {
        if (asset == address(0)) {
            if (msg.value != due) revert ISharedErrors.EthValueMismatch(msg.value, due);
            if (recipient != address(this)) _credit(recipient, token, asset, due, CreditReason.SaleProceeds);
        } else {
            if (msg.value != 0) revert ISharedErrors.EthValueMismatch(msg.value, 0);
            if (due == 0) return;
            uint256 before = IERC20(asset).balanceOf(recipient);
            IERC20(asset).safeTransferFrom(payer, recipient, due);
            uint256 received = IERC20(asset).balanceOf(recipient) - before;
            if (received != due) revert PaymentShortfall(due, received);
        }
    }

    function _credit(address holder, address token, address asset, uint256 amount, CreditReason reason) private {
        if (amount == 0) return;
        _withdrawable[holder][asset] += amount;
        emit Credited(holder, token, asset, amount, reason);
    }

    function _trusted(address token) private view returns (IPersonalToken) {
        if (!factory.isToken(token)) revert UnknownToken(token);
        return IPersonalToken(token);
    }

    function _offering(uint256 offeringId) private view returns (Offering storage o) {
        o = _offerings[offeringId];
        if (o.terms.token == address(0)) revert UnknownOffering(offeringId);
    }

    function _listing(uint256 listingId) private view returns (Listing storage entry) {
        entry = _listings[listingId];
        if (entry.token == address(0)) revert UnknownListing(listingId);
    }

    function _openListing(uint256 listingId) private view returns (Listing storage entry) {
        entry = _listing(listingId);
        if (entry.cancelled) revert ListingIsCancelled(listingId);
        if (entry.filled == entry.amount) revert ListingSoldOut(listingId);
    }
}
