package io.noderr.workflows.release;

import io.noderr.activities.release.BeaconTier;
import io.noderr.workflows.release.ReleaseState.CollectedSignature;
import java.util.List;

/**
 * What a release manager proposes.
 *
 * @param imageDigest {@code sha256:<64 hex>}
 * @param minimumVersion oldest version that may upgrade to this one directly ("" = any)
 * @param deadline unix seconds; signatures are valid until then, on chain too
 * @param downgradeReason set only for an intended downgrade (a version below the current one)
 * @param resumedFrom set only when the platform starts the request again after its workflow was
 *     lost (the embedded Temporal server keeps nothing across restarts); null for a new proposal
 */
public record ReleaseProposal(
    BeaconTier tier,
    String version,
    String imageDigest,
    String minimumVersion,
    String notesUri,
    long deadline,
    String proposedBy,
    String downgradeReason,
    Resumption resumedFrom) {

  /** A new proposal. */
  public ReleaseProposal(
      BeaconTier tier,
      String version,
      String imageDigest,
      String minimumVersion,
      String notesUri,
      long deadline,
      String proposedBy,
      String downgradeReason) {
    this(
        tier,
        version,
        imageDigest,
        minimumVersion,
        notesUri,
        deadline,
        proposedBy,
        downgradeReason,
        null);
  }

  public boolean downgradeRequested() {
    return downgradeReason != null && !downgradeReason.isBlank();
  }

  /**
   * Where a lost request stood, as its read model kept it. The workflow checks every signature
   * again against the beacon it reads now and admits only those that still hold.
   *
   * @param nonce the multisig nonce the signatures were made over (null if none was read)
   * @param signatures the signatures accepted before the restart
   * @param recordedSteps audit steps already recorded; the new run numbers its steps on from here
   *     (the read model ignores a step number it has seen)
   */
  public record Resumption(String nonce, List<CollectedSignature> signatures, int recordedSteps) {

    public Resumption {
      signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }
  }
}
