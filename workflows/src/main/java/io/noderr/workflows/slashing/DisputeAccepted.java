package io.noderr.workflows.slashing;

/** The answer to an accepted answer, appeal or vote. */
public record DisputeAccepted(
    String disputeId, DisputeStage stage, int slashVotes, int dismissVotes) {}
