package io.noderr.activities.platform;

/** Acknowledges a recorded health check; {@code nodeKnown} is false if the node was deleted. */
public record HealthCheckRecorded(String nodeId, boolean nodeKnown) {}
