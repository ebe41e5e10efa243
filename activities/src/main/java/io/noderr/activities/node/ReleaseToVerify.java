package io.noderr.activities.node;

/**
 * @param tier the node's beacon tier (ALL, ORACLE, GUARDIAN)
 * @param imageDigest {@code sha256:<hex>} of the image the node is asked to install
 */
public record ReleaseToVerify(String tier, String version, String imageDigest) {}
