// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {NoderrParameters} from "./NoderrParameters.sol";

/// @title Stake-weighted governance of the Noderr network, with proposals tiered by risk.
/// @notice OpenZeppelin's Governor: voting power is the stake at the proposal's snapshot (the
/// staking contract's checkpointed votes, time-based), For/Against/Abstain counting, and every
/// proposal executed by the TimelockController. Voting delay, voting period, proposal threshold,
/// quorums and tier delays are themselves changed only by proposals (onlyGovernance).
/// @notice Risk tiers. `propose` classifies a proposal by what it calls:
///   PARAMETER: every call is `NoderrParameters.setParameter` (a value within its governed range);
///   TREASURY: the calls move the treasury (the timelock's) funds: a plain value transfer, or
///     `transfer`/`approve` on the treasury token; parameter calls may accompany them;
///   CONTRACT: anything else: contract settings, roles, signers, ranges, this governor's own rules.
/// The highest tier among the calls is the proposal's. Each tier has its own quorum (a fraction of
/// the total stake at the snapshot, checkpointed like OpenZeppelin's quorum numerator, whose history
/// serves the PARAMETER tier) and its own timelock delay: the timelock's minimum delay applies to
/// every operation, and the governor, the timelock's only executor, executes a proposal no earlier
/// than its tier's delay after queueing (`proposalEta`).
/// @notice Proposals by signature. Governor's `propose` counts its caller's votes, so a proposal
/// relayed by the platform would be measured against the relayer's (zero) stake. `proposeBySig`
/// takes the proposal its proposer signed (EIP-712, this governor's domain, the proposer's nonce
/// shared with ballots) and applies the same threshold and description rules to the proposer.
contract NoderrGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    using Checkpoints for Checkpoints.Trace208;

    enum Tier {
        PARAMETER,
        TREASURY,
        CONTRACT
    }

    address public immutable parameterRegistry;
    address public immutable treasuryToken;

    mapping(uint256 proposalId => Tier) private _proposalTiers;
    /// Quorum numerators of TREASURY and CONTRACT (PARAMETER's is GovernorVotesQuorumFraction's).
    mapping(Tier => Checkpoints.Trace208) private _tierQuorumNumerators;
    mapping(Tier => uint32) private _tierDelays;

    event ProposalTiered(uint256 indexed proposalId, Tier tier);
    event TierQuorumNumeratorChanged(Tier tier, uint256 numerator);
    event TierDelayChanged(Tier tier, uint32 delaySeconds);

    error TierDelayNotElapsed(uint256 proposalId, uint256 eta);
    error ProposalSignatureExpired(uint256 deadline);

    /// EIP-712 arrays hash as keccak256 of their encoded elements (each `bytes` element its keccak256).
    bytes32 public constant PROPOSE_TYPEHASH = keccak256(
        "ProposeBySig(address proposer,address[] targets,uint256[] values,bytes[] calldatas,string description,uint256 nonce,uint256 deadline)"
    );

    /// @param tierQuorumNumerators percent of the total stake, per tier (PARAMETER, TREASURY, CONTRACT)
    /// @param tierDelays seconds between queueing and execution, per tier
    constructor(
        IVotes staking,
        TimelockController timelockController,
        address parameters,
        address token,
        uint48 initialVotingDelay,
        uint32 initialVotingPeriod,
        uint256 initialProposalThreshold,
        uint256[3] memory tierQuorumNumerators,
        uint32[3] memory tierDelays
    )
        Governor("NoderrGovernor")
        GovernorSettings(initialVotingDelay, initialVotingPeriod, initialProposalThreshold)
        GovernorVotes(staking)
        GovernorVotesQuorumFraction(tierQuorumNumerators[0])
        GovernorTimelockControl(timelockController)
    {
        parameterRegistry = parameters;
        treasuryToken = token;
        for (uint8 i = 0; i < 3; i++) {
            if (i > 0) _setTierQuorumNumerator(Tier(i), tierQuorumNumerators[i]);
            _setTierDelay(Tier(i), tierDelays[i]);
        }
    }

    // ---- proposals by signature ----

    /// @notice Submits a proposal `proposer` signed: their stake meets the threshold, not the caller's.
    /// The signature covers every call, the description, the proposer's current nonce (consumed
    /// here, so it proposes once) and a deadline. `_propose` classifies it like any proposal.
    function proposeBySig(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer,
        uint256 deadline,
        bytes memory signature
    ) public returns (uint256) {
        if (block.timestamp > deadline) revert ProposalSignatureExpired(deadline);
        bytes32 digest =
            proposeBySigDigest(targets, values, calldatas, description, proposer, _useNonce(proposer), deadline);
        if (!SignatureChecker.isValidSignatureNow(proposer, digest, signature)) {
            revert GovernorInvalidSignature(proposer);
        }
        if (!_isValidDescriptionForProposer(proposer, description)) revert GovernorRestrictedProposer(proposer);
        uint256 proposerVotes = getVotes(proposer, clock() - 1);
        uint256 votesThreshold = proposalThreshold();
        if (proposerVotes < votesThreshold) {
            revert GovernorInsufficientProposerVotes(proposer, proposerVotes, votesThreshold);
        }
        return _propose(targets, values, calldatas, description, proposer);
    }

    /// @notice The EIP-712 digest `proposer` signs for `proposeBySig` (for signers to check theirs).
    function proposeBySigDigest(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer,
        uint256 nonce,
        uint256 deadline
    ) public view returns (bytes32) {
        bytes32[] memory calldataHashes = new bytes32[](calldatas.length);
        for (uint256 i = 0; i < calldatas.length; i++) {
            calldataHashes[i] = keccak256(calldatas[i]);
        }
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    PROPOSE_TYPEHASH,
                    proposer,
                    keccak256(abi.encodePacked(targets)),
                    keccak256(abi.encodePacked(values)),
                    keccak256(abi.encodePacked(calldataHashes)),
                    keccak256(bytes(description)),
                    nonce,
                    deadline
                )
            )
        );
    }

    // ---- tiers ----

    /// @notice The tier `propose` gives these calls (see the contract's notice).
    function classify(address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
        public
        view
        returns (Tier)
    {
        Tier highest = Tier.PARAMETER;
        for (uint256 i = 0; i < targets.length; i++) {
            Tier tier = classifyCall(targets[i], values[i], calldatas[i]);
            if (tier > highest) highest = tier;
        }
        return highest;
    }

    function proposalTier(uint256 proposalId) public view returns (Tier) {
        if (proposalSnapshot(proposalId) == 0) revert GovernorNonexistentProposal(proposalId);
        return _proposalTiers[proposalId];
    }

    function tierQuorumNumerator(Tier tier, uint256 timepoint) public view returns (uint256) {
        if (tier == Tier.PARAMETER) return quorumNumerator(timepoint);
        return _tierQuorumNumerators[tier].upperLookupRecent(SafeCast.toUint48(timepoint));
    }

    /// @notice The stake that must vote For or Abstain for a proposal of `tier` snapshotted at `timepoint`.
    function tierQuorum(Tier tier, uint256 timepoint) public view returns (uint256) {
        return token().getPastTotalSupply(timepoint) * tierQuorumNumerator(tier, timepoint) / quorumDenominator();
    }

    function tierDelay(Tier tier) public view returns (uint32) {
        return _tierDelays[tier];
    }

    function setTierQuorumNumerator(Tier tier, uint256 numerator) external onlyGovernance {
        if (tier == Tier.PARAMETER) {
            _updateQuorumNumerator(numerator);
            emit TierQuorumNumeratorChanged(tier, numerator);
        } else {
            _setTierQuorumNumerator(tier, numerator);
        }
    }

    function setTierDelay(Tier tier, uint32 delaySeconds) external onlyGovernance {
        _setTierDelay(tier, delaySeconds);
    }

    function classifyCall(address target, uint256 value, bytes memory data) private view returns (Tier) {
        bytes4 selector = data.length >= 4 ? bytes4(data) : bytes4(0);
        if (target == parameterRegistry && value == 0 && selector == NoderrParameters.setParameter.selector) {
            return Tier.PARAMETER;
        }
        if (data.length == 0 && value > 0) return Tier.TREASURY;
        if (
            target == treasuryToken && value == 0
                && (selector == IERC20.transfer.selector || selector == IERC20.approve.selector)
        ) {
            return Tier.TREASURY;
        }
        return Tier.CONTRACT;
    }

    function _setTierQuorumNumerator(Tier tier, uint256 numerator) private {
        if (numerator > quorumDenominator()) revert GovernorInvalidQuorumFraction(numerator, quorumDenominator());
        _tierQuorumNumerators[tier].push(clock(), SafeCast.toUint208(numerator));
        emit TierQuorumNumeratorChanged(tier, numerator);
    }

    function _setTierDelay(Tier tier, uint32 delaySeconds) private {
        _tierDelays[tier] = delaySeconds;
        emit TierDelayChanged(tier, delaySeconds);
    }

    // ---- tier rules in the Governor's flow ----

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        Tier tier = classify(targets, values, calldatas);
        _proposalTiers[proposalId] = tier;
        emit ProposalTiered(proposalId, tier);
    }

    function _quorumReached(uint256 proposalId)
        internal
        view
        override(Governor, GovernorCountingSimple)
        returns (bool)
    {
        (, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        return tierQuorum(_proposalTiers[proposalId], proposalSnapshot(proposalId)) <= forVotes + abstainVotes;
    }

    /// @dev Schedules on the timelock (its minimum delay) and sets the eta to the later of that and the tier's delay.
    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        uint48 timelockEta = super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
        uint48 tierEta = SafeCast.toUint48(block.timestamp + _tierDelays[_proposalTiers[proposalId]]);
        return tierEta > timelockEta ? tierEta : timelockEta;
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        uint256 eta = proposalEta(proposalId);
        if (block.timestamp < eta) revert TierDelayNotElapsed(proposalId, eta);
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    // ---- overrides OpenZeppelin requires for this combination ----

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
