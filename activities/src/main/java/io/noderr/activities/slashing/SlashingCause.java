package io.noderr.activities.slashing;

/** Why a dispute was opened; each cause correlates only with disputes of the same cause. */
public enum SlashingCause {
  /** Down beyond the governed threshold (no heartbeat). */
  SUSTAINED_DOWNTIME,
  /** The node's TPM evidence failed verification. */
  ATTESTATION_FAILURE,
  /** The node ran a release the beacon never published for its tier. */
  UNPUBLISHED_RELEASE,
  /** An admin opened it with evidence of something else. */
  ADMIN
}
