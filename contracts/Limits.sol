// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @dev The most share units a personal token can ever have (10^18 whole shares). It is not above the gains
/// distributor's 10^36 scale, so each holder's pro-rata entitlement is at most one unit short, and it keeps every
/// share amount below 2^120 for the packed records. One definition for the token, the factory and the market.
uint256 constant MAX_SHARE_SUPPLY = 1e36;

/// @dev Basis points in a whole: caps are expressed in them (at most all of the supply).
uint256 constant BPS = 10_000;
