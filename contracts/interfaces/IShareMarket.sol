// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Share market: priced offerings, owner-approved secondary sales and kick buybacks for every personal token
/// @notice Shares and money settle atomically in each token's quote asset. ERC-20 payments go straight from payer to
/// owner or seller (payers approve the market); ETH payments, refunds, buybacks and whatever an all-or-nothing
/// settlement pays out wait in `withdrawable` until their holder calls `withdraw`.
/// A price is in quote-asset base units per whole share (10^18 share units); `shares` cost
/// `ceil(shares × price / 10^18)`.
interface IShareMarket {
    /// @notice Why money was credited to a holder's `withdrawable` balance: `SaleProceeds`, the payment for the
    /// holder's shares (an ETH purchase or fill, or a delivered all-or-nothing purchase); `Refund`, an all-or-nothing
    /// purchase paid back (offering cancelled, minimum missed, not deliverable, or its buyer kicked); `Buyback`, a kick
    /// buying the holder's shares back.
    enum CreditReason {
        SaleProceeds,
        Refund,
        Buyback
    }

    /// @notice Terms of an offering.
    /// @param token The personal token.
    /// @param shares Shares offered.
    /// @param price Quote-asset base units per whole share.
    /// @param minPerInvestor Least cumulative purchase per investor; a purchase may go below it only if it takes all
    /// remaining shares.
    /// @param maxPerInvestor Most cumulative purchase per investor (0 = no maximum).
    /// @param start First second of the offering.
    /// @param end Last second of the offering.
    /// @param priorityWindow Seconds from `start` during which only holders with a pro-rata right may buy (dilutive
    /// offerings only).
    /// @param minRaise All-or-nothing threshold in quote units (0 = none: every purchase settles at once).
    /// @param dilutive True to mint new shares, false to sell the owner's own.
    struct OfferingTerms {
        address token;
        uint128 shares;
        uint128 price;
        uint128 minPerInvestor;
        uint128 maxPerInvestor;
        uint64 start;
        uint64 end;
        uint64 priorityWindow;
        uint128 minRaise;
        bool dilutive;
    }

    /// @notice State of an offering.
    /// @param terms Its terms.
    /// @param sold Shares bought so far (pending all-or-nothing purchases included).
    /// @param raised Quote units paid so far.
    /// @param cancelled True once the owner cancelled it.
    /// @param hasAllowlist True if only allowlisted addresses may buy outside the priority window.
    /// @param pendingShares Shares of all-or-nothing purchases not yet settled or refunded.
    /// @param supplyAtOpening Total supply when it opened (the base of pro-rata entitlements).
    /// @param unsettled Buyers with a pending all-or-nothing purchase.
    struct Offering {
        OfferingTerms terms;
        // Packed: a purchase reads these four in one slot.
        uint120 sold;
        uint120 raised;
        bool cancelled;
        bool hasAllowlist;
        uint128 pendingShares;
        uint120 supplyAtOpening;
        uint64 unsettled;
    }

    /// @notice One buyer's purchases in one offering.
    /// @param bought Shares bought (cumulative, for the per-investor limits).
    /// @param pendingShares Shares of its all-or-nothing purchases not yet settled.
    /// @param pendingPaid What it paid for them, held by the market.
    struct Position {
        uint128 bought;
        uint128 pendingShares;
        uint128 pendingPaid;
    }

    /// @notice A secondary-sale listing.
    /// @param token The token.
    /// @param seller The holder selling.
    /// @param amount Shares listed.
    /// @param filled Shares sold so far.
    /// @param price Quote units per whole share.
    /// @param buyer The only buyer allowed, or address(0).
    /// @param expiry Last second it can be filled.
    /// @param approvalEpoch The token's owner epoch when the owner approved it; the approval counts only while the
    /// epoch is current (an ownership move voids it).
    /// @param approved Whether the owner approved it (as read through `listing`: in the current owner epoch).
    /// @param cancelled Whether the seller cancelled it.
    /// @param byHoldings Whether the seller is a token's Holdings, whose sale the market reports to it to realize.
    struct Listing {
        address token;
        address seller;
        uint128 amount;
        uint128 filled;
        uint128 price;
        uint64 approvalEpoch;
        address buyer;
        uint64 expiry;
        bool approved;
        bool cancelled;
        bool byHoldings;
    }

    /// @notice An offering opened.
    /// @param offeringId The new offering.
    /// @param token The token.
    /// @param terms Its terms.
    /// @param allowlist Who alone may buy outside the priority window (empty: any verified investor).
    event OfferingOpened(uint256 indexed offeringId, address indexed token, OfferingTerms terms, address[] allowlist);

    /// @notice A purchase in an offering: settled at once, or pending until the all-or-nothing outcome.
    /// @param offeringId The offering.
    /// @param token The token.
    /// @param buyer The buyer.
    /// @param quoteAsset The asset paid (address(0) for ETH).
    /// @param shares Shares bought.
    /// @param paid Quote units paid.
    /// @param settled True if shares and payment already moved.
    event Purchased(
        uint256 indexed offeringId,
        address indexed token,
        address indexed buyer,
        address quoteAsset,
        uint256 shares,
        uint256 paid,
        bool settled
    );

    /// @notice A pending purchase was settled: its shares delivered (and the payment credited to the owner), or its
    /// payment credited back to the buyer.
    /// @param offeringId The offering.
    /// @param token The token.
    /// @param buyer The buyer.
    /// @param quoteAsset The asset paid (address(0) for ETH).
    /// @param shares Shares of the purchase.
    /// @param paid Quote units of the purchase.
    /// @param delivered True if the shares were delivered, false if refunded.
    event PurchaseSettled(
        uint256 indexed offeringId,
        address indexed token,
        address indexed buyer,
        address quoteAsset,
        uint256 shares,
        uint256 paid,
        bool delivered
    );

    /// @notice The owner cancelled an offering; pending purchases become refunds.
    /// @param offeringId The offering.
    event OfferingCancelled(uint256 indexed offeringId);

    /// @notice A holder listed shares for sale.
    /// @param listingId The new listing.
    /// @param token The token.
    /// @param seller The holder.
    /// @param amount Shares listed.
    /// @param price Quote units per whole share.
    /// @param buyer The only buyer allowed, or address(0) for any.
    /// @param expiry Last second the listing can be filled.
    event Listed(
        uint256 indexed listingId,
        address indexed token,
        address indexed seller,
        uint256 amount,
        uint256 price,
        address buyer,
        uint64 expiry
    );

    /// @notice The owner approved a listing (on-chain or by a signature presented with the fill).
    /// @param listingId The listing.
    event ListingApproved(uint256 indexed listingId);

    /// @notice The owner withdrew a listing's approval.
    /// @param listingId The listing.
    event ListingApprovalRevoked(uint256 indexed listingId);

    /// @notice The seller cancelled a listing.
    /// @param listingId The listing.
    event ListingCancelled(uint256 indexed listingId);

    /// @notice A listing was filled, in full or in part.
    /// @param listingId The listing.
    /// @param token The token.
    /// @param buyer The buyer.
    /// @param seller The seller.
    /// @param quoteAsset The asset paid (address(0) for ETH).
    /// @param shares Shares bought.
    /// @param paid Quote units paid.
    event ListingFilled(
        uint256 indexed listingId,
        address indexed token,
        address indexed buyer,
        address seller,
        address quoteAsset,
        uint256 shares,
        uint256 paid
    );

    /// @notice The owner kicked `holder` out of `token` and paid its buyback into escrow (`withdrawable`).
    /// @param token The token.
    /// @param holder The kicked holder.
    /// @param pricePerShare Price paid per whole share.
    /// @param amount Quote units escrowed for the holder: `ceil(sharesBoughtBack × pricePerShare / 10^18)`.
    event KickEscrowed(address indexed token, address indexed holder, uint256 pricePerShare, uint256 amount);

    /// @notice The owner bought a Holdings out: the buyback went straight to it, which realized the sale at once.
    /// @param token The token.
    /// @param holdings The Holdings kicked.
    /// @param pricePerShare The price per whole share.
    /// @param amount Quote units paid.
    event KickPaid(address indexed token, address indexed holdings, uint256 pricePerShare, uint256 amount);

    /// @notice `amount` of `asset` from trading `token` was credited to `holder`'s withdrawable balance. The credit
    /// is when the money became the holder's: a track record dates its cash flows here, not at `Withdrawn`.
    /// @param holder The holder.
    /// @param token The token the money comes from.
    /// @param asset The asset (address(0) for ETH).
    /// @param amount The amount.
    /// @param reason Why.
    event Credited(
        address indexed holder,
        address indexed token,
        address indexed asset,
        uint256 amount,
        CreditReason reason
    );

    /// @notice `holder` withdrew its whole escrowed balance of `asset` to `to`. The balance pools the credits of every
    /// token in that asset, so a withdrawal names no token: each `Credited` event says which token and why.
    /// @param holder The holder.
    /// @param asset The asset.
    /// @param to The recipient.
    /// @param amount The amount.
    event Withdrawn(address indexed holder, address indexed asset, address to, uint256 amount);

    /// @notice The factory whose tokens the market trusts was bound, once, at deployment.
    /// @param factory The factory.
    event FactoryBound(address factory);

    /// @notice The token was not created by this system's factory.
    /// @param token The address.
    error UnknownToken(address token);
    /// @notice Only the seller may cancel a listing.
    /// @param caller The caller.
    error CallerNotSeller(address caller);
    /// @notice An offering must offer at least one share unit.
    error OfferingWithoutShares();
    /// @notice An offering must have a price above zero.
    error OfferingWithoutPrice();
    /// @notice An offering cannot end before it starts.
    /// @param start Its start.
    /// @param end Its end.
    error OfferingEndsBeforeStart(uint64 start, uint64 end);
    /// @notice An offering cannot end in the past.
    /// @param end Its end.
    /// @param currentTime The block time.
    error OfferingEndInPast(uint64 end, uint256 currentTime);
    /// @notice The least an investor may buy cannot be above the most an investor may buy.
    /// @param minPerInvestor The minimum per investor.
    /// @param maxPerInvestor The maximum per investor.
    error InvestorMinimumAboveMaximum(uint128 minPerInvestor, uint128 maxPerInvestor);
    /// @notice Only a dilutive offering has a pro-rata priority window; a sell-down has none.
    /// @param priorityWindow The window asked for, in seconds.
    error PriorityWindowOnSellDown(uint64 priorityWindow);
    /// @notice The pro-rata priority window cannot last longer than the offering.
    /// @param priorityWindow The window asked for, in seconds.
    /// @param duration The offering's length, in seconds.
    error PriorityWindowTooLong(uint64 priorityWindow, uint64 duration);
    /// @notice A dilutive offering cannot promise more shares than the token may ever have.
    /// @dev The limit is `MAX_SUPPLY`.
    /// @param supplyAfter The supply once every offered share is minted.
    /// @param maxSupply The most the supply may be.
    error OfferingExceedsSupplyLimit(uint256 supplyAfter, uint256 maxSupply);
    /// @notice The token already has an unfinished offering.
    /// @param offeringId The unfinished offering.
    error OfferingInProgress(uint256 offeringId);
    /// @notice Selling every offered share would put more shares outside the owner's wallet than the cap allows.
    /// @param outsideShares Outside shares once every offered share is sold.
    /// @param maxOutsideShares The cap then.
    error OfferingExceedsCap(uint256 outsideShares, uint256 maxOutsideShares);
    /// @notice A sell-down offers more shares than the owner may move: her balance less frozen and locked shares.
    /// @param offered Shares offered.
    /// @param movableBalance The owner's movable balance.
    error OfferingExceedsOwnerBalance(uint256 offered, uint256 movableBalance);

    /// @notice Until the grace period after the offering's end, only the buyer may turn a purchase that cannot be
    /// delivered into a refund.
    /// @dev A purchase that cannot be delivered now (the buyer cannot receive, the token is paused, or the owner cannot
    /// send) is refunded only at its buyer's request until the grace period after the end has passed; then anyone may
    /// refund it.
    /// @param offeringId The offering.
    /// @param buyer The buyer.
    /// @param openToAllAfter The last second of the grace period.
    error RefundReservedForBuyer(uint256 offeringId, address buyer, uint256 openToAllAfter);
    /// @notice A kick pays at least the last price and the holder's average purchase price per share.
    /// @dev The floor is `token.kickFloor(holder)`.
    /// @param pricePerShare The price offered.
    /// @param minPricePerShare The least allowed.
    error KickPriceTooLow(uint256 pricePerShare, uint256 minPricePerShare);

    /// @notice There is no offering with this id.
    /// @param offeringId The id.
    error UnknownOffering(uint256 offeringId);
    /// @notice The offering has not started yet.
    /// @param offeringId The offering.
    /// @param start Its start.
    error OfferingNotStarted(uint256 offeringId, uint64 start);
    /// @notice The offering has ended: no more purchases, and it can no longer be cancelled.
    /// @param offeringId The offering.
    /// @param end Its end.
    error OfferingEnded(uint256 offeringId, uint64 end);
    /// @notice The owner cancelled this offering.
    /// @param offeringId The offering.
    error OfferingIsCancelled(uint256 offeringId);
    /// @notice Settlement waits for the offering's end or its cancellation.
    /// @param offeringId The offering.
    error OfferingNotEnded(uint256 offeringId);
    /// @notice Fewer shares are left than requested.
    /// @param requested Shares requested.
    /// @param available Shares left.
    error NotEnoughShares(uint256 requested, uint256 available);
    /// @notice The token's owner cannot buy her own shares.
    /// @param owner The owner.
    error OwnerCannotBuy(address owner);
    /// @notice Only the addresses on the offering's allowlist may buy in it.
    /// @param offeringId The offering.
    /// @param buyer The buyer.
    error BuyerNotAllowlisted(uint256 offeringId, address buyer);
    /// @notice During a dilutive offering's priority window only those who held shares before it may buy.
    /// @param buyer The buyer.
    /// @param windowEnd When the window ends and others may buy.
    error PriorityWindowForHolders(address buyer, uint256 windowEnd);
    /// @notice The holder lost its pro-rata right (the owner revoked it, or it was kicked), so it cannot buy in the
    /// priority window.
    /// @param buyer The buyer.
    error ProRataRightRevoked(address buyer);
    /// @notice The buyer's purchases in this offering would exceed the most one investor may buy.
    /// @param cumulative The buyer's cumulative purchase after this one.
    /// @param maximum The most one investor may buy.
    error PurchaseAboveMaximum(uint256 cumulative, uint256 maximum);
    /// @notice The buyer's purchases in this offering would stay below the least one investor must buy (unless it
    /// takes every remaining share).
    /// @param cumulative The buyer's cumulative purchase after this one.
    /// @param minimum The least one investor must buy.
    error PurchaseBelowMinimum(uint256 cumulative, uint256 minimum);
    /// @notice In the priority window a holder may buy at most its pro-rata share of the offering.
    /// @param cumulative The buyer's cumulative purchase after this one.
    /// @param entitlement Its pro-rata entitlement.
    error PurchaseAboveEntitlement(uint256 cumulative, uint256 entitlement);
    /// @notice The buyer has no pending purchase in this offering.
    /// @param offeringId The offering.
    /// @param buyer The buyer.
    error NothingToSettle(uint256 offeringId, address buyer);
    /// @notice The recipient received less than was paid (fee-on-transfer assets are refused).
    /// @param due The amount due.
    /// @param received What arrived.
    error PaymentShortfall(uint256 due, uint256 received);
    /// @notice The token's owner sells through offerings, not listings.
    /// @param owner The owner.
    error OwnerCannotList(address owner);
    /// @notice A listing must have a price above zero.
    error ListingWithoutPrice();
    /// @notice The price per share is too large for the market's accounting.
    /// @dev A listing's price per share must fit in 128 bits.
    /// @param pricePerShare The price asked.
    /// @param maxPricePerShare The highest price allowed.
    error ListingPriceTooHigh(uint256 pricePerShare, uint256 maxPricePerShare);
    /// @notice A listing cannot expire in the past.
    /// @param expiry The expiry asked.
    /// @param currentTime The block time.
    error ListingExpiryInPast(uint64 expiry, uint256 currentTime);
    /// @notice A seller cannot buy its own listing, nor reserve it for itself.
    /// @param seller The seller.
    error SellerCannotBuy(address seller);
    /// @notice The listing is reserved for another buyer.
    /// @param listingId The listing.
    /// @param buyer The only buyer allowed.
    error ListingReservedForBuyer(uint256 listingId, address buyer);
    /// @notice There is no listing with this id.
    /// @param listingId The id.
    error UnknownListing(uint256 listingId);
    /// @notice The seller cancelled this listing.
    /// @param listingId The listing.
    error ListingIsCancelled(uint256 listingId);
    /// @notice The listing has expired.
    /// @param listingId The listing.
    /// @param expiry Its expiry.
    error ListingExpired(uint256 listingId, uint64 expiry);
    /// @notice Every share of this listing has been sold.
    /// @param listingId The listing.
    error ListingSoldOut(uint256 listingId);
    /// @notice The token's owner has not approved this listing (or approved it before ownership last moved).
    /// @param listingId The listing.
    error ListingNotApproved(uint256 listingId);
    /// @notice There is nothing to withdraw in this asset.
    /// @param holder The caller.
    /// @param asset The asset.
    error NothingToWithdraw(address holder, address asset);
    /// @notice A withdrawal needs a recipient.
    error ZeroRecipient();

    /// @notice Binds the factory whose tokens the market trusts. Deployer only, once.
    /// @param factory The factory.
    function bindFactory(address factory) external;

    /// @notice Opens an offering of the caller's token. Token owner only; at most one unfinished offering per token.
    /// @param terms The terms.
    /// @param allowlist Who alone may buy (outside the priority window); empty for any verified investor.
    /// @return offeringId The new offering's id (from 1).
    function openOffering(
        OfferingTerms calldata terms,
        address[] calldata allowlist
    ) external returns (uint256 offeringId);

    /// @notice Buys `shares` in an open offering, paying `ceil(shares × price / 10^18)`.
    /// @param offeringId The offering.
    /// @param shares Shares to buy.
    function buy(uint256 offeringId, uint256 shares) external payable;

    /// @notice Cancels an offering before its end. Token owner only. Pending purchases become refunds; purchases
    /// already settled stand.
    /// @param offeringId The offering.
    function cancelOffering(uint256 offeringId) external;

    /// @notice Settles `buyer`'s pending all-or-nothing purchase after the end (or a cancellation). If the offering
    /// was cancelled or missed its minimum, anyone may refund it. Otherwise anyone may deliver it whenever it can be
    /// delivered (`token.canDeliver`); one that cannot be delivered now is refunded only by its buyer, or by anyone
    /// once `SETTLEMENT_GRACE_PERIOD` after the end has passed, so nobody picks the moment of a brief lapse and
    /// nothing waits forever.
    /// @param offeringId The offering.
    /// @param buyer The buyer.
    function settle(uint256 offeringId, address buyer) external;

    /// @notice Lists the caller's shares for sale; they stay in the caller's wallet until filled.
    /// @param token The token.
    /// @param amount Shares.
    /// @param pricePerShare Quote units per whole share.
    /// @param buyer The only buyer allowed, or address(0) for any.
    /// @param expiry Last second the listing can be filled.
    /// @return listingId The new listing's id (from 1).
    function list(
        address token,
        uint256 amount,
        uint256 pricePerShare,
        address buyer,
        uint64 expiry
    ) external returns (uint256 listingId);

    /// @notice Approves a listing. Token owner only.
    /// @param listingId The listing.
    function approveListing(uint256 listingId) external;

    /// @notice Withdraws the approval of a listing not yet fully filled. Token owner only.
    /// @param listingId The listing.
    function revokeListingApproval(uint256 listingId) external;

    /// @notice Cancels a listing. Seller only.
    /// @param listingId The listing.
    function cancelListing(uint256 listingId) external;

    /// @notice Buys `shares` of an approved listing.
    /// @param listingId The listing.
    /// @param shares Shares to buy.
    function fill(uint256 listingId, uint256 shares) external payable;

    /// @notice Approves a listing with the owner's EIP-712 `ListingApproval` (on the token's domain) and fills it.
    /// @param listingId The listing.
    /// @param shares Shares to buy.
    /// @param nonce The owner's unordered nonce.
    /// @param deadline Last second the signature is valid.
    /// @param signature The owner's signature.
    function fillWithApproval(
        uint256 listingId,
        uint256 shares,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external payable;

    /// @notice Kicks `holder` out of `token`: buys back all its shares except unvested granted ones (returned
    /// unpaid) at `pricePerShare` ≥ `token.kickFloor(holder)` = max(lastPrice, its average purchase price), into an
    /// escrow only the holder can withdraw; turns its pending all-or-nothing purchase into a refund; records the kick
    /// in the registry the first time this token kicks a holder who bought on-chain. The holder keeps earned gains,
    /// loses its pro-rata right and cannot receive shares until readmitted. Token owner only; not while paused; not a
    /// holder with frozen shares. ETH as `msg.value`; an ERC-20 from the owner's approval of the market.
    /// @param token The token.
    /// @param holder The holder.
    /// @param pricePerShare Quote units per whole share.
    function kick(address token, address holder, uint256 pricePerShare) external payable;

    /// @notice Sends the caller's whole escrowed balance of `asset` to `to`. Works while paused and for banned holders.
    /// @param asset The asset (address(0) for ETH).
    /// @param to The recipient.
    function withdraw(address asset, address to) external;

    /// @notice The escrowed balance of `holder` in `asset`.
    /// @param holder The holder.
    /// @param asset The asset.
    /// @return The amount.
    function withdrawable(address holder, address asset) external view returns (uint256);

    /// @notice An offering's terms and state.
    /// @param offeringId The offering.
    /// @return The offering.
    function offering(uint256 offeringId) external view returns (Offering memory);

    /// @notice `buyer`'s purchases in an offering.
    /// @param offeringId The offering.
    /// @param buyer The buyer.
    /// @return The position.
    function position(uint256 offeringId, address buyer) external view returns (Position memory);

    /// @notice Whether `account` is on an offering's allowlist.
    /// @param offeringId The offering.
    /// @param account The address.
    /// @return True if allowlisted.
    function isAllowlisted(uint256 offeringId, address account) external view returns (bool);

    /// @notice A listing.
    /// @param listingId The listing.
    /// @return The listing.
    function listing(uint256 listingId) external view returns (Listing memory);

    /// @notice The token's latest offering (0 if none); `openOffering` needs it finished.
    /// @param token The token.
    /// @return The offering id.
    function latestOffering(address token) external view returns (uint256);

    /// @notice Whether an offering is finished: cancelled, or ended with every all-or-nothing purchase settled.
    /// @param offeringId The offering.
    /// @return True if finished.
    function isFinished(uint256 offeringId) external view returns (bool);
}
