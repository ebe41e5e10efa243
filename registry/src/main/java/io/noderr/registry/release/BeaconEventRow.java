package io.noderr.registry.release;

import io.noderr.registry.Tier;
import java.time.Instant;

/**
 * An event of a version beacon: seen on chain by the beacon follower, or written by the local
 * beacon itself. A tier's current release is its latest {@link Kind#VERSION_PUBLISHED} event.
 *
 * @param id set by the database; ignored on insert
 * @param beaconAddress lower-case hex (on the local beacon its fixed pseudo-address)
 * @param version with imageDigest, minimumVersion and notesUri: null unless VERSION_PUBLISHED
 * @param publishedAt block time of the publication; null unless VERSION_PUBLISHED
 * @param transactionHash on the local beacon {@code local-<nonce>}
 * @param blockNumber on the local beacon the nonce + 1
 * @param observedAt set by the database; ignored on insert
 */
public record BeaconEventRow(
    long id,
    Backend backend,
    long chainId,
    String beaconAddress,
    Kind kind,
    Tier tier,
    String version,
    String imageDigest,
    String minimumVersion,
    String notesUri,
    Instant publishedAt,
    String transactionHash,
    long blockNumber,
    int logIndex,
    Instant observedAt) {

  public enum Backend {
    CHAIN,
    LOCAL
  }

  public enum Kind {
    VERSION_PUBLISHED,
    TIER_PAUSED,
    TIER_UNPAUSED
  }
}
