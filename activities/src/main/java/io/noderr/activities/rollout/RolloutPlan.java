package io.noderr.activities.rollout;

/**
 * @param total nodes in the stored order
 * @param skippedAtTarget targeted nodes already running the version
 * @param skippedQuarantined targeted nodes left out as quarantined
 * @param skippedUnderStaked targeted nodes left out because their operator's stake does not cover
 *     the tier's minimum (0 in histories from before stake enforcement)
 */
public record RolloutPlan(
    int total, int skippedAtTarget, int skippedQuarantined, int skippedUnderStaked) {}
