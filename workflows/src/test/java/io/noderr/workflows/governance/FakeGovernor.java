package io.noderr.workflows.governance;

import io.noderr.activities.governance.BallotCheck;
import io.noderr.activities.governance.BallotEligibility;
import io.noderr.activities.governance.BallotRelay;
import io.noderr.activities.governance.ExecutionQuery;
import io.noderr.activities.governance.GovernanceChainActivities;
import io.noderr.activities.governance.GovernanceFailures;
import io.noderr.activities.governance.GovernanceTransaction;
import io.noderr.activities.governance.ParameterChanges;
import io.noderr.activities.governance.ProposalCalls;
import io.noderr.activities.governance.ProposalOnChain;
import io.noderr.activities.governance.ProposalQuery;
import io.noderr.activities.governance.ProposalToSubmit;
import io.noderr.activities.governance.RelayedBallot;
import io.noderr.activities.governance.SubmittedProposal;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A governor in memory whose clock is the test environment's: Pending until the vote start, Active
 * until the vote end, then Succeeded (For above Against and the quorum reached) or Defeated; queued
 * and executed when asked, after the eta. Tests set stakes, the outcome and a guardian's cancel.
 */
final class FakeGovernor implements GovernanceChainActivities {

  static final long CHAIN_ID = 1337;
  static final String GOVERNOR = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  static final long VOTING_DELAY = 60;
  static final long VOTING_PERIOD = 600;
  static final long TIMELOCK_DELAY = 120;
  static final BigInteger QUORUM = BigInteger.valueOf(100);

  private final TestWorkflowEnvironment env;
  final Map<String, BigInteger> stakes = new HashMap<>();
  final Set<String> voted = new HashSet<>();
  final Map<String, BigInteger> nonces = new HashMap<>();
  BigInteger forVotes = BigInteger.ZERO;
  BigInteger againstVotes = BigInteger.ZERO;
  long createdAt = -1;
  long eta;
  boolean executed;
  boolean canceled;
  boolean expires;
  String submitRefusal;
  int relays;

  FakeGovernor(TestWorkflowEnvironment env) {
    this.env = env;
  }

  /** The proposal exists on chain from now (a follow test). */
  void createNow() {
    createdAt = now();
  }

  private long now() {
    return env.currentTimeMillis() / 1000;
  }

  @Override
  public SubmittedProposal submitProposal(ProposalToSubmit proposal) {
    if (submitRefusal != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          submitRefusal, GovernanceFailures.PROPOSAL_REFUSED);
    }
    createdAt = now();
    return new SubmittedProposal(proposal.calls().proposalId(), "0xsubmitted");
  }

  @Override
  public ProposalOnChain readProposal(ProposalQuery query) {
    long now = now();
    if (createdAt < 0) {
      return new ProposalOnChain(
          query.proposalId(),
          false,
          null,
          CHAIN_ID,
          GOVERNOR,
          null,
          0,
          0,
          0,
          null,
          "0",
          "0",
          "0",
          null,
          now);
    }
    long start = createdAt + VOTING_DELAY;
    long end = start + VOTING_PERIOD;
    return new ProposalOnChain(
        query.proposalId(),
        true,
        state(now, start, end),
        CHAIN_ID,
        GOVERNOR,
        Ballots.PROPOSER,
        start,
        end,
        eta,
        "PARAMETER",
        forVotes.toString(),
        againstVotes.toString(),
        "0",
        now > start ? QUORUM.toString() : null,
        now);
  }

  private String state(long now, long start, long end) {
    if (canceled) {
      return "CANCELED";
    }
    if (executed) {
      return "EXECUTED";
    }
    if (eta > 0) {
      return "QUEUED";
    }
    if (now <= start) {
      return "PENDING";
    }
    if (now <= end) {
      return "ACTIVE";
    }
    if (expires) {
      return "EXPIRED";
    }
    return forVotes.compareTo(againstVotes) > 0 && forVotes.compareTo(QUORUM) >= 0
        ? "SUCCEEDED"
        : "DEFEATED";
  }

  @Override
  public BallotEligibility checkBallot(BallotCheck check) {
    return new BallotEligibility(
        stakes.getOrDefault(check.voter(), BigInteger.ZERO).toString(),
        voted.contains(check.voter()),
        nonces.getOrDefault(check.voter(), BigInteger.ZERO).toString());
  }

  @Override
  public RelayedBallot relayBallot(BallotRelay relay) {
    BigInteger weight = stakes.get(relay.voter());
    voted.add(relay.voter());
    nonces.merge(relay.voter(), BigInteger.ONE, BigInteger::add);
    if (relay.support() == 1) {
      forVotes = forVotes.add(weight);
    } else if (relay.support() == 0) {
      againstVotes = againstVotes.add(weight);
    }
    relays++;
    return new RelayedBallot("0xvote" + relays, 100 + relays, weight.toString());
  }

  @Override
  public GovernanceTransaction queueProposal(ProposalCalls calls) {
    eta = now() + TIMELOCK_DELAY;
    return new GovernanceTransaction("0xqueue", 200, false);
  }

  @Override
  public GovernanceTransaction executeProposal(ProposalCalls calls) {
    if (now() < eta) {
      throw ApplicationFailure.newNonRetryableFailure(
          "TierDelayNotElapsed", GovernanceFailures.TRANSACTION_REFUSED);
    }
    executed = true;
    return new GovernanceTransaction("0xexecute", 300, false);
  }

  @Override
  public ParameterChanges parameterChanges(ExecutionQuery query) {
    return new ParameterChanges(
        "0xexecute", List.of(new ParameterChanges.Change("rollout.canaryPercent", "5", "10")));
  }
}
