// The one hand-written table of explanations: errors the contracts inherit from OpenZeppelin Contracts, which carry
// no `@notice`. Every error of our own is explained once, by the `@notice` at its declaration. Keyed by signature;
// scripts/check-errors.ts fails if a line explains an error no production ABI carries, or an error has a `@notice` too.
export const INHERITED_ERROR_EXPLANATIONS: Readonly<Record<string, string>> = {
  // Access
  "OwnableUnauthorizedAccount(address)":
    "Only the owner of the token (for the market and the distributor, the owner of the token concerned) may do this.",
  "OwnableInvalidOwner(address)": "This address cannot become the owner.",
  "AccessControlUnauthorizedAccount(address,bytes32)":
    "The caller lacks the registry role this needs (admin, registrar or arbiter).",
  "AccessControlBadConfirmation()": "An account may only renounce its own roles.",
  // ERC-20 (IERC6093)
  "ERC20InsufficientBalance(address,uint256,uint256)": "The sender holds fewer shares than the amount.",
  "ERC20InsufficientAllowance(address,uint256,uint256)":
    "The spender's allowance is below the amount: approve it first.",
  "ERC20InvalidSender(address)": "Shares cannot be sent from the zero address.",
  "ERC20InvalidReceiver(address)": "Shares cannot be sent to the zero address.",
  "ERC20InvalidApprover(address)": "The zero address cannot give an allowance.",
  "ERC20InvalidSpender(address)": "The zero address cannot receive an allowance.",
  // Payments and calls
  "SafeERC20FailedOperation(address)":
    "The payment token refused the transfer (its balance or allowance is too low, or it returned false).",
  "FailedCall()": "A call failed: an ETH payment was refused, or a called contract reverted without a reason.",
  "InsufficientBalance(uint256,uint256)": "The contract holds less ETH than it was asked to send.",
  "ReentrancyGuardReentrantCall()":
    "A call tried to re-enter the contract while it was still running, and was refused.",
  "SafeCastOverflowedUintDowncast(uint8,uint256)": "The amount is too large for the contract's accounting.",
  // Clones and initialization
  "CloneArgumentsTooLong()": "The clone's immutable arguments are too long.",
  "Create2EmptyBytecode()": "The contract to deploy has no bytecode.",
  "FailedDeployment()": "The contract could not be deployed.",
  "InvalidInitialization()": "The contract is already initialized.",
  "NotInitializing()": "The contract is not initializing.",
};
