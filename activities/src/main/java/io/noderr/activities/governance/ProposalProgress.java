package io.noderr.activities.governance;

/**
 * A step of a proposal workflow for the read model and the audit log.
 *
 * @param state the governor state confirmed on chain (PENDING ... EXECUTED); null when the step
 *     confirms no state (a refused ballot, a refused submission)
 * @param chain the proposal as last read; null when it never reached the chain
 */
public record ProposalProgress(
    String proposalId, String state, ProposalOnChain chain, AuditStep step) {

  /**
   * @param actor who caused the step: a login, {@code governance:proposal-<id>}, or system
   */
  public record AuditStep(String actor, String action, String detail) {}
}
