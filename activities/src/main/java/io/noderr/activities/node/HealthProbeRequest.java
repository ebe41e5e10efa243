package io.noderr.activities.node;

/** Asks a node to probe its node software once, giving up after {@code timeoutMillis}. */
public record HealthProbeRequest(long timeoutMillis) {}
