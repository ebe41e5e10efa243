package io.noderr.workflows.release;

public record ReleaseResult(
    String releaseId,
    ReleaseStage stage,
    String transactionHash,
    long blockNumber,
    String reason) {}
