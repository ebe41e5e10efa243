package io.noderr.activities.rollout;

/**
 * One step of a rollout for the read model and the audit log.
 *
 * @param status the rollout's stage name after this step
 * @param sequence numbers the workflow's steps; a retried write with a seen sequence changes
 *     nothing
 */
public record RolloutProgress(
    String rolloutId,
    String version,
    String status,
    int stage,
    int stages,
    int total,
    int updated,
    int failed,
    int sequence,
    String actor,
    String action,
    String detail) {}
