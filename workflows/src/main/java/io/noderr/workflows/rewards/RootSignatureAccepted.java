package io.noderr.workflows.rewards;

/** The answer to an accepted signature. */
public record RootSignatureAccepted(
    long epoch, RewardEpochStage stage, int signatures, int threshold) {}
