package io.noderr.registry.rewards;

import java.time.Instant;

/**
 * A decision that a node earns nothing in the epoch covering {@code decidedAt}.
 *
 * @param source who decided, e.g. {@code slashing} or {@code release-policy}
 * @param reference what the decision refers to (a proposal, a transaction, a release); may be null
 */
public record RewardExclusion(
    long id, String nodeId, Instant decidedAt, String reason, String source, String reference) {}
