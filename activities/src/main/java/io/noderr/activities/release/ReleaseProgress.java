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
    AuditStep step) {

  public ReleaseProgress {
    signedBy = List.copyOf(signedBy);
    declinedBy = List.copyOf(declinedBy);
  }

  /** An audit entry; steps of one release are numbered 1, 2, 3... by the workflow. */
  public record AuditStep(int sequence, String actor, String action, String detail) {}
}
