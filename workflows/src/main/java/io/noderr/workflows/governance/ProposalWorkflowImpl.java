package io.noderr.workflows.governance;

import io.noderr.activities.governance.BallotCheck;
import io.noderr.activities.governance.BallotEligibility;
import io.noderr.activities.governance.BallotRelay;
import io.noderr.activities.governance.ExecutionQuery;
import io.noderr.activities.governance.GovernanceChainActivities;
import io.noderr.activities.governance.GovernanceFailures;
import io.noderr.activities.governance.GovernancePlatformActivities;
import io.noderr.activities.governance.GovernanceTransaction;
import io.noderr.activities.governance.ParameterApplication;
import io.noderr.activities.governance.ParameterChanges;
import io.noderr.activities.governance.ProposalOnChain;
import io.noderr.activities.governance.ProposalProgress;
import io.noderr.activities.governance.ProposalProgress.AuditStep;
import io.noderr.activities.governance.ProposalQuery;
import io.noderr.activities.governance.ProposalToSubmit;
import io.noderr.activities.governance.RelayedBallot;
import io.noderr.signing.Address;
import io.noderr.workflows.PlatformActivityOptions;
import io.noderr.workflows.SignedUpdates;
import io.noderr.workflows.search.VisibleProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;

public class ProposalWorkflowImpl implements ProposalWorkflow {

  private static final Logger log = Workflow.getLogger(ProposalWorkflowImpl.class);

  /** Error type of a ballot refused by the on-chain checks (audited by the workflow). */
  static final String BALLOT_REFUSED = GovernanceFailures.BALLOT_REFUSED;

  /**
   * Error type of a ballot the validator's rules refuse when the handler runs them again (the state
   * moved on between two Updates); like the validator's refusals, audited by the caller.
   */
  static final String BALLOT_INVALID = "BallotInvalid";

  /** The actor of what the platform does for a proposal (queue, execute, apply). */
  static final String SYSTEM = "system";

  /**
   * A block's timestamp may trail the wall clock (an idle dev chain mines only on transactions), so
   * a state that has not moved at its time is read again after this, doubling up to {@link
   * #MAX_RECHECK}: a stuck clock costs a few events an hour, not a busy loop.
   */
  private static final Duration FIRST_RECHECK = Duration.ofSeconds(5);

  private static final Duration MAX_RECHECK = Duration.ofMinutes(10);

  /** Reads and relays retry through RPC outages; refusals are final. */
  static final ActivityOptions CHAIN =
      PlatformActivityOptions.retryingThroughOutages(
          Duration.ofMinutes(3),
          GovernanceFailures.PROPOSAL_REFUSED,
          GovernanceFailures.BALLOT_REFUSED,
          GovernanceFailures.TRANSACTION_REFUSED);

  /**
   * A voter waits on the ballot's answer: a short give-up, so an unreachable chain answers the
   * voter with the reason within a minute instead of holding the request.
   */
  static final ActivityOptions BALLOT =
      ActivityOptions.newBuilder(CHAIN).setScheduleToCloseTimeout(Duration.ofMinutes(1)).build();

  /** Read-model and platform writes are idempotent; they retry through database outages. */
  static final ActivityOptions PLATFORM =
      PlatformActivityOptions.retryingThroughOutages(Duration.ofSeconds(30));

  private final GovernanceChainActivities chain =
      Workflow.newActivityStub(GovernanceChainActivities.class, CHAIN);
  private final GovernanceChainActivities ballots =
      Workflow.newActivityStub(GovernanceChainActivities.class, BALLOT);
  private final GovernancePlatformActivities platform =
      Workflow.newActivityStub(GovernancePlatformActivities.class, PLATFORM);

  private final ProposalInput input;
  private ProposalStage stage;
  private String reason;
  private ProposalOnChain onChain;
  private boolean changedOnChain;

  /** Set when the platform can do nothing more for a proposal that is not final on chain. */
  private boolean stopped;

  private final Set<String> voters = new HashSet<>();
  private int ballotsRelayed;
  private List<String> applied = List.of();
  private VisibleProgress visible;

  /** The ballot handler may run before {@link #run}; it needs the input from the start. */
  @WorkflowInit
  public ProposalWorkflowImpl(ProposalInput input) {
    this.input = input;
    this.stage = input.signed() == null ? ProposalStage.PENDING : ProposalStage.SUBMITTING;
  }

  @Override
  public ProposalResult run(ProposalInput ignored) {
    visible = new VisibleProgress(stage.name(), ProposalWorkflow.summary(input));
    if (input.signed() != null && !submit()) {
      return finish();
    }
    onChain = chain.readProposal(new ProposalQuery(proposalId()));
    if (!onChain.exists()) {
      end(ProposalStage.REFUSED, "the governor knows no proposal " + proposalId(), SYSTEM);
      return finish();
    }
    follow();
    return finish();
  }

  /** Submits the signed proposal; false when it was refused (the workflow ends REFUSED). */
  private boolean submit() {
    ProposalInput.Signature signed = input.signed();
    try {
      chain.submitProposal(
          new ProposalToSubmit(
              input.calls(),
              signed.proposer(),
              signed.nonce(),
              signed.deadline(),
              signed.signature()));
      return true;
    } catch (ActivityFailure failure) {
      end(ProposalStage.REFUSED, SignedUpdates.failureMessage(failure), input.startedBy());
      return false;
    }
  }

  /** Mirrors the governor's state until the proposal is final, acting where the platform acts. */
  private void follow() {
    ProposalStage confirmed = null;
    Duration recheck = FIRST_RECHECK;
    while (!stage.isFinal() && !stopped) {
      ProposalStage onChainStage = ProposalStage.ofChain(onChain.state());
      if (onChainStage != confirmed) {
        confirmed = onChainStage;
        recheck = FIRST_RECHECK;
        confirm(onChainStage);
        if (stage.isFinal()) {
          break;
        }
      }
      switch (stage) {
        case SUCCEEDED -> queue();
        case QUEUED -> {
          if (onChain.chainTime() >= onChain.eta()) {
            execute();
          } else {
            recheck = waitUntil(onChain.eta(), recheck);
          }
        }
        case PENDING -> recheck = waitUntil(onChain.voteStart() + 1, recheck);
        case ACTIVE -> recheck = waitUntil(onChain.voteEnd() + 1, recheck);
        default -> throw new IllegalStateException("unexpected stage " + stage);
      }
      // A change reported from here on is one this read may not show yet: it wakes the next wait.
      changedOnChain = false;
      onChain = chain.readProposal(new ProposalQuery(proposalId()));
    }
  }

  /** Takes over the state the chain confirmed, records it, and applies an execution. */
  private void confirm(ProposalStage confirmed) {
    stage = confirmed;
    String detail = describe(confirmed);
    if (confirmed.isFinal()) {
      reason = confirmed == ProposalStage.EXECUTED ? null : detail;
    }
    record(SYSTEM, "governance.proposal-" + confirmed.name().toLowerCase(), detail);
    if (confirmed == ProposalStage.EXECUTED) {
      applyParameters();
    }
  }

  private String describe(ProposalStage confirmed) {
    String tally =
        "for "
            + onChain.forVotes()
            + ", against "
            + onChain.againstVotes()
            + ", abstain "
            + onChain.abstainVotes()
            + (onChain.quorumNeeded() == null ? "" : ", quorum " + onChain.quorumNeeded());
    return switch (confirmed) {
      case PENDING -> "on chain, voting opens at unix " + onChain.voteStart();
      case ACTIVE -> "voting until unix " + onChain.voteEnd();
      case SUCCEEDED -> "passed: " + tally;
      case DEFEATED -> "defeated: " + tally;
      case QUEUED -> "queued on the timelock until unix " + onChain.eta();
      case EXECUTED -> "executed";
      case EXPIRED -> "expired before it was executed";
      case CANCELED -> "canceled on chain (by the guardian during the timelock, or the proposer)";
      default -> confirmed.name();
    };
  }

  /**
   * Waits until the chain's clock reaches {@code chainSeconds} or the follower reports a change.
   * The first wait is the whole distance; a clock still short after it is checked again with the
   * doubled back-off.
   *
   * @return the back-off for the next recheck
   */
  private Duration waitUntil(long chainSeconds, Duration recheck) {
    long remaining = chainSeconds - onChain.chainTime();
    Duration wait = remaining > 0 ? Duration.ofSeconds(remaining) : recheck;
    Workflow.await(wait, () -> changedOnChain);
    if (remaining > 0) {
      return recheck;
    }
    Duration doubled = recheck.multipliedBy(2);
    return doubled.compareTo(MAX_RECHECK) > 0 ? MAX_RECHECK : doubled;
  }

  private void queue() {
    try {
      GovernanceTransaction queued = chain.queueProposal(input.calls());
      log.info("proposal {} queued: {}", proposalId(), queued);
    } catch (ActivityFailure failure) {
      // The governor refusing to queue a succeeded proposal is final: it stays SUCCEEDED on chain
      // (anyone may still queue it by hand), and the workflow stops with the governor's reason.
      reason = "the governor refused to queue it: " + SignedUpdates.failureMessage(failure);
      record(SYSTEM, "governance.proposal-queue-refused", reason);
      stopped = true;
    }
  }

  private void execute() {
    try {
      GovernanceTransaction executed = chain.executeProposal(input.calls());
      log.info("proposal {} executed: {}", proposalId(), executed);
    } catch (ActivityFailure failure) {
      String why = SignedUpdates.failureMessage(failure);
      record(SYSTEM, "governance.proposal-execution-refused", why);
      // A refusal at execution (a value out of range, a failing call) leaves it queued on chain:
      // read again after the back-off rather than end, since the guardian may still cancel it.
      Workflow.sleep(MAX_RECHECK);
    }
  }

  private void applyParameters() {
    ParameterChanges changes = chain.parameterChanges(new ExecutionQuery(proposalId(), null));
    if (changes.changes().isEmpty()) {
      return;
    }
    applied =
        platform
            .applyParameters(new ParameterApplication(proposalId(), changes.changes()))
            .applied();
  }

  @Override
  public BallotAccepted castBallot(BallotCommand command) {
    SignedUpdates.recheck(() -> validateCastBallot(command), BALLOT_INVALID);
    Address voter = Address.of(command.voter());
    voters.add(voter.value());
    try {
      BallotEligibility eligibility =
          ballots.checkBallot(new BallotCheck(proposalId(), voter.value()));
      String refusal = eligibilityRefusal(voter, command, eligibility);
      if (refusal != null) {
        throw refuseBallot(command, refusal);
      }
      RelayedBallot relayed =
          ballots.relayBallot(
              new BallotRelay(
                  proposalId(),
                  voter.value(),
                  BallotRules.support(command.support()),
                  command.nonce(),
                  command.signature().strip()));
      ballotsRelayed++;
      record(
          command.submittedBy(),
          "governance.ballot-relayed",
          voter.checksummed()
              + " voted "
              + command.support()
              + " with "
              + relayed.weight()
              + " in transaction "
              + relayed.transactionHash());
      return new BallotAccepted(
          proposalId(),
          voter.value(),
          command.support().strip().toUpperCase(java.util.Locale.ROOT),
          relayed.weight(),
          relayed.transactionHash());
    } catch (ActivityFailure failure) {
      voters.remove(voter.value());
      throw refuseBallot(command, SignedUpdates.failureMessage(failure));
    } catch (ApplicationFailure refused) {
      voters.remove(voter.value());
      throw refused;
    }
  }

  @Override
  public void validateCastBallot(BallotCommand command) {
    if (onChain == null) {
      throw BallotRules.refused(
          "the proposal is " + stage.name().toLowerCase() + ": votes are taken only while active");
    }
    BallotRules.check(
        command,
        proposalId(),
        onChain.chainId(),
        onChain.governor(),
        stage,
        onChain.voteEnd(),
        Workflow.currentTimeMillis(),
        voters);
  }

  private static String eligibilityRefusal(
      Address voter, BallotCommand command, BallotEligibility eligibility) {
    if (new BigInteger(eligibility.votesAtSnapshot()).signum() == 0) {
      return voter.checksummed() + " is not a staker at the snapshot: no votes to cast";
    }
    if (eligibility.hasVoted()) {
      return voter.checksummed() + " already voted on this proposal";
    }
    if (!eligibility.nonce().equals(command.nonce())) {
      return "the ballot was signed over nonce "
          + command.nonce()
          + " but the governor's nonce of "
          + voter.checksummed()
          + " is "
          + eligibility.nonce()
          + ": fetch the ballot again and sign it anew";
    }
    return null;
  }

  /** Audits the on-chain refusal and fails the Update with it (the workflow goes on). */
  private ApplicationFailure refuseBallot(BallotCommand command, String why) {
    record(command.submittedBy(), "governance.ballot-refused", command.voter() + ": " + why);
    return ApplicationFailure.newNonRetryableFailure(why, BALLOT_REFUSED);
  }

  @Override
  public void chainChanged(ChainChange change) {
    changedOnChain = true;
  }

  @Override
  public ProposalState getState() {
    ProposalOnChain c = onChain;
    return new ProposalState(
        proposalId(),
        stage,
        reason,
        c == null ? 0 : c.chainId(),
        c == null ? null : c.governor(),
        c == null ? (input.signed() == null ? null : input.signed().proposer()) : c.proposer(),
        input.calls().description(),
        c == null ? null : c.tier(),
        c == null ? 0 : c.voteStart(),
        c == null ? 0 : c.voteEnd(),
        c == null ? 0 : c.eta(),
        c == null ? "0" : c.forVotes(),
        c == null ? "0" : c.againstVotes(),
        c == null ? "0" : c.abstainVotes(),
        c == null ? null : c.quorumNeeded(),
        ballotsRelayed,
        applied);
  }

  private ProposalResult finish() {
    Workflow.await(Workflow::isEveryHandlerFinished);
    visible.show(stage.name(), summaryNow());
    log.info("proposal {} ended {}{}", proposalId(), stage, reason == null ? "" : ": " + reason);
    return new ProposalResult(proposalId(), stage, reason, applied);
  }

  private void end(ProposalStage finalStage, String why, String actor) {
    stage = finalStage;
    reason = why;
    record(actor, "governance.proposal-" + finalStage.name().toLowerCase(), why);
  }

  private void record(String actor, String action, String detail) {
    platform.recordProposal(
        new ProposalProgress(
            proposalId(),
            onChain == null || stage == ProposalStage.REFUSED || stage == ProposalStage.SUBMITTING
                ? null
                : stage.name(),
            onChain,
            new AuditStep(actor, action, detail)));
    if (visible != null) {
      visible.show(stage.name(), summaryNow());
    }
  }

  private String summaryNow() {
    return ProposalWorkflow.summary(input)
        + (stage.isFinal() ? ": " + stage + (reason == null ? "" : " (" + reason + ")") : "");
  }

  private String proposalId() {
    return input.proposalId();
  }
}
