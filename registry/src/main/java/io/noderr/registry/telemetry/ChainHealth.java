package io.noderr.registry.telemetry;

import java.time.Instant;

/**
 * A node's latest chain health report and how fresh its attestation is.
 *
 * @param reportedAt when the latest sample arrived, null if the node never reported
 * @param lastAttestedAt the node identity's last successful attestation, null for nodes without a
 *     proven identity (fleet-enrolled demo nodes)
 */
public record ChainHealth(
    String nodeId,
    Instant reportedAt,
    Long blockLag,
    Integer peers,
    Integer missedDuties,
    Instant lastAttestedAt) {}
