package io.noderr.registry.slashing;

import java.time.Instant;

/**
 * A node that gives cause for a slashing dispute, and since when: the start of its silence, or its
 * last good attestation before the failure. One dispute per node and {@code since}.
 */
public record NodeEvidence(String nodeId, Instant since) {}
