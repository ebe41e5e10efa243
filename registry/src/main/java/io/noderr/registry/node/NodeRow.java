package io.noderr.registry.node;

import io.noderr.registry.Tier;
import java.time.Instant;

/** One line of a node list: what the Nodes grid and {@code GET /api/v1/nodes} show. */
public record NodeRow(
    String id,
    String operator,
    Tier tier,
    String region,
    NodeStatus status,
    String version,
    String health,
    AttestationStatus attestation,
    Instant lastSeen) {}
