package io.noderr.registry.rollout;

import io.noderr.registry.Tier;

/**
 * A node of a targeted tier as the rollout planner needs to see it.
 *
 * @param operator the node's operator id
 * @param version what the node last reported running; null if it never reported
 * @param healthy last health report HEALTHY and status ACTIVE (heard from within the liveness
 *     window)
 * @param attested its attestation status is ATTESTED
 * @param quarantined its status is QUARANTINED
 */
public record RolloutCandidate(
    String nodeId,
    Tier tier,
    String operator,
    String region,
    String version,
    boolean healthy,
    boolean attested,
    boolean quarantined) {}
