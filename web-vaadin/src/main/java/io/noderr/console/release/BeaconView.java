package io.noderr.console.release;

/**
 * A tier's current release as the platform last saw it on the beacon (the agents' fallback when
 * they have no RPC endpoint of their own).
 */
public record BeaconView(
    String tier,
    String backend,
    long chainId,
    String beaconAddress,
    String version,
    String imageDigest,
    String minimumVersion,
    String notesUri,
    String publishedAt,
    String transactionHash,
    long blockNumber) {}
