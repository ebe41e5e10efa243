package io.noderr.workflows.slashing;

/** Where a slashing dispute is; the last five end it. */
public enum DisputeStage {
  /** Reading the terms and the operator; nothing can be submitted yet. */
  OPENING,
  /** The operator's challenge window: they may answer, signed with their key. */
  AWAITING_ANSWER,
  /** Signers vote SLASH (signing the multisig's Slash action) or DISMISS. */
  AWAITING_DECISION,
  /** Decided to slash; the operator may appeal once. */
  APPEAL_WINDOW,
  /** Appealed: every signer must sign again to uphold; one dismissal ends it. */
  AWAITING_APPEAL_DECISION,
  /** The multisig's nonce moved after the decision; signers sign the same slashing again. */
  AWAITING_RESIGNATURES,
  EXECUTING,
  SLASHED,
  DISMISSED,
  /** No decision before the deadline: nothing is slashed. */
  EXPIRED,
  /** Nothing to slash against (no operator address, no stake, no chain). */
  NOT_SLASHABLE,
  FAILED
}
