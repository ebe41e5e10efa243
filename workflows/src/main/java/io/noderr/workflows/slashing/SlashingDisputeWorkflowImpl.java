package io.noderr.workflows.slashing;

import io.noderr.activities.slashing.DisputeOpening;
import io.noderr.activities.slashing.DisputeProgress;
import io.noderr.activities.slashing.DisputeProgress.AuditStep;
import io.noderr.activities.slashing.DisputeTerms;
import io.noderr.activities.slashing.NonceQuery;
import io.noderr.activities.slashing.RewardExclusionRequest;
import io.noderr.activities.slashing.SlashExecuted;
import io.noderr.activities.slashing.SlashRequest;
import io.noderr.activities.slashing.SlashingChainActivities;
import io.noderr.activities.slashing.SlashingFailures;
import io.noderr.activities.slashing.SlashingPlatformActivities;
import io.noderr.signing.Address;
import io.noderr.signing.DisputeStatement;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.Signatures;
import io.noderr.workflows.PlatformActivityOptions;
import io.noderr.workflows.ProgressJournal;
import io.noderr.workflows.SignedUpdates;
import io.noderr.workflows.slashing.SlashingPenalty.Penalty;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

public class SlashingDisputeWorkflowImpl implements SlashingDisputeWorkflow {

  private static final Logger log = Workflow.getLogger(SlashingDisputeWorkflowImpl.class);

  /** Error type of a submission the state moved past after it was validated. */
  static final String REFUSED = "DisputeSubmissionRefused";

  static final String SYSTEM = "system";

  /** How often the multisig's nonce may move under a decided slashing before the dispute fails. */
  static final int MAX_RESIGNING_ROUNDS = 3;

  static final ActivityOptions PLATFORM =
      PlatformActivityOptions.retryingThroughOutages(
          Duration.ofMinutes(1), SlashingFailures.NOT_SLASHABLE);

  static final ActivityOptions CHAIN =
      PlatformActivityOptions.retryingThroughOutages(
          Duration.ofMinutes(3), SlashingFailures.SLASH_REFUSED);

  private final SlashingPlatformActivities platform =
      Workflow.newActivityStub(SlashingPlatformActivities.class, PLATFORM);
  private final SlashingChainActivities chain =
      Workflow.newActivityStub(SlashingChainActivities.class, CHAIN);

  /** Steps for the read model, written in order by the main loop so Updates answer at once. */
  private final ProgressJournal<DisputeProgress> journal =
      new ProgressJournal<>(platform::recordProgress);

  private final DisputeOpening opening;
  private DisputeStage stage = DisputeStage.OPENING;
  private DisputeTerms terms;
  private Penalty penalty;
  private long answerDeadlineMillis;
  private String answer;
  private long appealDeadlineMillis;
  private String appeal;
  private DecisionRound round;
  private String transactionHash;
  private String reason;

  /** Update handlers may run before {@link #run}; they need the dispute from the start. */
  @WorkflowInit
  public SlashingDisputeWorkflowImpl(DisputeOpening opening) {
    this.opening = opening;
  }

  @Override
  public DisputeResult run(DisputeOpening ignored) {
    if (open()) {
      awaitAnswer();
      if (decide(DisputeStage.AWAITING_DECISION, terms.threshold()) && standsAfterAppealWindow()) {
        execute();
      }
    }
    recordSteps();
    Workflow.await(Workflow::isEveryHandlerFinished);
    recordSteps();
    log.info(
        "dispute {} ended {}{}", opening.disputeId(), stage, reason == null ? "" : ": " + reason);
    return new DisputeResult(
        opening.disputeId(),
        stage,
        penalty == null ? null : penalty.amount().toString(),
        transactionHash,
        reason);
  }

  /** Reads the terms and computes the penalty; false when there is nothing to slash. */
  private boolean open() {
    try {
      terms = platform.open(opening);
    } catch (ActivityFailure failure) {
      end(DisputeStage.NOT_SLASHABLE, SignedUpdates.failureMessage(failure), SYSTEM);
      return false;
    }
    penalty =
        SlashingPenalty.of(
            new BigInteger(terms.stake()),
            terms.minimumPenaltyBp(),
            terms.maximumPenaltyBp(),
            terms.correlatedNodes(),
            terms.activeNodes());
    if (penalty.amount().signum() == 0) {
      end(
          DisputeStage.NOT_SLASHABLE,
          "operator " + terms.operator() + " has no active stake to slash",
          SYSTEM);
      return false;
    }
    stage = DisputeStage.AWAITING_ANSWER;
    answerDeadlineMillis = Workflow.currentTimeMillis() + terms.challengeWindowSeconds() * 1000;
    queueStep(
        opening.openedBy(),
        "slashing.opened",
        opening.cause()
            + " on node "
            + opening.nodeId()
            + ": "
            + opening.evidence()
            + "; penalty "
            + penalty.amount()
            + " ("
            + penalty.basisPoints()
            + " bp of "
            + terms.stake()
            + ", "
            + terms.correlatedNodes()
            + " node(s) for this cause in the correlation window); operator "
            + terms.operator()
            + " may answer until "
            + Instant.ofEpochMilli(answerDeadlineMillis));
    return true;
  }

  /** Waits until {@code done} or the deadline, writing queued steps as they come. */
  private void awaitUntil(long deadlineMillis, BooleanSupplier done) {
    while (!done.getAsBoolean()) {
      recordSteps();
      long remaining = deadlineMillis - Workflow.currentTimeMillis();
      if (remaining <= 0
          || !Workflow.await(
              Duration.ofMillis(remaining), () -> done.getAsBoolean() || journal.pending())) {
        return;
      }
    }
    recordSteps();
  }

  private void awaitAnswer() {
    awaitUntil(answerDeadlineMillis, () -> answer != null);
    if (answer == null) {
      queueStep(SYSTEM, "slashing.unanswered", "the challenge window closed without an answer");
    }
  }

  /**
   * One round of votes. True when the slashing was decided; otherwise the dispute has ended
   * (dismissed, or expired without a decision).
   */
  private boolean decide(DisputeStage roundStage, int needed) {
    // The nonce of now, not the dispute's opening: other multisig actions (reward roots, releases)
    // move it while the operator may answer, and signatures over a stale one are void.
    openRound(roundStage, needed, true, multisigNonce());
    awaitUntil(
        round.action().deadline() * 1000, () -> round.slashDecided() || round.dismissDecided());
    if (round.slashDecided()) {
      queueStep(
          SYSTEM, "slashing.decided", "slash " + penalty.amount() + " by " + round.slashVotes());
      return true;
    }
    if (round.dismissDecided()) {
      end(DisputeStage.DISMISSED, "dismissed by the signers: " + round.dismissalReasons(), SYSTEM);
    } else if (roundStage == DisputeStage.AWAITING_APPEAL_DECISION) {
      end(DisputeStage.DISMISSED, "the appeal was not upheld by every signer in time", SYSTEM);
    } else {
      end(DisputeStage.EXPIRED, "no decision before the deadline; nothing is slashed", SYSTEM);
    }
    return false;
  }

  /**
   * The appeal window after a decision to slash: true when the operator did not appeal, or every
   * signer upheld the slashing on appeal.
   */
  private boolean standsAfterAppealWindow() {
    stage = DisputeStage.APPEAL_WINDOW;
    appealDeadlineMillis = Workflow.currentTimeMillis() + terms.appealWindowSeconds() * 1000;
    queueStep(
        SYSTEM,
        "slashing.appeal-window",
        "the operator may appeal once until " + Instant.ofEpochMilli(appealDeadlineMillis));
    awaitUntil(appealDeadlineMillis, () -> appeal != null);
    return appeal == null || decide(DisputeStage.AWAITING_APPEAL_DECISION, terms.signers().size());
  }

  /** Sends the decided slashing, asking for signatures again while the multisig's nonce moved. */
  private void execute() {
    for (int attempt = 0; attempt <= MAX_RESIGNING_ROUNDS; attempt++) {
      BigInteger nonce = multisigNonce();
      if (nonce.equals(round.action().nonce())) {
        send();
        return;
      }
      if (attempt == MAX_RESIGNING_ROUNDS) {
        break;
      }
      queueStep(
          SYSTEM,
          "slashing.signatures-void",
          "the multisig's nonce moved from "
              + round.action().nonce()
              + " to "
              + nonce
              + "; signers sign again");
      openRound(DisputeStage.AWAITING_RESIGNATURES, terms.threshold(), false, nonce);
      awaitUntil(round.action().deadline() * 1000, round::slashDecided);
      if (!round.slashDecided()) {
        end(DisputeStage.FAILED, "the signers did not sign the slashing again in time", SYSTEM);
        return;
      }
    }
    end(
        DisputeStage.FAILED,
        "the multisig's nonce moved under the signatures " + MAX_RESIGNING_ROUNDS + " times",
        SYSTEM);
  }

  private BigInteger multisigNonce() {
    return new BigInteger(chain.multisigNonce(new NonceQuery(opening.disputeId())).nonce());
  }

  private void send() {
    stage = DisputeStage.EXECUTING;
    recordSteps();
    try {
      SlashExecuted executed =
          chain.slash(
              new SlashRequest(
                  opening.disputeId(),
                  terms.operator(),
                  penalty.amount().toString(),
                  round.action().nonce().toString(),
                  round.action().deadline(),
                  round.sortedSignatures()));
      transactionHash = executed.transactionHash();
    } catch (ActivityFailure failure) {
      end(
          DisputeStage.FAILED,
          "the multisig refused: " + SignedUpdates.failureMessage(failure),
          SYSTEM);
      return;
    }
    platform.excludeFromRewards(
        new RewardExclusionRequest(
            opening.nodeId(),
            "slashed in dispute " + opening.disputeId() + " (" + opening.cause() + ")",
            opening.disputeId()));
    end(
        DisputeStage.SLASHED,
        null,
        SYSTEM,
        penalty.amount()
            + " token units slashed in transaction "
            + transactionHash
            + "; node excluded from this epoch's rewards");
  }

  private void openRound(
      DisputeStage roundStage, int needed, boolean dismissible, BigInteger nonce) {
    long deadline = (Workflow.currentTimeMillis() + terms.decisionWindowSeconds() * 1000) / 1000;
    round = new DecisionRound(terms, penalty.amount(), nonce, deadline, needed, dismissible);
    stage = roundStage;
    queueStep(
        SYSTEM,
        "slashing.votes-requested",
        roundStage
            + ": "
            + needed
            + " of "
            + terms.signers().size()
            + " SLASH signatures over nonce "
            + nonce
            + " until "
            + Instant.ofEpochSecond(deadline));
  }

  @Override
  public DisputeAccepted answer(StatementCommand command) {
    SignedUpdates.recheck(() -> validateAnswer(command), REFUSED);
    answer = command.statement().strip();
    queueStep(command.submittedBy(), "slashing.answered", answer);
    return accepted();
  }

  @Override
  public void validateAnswer(StatementCommand command) {
    requireStage(DisputeStage.AWAITING_ANSWER, "answered");
    if (answer != null) {
      throw new IllegalArgumentException("the operator has already answered");
    }
    requireBefore(answerDeadlineMillis, "the challenge window");
    requireOperatorSigned(command, "ANSWER");
  }

  @Override
  public DisputeAccepted appeal(StatementCommand command) {
    SignedUpdates.recheck(() -> validateAppeal(command), REFUSED);
    appeal = command.statement().strip();
    queueStep(command.submittedBy(), "slashing.appealed", appeal);
    return accepted();
  }

  @Override
  public void validateAppeal(StatementCommand command) {
    if (appeal != null) {
      throw new IllegalArgumentException("the operator has already appealed; there is one appeal");
    }
    requireStage(DisputeStage.APPEAL_WINDOW, "appealed");
    requireBefore(appealDeadlineMillis, "the appeal window");
    requireOperatorSigned(command, "APPEAL");
  }

  @Override
  public DisputeAccepted vote(VoteCommand command) {
    SignedUpdates.recheck(() -> validateVote(command), REFUSED);
    round.add(command);
    queueStep(
        command.submittedBy(),
        "slashing.voted",
        command.verdict()
            + " by "
            + Address.of(command.signer()).checksummed()
            + (command.reason() == null || command.reason().isBlank()
                ? ""
                : ": " + command.reason().strip()));
    return accepted();
  }

  @Override
  public void validateVote(VoteCommand command) {
    if (command == null) {
      throw new IllegalArgumentException("the vote is empty");
    }
    if (stage != DisputeStage.AWAITING_DECISION
        && stage != DisputeStage.AWAITING_APPEAL_DECISION
        && stage != DisputeStage.AWAITING_RESIGNATURES) {
      throw new IllegalArgumentException(
          "dispute " + opening.disputeId() + " is " + stage + ", not taking votes");
    }
    if (round.slashDecided() || round.dismissDecided()) {
      throw new IllegalArgumentException("this round is already decided");
    }
    requireBefore(round.action().deadline() * 1000, "the round");
    round.check(command);
  }

  @Override
  public DisputeState getState() {
    return new DisputeState(
        opening.disputeId(),
        opening.nodeId(),
        opening.cause(),
        opening.evidence(),
        opening.openedBy(),
        stage,
        terms == null ? null : terms.operator(),
        terms == null ? null : terms.stake(),
        penalty == null ? 0 : penalty.basisPoints(),
        penalty == null ? null : penalty.amount().toString(),
        answerDeadlineMillis,
        answer,
        appeal,
        appealDeadlineMillis,
        terms == null ? 0 : terms.chainId(),
        terms == null ? null : terms.multisig(),
        terms == null ? null : terms.staking(),
        round == null ? null : round.action().nonce().toString(),
        round == null ? null : "0x" + HexFormat.of().formatHex(round.digest()),
        round == null ? 0 : round.action().deadline(),
        terms == null ? List.of() : terms.signers(),
        round == null ? 0 : round.needed(),
        round == null ? List.of() : round.slashVotes(),
        round == null ? List.of() : round.dismissVotes(),
        transactionHash,
        reason);
  }

  private void requireStage(DisputeStage expected, String verb) {
    if (stage != expected) {
      throw new IllegalArgumentException(
          "dispute " + opening.disputeId() + " is " + stage + " and can no longer be " + verb);
    }
  }

  private static void requireBefore(long deadlineMillis, String what) {
    if (Workflow.currentTimeMillis() > deadlineMillis) {
      throw new IllegalArgumentException(
          what + " closed at " + Instant.ofEpochMilli(deadlineMillis));
    }
  }

  /** Only the operator's own key may speak for it, over this dispute and this kind of statement. */
  private void requireOperatorSigned(StatementCommand command, String kind) {
    if (command == null || command.signature() == null || command.signature().isBlank()) {
      throw new IllegalArgumentException("the statement must be signed with the operator's key");
    }
    DisputeStatement statement =
        new DisputeStatement(opening.disputeId(), kind, command.statement());
    Address recovered;
    try {
      recovered =
          Signatures.recover(
              statement.digest(new MultisigDomain(terms.chainId(), Address.of(terms.multisig()))),
              command.signature().trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed signature: " + e.getMessage());
    }
    if (!recovered.value().equals(terms.operator())) {
      throw new IllegalArgumentException(
          "the "
              + kind.toLowerCase()
              + " is signed by "
              + recovered.checksummed()
              + ", not by the operator "
              + Address.of(terms.operator()).checksummed());
    }
  }

  private DisputeAccepted accepted() {
    return new DisputeAccepted(
        opening.disputeId(),
        stage,
        round == null ? 0 : round.slashVotes().size(),
        round == null ? 0 : round.dismissVotes().size());
  }

  private void end(DisputeStage finalStage, String why, String actor) {
    end(finalStage, why, actor, why);
  }

  private void end(DisputeStage finalStage, String why, String actor, String detail) {
    stage = finalStage;
    reason = why;
    queueStep(actor, "slashing." + finalStage.name().toLowerCase().replace('_', '-'), detail);
  }

  private void queueStep(String actor, String action, String detail) {
    journal.queue(
        step ->
            new DisputeProgress(
                opening,
                stage.name(),
                terms == null ? null : terms.operator(),
                penalty == null ? null : penalty.amount().toString(),
                answerDeadlineMillis,
                answer,
                appeal,
                round == null ? List.of() : round.votes(),
                transactionHash,
                reason,
                new AuditStep(step, actor, action, detail)));
  }

  private void recordSteps() {
    journal.write();
  }
}
