package io.noderr.registry.rollout;

/**
 * How one node's update or revert ended, to store on its planned row.
 *
 * @param failure a failure type name, or null when it did not fail
 * @param detail one line for people
 */
public record TargetResult(
    String nodeId, TargetStatus status, String failure, String detail, long millis) {}
