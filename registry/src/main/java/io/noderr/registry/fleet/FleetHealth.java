package io.noderr.registry.fleet;

import java.util.Map;

/**
 * Fleet counts: total, by tier, by status, by running version, and by tier then status. Maps are
 * sorted by key.
 */
public record FleetHealth(
    long total,
    Map<String, Long> byTier,
    Map<String, Long> byStatus,
    Map<String, Long> byVersion,
    Map<String, Map<String, Long>> byTierAndStatus) {}
