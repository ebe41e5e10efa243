package io.noderr.activities.release;

/**
 * A tier's release as the beacon holds it.
 *
 * @param imageDigest {@code sha256:<hex>}
 * @param publishedAt unix seconds (block time on chain)
 */
public record CurrentRelease(
    String version, String imageDigest, String minimumVersion, String notesUri, long publishedAt) {}
