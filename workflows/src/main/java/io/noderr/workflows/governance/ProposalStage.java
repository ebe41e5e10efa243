package io.noderr.workflows.governance;

/**
 * Where a proposal stands: the governor's states (Pending → Active → Succeeded / Defeated → Queued
 * → Executed / Expired / Canceled), plus SUBMITTING while the platform submits a signed proposal
 * and REFUSED when that submission was refused.
 */
public enum ProposalStage {
  SUBMITTING,
  PENDING,
  ACTIVE,
  SUCCEEDED,
  DEFEATED,
  QUEUED,
  EXECUTED,
  EXPIRED,
  CANCELED,
  REFUSED;

  public boolean isFinal() {
    return this == DEFEATED
        || this == EXECUTED
        || this == EXPIRED
        || this == CANCELED
        || this == REFUSED;
  }

  /** The stage of the governor's state name (PENDING ... EXECUTED). */
  static ProposalStage ofChain(String state) {
    return valueOf(state);
  }
}
