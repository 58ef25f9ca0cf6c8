// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IShareMarket} from "./IShareMarket.sol";

/// @title Holdings: a personal token's own positions in other personal tokens
/// @notice One per token, created by anyone through the factory. Whoever owns the token acts for it: pledges shares of
/// other personal tokens from her wallet, buys for it with capital she deposited or earlier sales returned, lists and
/// cancels, withdraws capital. A position leaves only by a listing fill, a kick or the arbiter's forced transfer, and
/// a sale realizes at average cost in the same transaction: the gain goes straight to the token's gains distributor
/// (every holder pro rata, the owner included), the basis sold becomes capital, a loss is recorded. The cost basis is
/// never declared: the exact price paid when the Holdings buys; for pledged shares the share of the pledger's
/// recorded purchases they carry (their average purchase price); zero otherwise.
interface IHoldings {
    /// @notice The owner deposited capital.
    /// @param asset The ERC-20.
    /// @param from The owner who paid it in.
    /// @param amount What arrived.
    event CapitalDeposited(address indexed asset, address indexed from, uint256 amount);

    /// @notice The owner withdrew capital.
    /// @param asset The ERC-20.
    /// @param to The owner who received it.
    /// @param amount The amount.
    event CapitalWithdrawn(address indexed asset, address indexed to, uint256 amount);

    /// @notice The owner pledged shares of `heldToken` from her wallet, with the purchase record they carry.
    /// @param heldToken The personal token pledged.
    /// @param from The owner's wallet.
    /// @param shares Shares pledged.
    /// @param basis Their cost basis: what the pledger paid for the recorded purchases they carry (0 if none).
    event Pledged(address indexed heldToken, address indexed from, uint256 shares, uint256 basis);

    /// @notice The Holdings bought shares of `heldToken` from its capital; their basis is the exact price paid.
    /// @param heldToken The personal token bought.
    /// @param asset The quote asset paid.
    /// @param shares Shares bought.
    /// @param cost Quote units paid, now basis.
    event Bought(address indexed heldToken, address indexed asset, uint256 shares, uint256 cost);

    /// @notice A sale (listing fill or kick) of `shares` realized at average cost: `gain` went to the token's
    /// distributor (or is pending), `proceeds − gain` became capital, a `loss` was recorded.
    /// @param heldToken The personal token sold.
    /// @param asset The quote asset received.
    /// @param shares Shares that left.
    /// @param proceeds Quote units received.
    /// @param basisSold The basis of the shares sold: `basis × shares / shares held`, rounded down; all of it for
    /// the last share.
    /// @param gain `proceeds − basisSold` if positive, else 0.
    /// @param loss `basisSold − proceeds` if positive, else 0.
    event Realized(
        address indexed heldToken,
        address indexed asset,
        uint256 shares,
        uint256 proceeds,
        uint256 basisSold,
        uint256 gain,
        uint256 loss
    );

    /// @notice The arbiter forced `shares` out: they left with their basis, realizing nothing.
    /// @param heldToken The personal token.
    /// @param shares Shares forced out.
    /// @param basis The basis that left with them.
    event ForcedOut(address indexed heldToken, uint256 shares, uint256 basis);

    /// @notice A gain the token's distributor could not take (it does not accept the asset) waits for the owner.
    /// @param asset The asset.
    /// @param source The personal token the gain came from (sold, or paying out through a chain).
    /// @param amount The amount now pending.
    event GainPending(address indexed asset, address indexed source, uint256 amount);

    /// @notice The owner settled a pending gain: distributed if the distributor now accepts the asset, else capital.
    /// @param asset The asset.
    /// @param amount The amount.
    /// @param distributed True if it went to the distributor, false if it became capital.
    event PendingSettled(address indexed asset, uint256 amount, bool distributed);

    /// @notice Only shares of personal tokens of this system may be held (company ERC-20s are not supported yet).
    /// @param heldToken The address given.
    error NotAPersonalToken(address heldToken);

    /// @notice A token's Holdings never holds that token's own shares.
    /// @param heldToken The token itself.
    error OwnTokenPosition(address heldToken);

    /// @notice Positions in ETH-quoted tokens are not supported yet: a Holdings holds only ERC-20-quoted positions.
    /// @param heldToken The ETH-quoted token.
    error EthQuotedPosition(address heldToken);

    /// @notice The token's gains distributor must accept the position's quote asset, so that its gains can reach
    /// the holders: the owner enables the asset first.
    /// @param heldToken The token.
    /// @param asset Its quote asset.
    error QuoteNotAccepted(address heldToken, address asset);

    /// @notice The Holdings' capital in this asset is smaller than the amount.
    /// @param asset The asset.
    /// @param capital The capital available.
    /// @param needed The amount asked for.
    error InsufficientCapital(address asset, uint256 capital, uint256 needed);

    /// @notice A Holdings buys only in offerings that settle at once (no all-or-nothing minimum).
    /// @param offeringId The offering.
    error AllOrNothingOffering(uint256 offeringId);

    /// @notice A Holdings may not buy its own owner's listing: the owner would set her Holdings' cost basis.
    /// @param listingId The listing.
    /// @param seller The owner who listed.
    error ListingByOwner(uint256 listingId, address seller);

    /// @notice The token's owner may not buy her own Holdings' listing (self-dealing).
    /// @param buyer The owner.
    error HoldingsOwnerCannotBuy(address buyer);

    /// @notice Only the distributor of the personal token named may hand a gain to the Holdings.
    /// @param caller The rejected caller.
    error CallerNotDistributor(address caller);

    /// @notice There is no pending gain in this asset.
    /// @param asset The asset.
    error NothingPending(address asset);

    /// @notice Deposits `amount` of `asset` from the owner as capital. Owner only.
    /// @param asset An ERC-20.
    /// @param amount The amount (what arrives is credited).
    function depositCapital(address asset, uint256 amount) external;

    /// @notice Withdraws `amount` of capital (returned basis, loss proceeds, deposits) to the owner. Owner only.
    /// @param asset The asset.
    /// @param amount The amount.
    function withdrawCapital(address asset, uint256 amount) external;

    /// @notice Pledges `shares` of `heldToken` from the owner's wallet; no permission of the held token's owner is
    /// needed. The purchase record they carry moves along (each recorded purchase counts once) and is their basis.
    /// Owner only; the held token must be another personal token quoted in an ERC-20 the token's distributor accepts.
    /// @param heldToken The personal token.
    /// @param shares Shares.
    function pledge(address heldToken, uint256 shares) external;

    /// @notice Buys `shares` in a plain offering (no all-or-nothing minimum) from capital. Owner only.
    /// @param offeringId The offering.
    /// @param shares Shares.
    function buyOffering(uint256 offeringId, uint256 shares) external;

    /// @notice Fills `shares` of a listing from capital. Owner only; not a listing of the owner herself.
    /// @param listingId The listing.
    /// @param shares Shares.
    function buyListing(uint256 listingId, uint256 shares) external;

    /// @notice Lists a held position on the market (the held token's owner must approve it as any listing).
    /// Owner only; the owner herself may not buy it.
    /// @param heldToken The personal token.
    /// @param amount Shares.
    /// @param pricePerShare Quote units per whole share.
    /// @param buyer The only buyer allowed, or address(0).
    /// @param expiry Last second it can be filled.
    /// @return listingId The new listing.
    function list(
        address heldToken,
        uint256 amount,
        uint256 pricePerShare,
        address buyer,
        uint64 expiry
    ) external returns (uint256 listingId);

    /// @notice Cancels a listing of the Holdings. Owner only.
    /// @param listingId The listing.
    function cancelListing(uint256 listingId) external;

    /// @notice Settles the pending gain in `asset`: distributed if the token's distributor accepts the asset now,
    /// otherwise credited to capital. Owner only.
    /// @param asset The asset.
    function settlePending(address asset) external;

    /// @notice Realizes a sale of `shares` of `heldToken` for `proceeds` (already paid in) at average cost. Market
    /// only, after a fill of a Holdings listing or a kick of the Holdings; never reverts for a realization reason.
    /// @param heldToken The personal token sold.
    /// @param asset Its quote asset.
    /// @param buyer The buyer (the held token's owner for a kick).
    /// @param shares Shares that left.
    /// @param proceeds Quote units received.
    function onSale(address heldToken, address asset, address buyer, uint256 shares, uint256 proceeds) external;

    /// @notice Takes `shares` forced out by the arbiter off the position with their basis. The held token only.
    /// @param shares Shares forced out.
    function onForcedTransfer(uint256 shares) external;

    /// @notice Books a chained gain the token's distributor does not accept (already transferred in) as pending.
    /// Only the distributor of `source`, a personal token of this system, from `claimFor`.
    /// @param asset The asset.
    /// @param amount The amount transferred in.
    /// @param source The token whose distributor pays.
    function receiveGain(address asset, uint256 amount, address source) external;

    /// @notice The personal token this Holdings belongs to.
    /// @return The token.
    function token() external view returns (address);

    /// @notice The share market.
    /// @return The market.
    function market() external view returns (IShareMarket);

    /// @notice A position's cost basis and the losses realized on it.
    /// @param heldToken The personal token.
    /// @return basis Cost basis of the shares held.
    /// @return loss Losses realized so far (no netting against later gains).
    function position(address heldToken) external view returns (uint256 basis, uint256 loss);

    /// @notice Capital in `asset`: deposits, returned basis and loss proceeds, less what was spent or withdrawn.
    /// @param asset The asset.
    /// @return The amount.
    function capital(address asset) external view returns (uint256);

    /// @notice Gains in `asset` the distributor did not accept, waiting for `settlePending`.
    /// @param asset The asset.
    /// @return The amount.
    function pending(address asset) external view returns (uint256);
}
