package io.noderr.registry.node;

/** What a node said about itself in one heartbeat. */
public record LivenessReport(
    String nodeId,
    String version,
    String imageDigest,
    String health,
    double cpuPercent,
    double memoryPercent,
    double diskPercent) {}
