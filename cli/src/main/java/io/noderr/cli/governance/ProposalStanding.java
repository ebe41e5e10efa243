package io.noderr.cli.governance;

/**
 * Where a proposal stands on the platform: its state (SUBMITTING while the platform sends it,
 * REFUSED when the chain's checks turned it down before it got there, then the governor's states)
 * and, for a refusal, why.
 */
public record ProposalStanding(
    String proposalId, String state, String voteStart, String voteEnd, String reason) {

  /** Still on its way to the chain. */
  public boolean submitting() {
    return "SUBMITTING".equals(state);
  }

  public boolean refused() {
    return "REFUSED".equals(state);
  }
}
