package io.noderr.activities.release;

/** A {@code VersionPublished} event as the beacon follower recorded it. */
public record PublishedEvent(
    BeaconTier tier,
    String version,
    String imageDigest,
    String transactionHash,
    long blockNumber,
    long publishedAt) {}
