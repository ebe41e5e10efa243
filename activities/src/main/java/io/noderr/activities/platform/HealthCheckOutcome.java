package io.noderr.activities.platform;

import io.noderr.activities.node.HealthProbeResult;
import io.noderr.activities.node.NodeStatusReport;

/**
 * The outcome of one health check, as recorded by the platform. {@code status} and {@code probe}
 * are null when the node was unreachable.
 */
public record HealthCheckOutcome(
    String workflowId,
    String nodeId,
    String requestedBy,
    HealthCheckVerdict verdict,
    NodeStatusReport status,
    HealthProbeResult probe,
    String detail) {}
