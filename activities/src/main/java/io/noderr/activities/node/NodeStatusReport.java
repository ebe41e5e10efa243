package io.noderr.activities.node;

/**
 * A node's self-reported status. Times are epoch milliseconds so the record serializes the same way
 * in workflow histories and in the heartbeat API.
 */
public record NodeStatusReport(
    String nodeId,
    String version,
    String imageDigest,
    HealthState health,
    ResourceUsage usage,
    long observedAtMillis) {}
