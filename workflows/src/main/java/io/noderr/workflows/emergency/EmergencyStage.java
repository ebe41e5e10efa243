package io.noderr.workflows.emergency;

/** Where an emergency stands. */
public enum EmergencyStage {
  /** Reading the beacon's signer set, guardians and nonce. */
  PREPARING,
  /** Waiting for the signature(s) that make it act. */
  AWAITING_SIGNATURES,
  /** Carrying out the action. */
  ACTING,
  /** Acted on one guardian's signature; ends by itself unless the quorum ratifies in time. */
  MANDATE,
  /** The quorum ratified the mandate; making it permanent. */
  RATIFYING,
  /** The mandate ran out; undoing what it did. */
  REVERTING,
  /** Acted with the quorum's authority (or ratified). */
  DONE,
  /** A guardian's mandate ran out without ratification and was undone. */
  REVERTED,
  /** The deadline passed before enough signatures arrived; nothing was done. */
  EXPIRED,
  /** The proposal could not be put to the signers (why is in the reason). */
  REFUSED,
  /** The beacon or the platform refused to carry it out (why is in the reason). */
  FAILED;

  public boolean isFinal() {
    return this == DONE || this == REVERTED || this == EXPIRED || this == REFUSED || this == FAILED;
  }

  /** Whether signatures are taken in this stage. */
  boolean collecting() {
    return this == AWAITING_SIGNATURES || this == MANDATE;
  }
}
