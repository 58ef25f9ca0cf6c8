// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Investor registry shared by every personal token
/// @notice The registrar verifies investors (for a limited time, backed by an off-chain record) and bans known bad
/// actors; the arbiter role lives here too so one neutral party serves every token.
interface IInvestorRegistry {
    /// @notice `investor` is verified until `expiresAt` (inclusive), backed by the off-chain record `evidence`.
    /// @param investor The verified address.
    /// @param expiresAt Last second (unix time) of the verification.
    /// @param evidence Hash of the off-chain verification record.
    event InvestorVerified(address indexed investor, uint64 expiresAt, bytes32 evidence);

    /// @notice The verification of `investor` was ended early.
    /// @param investor The address whose verification ended.
    /// @param reason Hash or short code of the reason.
    event VerificationRevoked(address indexed investor, bytes32 reason);

    /// @notice `investor` is banned: never verified until unbanned.
    /// @param investor The banned address.
    /// @param reason Hash or short code of the reason.
    event InvestorBanned(address indexed investor, bytes32 reason);

    /// @notice The ban on `investor` was lifted.
    /// @param investor The address.
    event InvestorUnbanned(address indexed investor);

    /// @notice A personal token of this system kicked `investor` after it had bought shares on-chain.
    /// @param investor The investor.
    /// @param kickCount Distinct tokens that have kicked it so far.
    event KickRecorded(address indexed investor, uint256 kickCount);

    /// @notice The share market allowed to record kicks was bound, once, at deployment.
    /// @param market The market.
    event MarketBound(address market);

    /// @notice The zero address cannot be verified or banned.
    error ZeroAddressInvestor();

    /// @notice A verification cannot end in the past.
    /// @param expiresAt The requested expiry.
    /// @param currentTime The block timestamp.
    error VerificationExpiryInPast(uint64 expiresAt, uint256 currentTime);

    /// @notice A banned address cannot be verified; unban it first.
    /// @param investor The banned address.
    error InvestorIsBanned(address investor);

    /// @notice This address has no verification to revoke.
    /// @param investor The address.
    error InvestorNotVerified(address investor);

    /// @notice The address is already banned.
    /// @param investor The address.
    error InvestorAlreadyBanned(address investor);

    /// @notice The address is not banned.
    /// @param investor The address.
    error InvestorNotBanned(address investor);

    /// @notice Verifies `investor` until `expiresAt` (a later call renews or shortens). Registrar only.
    /// @param investor The investor's address.
    /// @param expiresAt Last second of validity, not in the past.
    /// @param evidence Hash of the off-chain verification record.
    function verify(address investor, uint64 expiresAt, bytes32 evidence) external;

    /// @notice Ends the verification of `investor`. Registrar only.
    /// @param investor The investor's address.
    /// @param reason Hash or short code of the reason.
    function revoke(address investor, bytes32 reason) external;

    /// @notice Bans `investor` from every personal token of this system. Registrar only.
    /// @param investor The address to ban.
    /// @param reason Hash or short code of the reason.
    function ban(address investor, bytes32 reason) external;

    /// @notice Lifts the ban on `investor`; an unexpired verification applies again. Registrar only.
    /// @param investor The address to unban.
    function unban(address investor) external;

    /// @notice Binds the share market that records kicks. Deployer only, once.
    /// @param market The market.
    function bindMarket(address market) external;

    /// @notice Counts one more token that kicked `investor`. Market only.
    /// @param investor The investor.
    function recordKick(address investor) external;

    /// @notice How many distinct personal tokens kicked `investor` after it had bought their shares on-chain.
    /// @param investor The investor.
    /// @return The count.
    function kickCount(address investor) external view returns (uint256);

    /// @notice The share market that records kicks (address(0) before it is bound).
    /// @return The market.
    function market() external view returns (address);

    /// @notice Whether `investor` is verified now: verified, not expired and not banned.
    /// @param investor The address.
    /// @return True if verified.
    function isVerified(address investor) external view returns (bool);

    /// @notice Whether `investor` is banned.
    /// @param investor The address.
    /// @return True if banned.
    function isBanned(address investor) external view returns (bool);

    /// @notice The recorded verification expiry of `investor` (0 if none), whether or not it has passed.
    /// @param investor The address.
    /// @return The expiry timestamp.
    function verifiedUntil(address investor) external view returns (uint64);

    /// @notice Whether `account` holds the arbiter role.
    /// @param account The address.
    /// @return True if `account` is an arbiter.
    function isArbiter(address account) external view returns (bool);
}
