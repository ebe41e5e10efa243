package io.noderr.registry.telemetry;

import java.time.Instant;

/**
 * Nodes on one version in one bucket (reporting or not; offline nodes count under their registry
 * version). Nodes that never reported a version count under {@code "unknown"}.
 */
public record VersionBucket(Instant bucket, String version, long nodes) {}
