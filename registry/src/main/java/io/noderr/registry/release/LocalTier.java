package io.noderr.registry.release;

import io.noderr.registry.Tier;
import java.time.Instant;

/**
 * A tier of the local beacon.
 *
 * @param version with imageDigest, minimumVersion, notesUri and publishedAt: null until the tier's
 *     first publication
 * @param guardianExpiresAt when the tier's guardian pause ends; null when it is not guardian-paused
 */
public record LocalTier(
    Tier tier,
    String version,
    String imageDigest,
    String minimumVersion,
    String notesUri,
    Instant publishedAt,
    boolean paused,
    Instant guardianExpiresAt) {}
