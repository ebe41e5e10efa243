package io.noderr.registry.release;

import java.time.Instant;
import java.util.List;

/**
 * The rest of a release request's proposal and the signatures accepted so far: what the platform
 * needs to start the request again when its workflow is lost.
 *
 * @param minimumVersion "" for any
 * @param notesUri "" for none
 * @param downgradeReason null unless the request is an intended downgrade
 * @param nonce the multisig nonce the signatures are over; null before the beacon was read
 * @param signatures in the order they were accepted
 */
public record ReleaseTerms(
    String minimumVersion,
    String notesUri,
    String downgradeReason,
    String nonce,
    List<Signature> signatures) {

  public ReleaseTerms {
    minimumVersion = minimumVersion == null ? "" : minimumVersion;
    notesUri = notesUri == null ? "" : notesUri;
    signatures = List.copyOf(signatures);
  }

  public record Signature(String signer, String signature, String submittedBy, Instant signedAt) {}
}
