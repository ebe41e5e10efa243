package io.noderr.activities.governance;

/** ApplicationFailure types of the governance activities. */
public final class GovernanceFailures {

  /** A signed proposal refused before submission; the message is the reason. */
  public static final String PROPOSAL_REFUSED = "ProposalRefused";

  /** A ballot the governor would refuse (or refused); the message is the reason. */
  public static final String BALLOT_REFUSED = "BallotRefused";

  /** The governor refused to queue or execute the proposal; the message is the reason. */
  public static final String TRANSACTION_REFUSED = "GovernanceTransactionRefused";

  private GovernanceFailures() {}
}
