package io.noderr.workflows.rollout;

public record RolloutResult(
    String rolloutId, RolloutStatus status, RolloutState.Counts counts, String reason) {}
