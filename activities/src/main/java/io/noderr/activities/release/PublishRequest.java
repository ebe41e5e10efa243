package io.noderr.activities.release;

import java.util.List;

/**
 * Everything the multisig's {@code publish} call takes.
 *
 * @param nonce the nonce the signatures were made over, decimal
 * @param signatures 65-byte hex signatures, sorted by signer address ascending (the contract's
 *     rule)
 */
public record PublishRequest(
    String releaseId,
    BeaconTier tier,
    String version,
    String imageDigest,
    String minimumVersion,
    String notesUri,
    String nonce,
    long deadline,
    List<String> signatures) {

  public PublishRequest {
    signatures = List.copyOf(signatures);
  }
}
