// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IInvestorRegistry} from "./IInvestorRegistry.sol";
import {IShareMarket} from "./IShareMarket.sol";

/// @title Personal token: one person's permissioned share ledger
/// @notice Shares may be held by the owner and by investors verified in the registry; at most `capBps` of the supply
/// may be outside the owner's wallet; moves between two investors need the owner's permission, given on-chain
/// (`approveTransfer`) or by an EIP-712 signature (`transferWithApproval`).
interface IPersonalToken is IERC20 {
    /// @notice The owner allowed `from` to move up to `amount` shares to `to` (replacing any earlier allowance).
    /// @param from The holder who may send.
    /// @param to The investor who may receive.
    /// @param amount The amount allowed (0 withdraws the permission).
    event TransferApproved(address indexed from, address indexed to, uint256 amount);

    /// @notice A signed transfer approval with `nonce` was presented and used.
    /// @param nonce The owner's nonce, now used.
    event ApprovalNonceUsed(uint256 indexed nonce);

    /// @notice The owner cancelled the unused signed approval `nonce`.
    /// @param nonce The owner's nonce, now unusable.
    event ApprovalCancelled(uint256 indexed nonce);

    /// @notice The cap on outside shares was lowered.
    /// @param previousCapBps The cap before, in basis points of the supply.
    /// @param newCapBps The cap now.
    event CapLowered(uint16 previousCapBps, uint16 newCapBps);

    /// @notice The arbiter moved ownership, and the owner's shares, to `newOwner` after the owner lost a wallet.
    /// @param previousOwner The lost wallet.
    /// @param newOwner The person's new verified wallet.
    event OwnershipRecovered(address indexed previousOwner, address indexed newOwner);

    /// @notice The owner set whether `holder` may buy during the priority window of dilutive offerings.
    /// @param holder The holder.
    /// @param hasRight True to give the right, false to revoke it (letting the holder be diluted).
    event ProRataRightSet(address indexed holder, bool hasRight);

    /// @notice The owner granted `amount` shares from her own holding to `holder`, vesting over time.
    /// @param holder The recipient.
    /// @param amount Shares granted (all locked until they vest).
    /// @param start Vesting start (unix time).
    /// @param cliff Seconds from `start` before anything vests.
    /// @param duration Seconds from `start` until everything has vested.
    /// @param reason Hash or short code of the help the grant rewards.
    event Granted(address indexed holder, uint256 amount, uint64 start, uint64 cliff, uint64 duration, bytes32 reason);

    /// @notice The owner cancelled `holder`'s grant; its unvested shares went back to the owner.
    /// @param holder The holder.
    /// @param returned Unvested shares returned.
    event GrantCancelled(address indexed holder, uint256 returned);

    /// @notice A forced transfer took locked shares, so `holder`'s grant now vests `amount` in total.
    /// @param holder The holder.
    /// @param amount The grant's new total.
    event GrantScaled(address indexed holder, uint256 amount);

    /// @notice A whole-wallet recovery carried the grant, the purchase record and the pro-rata status along.
    /// @param from The lost wallet.
    /// @param to The holder's new wallet.
    event HolderRecordsMoved(address indexed from, address indexed to);

    /// @notice A pledge carried part of `from`'s purchase record to its token's Holdings `to`: `bought` shares bought
    /// for `paid` quote units, now counted for `to` (the kick floor it earned) and no longer for `from`.
    /// @param from The pledger.
    /// @param to The Holdings.
    /// @param paid Quote units moved.
    /// @param bought Share units moved.
    event PurchaseRecordCarried(address indexed from, address indexed to, uint256 paid, uint256 bought);

    /// @notice The owner bought `holder` out through the market (which escrowed the price: `ShareMarket.Kicked`) and
    /// removed it from the cap table.
    /// @param holder The kicked holder.
    /// @param sharesBoughtBack Shares paid for.
    /// @param unvestedReturned Unvested granted shares returned unpaid.
    event Kicked(address indexed holder, uint256 sharesBoughtBack, uint256 unvestedReturned);

    /// @notice The owner allowed a kicked address to hold shares again.
    /// @param holder The address.
    event Readmitted(address indexed holder);

    /// @notice Ownership moved: every permission the previous owner gave (on-chain transfer approvals, approved
    /// listings, signed approvals) is void from now on.
    /// @param epoch The new owner epoch; permissions recorded under an earlier one no longer count.
    event OwnerPermissionsVoided(uint64 epoch);

    /// @notice A settled trade of at least 0.01% of the supply set the last price.
    /// @param price Quote units per whole share.
    event LastPriceUpdated(uint256 price);

    /// @notice The market opened an all-or-nothing offering: until `end` its `offered` shares are reserved.
    /// @param offered Shares offered.
    /// @param end The offering's last second.
    /// @param dilutive True if the shares will be minted, false if they come from the owner's wallet.
    event ReservationOpened(uint256 offered, uint64 end, bool dilutive);

    /// @notice The market recorded the offering's sales: after the end, `pending` shares stay reserved if the
    /// minimum was reached, none otherwise.
    /// @param pending Shares sold and not yet settled.
    /// @param minimumReached Whether the offering raised its minimum.
    event ReservationUpdated(uint256 pending, bool minimumReached);

    /// @notice The offering was cancelled or is finished: nothing is reserved any more.
    event ReservationClosed();

    /// @notice The owner cannot grant shares to herself.
    /// @param owner The owner.
    error OwnerCannotReceiveGrant(address owner);

    /// @notice A grant must vest over a duration above zero.
    error GrantWithoutDuration();

    /// @notice A grant's cliff cannot come after the end of its vesting.
    /// @param cliff The cliff, in seconds after the start.
    /// @param duration The vesting duration, in seconds.
    error CliffAfterDuration(uint64 cliff, uint64 duration);

    /// @notice A grant vests over at most 2^32 − 1 seconds (about 136 years).
    /// @param duration The duration asked for, in seconds.
    /// @param maxDuration The longest allowed.
    error GrantDurationTooLong(uint64 duration, uint64 maxDuration);

    /// @notice The holder already has a grant that is not fully vested.
    /// @param holder The holder.
    error GrantInProgress(address holder);

    /// @notice The holder has no unvested granted shares.
    /// @param holder The holder.
    error NoUnvestedShares(address holder);

    /// @notice The owner cannot kick herself out of her own token.
    /// @param owner The owner.
    error OwnerCannotBeKicked(address owner);

    /// @notice A kick needs shares to buy back: this address holds none.
    /// @param holder The holder.
    error NothingToKick(address holder);

    /// @notice The arbiter froze some of this holder's shares: no kick or grant cancellation until the freeze is
    /// lifted.
    /// @dev Only the arbiter's forced transfer moves a frozen holder's shares: a kick or a grant cancellation waits
    /// until the freeze is lifted.
    /// @param holder The holder.
    /// @param frozen Its frozen amount.
    error HolderFrozen(address holder, uint256 frozen);

    /// @notice The address is not kicked.
    /// @param holder The address.
    error NotKicked(address holder);

    /// @notice A frozen amount or a transfer permission cannot exceed the most shares a token may ever have.
    /// @dev A frozen amount or an on-chain transfer permission is at most `MAX_SUPPLY`, already more than any balance.
    /// @param amount The amount requested.
    error AmountAboveSupplyLimit(uint256 amount);

    /// @notice The receiver was kicked and cannot hold shares until readmitted.
    /// @param account The receiver.
    error ReceiverKicked(address account);

    /// @notice The owner's shares reserved for an all-or-nothing sell-down cannot leave her wallet before it settles.
    /// @param ownerBalance The owner's balance after the move.
    /// @param reserved Shares reserved.
    error ReservedSharesLocked(uint256 ownerBalance, uint256 reserved);

    /// @notice Only a personal token's Holdings may pledge shares into itself.
    /// @param caller The rejected caller.
    error CallerNotHoldings(address caller);

    /// @notice Only the factory initializes a token.
    /// @dev Only the factory initializes a token (once: a second initialization is OpenZeppelin's
    /// `InvalidInitialization`).
    /// @param caller The rejected caller.
    error CallerNotFactory(address caller);

    /// @notice Only an arbiter of the registry may do this.
    /// @param caller The rejected caller.
    error CallerNotArbiter(address caller);

    /// @notice The change would put more shares outside the owner's wallet than the cap allows.
    /// @param outsideShares Shares outside the owner's wallet after the change.
    /// @param maxOutsideShares `capBps × totalSupply / 10,000` after the change.
    error CapExceeded(uint256 outsideShares, uint256 maxOutsideShares);

    /// @notice The cap can only be lowered.
    /// @param currentCapBps The current cap.
    /// @param requestedCapBps The requested cap.
    error CapNotLowered(uint16 currentCapBps, uint16 requestedCapBps);

    /// @notice The total supply would exceed the most shares a token may ever have, counting those an unfinished
    /// offering still has to mint.
    /// @dev Total supply would exceed `MAX_SUPPLY` (10^36 units), the bound that keeps all accounting in range. Shares
    /// that an unfinished dilutive all-or-nothing offering still has to mint count as supply.
    /// @param totalSupply The supply the change would produce, those promised shares included.
    error SupplyLimitExceeded(uint256 totalSupply);

    /// @notice Moves to or from the owner need no permission: she moves her own shares, and anyone may sell to her.
    /// @param owner The owner.
    error PermissionWithOwner(address owner);

    /// @notice A permission needs two different wallets.
    /// @param account The wallet given as both sender and receiver.
    error PermissionToSelf(address account);

    /// @notice The signed approval's deadline has passed.
    /// @param deadline The deadline signed.
    error ApprovalExpired(uint256 deadline);

    /// @notice The signed approval's nonce was used or cancelled.
    /// @param nonce The nonce.
    error ApprovalNonceAlreadyUsed(uint256 nonce);

    /// @notice The signature is not the owner's over this exact approval.
    error InvalidApprovalSignature();

    /// @notice Ownership can only move, never be renounced.
    error OwnershipCannotBeRenounced();

    /// @notice Ownership cannot move to the wallet that already owns the token.
    /// @param owner The current owner.
    error NewOwnerIsCurrentOwner(address owner);

    /// @notice Ownership can only move to a wallet the registrar has verified (and not banned).
    /// @param newOwner The rejected wallet.
    error NewOwnerNotVerified(address newOwner);

    /// @notice The arbiter's forced transfer needs two different wallets.
    /// @param account The wallet given as both sender and receiver.
    error ForcedTransferToSelf(address account);

    /// @notice Called by the factory right after cloning.
    /// @param owner_ The person; receives `initialSupply`.
    /// @param name_ ERC-20 name, also the EIP-712 domain name.
    /// @param symbol_ ERC-20 symbol.
    /// @param initialSupply Shares minted to the owner (18 decimals).
    /// @param capBps_ Cap on outside shares, in basis points of the supply.
    /// @param quoteAsset_ Asset shares are priced in (address(0) for ETH).
    function initialize(
        address owner_,
        string calldata name_,
        string calldata symbol_,
        uint256 initialSupply,
        uint16 capBps_,
        address quoteAsset_
    ) external;

    /// @notice Mints `amount` new shares to `to`, diluting everyone, within the cap and the supply bound (shares an
    /// unfinished dilutive offering still has to mint count). Owner only; not while paused; not by a banned owner.
    /// @param to Owner or verified investor.
    /// @param amount Shares to mint.
    function issue(address to, uint256 amount) external;

    /// @notice Lowers the cap on outside shares; it can never be raised. Owner only.
    /// @param newCapBps The new cap, below the current one and at least the current outside share.
    function lowerCap(uint16 newCapBps) external;

    /// @notice Sets how many shares `from` may move to `to` (overwrites; 0 withdraws). Owner only. The permission
    /// lasts until used, replaced, or until ownership moves (see `ownerEpoch`).
    /// @param from A holder other than the owner.
    /// @param to An investor other than the owner.
    /// @param amount The amount allowed, at most `MAX_SUPPLY`.
    function approveTransfer(address from, address to, uint256 amount) external;

    /// @notice Moves exactly `amount` shares from the caller to `to` with the owner's EIP-712 `TransferApproval`.
    /// The signature is an on-chain permission granted and used in this same call, as an ERC-2612 `permit` followed
    /// by `transferFrom` would be: when the shares move, `canTransfer(from, to, amount)` holds with it counted, and
    /// every other rule of `transfer` applies unchanged. Only the current owner's signature counts, so signatures of
    /// an earlier owner are void.
    /// @param to The receiver named in the approval.
    /// @param amount The amount named in the approval.
    /// @param nonce The approval's unordered nonce.
    /// @param deadline Last second the approval is valid.
    /// @param signature The owner's signature (ECDSA, or ERC-1271 for a contract owner).
    /// @return True on success.
    function transferWithApproval(
        address to,
        uint256 amount,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external returns (bool);

    /// @notice Makes an unused signed approval unusable. Owner only.
    /// @param nonce The nonce to cancel.
    function cancelApproval(uint256 nonce) external;

    /// @notice Gives or revokes `holder`'s pro-rata right (holders have it unless revoked or kicked). Owner only.
    /// @param holder The holder.
    /// @param hasRight True to give, false to revoke.
    function setProRataRight(address holder, bool hasRight) external;

    /// @notice Moves `amount` of the owner's shares to `to` at once (they count toward the cap from now and dilute
    /// nobody), locked until they vest: nothing before `start + cliff`, then
    /// `floor(amount × min(t − start, duration) / duration)`. Owner only; the owner's sender rules apply (not paused,
    /// not banned, at most her movable balance).
    /// @param to Verified recipient without a grant that is not fully vested.
    /// @param amount Shares.
    /// @param start Vesting start, past or future.
    /// @param cliff Seconds from `start` (≤ duration).
    /// @param duration Seconds from `start` (> 0).
    /// @param reason Hash or short code of the help rewarded, emitted.
    function grant(address to, uint256 amount, uint64 start, uint64 cliff, uint64 duration, bytes32 reason) external;

    /// @notice Returns `holder`'s unvested shares to the owner; vested shares and gains earned stay. Owner only; not
    /// while paused; not while the holder has frozen shares.
    /// @param holder The holder.
    function cancelGrant(address holder) external;

    /// @notice The share side of a kick (`ShareMarket.kick` is the owner's entry point and pays): moves all of
    /// `holder`'s shares to the owner, ends its grant, revokes its pro-rata right and marks it kicked. Market only;
    /// not while paused; not the owner, not a holder without shares, not a holder with frozen shares.
    /// @param holder The holder.
    /// @return sharesBoughtBack Shares the owner pays for (all but the unvested granted ones).
    /// @return unvestedReturned Unvested granted shares returned unpaid.
    /// @return countsForReputation True the first time this token kicks a holder who bought on-chain.
    function kickOut(
        address holder
    ) external returns (uint256 sharesBoughtBack, uint256 unvestedReturned, bool countsForReputation);

    /// @notice Moves `shares` from `from`'s wallet into the calling Holdings (no owner's permission needed: the shares
    /// are locked away) with the part of `from`'s purchase record they carry: `min(shares, bought)` share units and
    /// `floor(paid × those / bought)` (all of `paid` with all of `bought`). `from`'s sender rules apply. Only a
    /// Holdings of this system (which passes its token's owner as `from`).
    /// @param from The pledger.
    /// @param shares Shares.
    /// @return basis The quote units of the purchase record carried: the pledged shares' cost basis.
    function pledge(address from, uint256 shares) external returns (uint256 basis);

    /// @notice Lets a kicked address hold shares again (its pro-rata right stays revoked). Owner only.
    /// @param holder The address.
    function readmit(address holder) external;

    /// @notice Settles a market trade: mints (`from == address(0)`) or moves `shares` to `to`, records the purchase
    /// and, for a trade of at least 0.01% of the supply, the last price. Market only; not while paused. A move runs
    /// through `transfer`'s rules; for a listing fill the market's approved listing is the owner's permission,
    /// granted and used in this call.
    /// @param from The seller (owner or holder), or address(0) to mint.
    /// @param to The buyer.
    /// @param shares Shares.
    /// @param pricePerShare Price per whole share.
    /// @param paid Quote units paid.
    function settleTrade(address from, address to, uint256 shares, uint256 pricePerShare, uint256 paid) external;

    /// @notice Starts reserving an all-or-nothing offering's shares for every cap check (and, if dilutive, the
    /// supply bound). Market only, when the offering opens.
    /// @param offered Shares offered.
    /// @param end The offering's last second.
    /// @param dilutive True if the shares will be minted.
    function openReservation(uint256 offered, uint64 end, bool dilutive) external;

    /// @notice Records the offering's unsettled sales and whether it reached its minimum. Market only, after every
    /// sale, settlement and refund of the offering.
    /// @param pending Shares sold and not yet settled.
    /// @param minimumReached Whether the offering raised its minimum.
    function updateReservation(uint256 pending, bool minimumReached) external;

    /// @notice Ends the reservation. Market only, when the offering is cancelled or finished.
    function closeReservation() external;

    /// @notice Checks and uses the owner's EIP-712 `ListingApproval` for a listing. Market only.
    /// @param seller The listing's seller.
    /// @param amount The listing's amount.
    /// @param price The listing's price.
    /// @param buyer The listing's buyer (address(0) for any).
    /// @param expiry The listing's expiry.
    /// @param nonce The owner's unordered nonce.
    /// @param deadline Last second the signature is valid.
    /// @param signature The owner's signature.
    function useListingApproval(
        address seller,
        uint256 amount,
        uint256 price,
        address buyer,
        uint256 expiry,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external;

    /// @notice Pauses ordinary share movements and issuance. Arbiter only.
    function pause() external;

    /// @notice Ends a pause. Arbiter only.
    function unpause() external;

    /// @notice Moves ownership and the owner's shares to `newWallet`, the person's new verified wallet, after the
    /// owner lost access. Gains earned by the old wallet stay claimable by it. Arbiter only.
    /// @param newWallet The new owner wallet.
    function recoverOwnership(address newWallet) external;

    /// @notice Whether the arbiter paused ordinary share movements, issuance and trades.
    /// @return True if paused.
    function paused() external view returns (bool);

    /// @notice Whether `account` may send shares (not banned).
    /// @param account The address.
    /// @return True if it may send.
    function canSend(address account) external view returns (bool);

    /// @notice Whether `account` may receive shares now (owner, or verified and not kicked; never the token).
    /// @param account The address.
    /// @return True if it may receive.
    function canReceive(address account) external view returns (bool);

    /// @notice The person who owns this token.
    /// @return The owner wallet.
    function owner() external view returns (address);

    /// @notice The implementation every gains distributor of this system clones.
    /// @return The distributor implementation.
    function distributorImplementation() external view returns (address);

    /// @notice The shared investor registry.
    /// @return The registry.
    function registry() external view returns (IInvestorRegistry);

    /// @notice The factory that created this token.
    /// @return The factory.
    function factory() external view returns (address);

    /// @notice This token's gains distributor.
    /// @return The distributor.
    function distributor() external view returns (address);

    /// @notice The share market shared by every personal token.
    /// @return The market.
    function market() external view returns (IShareMarket);

    /// @notice What the market needs before a trade, in one call.
    /// @param account The prospective buyer.
    /// @return owner_ The owner.
    /// @return quote The quote asset.
    /// @return isPaused Whether the token is paused.
    /// @return receivable Whether `account` may receive shares.
    /// @return epoch The owner epoch (`ownerEpoch`), which an approved listing must match.
    function tradeContext(
        address account
    ) external view returns (address owner_, address quote, bool isPaused, bool receivable, uint64 epoch);

    /// @notice How many times ownership moved. Permissions given by an owner carry the epoch they were given in and
    /// are void once it has passed.
    /// @return The current epoch (0 at creation).
    function ownerEpoch() external view returns (uint64);

    /// @notice Shares `account` may move by its own action now: balance − frozen − unvested granted shares and, for
    /// the owner, − shares reserved for an all-or-nothing sell-down; floored at zero.
    /// @param account The holder.
    /// @return The movable amount.
    function movableBalanceOf(address account) external view returns (uint256);

    /// @notice Whether `settleTrade` could now deliver `shares` sold in an offering: minted (`from == address(0)`) or
    /// moved from the owner to `to`, under every rule it applies (pause, receiver, supply bound with reservations,
    /// cap, and for a move the owner's sender rules). Reservations are read as they stand: the market asks after
    /// taking the purchase out of its offering's reservation, as `settleTrade` will then see it.
    /// @param from address(0) for a mint, else the owner.
    /// @param to The buyer.
    /// @param shares Shares to deliver.
    /// @return True if `settleTrade` would succeed.
    function canDeliver(address from, address to, uint256 shares) external view returns (bool);

    /// @notice ERC-1404: the restriction a `transfer` of `value` from `from` to `to` would meet now, as a code; 0
    /// means it would succeed. Each other code is the refusal of exactly one custom error `transfer` reverts with,
    /// checked in this order: 1 paused (`EnforcedPause`), 2 sender banned (`ERC7943CannotSend`), 3 balance too low
    /// (`ERC20InsufficientBalance`), 4 frozen or locked (`ERC7943InsufficientUnfrozenBalance`), 5 zero receiver
    /// (`ERC20InvalidReceiver`), 6 receiver not allowed (`ERC7943CannotReceive`), 7 receiver kicked
    /// (`ReceiverKicked`), 8 cap (`CapExceeded`), 9 no owner permission (`ERC7943CannotTransfer`).
    /// @param from The sender.
    /// @param to The receiver.
    /// @param value The amount.
    /// @return The restriction code.
    function detectTransferRestriction(address from, address to, uint256 value) external view returns (uint8);

    /// @notice ERC-1404: a sentence explaining a restriction code of `detectTransferRestriction`.
    /// @param restrictionCode The code.
    /// @return The explanation.
    function messageForTransferRestriction(uint8 restrictionCode) external view returns (string memory);

    /// @notice Shares an unfinished all-or-nothing offering holds back, from the state the market recorded and the
    /// block time: before the end all offered shares; after it the unsettled sales if the minimum was reached, else
    /// none. They count as outside in every cap check and, if dilutive, in the supply bound of every other mint; a
    /// sell-down's stay locked in the owner's wallet.
    /// @return reserved The reserved shares.
    /// @return dilutive True if they will be minted rather than moved from the owner.
    function reservedShares() external view returns (uint256 reserved, bool dilutive);

    /// @notice The least price per whole share a kick of `holder` must pay: max(lastPrice, its average purchase
    /// price).
    /// @param holder The holder.
    /// @return Quote units per whole share.
    function kickFloor(address holder) external view returns (uint256);

    /// @notice Price per whole share of the last settled trade of at least 0.01% of the supply (0 before any).
    /// @return The price in quote units.
    function lastPrice() external view returns (uint256);

    /// @notice Whether `holder` may buy in the priority window of dilutive offerings.
    /// @param holder The address.
    /// @return True unless it is the owner, kicked, or had its right revoked.
    function hasProRataRight(address holder) external view returns (bool);

    /// @notice `holder`'s unvested granted shares (never more than its balance).
    /// @param holder The holder.
    /// @return Locked shares.
    function lockedOf(address holder) external view returns (uint256);

    /// @notice Whether `holder` is kicked (cannot receive shares until readmitted).
    /// @param holder The address.
    /// @return True if kicked.
    function isKicked(address holder) external view returns (bool);

    /// @notice `holder`'s settled purchases and fills in this token.
    /// @param holder The holder.
    /// @return paid Quote units paid in total.
    /// @return bought Shares bought in total.
    function purchaseOf(address holder) external view returns (uint256 paid, uint256 bought);

    /// @notice `holder`'s grant.
    /// @param holder The holder.
    /// @return amount Shares the grant vests in total.
    /// @return start Vesting start.
    /// @return cliff Seconds from start before anything vests.
    /// @return duration Seconds from start until all vests.
    function grantOf(
        address holder
    ) external view returns (uint256 amount, uint64 start, uint64 cliff, uint64 duration);

    /// @notice The asset shares are priced in (address(0) for ETH).
    /// @return The quote asset.
    function quoteAsset() external view returns (address);

    /// @notice The cap on outside shares in basis points of the supply.
    /// @return The cap.
    function capBps() external view returns (uint16);

    /// @notice Total supply minus the owner's balance.
    /// @return Outside shares.
    function outsideShares() external view returns (uint256);

    /// @notice How many shares `from` may still move to `to` under on-chain permission.
    /// @param from The sender.
    /// @param to The receiver.
    /// @return The remaining permitted amount.
    function transferApproval(address from, address to) external view returns (uint256);

    /// @notice Whether the owner's signed-approval `nonce` was used or cancelled.
    /// @param nonce The nonce.
    /// @return True if used.
    function nonceUsed(uint256 nonce) external view returns (bool);
}
