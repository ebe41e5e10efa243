package io.noderr.activities.rollout;

/**
 * @param total nodes in the stored order
 * @param skippedAtTarget targeted nodes already running the version
 * @param skippedQuarantined targeted nodes left out as quarantined
 */
public record RolloutPlan(int total, int skippedAtTarget, int skippedQuarantined) {}
