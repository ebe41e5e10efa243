package io.noderr.workflows.governance;

import io.noderr.activities.governance.ProposalCalls;

/**
 * What a proposal workflow starts with: the proposal's calls (its id is theirs, {@code
 * ProposalIds}) and, for a proposal the platform is to submit, its proposer's signature; without
 * one the proposal is on chain already and the workflow follows it.
 *
 * @param signed null to follow a proposal already on chain
 * @param startedBy the login, node or {@code governance-follower} that started it
 */
public record ProposalInput(ProposalCalls calls, Signature signed, String startedBy) {

  /**
   * The proposer's {@code proposeBySig} signature.
   *
   * @param nonce decimal
   * @param deadline unix seconds
   */
  public record Signature(String proposer, String nonce, long deadline, String signature) {}

  public String proposalId() {
    return calls.proposalId();
  }
}
