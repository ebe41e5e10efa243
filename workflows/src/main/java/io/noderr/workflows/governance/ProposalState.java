package io.noderr.workflows.governance;

import java.util.List;

/**
 * A proposal workflow's state for the console and the CLI.
 *
 * @param voteStart the snapshot, unix seconds (0 before the proposal is on chain)
 * @param eta unix seconds, 0 until queued
 * @param quorumNeeded decimal, null before the vote started
 * @param ballotsRelayed ballots this workflow relayed
 * @param applied the platform parameters applied after execution
 */
public record ProposalState(
    String proposalId,
    ProposalStage stage,
    String reason,
    long chainId,
    String governor,
    String proposer,
    String description,
    String tier,
    long voteStart,
    long voteEnd,
    long eta,
    String forVotes,
    String againstVotes,
    String abstainVotes,
    String quorumNeeded,
    int ballotsRelayed,
    List<String> applied) {}
