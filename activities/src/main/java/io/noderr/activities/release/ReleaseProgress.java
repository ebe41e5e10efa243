package io.noderr.activities.release;

import java.util.List;

/**
 * One step of a release request, for the read model and the audit log.
 *
 * @param status the request's status after this step (ReleaseStage name)
 * @param deadline unix seconds
 * @param signedBy signer addresses whose signatures were accepted
 * @param declinedBy signer addresses that declined
 * @param transactionHash set once published
 * @param reason why it ended, when it ended without a publication
 * @param step the audit entry of this step; {@code step.sequence()} makes the write idempotent
 * @param terms what the request needs to be started again after its workflow is lost; null in steps
 *     recorded by older code
 */
public record ReleaseProgress(
    String releaseId,
    BeaconTier tier,
    String version,
    String imageDigest,
    String status,
    String proposedBy,
    long deadline,
    int threshold,
    List<String> signedBy,
    List<String> declinedBy,
    String transactionHash,
    String reason,
    AuditStep step,
    Terms terms) {

  public ReleaseProgress {
    signedBy = List.copyOf(signedBy);
    declinedBy = List.copyOf(declinedBy);
  }

  /** An audit entry; steps of one release are numbered 1, 2, 3... by the workflow. */
  public record AuditStep(int sequence, String actor, String action, String detail) {}

  /**
   * The rest of the proposal and the signatures accepted so far (public data: they go on chain with
   * the publication).
   *
   * @param nonce the multisig nonce the signatures are over; null before the beacon was read
   */
  public record Terms(
      String minimumVersion,
      String notesUri,
      String downgradeReason,
      String nonce,
      List<AcceptedSignature> signatures) {

    public Terms {
      signatures = List.copyOf(signatures);
    }
  }

  /** One accepted signature, with who submitted it and when (workflow time). */
  public record AcceptedSignature(
      String signer, String signature, String submittedBy, long atMillis) {}
}
