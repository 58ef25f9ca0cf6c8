// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IPersonalTokenFactory} from "./interfaces/IPersonalTokenFactory.sol";
import {IPersonalToken} from "./interfaces/IPersonalToken.sol";
import {IHoldings} from "./interfaces/IHoldings.sol";
import {IInvestorRegistry} from "./interfaces/IInvestorRegistry.sol";
import {ISharedErrors} from "./interfaces/ISharedErrors.sol";
import {BPS, MAX_SHARE_SUPPLY} from "./Limits.sol";

/// @title PersonalTokenFactory
/// @notice Gives each verified person one personal token and its gains distributor, and each token, on anyone's
/// request, its Holdings.
/// @dev The token is a clone of `tokenImplementation` at CREATE2 salt = creator, with this factory's address as its
/// immutable argument; the distributor and the Holdings are clones of their implementations at salt 0 with the
/// token's address as their immutable argument (unique because the argument is). Neither stores the other's
/// address: each derives it. Only the Holdings → token direction is stored, for the checks that must recognise a
/// Holdings.
contract PersonalTokenFactory is IPersonalTokenFactory {
    /// @notice The shared investor registry.
    IInvestorRegistry public immutable registry;
    /// @notice The token implementation every personal token clones.
    address public immutable tokenImplementation;
    /// @notice The distributor implementation every gains distributor clones.
    address public immutable distributorImplementation;
    /// @notice The Holdings implementation every token's Holdings clones.
    address public immutable holdingsImplementation;

    struct OwnerRecord {
        address token;
        bool everOwned;
    }

    mapping(address owner => OwnerRecord) private _owners;
    mapping(address token => bool) private _isToken;
    address[] private _allTokens;
    mapping(address holdings => address token) private _tokenOfHoldings;

    /// @notice Links the factory to the registry and the three implementations it clones.
    /// @param registry_ The shared investor registry.
    /// @param tokenImplementation_ A `PersonalToken` deployed with `registry_` and `distributorImplementation_`.
    /// @param distributorImplementation_ A `GainsDistributor`.
    /// @param holdingsImplementation_ A `Holdings` deployed with the token implementation's market.
    constructor(
        IInvestorRegistry registry_,
        address tokenImplementation_,
        address distributorImplementation_,
        address holdingsImplementation_
    ) {
        IPersonalToken implementation = IPersonalToken(tokenImplementation_);
        if (
            implementation.registry() != registry_ ||
            implementation.distributorImplementation() != distributorImplementation_ ||
            IHoldings(holdingsImplementation_).market() != implementation.market()
        ) revert ImplementationMismatch();
        registry = registry_;
        tokenImplementation = tokenImplementation_;
        distributorImplementation = distributorImplementation_;
        holdingsImplementation = holdingsImplementation_;
    }

    /// @inheritdoc IPersonalTokenFactory
    function createToken(
        string calldata name,
        string calldata symbol,
        uint256 initialSupply,
        uint16 capBps,
        address quoteAsset
    ) external returns (address token) {
        address creator = msg.sender;
        if (!registry.isVerified(creator)) revert CreatorNotVerified(creator);
        OwnerRecord storage record = _owners[creator];
        if (record.everOwned) revert AlreadyOwnedToken(creator);
        if (capBps > BPS) revert InvalidCap(capBps);
        if (initialSupply == 0) revert ISharedErrors.ZeroAmount();
        if (initialSupply > MAX_SHARE_SUPPLY) revert InitialSupplyAboveLimit(initialSupply, MAX_SHARE_SUPPLY);
        if (bytes(name).length == 0) revert EmptyName();
        if (bytes(symbol).length == 0) revert EmptySymbol();
        if (quoteAsset != address(0) && quoteAsset.code.length == 0) revert QuoteAssetNotContract(quoteAsset);

        token = Clones.cloneDeterministicWithImmutableArgs(tokenImplementation, _tokenArgs(), _salt(creator));
        address distributor = Clones.cloneDeterministicWithImmutableArgs(
            distributorImplementation,
            abi.encodePacked(token),
            bytes32(0)
        );
        record.token = token;
        record.everOwned = true;
        _isToken[token] = true;
        _allTokens.push(token);
        emit TokenCreated(creator, token, distributor, name, symbol, initialSupply, capBps, quoteAsset);

        IPersonalToken(token).initialize(creator, name, symbol, initialSupply, capBps, quoteAsset);
    }

    /// @inheritdoc IPersonalTokenFactory
    function createHoldings(address token) external returns (address holdings) {
        if (!_isToken[token]) revert NotAToken(token);
        holdings = holdingsOf(token);
        if (_tokenOfHoldings[holdings] != address(0)) revert HoldingsAlreadyCreated(token, holdings);
        Clones.cloneDeterministicWithImmutableArgs(holdingsImplementation, abi.encodePacked(token), bytes32(0));
        _tokenOfHoldings[holdings] = token;
        emit HoldingsCreated(token, holdings);
    }

    /// @inheritdoc IPersonalTokenFactory
    function recordOwnershipMove(address previousOwner, address newOwner) external {
        OwnerRecord storage previous = _owners[previousOwner];
        if (!_isToken[msg.sender] || previous.token != msg.sender) revert ISharedErrors.CallerNotToken(msg.sender);
        OwnerRecord storage next = _owners[newOwner];
        if (next.everOwned) revert AlreadyOwnedToken(newOwner);
        previous.token = address(0);
        next.token = msg.sender;
        next.everOwned = true;
        emit TokenOwnerChanged(msg.sender, previousOwner, newOwner);
    }

    /// @inheritdoc IPersonalTokenFactory
    function tokenOf(address owner) external view returns (address) {
        return _owners[owner].token;
    }

    /// @inheritdoc IPersonalTokenFactory
    function hasOwnedToken(address account) external view returns (bool) {
        return _owners[account].everOwned;
    }

    /// @inheritdoc IPersonalTokenFactory
    function isToken(address token) external view returns (bool) {
        return _isToken[token];
    }

    /// @inheritdoc IPersonalTokenFactory
    function holdingsOf(address token) public view returns (address) {
        return
            Clones.predictDeterministicAddressWithImmutableArgs(
                holdingsImplementation,
                abi.encodePacked(token),
                bytes32(0)
            );
    }

    /// @inheritdoc IPersonalTokenFactory
    function tokenOfHoldings(address holdings) external view returns (address) {
        return _tokenOfHoldings[holdings];
    }

    /// @inheritdoc IPersonalTokenFactory
    function predictToken(address creator) external view returns (address) {
        return Clones.predictDeterministicAddressWithImmutableArgs(tokenImplementation, _tokenArgs(), _salt(creator));
    }

    /// @inheritdoc IPersonalTokenFactory
    function allTokensLength() external view returns (uint256) {
        return _allTokens.length;
    }

    /// @inheritdoc IPersonalTokenFactory
    function allTokens(uint256 index) external view returns (address) {
        return _allTokens[index];
    }

    function _tokenArgs() private view returns (bytes memory) {
        return abi.encodePacked(address(this));
    }

    function _salt(address creator) private pure returns (bytes32) {
        return bytes32(uint256(uint160(creator)));
    }
}
