package io.noderr.registry.governance;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * One staking, governor, timelock or parameter registry event as the governance follower decoded it
 * from the chain. {@link Key} identifies the log, so {@link GovernanceLedger} applies each event
 * once however often its block range is read.
 */
public sealed interface GovernanceEvent {

  Key key();

  /** Where the log is: its transaction and index in the block. */
  record Key(long chainId, String transactionHash, int logIndex, long blockNumber) {}

  /** {@code Staked}: {@code stake} is the operator's active stake afterwards. */
  record Staked(Key key, String address, BigInteger stake) implements GovernanceEvent {}

  /** {@code UnbondingRequested}: {@code amount} joins the pending unbonding, ready at readyAt. */
  record UnbondingRequested(
      Key key, String address, BigInteger amount, BigInteger stake, Instant readyAt)
      implements GovernanceEvent {}

  /** {@code Withdrawn}: the pending unbonding was paid out. */
  record Withdrawn(Key key, String address) implements GovernanceEvent {}

  /** {@code Slashed}: taken from the active stake first, then from the unbonding stake. */
  record Slashed(Key key, String address, BigInteger amount) implements GovernanceEvent {}

  /** {@code DelegateVotesChanged}: the account's voting power afterwards. */
  record VotesChanged(Key key, String address, BigInteger votes) implements GovernanceEvent {}

  record ProposalCreated(
      Key key,
      String governor,
      String proposalId,
      String proposer,
      List<String> targets,
      List<String> values,
      List<String> calldatas,
      String description,
      Instant voteStart,
      Instant voteEnd)
      implements GovernanceEvent {}

  /** {@code ProposalTiered}: PARAMETER, TREASURY or CONTRACT. */
  record ProposalTiered(Key key, String proposalId, String tier) implements GovernanceEvent {}

  /** {@code VoteCast}; support AGAINST, FOR or ABSTAIN. */
  record VoteCast(
      Key key, String proposalId, String voter, String support, BigInteger weight, String reason)
      implements GovernanceEvent {}

  /**
   * {@code ProposalQueued}, with the timelock operation the same transaction scheduled (the one the
   * guardian may cancel).
   */
  record ProposalQueued(Key key, String proposalId, Instant eta, String operationId)
      implements GovernanceEvent {}

  record ProposalExecuted(Key key, String proposalId) implements GovernanceEvent {}

  /** {@code ProposalCanceled} by the governor (the proposer, before voting). */
  record ProposalCanceled(Key key, String proposalId) implements GovernanceEvent {}

  /** The timelock's {@code Cancelled}: the guardian vetoed a queued operation. */
  record OperationCancelled(Key key, String operationId) implements GovernanceEvent {}

  record ParameterDefined(Key key, String name, BigInteger min, BigInteger max, BigInteger value)
      implements GovernanceEvent {}

  record ParameterChanged(Key key, String name, BigInteger oldValue, BigInteger newValue)
      implements GovernanceEvent {}
}
