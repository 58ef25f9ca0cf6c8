// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Personal token factory: one token per person
/// @notice A verified person creates their token and its gains distributor, both ERC-1167 clones at CREATE2
/// addresses derived from the person's address. An address that owns or ever owned a token cannot create another.
interface IPersonalTokenFactory {
    /// @notice `owner` created `token`, paying gains through `distributor`, with the terms it was created on.
    /// @param owner The person.
    /// @param token The personal token.
    /// @param distributor Its gains distributor.
    /// @param name ERC-20 name.
    /// @param symbol ERC-20 symbol.
    /// @param initialSupply Shares minted to the owner.
    /// @param capBps Cap on outside shares, in basis points of the supply.
    /// @param quoteAsset Asset the shares are priced in (address(0) for ETH).
    event TokenCreated(
        address indexed owner,
        address indexed token,
        address distributor,
        string name,
        string symbol,
        uint256 initialSupply,
        uint16 capBps,
        address quoteAsset
    );

    /// @notice Ownership of `token` moved from `previousOwner` to `newOwner`.
    /// @param token The token.
    /// @param previousOwner The old owner wallet.
    /// @param newOwner The new owner wallet.
    event TokenOwnerChanged(address indexed token, address indexed previousOwner, address indexed newOwner);

    /// @notice Anyone created `token`'s Holdings.
    /// @param token The personal token.
    /// @param holdings Its Holdings.
    event HoldingsCreated(address indexed token, address holdings);

    /// @notice Only a personal token created by this factory has a Holdings.
    /// @param token The address given.
    error NotAToken(address token);

    /// @notice The token's Holdings exists already.
    /// @param token The token.
    /// @param holdings Its Holdings.
    error HoldingsAlreadyCreated(address token, address holdings);

    /// @notice Only an investor verified by the registrar may create a personal token.
    /// @param creator The caller.
    error CreatorNotVerified(address creator);

    /// @notice One token per person: this address owns or owned one.
    /// @param account The address.
    error AlreadyOwnedToken(address account);

    /// @notice The cap cannot be above 100% of the supply.
    /// @param capBps The value given.
    error InvalidCap(uint16 capBps);

    /// @notice The initial supply cannot exceed 10^36 units (10^18 whole shares), the most a token may ever have.
    /// @param initialSupply The value given.
    /// @param maxSupply The most allowed.
    error InitialSupplyAboveLimit(uint256 initialSupply, uint256 maxSupply);

    /// @notice A token needs a name.
    error EmptyName();

    /// @notice A token needs a symbol.
    error EmptySymbol();

    /// @notice The quote asset must be ETH or an ERC-20 contract.
    /// @param quoteAsset The value given.
    error QuoteAssetNotContract(address quoteAsset);

    /// @notice The token and distributor implementations given do not belong together.
    /// @dev The implementations given do not belong together (token implementation's registry or distributor
    /// implementation differ from the factory's).
    error ImplementationMismatch();

    /// @notice Creates the caller's personal token; the caller becomes the owner and receives `initialSupply` shares.
    /// @param name ERC-20 name (and EIP-712 domain name).
    /// @param symbol ERC-20 symbol.
    /// @param initialSupply Shares minted to the owner, 18 decimals.
    /// @param capBps Cap on outside shares, in basis points of the supply (≤ 10,000).
    /// @param quoteAsset Asset the shares are priced in (address(0) for ETH).
    /// @return token The new token.
    function createToken(
        string calldata name,
        string calldata symbol,
        uint256 initialSupply,
        uint16 capBps,
        address quoteAsset
    ) external returns (address token);

    /// @notice Creates `token`'s Holdings at `holdingsOf(token)`. Anyone may call, once per token.
    /// @param token A personal token of this factory.
    /// @return holdings The new Holdings.
    function createHoldings(address token) external returns (address holdings);

    /// @notice Records an ownership move. Called by the token itself.
    /// @param previousOwner The old owner wallet.
    /// @param newOwner The new owner wallet.
    function recordOwnershipMove(address previousOwner, address newOwner) external;

    /// @notice The token `owner` currently owns (address(0) if none).
    /// @param owner The wallet.
    /// @return The token.
    function tokenOf(address owner) external view returns (address);

    /// @notice Whether `account` owns or ever owned a token of this factory.
    /// @param account The wallet.
    /// @return True if so.
    function hasOwnedToken(address account) external view returns (bool);

    /// @notice Whether `token` was created by this factory.
    /// @param token The address.
    /// @return True if so.
    function isToken(address token) external view returns (bool);

    /// @notice Where `token`'s Holdings is (or would be) deployed.
    /// @param token The personal token.
    /// @return The Holdings address.
    function holdingsOf(address token) external view returns (address);

    /// @notice The token whose Holdings `holdings` is (address(0) if it is none, or not created yet).
    /// @param holdings The address.
    /// @return The token.
    function tokenOfHoldings(address holdings) external view returns (address);

    /// @notice Where `creator`'s token is (or would be) deployed.
    /// @param creator The person.
    /// @return The token address.
    function predictToken(address creator) external view returns (address);

    /// @notice Number of tokens created.
    /// @return The count.
    function allTokensLength() external view returns (uint256);

    /// @notice The `index`-th token created.
    /// @param index Zero-based index.
    /// @return The token.
    function allTokens(uint256 index) external view returns (address);
}
