package io.noderr.activities.node;

/**
 * @param source where the node read its beacon: CHAIN (its own RPC endpoint) or PLATFORM
 */
public record ReleaseVerified(String source, String version, String imageDigest) {}
