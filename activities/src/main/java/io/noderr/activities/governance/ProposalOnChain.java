package io.noderr.activities.governance;

/**
 * A proposal as the governor reports it, read at one block.
 *
 * @param exists false when the governor knows no such proposal (yet)
 * @param state the governor's ProposalState name (PENDING ... EXECUTED)
 * @param voteStart the snapshot, unix seconds
 * @param voteEnd unix seconds
 * @param eta unix seconds; 0 until queued
 * @param tier PARAMETER, TREASURY or CONTRACT
 * @param quorumNeeded the tier's quorum at the snapshot, decimal; null before the snapshot
 * @param chainTime the block's timestamp, unix seconds: the governor's clock
 */
public record ProposalOnChain(
    String proposalId,
    boolean exists,
    String state,
    long chainId,
    String governor,
    String proposer,
    long voteStart,
    long voteEnd,
    long eta,
    String tier,
    String forVotes,
    String againstVotes,
    String abstainVotes,
    String quorumNeeded,
    long chainTime) {}
