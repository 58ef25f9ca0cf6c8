// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Gains distributor: splits realized gains pro rata among a personal token's holders
/// @notice A gain is deposited; at that moment each holder is entitled to `amount × balance / totalSupply`.
/// Holders claim whenever they like; later share moves never change what was already earned. The first deposit in an
/// asset is the token owner's (or a gain another personal token's distributor passes on); then anyone may add.
interface IGainsDistributor {
    /// @notice A gain was deposited and split pro rata.
    /// @param asset The asset (address(0) for ETH).
    /// @param depositor Who paid it in.
    /// @param amount What arrived (after any transfer fee).
    /// @param memo Reference to the realized gain, e.g. the hash of the sale record.
    event GainDistributed(address indexed asset, address indexed depositor, uint256 amount, bytes32 memo);

    /// @notice A holder's entitlement was paid out.
    /// @param holder The holder whose gains were claimed.
    /// @param asset The asset.
    /// @param recipient Where the payout went (the holder, or the holder token's distributor).
    /// @param amount The amount paid.
    event GainClaimed(address indexed holder, address indexed asset, address recipient, uint256 amount);

    /// @notice The owner enabled an extra distribution asset.
    /// @param asset The asset.
    event AssetEnabled(address indexed asset);

    /// @notice The asset is neither ETH, the quote asset, nor enabled.
    /// @param asset The asset.
    error AssetNotAccepted(address asset);

    /// @notice The asset is already accepted.
    /// @param asset The asset.
    error AssetAlreadyAccepted(address asset);

    /// @notice An ERC-20 asset must be a contract.
    /// @param asset The asset.
    error AssetNotContract(address asset);

    /// @notice This token already distributes in as many assets as allowed, ETH and the quote asset included.
    /// @param maxAssets The limit.
    error TooManyAssets(uint256 maxAssets);

    /// @notice Only the token's owner may make the first distribution in an asset, the token's Holdings realizing a
    /// gain, or another personal token's distributor passing a gain on.
    /// @dev Nobody has distributed `asset` yet, and only the token's owner, or the distributor of another personal
    /// token of the same factory passing on a gain, may be first: each asset with a distribution costs every later
    /// share move.
    /// @param asset The asset.
    /// @param caller The rejected depositor.
    error AssetBookNotOpen(address asset, address caller);

    /// @notice The ERC-20 transfer delivered nothing to the distributor (a fee took all of it).
    /// @param asset The asset.
    /// @param amount The amount sent.
    error NothingReceived(address asset, uint256 amount);

    /// @notice Total distributions in this asset would exceed what the distributor can account for exactly.
    /// @dev Total deposits of one asset are bounded by `MAX_TOTAL_DEPOSITS` (2^128 − 2), which keeps the accounting
    /// exact.
    /// @param asset The asset.
    error DepositLimitExceeded(address asset);

    /// @notice The holder has nothing to claim in this asset.
    /// @param holder The holder.
    /// @param asset The asset.
    error NothingToClaim(address holder, address asset);

    /// @notice Deposits a realized gain: ETH (`asset == address(0)`, `msg.value == amount`) or an ERC-20 the caller
    /// approved; what actually arrives is split among holders pro rata. The first deposit in an asset must come from
    /// the token's owner, or from the distributor of another personal token of the same factory passing on a gain
    /// (`claimFor`, with that token as the memo); later deposits may come from anyone.
    /// @param asset The asset.
    /// @param amount The amount.
    /// @param memo Reference to the gain, emitted; a forwarded gain carries the paying token,
    /// `bytes32(uint256(uint160(token)))`.
    function distribute(address asset, uint256 amount, bytes32 memo) external payable;

    /// @notice Pays the caller everything it can claim in `asset`.
    /// @param asset The asset.
    /// @return amount The amount paid.
    function claim(address asset) external returns (uint256 amount);

    /// @notice Pays `holder` everything it can claim in `asset`; anyone may call. If `holder` is a personal token of
    /// this system, or a token's Holdings, the payout is distributed to that token's holders through its own
    /// distributor; for a Holdings whose token's distributor does not accept the asset, it is paid to the Holdings
    /// and booked there as pending for the token's owner.
    /// @param holder The holder.
    /// @param asset The asset.
    /// @return amount The amount paid.
    function claimFor(address holder, address asset) external returns (uint256 amount);

    /// @notice Accepts `asset` for distributions. Token owner only; at most `MAX_ASSETS` in total.
    /// @param asset An ERC-20 contract.
    function enableAsset(address asset) external;

    /// @notice Keeps entitlements unchanged across a balance change. Token only.
    /// @param from Sender (address(0) on mint).
    /// @param to Receiver.
    /// @param value Shares moved.
    function onBalanceChange(address from, address to, uint256 value) external;

    /// @notice What `holder` can claim now in `asset`.
    /// @param holder The holder.
    /// @param asset The asset.
    /// @return The claimable amount.
    function claimable(address holder, address asset) external view returns (uint256);

    /// @notice The token whose holders this distributor pays.
    /// @return The token.
    function token() external view returns (address);

    /// @notice Every asset accepted for distributions: ETH, the quote asset, then enabled ones.
    /// @return assets_ The accepted assets.
    function acceptedAssets() external view returns (address[] memory assets_);

    /// @notice Whether `asset` is accepted for distributions.
    /// @param asset The asset.
    /// @return True if accepted.
    function isAccepted(address asset) external view returns (bool);

    /// @notice Lifetime totals of `asset`.
    /// @param asset The asset.
    /// @return deposited Everything credited to holders by `distribute`.
    /// @return claimed Everything paid out by claims.
    function totals(address asset) external view returns (uint256 deposited, uint256 claimed);
}
