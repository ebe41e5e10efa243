package io.noderr.workflows.release;

import io.noderr.activities.release.BeaconTier;

/**
 * What a release manager proposes.
 *
 * @param imageDigest {@code sha256:<64 hex>}
 * @param minimumVersion oldest version that may upgrade to this one directly ("" = any)
 * @param deadline unix seconds; signatures are valid until then, on chain too
 * @param downgradeReason set only for an intended downgrade (a version below the current one)
 */
public record ReleaseProposal(
    BeaconTier tier,
    String version,
    String imageDigest,
    String minimumVersion,
    String notesUri,
    long deadline,
    String proposedBy,
    String downgradeReason) {

  public boolean downgradeRequested() {
    return downgradeReason != null && !downgradeReason.isBlank();
  }
}
