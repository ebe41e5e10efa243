package io.noderr.registry.release;

import io.noderr.registry.Tier;
import java.time.Instant;
import java.util.List;

/**
 * One release request as the read model keeps it (the release workflow is the source of truth).
 *
 * @param status the request's stage name (AWAITING_SIGNATURES, PUBLISHING, PUBLISHED, ...)
 * @param signedBy signer addresses whose signatures were accepted
 * @param declinedBy signer addresses that declined
 * @param transactionHash set once published
 * @param reason why it ended, when it ended without a publication
 * @param lastStep the workflow's sequence number of the step that wrote this version of the row;
 *     ignored on write ({@link ReleaseRequests#apply} takes the step)
 * @param createdAt set by the database; ignored on write
 * @param updatedAt set by the database; ignored on write
 */
public record ReleaseRow(
    String id,
    Tier tier,
    String version,
    String imageDigest,
    String status,
    String proposedBy,
    Instant deadline,
    int threshold,
    List<String> signedBy,
    List<String> declinedBy,
    String transactionHash,
    String reason,
    int lastStep,
    Instant createdAt,
    Instant updatedAt) {

  public ReleaseRow {
    signedBy = List.copyOf(signedBy);
    declinedBy = List.copyOf(declinedBy);
  }
}
