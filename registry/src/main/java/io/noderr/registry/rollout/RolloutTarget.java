package io.noderr.registry.rollout;

import io.noderr.registry.Tier;

/**
 * One node of a rollout's stored order, with its latest result.
 *
 * @param position 0-based place in the update order
 * @param operator the node's operator id when the plan was made
 * @param failure the failure type name of the latest result, or null
 * @param stage the stage of the latest result (1-based), or null while PENDING
 * @param millis how long the node worked on the latest result, or null while PENDING
 */
public record RolloutTarget(
    int position,
    String nodeId,
    Tier tier,
    String operator,
    String region,
    TargetStatus status,
    String failure,
    String detail,
    Integer stage,
    Long millis) {}
