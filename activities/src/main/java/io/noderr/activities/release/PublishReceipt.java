package io.noderr.activities.release;

/**
 * A publication the beacon accepted.
 *
 * @param transactionHash the multisig transaction (on the local beacon: a synthetic id)
 * @param blockNumber the block it was mined in (on the local beacon: the publication sequence)
 */
public record PublishReceipt(
    String releaseId,
    BeaconTier tier,
    String version,
    String imageDigest,
    String transactionHash,
    long blockNumber) {}
