package io.noderr.workflows.release;

import io.noderr.activities.release.BeaconState.Backend;
import java.util.List;

/**
 * A release request as the workflow holds it; everything a signer needs to check what they sign.
 *
 * @param nonce the multisig nonce the signatures are over (null while PREPARING)
 * @param digest 0x-hex EIP-712 digest of the Publish action (null while PREPARING)
 * @param previousVersion the tier's version on the beacon when proposed ("" if none)
 * @param thresholdReachedAtMillis workflow time the last needed signature arrived (0 if not yet)
 * @param recordedAtMillis workflow time the publication was recorded (0 if not yet)
 */
public record ReleaseState(
    String releaseId,
    ReleaseStage stage,
    ReleaseProposal proposal,
    Backend backend,
    long chainId,
    String multisig,
    String nonce,
    String digest,
    List<String> signers,
    int threshold,
    List<CollectedSignature> signatures,
    List<Declined> declines,
    String previousVersion,
    String transactionHash,
    long blockNumber,
    String reason,
    long thresholdReachedAtMillis,
    long recordedAtMillis) {

  public ReleaseState {
    signers = List.copyOf(signers);
    signatures = List.copyOf(signatures);
    declines = List.copyOf(declines);
  }

  public record CollectedSignature(
      String signer, String signature, String submittedBy, long atMillis) {}

  public record Declined(String signer, String reason, String submittedBy, long atMillis) {}
}
