// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {NoderrParameters} from "./NoderrParameters.sol";

/// @title Operator stake, and the voting power governance counts.
/// @notice An operator stakes tokens; the active stake is its voting power, checkpointed by time
/// (OpenZeppelin Votes), so a proposal counts the stake at its snapshot and stake added later does
/// not vote on it. Staked tokens vote from the moment they are staked: an operator that never
/// delegated is its own delegate (no separate self-delegation step); it may still delegate to
/// another account.
/// @notice Leaving takes two steps: `requestUnbond` stops the amount voting at once and starts the
/// unbonding delay (the parameter `stake.unbondingSeconds`, read when requested); `withdraw` pays it
/// out after the delay. Unbonding stake can still be slashed.
/// @notice Tier minimums (`stake.minimum.all|oracle|guardian`) and the unbonding delay live in the
/// parameter registry, so governance changes them like any other parameter.
/// @notice Slashing: only the owner (the governance timelock) or the guardian (the multisig); the
/// slashed tokens go to the owner, the treasury.
contract NoderrStaking is Votes, Ownable {
    using SafeERC20 for IERC20;

    /// Node tiers as the VersionBeacon numbers them: ALL = 0, ORACLE = 1, GUARDIAN = 2.
    uint8 public constant TIER_COUNT = 3;
    string private constant UNBONDING = "stake.unbondingSeconds";
    /// The governed cap on one slashing, in basis points of the operator's active and unbonding stake.
    string private constant MAXIMUM_PENALTY = "slashing.maximumPenaltyBp";

    struct Unbonding {
        uint256 amount;
        uint64 readyAt;
    }

    IERC20 public immutable token;
    NoderrParameters public immutable parameters;
    address public guardian;
    mapping(address => uint256) public stakeOf;
    mapping(address => Unbonding) public unbondingOf;
    uint256 public totalStaked;

    event Staked(address indexed operator, uint256 amount, uint256 stake);
    event UnbondingRequested(address indexed operator, uint256 amount, uint256 stake, uint64 readyAt);
    event Withdrawn(address indexed operator, uint256 amount);
    event Slashed(address indexed operator, uint256 amount, address by);
    event GuardianChanged(address guardian);

    error ZeroAmount();
    error InsufficientStake(uint256 requested, uint256 available);
    error NotUnbonded(uint64 readyAt);
    error NotSlasher(address caller);
    error BadTier(uint8 tier);
    error ExceedsMaximumPenalty(uint256 amount, uint256 maximum);

    constructor(IERC20 stakeToken, NoderrParameters registry, address timelock, address initialGuardian)
        EIP712("NoderrStaking", "1")
        Ownable(timelock)
    {
        token = stakeToken;
        parameters = registry;
        guardian = initialGuardian;
        emit GuardianChanged(initialGuardian);
    }

    function stake(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        token.safeTransferFrom(msg.sender, address(this), amount);
        stakeOf[msg.sender] += amount;
        totalStaked += amount;
        _transferVotingUnits(address(0), msg.sender, amount);
        emit Staked(msg.sender, amount, stakeOf[msg.sender]);
    }

    /// @notice Stops `amount` of the caller's stake voting now; it can be withdrawn after the
    /// unbonding delay. A second request adds to the pending amount and restarts the delay.
    function requestUnbond(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 active = stakeOf[msg.sender];
        if (amount > active) revert InsufficientStake(amount, active);
        stakeOf[msg.sender] = active - amount;
        totalStaked -= amount;
        _transferVotingUnits(msg.sender, address(0), amount);
        Unbonding storage pending = unbondingOf[msg.sender];
        pending.amount += amount;
        pending.readyAt = uint64(block.timestamp + parameters.valueOf(UNBONDING));
        emit UnbondingRequested(msg.sender, amount, stakeOf[msg.sender], pending.readyAt);
    }

    function withdraw() external {
        Unbonding memory pending = unbondingOf[msg.sender];
        if (pending.amount == 0) revert ZeroAmount();
        if (block.timestamp < pending.readyAt) revert NotUnbonded(pending.readyAt);
        delete unbondingOf[msg.sender];
        token.safeTransfer(msg.sender, pending.amount);
        emit Withdrawn(msg.sender, pending.amount);
    }

    /// @notice Takes `amount` from the operator's active stake first, then from its unbonding stake,
    /// and sends it to the treasury (the owner). Never more than the governed maximum share of that
    /// stake (`slashing.maximumPenaltyBp`): whoever holds the slasher's keys cannot take it all.
    function slash(address operator, uint256 amount) external {
        if (msg.sender != owner() && msg.sender != guardian) revert NotSlasher(msg.sender);
        if (amount == 0) revert ZeroAmount();
        uint256 active = stakeOf[operator];
        uint256 unbonding = unbondingOf[operator].amount;
        uint256 maximum = (active + unbonding) * parameters.valueOf(MAXIMUM_PENALTY) / 10_000;
        if (amount > maximum) revert ExceedsMaximumPenalty(amount, maximum);
        uint256 fromActive = amount < active ? amount : active;
        if (fromActive > 0) {
            stakeOf[operator] = active - fromActive;
            totalStaked -= fromActive;
            _transferVotingUnits(operator, address(0), fromActive);
        }
        unbondingOf[operator].amount = unbonding - (amount - fromActive);
        token.safeTransfer(owner(), amount);
        emit Slashed(operator, amount, msg.sender);
    }

    function setGuardian(address newGuardian) external onlyOwner {
        guardian = newGuardian;
        emit GuardianChanged(newGuardian);
    }

    /// @notice The minimum active stake for a node of `tier`, from the parameter registry.
    function tierMinimum(uint8 tier) public view returns (uint256) {
        if (tier == 0) return parameters.valueOf("stake.minimum.all");
        if (tier == 1) return parameters.valueOf("stake.minimum.oracle");
        if (tier == 2) return parameters.valueOf("stake.minimum.guardian");
        revert BadTier(tier);
    }

    function meetsTierMinimum(address operator, uint8 tier) external view returns (bool) {
        return stakeOf[operator] >= tierMinimum(tier);
    }

    /// @notice An operator that has not delegated is its own delegate.
    function delegates(address account) public view override returns (address) {
        address chosen = super.delegates(account);
        return chosen == address(0) ? account : chosen;
    }

    /// @notice Time-based checkpoints: snapshots, voting delay and period are in seconds.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @dev Delegating to nobody means voting oneself again, never losing the votes.
    function _delegate(address account, address delegatee) internal override {
        super._delegate(account, delegatee == address(0) ? account : delegatee);
    }

    function _getVotingUnits(address account) internal view override returns (uint256) {
        return stakeOf[account];
    }
}
