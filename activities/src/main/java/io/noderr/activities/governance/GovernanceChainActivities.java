package io.noderr.activities.governance;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The proposal workflow's steps on chain (NoderrGovernor through the beacon's RPC endpoint and
 * sender account). The platform relays and pays gas; it never signs a ballot or a proposal: those
 * carry their signers' own signatures. Refusals are final ({@link GovernanceFailures}); RPC
 * failures are retried.
 */
@ActivityInterface
public interface GovernanceChainActivities {

  /**
   * Submits a proposal its proposer signed ({@code proposeBySig}). Refused (type {@link
   * GovernanceFailures#PROPOSAL_REFUSED}, the reason as message) before anything is sent when the
   * signature, nonce, deadline, threshold or a parameter range is wrong, or when the platform has
   * no way to submit signed proposals.
   */
  @ActivityMethod
  SubmittedProposal submitProposal(ProposalToSubmit proposal);

  /** The proposal's state, windows, tallies and quorum on chain, and the chain's time. */
  @ActivityMethod
  ProposalOnChain readProposal(ProposalQuery query);

  /** What the governor says about a voter: votes at the snapshot, voted already, nonce. */
  @ActivityMethod
  BallotEligibility checkBallot(BallotCheck check);

  /**
   * Relays a signed ballot ({@code castVoteBySig}) after simulating it; a ballot the governor
   * refuses fails with {@link GovernanceFailures#BALLOT_REFUSED} and its reason, without a
   * transaction.
   */
  @ActivityMethod
  RelayedBallot relayBallot(BallotRelay relay);

  /** {@code queue}: idempotent (a proposal queued already, by anyone, answers alreadyDone). */
  @ActivityMethod
  GovernanceTransaction queueProposal(ProposalCalls calls);

  /** {@code execute} after the eta: idempotent like {@link #queueProposal}. */
  @ActivityMethod
  GovernanceTransaction executeProposal(ProposalCalls calls);

  /** The parameter registry's {@code ParameterChanged} events of the execution transaction. */
  @ActivityMethod
  ParameterChanges parameterChanges(ExecutionQuery query);
}
