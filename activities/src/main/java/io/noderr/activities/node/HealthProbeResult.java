package io.noderr.activities.node;

/** The outcome of one health probe of the node software. */
public record HealthProbeResult(
    String nodeId, HealthState health, String detail, long latencyMillis) {}
