// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IInvestorRegistry} from "./interfaces/IInvestorRegistry.sol";
import {ISharedErrors} from "./interfaces/ISharedErrors.sol";

/// @title InvestorRegistry
/// @notice Who may hold personal tokens: investors verified by a registrar, minus known bad actors. Shared by every
/// personal token of a deployment; also the home of the arbiter role that every token defers to.
/// @dev One storage slot per investor (expiry and ban flag packed), so a token's receiver check is one cold read.
contract InvestorRegistry is AccessControl, IInvestorRegistry {
    /// @notice Verifies, revokes, bans and unbans investors.
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @notice Forces transfers, freezes, pauses and recovers lost owner wallets in every token.
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");

    struct Investor {
        uint64 expiresAt;
        bool banned;
        uint32 kickCount;
    }

    address private immutable _deployer;
    /// @inheritdoc IInvestorRegistry
    address public market;
    mapping(address investor => Investor) private _investors;

    /// @notice Sets up the three roles.
    /// @param admin Gets the default admin role: grants and revokes registrars and arbiters.
    /// @param registrar First registrar.
    /// @param arbiter First arbiter.
    constructor(address admin, address registrar, address arbiter) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(REGISTRAR_ROLE, registrar);
        _grantRole(ARBITER_ROLE, arbiter);
        _deployer = msg.sender;
    }

    /// @inheritdoc IInvestorRegistry
    function bindMarket(address market_) external {
        if (msg.sender != _deployer) revert ISharedErrors.CallerNotDeployer(msg.sender);
        if (market != address(0)) revert ISharedErrors.AlreadyBound(market);
        if (market_ == address(0)) revert ISharedErrors.BindingToZeroAddress();
        market = market_;
        emit MarketBound(market_);
    }

    /// @inheritdoc IInvestorRegistry
    function recordKick(address investor) external {
        if (msg.sender != market) revert ISharedErrors.CallerNotMarket(msg.sender);
        uint32 count = ++_investors[investor].kickCount;
        emit KickRecorded(investor, count);
    }

    /// @inheritdoc IInvestorRegistry
    function kickCount(address investor) external view returns (uint256) {
        return _investors[investor].kickCount;
    }

    /// @inheritdoc IInvestorRegistry
    function verify(address investor, uint64 expiresAt, bytes32 evidence) external onlyRole(REGISTRAR_ROLE) {
        if (investor == address(0)) revert ZeroAddressInvestor();
        if (expiresAt < block.timestamp) revert VerificationExpiryInPast(expiresAt, block.timestamp);
        Investor storage record = _investors[investor];
        if (record.banned) revert InvestorIsBanned(investor);
        record.expiresAt = expiresAt;
        emit InvestorVerified(investor, expiresAt, evidence);
    }

    /// @inheritdoc IInvestorRegistry
    function revoke(address investor, bytes32 reason) external onlyRole(REGISTRAR_ROLE) {
        Investor storage record = _investors[investor];
        if (record.expiresAt == 0) revert InvestorNotVerified(investor);
        record.expiresAt = 0;
        emit VerificationRevoked(investor, reason);
    }

    /// @inheritdoc IInvestorRegistry
    function ban(address investor, bytes32 reason) external onlyRole(REGISTRAR_ROLE) {
        if (investor == address(0)) revert ZeroAddressInvestor();
        Investor storage record = _investors[investor];
        if (record.banned) revert InvestorAlreadyBanned(investor);
        record.banned = true;
        emit InvestorBanned(investor, reason);
    }

    /// @inheritdoc IInvestorRegistry
    function unban(address investor) external onlyRole(REGISTRAR_ROLE) {
        Investor storage record = _investors[investor];
        if (!record.banned) revert InvestorNotBanned(investor);
        record.banned = false;
        emit InvestorUnbanned(investor);
    }

    /// @inheritdoc IInvestorRegistry
    function isVerified(address investor) external view returns (bool) {
        Investor memory record = _investors[investor];
        return !record.banned && block.timestamp <= record.expiresAt;
    }

    /// @inheritdoc IInvestorRegistry
    function isBanned(address investor) external view returns (bool) {
        return _investors[investor].banned;
    }

    /// @inheritdoc IInvestorRegistry
    function verifiedUntil(address investor) external view returns (uint64) {
        return _investors[investor].expiresAt;
    }

    /// @inheritdoc IInvestorRegistry
    function isArbiter(address account) external view returns (bool) {
        return hasRole(ARBITER_ROLE, account);
    }
}
