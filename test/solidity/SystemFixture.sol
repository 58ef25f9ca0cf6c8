// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {Vm} from "forge-std/Vm.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {InvestorRegistry} from "../../contracts/InvestorRegistry.sol";
import {PersonalToken} from "../../contracts/PersonalToken.sol";
import {GainsDistributor} from "../../contracts/GainsDistributor.sol";
import {PersonalTokenFactory} from "../../contracts/PersonalTokenFactory.sol";
import {Holdings} from "../../contracts/Holdings.sol";
import {ShareMarket} from "../../contracts/ShareMarket.sol";
import {IShareMarket} from "../../contracts/interfaces/IShareMarket.sol";
import {MockERC20} from "../../contracts/mocks/MockERC20.sol";

// The creation code of the whole system is about 24.6 kB: a contract that deployed it with `new` would carry all of
// it and exceed the EIP-170 / EIP-3860 size limits (compiler warnings). Each contract is therefore created by its own
// tiny external library, linked by the test runner; the `new` runs by DELEGATECALL in the fixture's own context.

library InvestorRegistryDeployer {
    function deploy(address admin, address registrar, address arbiter) external returns (InvestorRegistry) {
        return new InvestorRegistry(admin, registrar, arbiter);
    }
}

library GainsDistributorDeployer {
    function deploy() external returns (GainsDistributor) {
        return new GainsDistributor();
    }
}

library ShareMarketDeployer {
    function deploy(InvestorRegistry registry_) external returns (ShareMarket) {
        return new ShareMarket(registry_);
    }
}

library PersonalTokenDeployer {
    function deploy(
        InvestorRegistry registry_,
        address distributorImplementation,
        ShareMarket market_
    ) external returns (PersonalToken) {
        return new PersonalToken(registry_, distributorImplementation, IShareMarket(address(market_)));
    }
}

library PersonalTokenFactoryDeployer {
    function deploy(
        InvestorRegistry registry_,
        address tokenImplementation,
        address distributorImplementation,
        address holdingsImplementation
    ) external returns (PersonalTokenFactory) {
        return
            new PersonalTokenFactory(registry_, tokenImplementation, distributorImplementation, holdingsImplementation);
    }
}

library HoldingsDeployer {
    function deploy(ShareMarket market_) external returns (Holdings) {
        return new Holdings(IShareMarket(address(market_)));
    }
}

library MockERC20Deployer {
    function deploy(string memory name, string memory symbol, uint8 decimals) external returns (MockERC20) {
        return new MockERC20(name, symbol, decimals);
    }
}

/// @notice Signs the owner's EIP-712 `TransferApproval`, with the domain built here from its specification
/// (name = the token's name, version "1", this chain, the clone's address) rather than read back from the token.
/// An external library so the signing code is not copied into every test contract.
library ApprovalSigner {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 private constant TRANSFER_APPROVAL_TYPEHASH = keccak256(
        "TransferApproval(address from,address to,uint256 amount,uint256 nonce,uint256 deadline)"
    );

    function sign(
        uint256 signerKey,
        PersonalToken token,
        address from,
        address to,
        uint256 amount,
        uint256 nonce,
        uint256 deadline
    ) external view returns (bytes memory) {
        bytes32 domainSeparator = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(token.name())), keccak256("1"), block.chainid, address(token))
        );
        bytes32 structHash = keccak256(abi.encode(TRANSFER_APPROVAL_TYPEHASH, from, to, amount, nonce, deadline));
        bytes32 digest = MessageHashUtils.toTypedDataHash(domainSeparator, structHash);
        (uint8 v, bytes32 r, bytes32 s) = VM.sign(signerKey, digest);
        return abi.encodePacked(r, s, v);
    }
}

/// @notice The whole system deployed in Solidity, shared by the fuzz tests and the invariant handler. The deploying
/// contract is the registry's admin, registrar and arbiter, so it verifies, bans and arbitrates without pranks.
abstract contract SystemFixture is CommonBase, StdCheats, StdUtils {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant SCALE = 1e36;
    uint256 internal constant MAX_SUPPLY = 1e36;
    address internal constant ETH = address(0);
    uint64 internal constant ONE_YEAR = 365 days;

    InvestorRegistry internal registry;
    PersonalTokenFactory internal factory;
    ShareMarket internal market;

    /// @dev Registry (this contract holds every role), both implementations and the factory, as
    /// `new InvestorRegistry(this, this, this)`, `new GainsDistributor()`, `new PersonalToken(registry, distributor)`,
    /// `new PersonalTokenFactory(registry, token, distributor)` would.
    function _deploySystem() internal {
        registry = InvestorRegistryDeployer.deploy(address(this), address(this), address(this));
        market = ShareMarketDeployer.deploy(registry);
        GainsDistributor distributorImplementation = GainsDistributorDeployer.deploy();
        PersonalToken tokenImplementation = PersonalTokenDeployer.deploy(
            registry,
            address(distributorImplementation),
            market
        );
        factory = PersonalTokenFactoryDeployer.deploy(
            registry,
            address(tokenImplementation),
            address(distributorImplementation),
            address(HoldingsDeployer.deploy(market))
        );
        market.bindFactory(address(factory));
        registry.bindMarket(address(market));
    }

    /// @dev A 6-decimal USD stablecoin stand-in.
    function _deployUsd() internal returns (MockERC20) {
        return MockERC20Deployer.deploy("USD Coin", "USDC", 6);
    }

    /// @dev Verifies `account` for a year from now.
    function _verify(address account) internal {
        registry.verify(account, uint64(block.timestamp) + ONE_YEAR, keccak256("kyc"));
    }

    /// @dev `person` (verified first) creates a token named "<name>" through the factory.
    function _createToken(
        address person,
        string memory name,
        uint256 supply,
        uint16 capBps,
        address quote
    ) internal returns (PersonalToken token, GainsDistributor distributor) {
        _verify(person);
        vm.prank(person);
        token = PersonalToken(factory.createToken(name, "PT", supply, capBps, quote));
        distributor = GainsDistributor(payable(token.distributor()));
    }

    /// @dev The owner's EIP-712 `TransferApproval` signature (see `ApprovalSigner`).
    function _signApproval(
        uint256 ownerKey,
        PersonalToken token,
        address from,
        address to,
        uint256 amount,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes memory) {
        return ApprovalSigner.sign(ownerKey, token, from, to, amount, nonce, deadline);
    }

    /// @dev Largest amount the owner may still move out of her wallet (sell or forced transfer) within the cap.
    function _ownerHeadroom(PersonalToken token) internal view returns (uint256) {
        uint256 supply = token.totalSupply();
        uint256 maxOutside = (supply * token.capBps()) / BPS;
        uint256 outside = token.outsideShares();
        return maxOutside > outside ? maxOutside - outside : 0;
    }

    /// @dev Largest amount that may be issued to someone other than the owner within the cap:
    /// the largest `a` with `outside + a ≤ ⌊(supply + a) × cap / BPS⌋`. An integer is at most ⌊x⌋ exactly when it
    /// is at most x, so solving the inequality over the rationals and rounding down is exact.
    function _issueHeadroom(PersonalToken token) internal view returns (uint256 a) {
        uint256 cap = token.capBps();
        if (cap == BPS) return MAX_SUPPLY - token.totalSupply();
        uint256 supply = token.totalSupply();
        uint256 outside = token.outsideShares();
        if (supply * cap < outside * BPS) return 0;
        a = (supply * cap - outside * BPS) / (BPS - cap);
    }

    function _unfrozen(PersonalToken token, address account) internal view returns (uint256) {
        uint256 balance = token.balanceOf(account);
        uint256 frozen = token.getFrozenTokens(account);
        return balance > frozen ? balance - frozen : 0;
    }
}
