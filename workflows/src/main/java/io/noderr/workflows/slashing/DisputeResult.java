package io.noderr.workflows.slashing;

/** How a dispute ended. */
public record DisputeResult(
    String disputeId, DisputeStage stage, String penalty, String transactionHash, String reason) {}
