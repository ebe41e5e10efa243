package io.noderr.registry.node;

import java.util.List;

/**
 * Result of ingesting a batch of heartbeats: how many were stored, which nodes came back from
 * DEGRADED, and which ids the registry does not know (those were ignored).
 */
public record HeartbeatOutcome(int accepted, List<String> recovered, List<String> unknown) {}
