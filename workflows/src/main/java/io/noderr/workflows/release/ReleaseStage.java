package io.noderr.workflows.release;

/** Where a release request is. The last six are final. */
public enum ReleaseStage {
  /** Reading the beacon and the multisig (signer set, nonce, current version). */
  PREPARING,
  AWAITING_SIGNATURES,
  /** Threshold reached: the multisig transaction is being sent and followed. */
  PUBLISHING,
  PUBLISHED,
  /** Enough signers declined that the threshold can no longer be reached. */
  DECLINED,
  EXPIRED,
  WITHDRAWN,
  /** The proposal itself is not publishable (e.g. not above the current version). */
  REFUSED,
  /** The beacon could not be read, or the multisig refused the transaction. */
  FAILED;

  public boolean isFinal() {
    return ordinal() >= PUBLISHED.ordinal();
  }
}
