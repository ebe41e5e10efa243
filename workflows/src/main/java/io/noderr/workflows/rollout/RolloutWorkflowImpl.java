package io.noderr.workflows.rollout;

import io.noderr.activities.rollout.CohortAnalysisActivities;
import io.noderr.activities.rollout.RolloutActivities;
import io.noderr.workflows.PlatformActivityOptions;
import io.noderr.workflows.search.VisibleProgress;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * A rollout, as its runbook reads: plan, roll out stage by stage ({@link RollOutPhase}), then
 * either stop and roll back ({@link RollBackPhase}) or complete and keep the rollback window open.
 * Where it stands is one value ({@link RolloutLedger}), what it was asked is another ({@link
 * RolloutSteering}), and the operators' Updates are {@link OperatorVerbs}.
 */
public class RolloutWorkflowImpl implements RolloutWorkflow {

  private static final Logger log = Workflow.getLogger(RolloutWorkflowImpl.class);

  /** Registry calls are idempotent; they retry through database outages. */
  private final RolloutActivities registry =
      Workflow.newActivityStub(
          RolloutActivities.class,
          PlatformActivityOptions.retryingThroughOutages(Duration.ofMinutes(2)));

  /** A read of recent telemetry: short attempts, retried through database outages. */
  private final CohortAnalysisActivities analysis =
      Workflow.newActivityStub(
          CohortAnalysisActivities.class,
          PlatformActivityOptions.retryingThroughOutages(Duration.ofSeconds(30)));

  private final RolloutInput input;
  private final RolloutLedger ledger;
  private final RolloutSteering steering = new RolloutSteering();
  private final RolloutReporter reporter;
  private final OperatorVerbs verbs;
  private final ContinueAsNew continuation;
  private final RegistryCheckpoints checkpoints;
  private final RollOutPhase rollOut;
  private final RollBackPhase rollBack;

  @WorkflowInit
  public RolloutWorkflowImpl(RolloutInput input) {
    this.input = input;
    this.ledger = new RolloutLedger(input.strategy().steps().size());
    this.reporter = new RolloutReporter(input, ledger, registry);
    this.verbs = new OperatorVerbs(ledger, steering, reporter);
    this.checkpoints = new RegistryCheckpoints(input, registry, ledger, steering, reporter);
    this.continuation = new ContinueAsNew(input, ledger, steering, reporter, checkpoints);
    NodeBatches batches = new NodeBatches(input, ledger, reporter);
    this.rollOut =
        new RollOutPhase(
            input,
            registry,
            analysis,
            ledger,
            steering,
            reporter,
            batches,
            continuation,
            checkpoints);
    this.rollBack =
        new RollBackPhase(
            input.strategy(),
            registry,
            ledger,
            steering,
            reporter,
            batches,
            continuation,
            checkpoints);
  }

  @Override
  public RolloutResult run(RolloutInput ignored) {
    boolean resumedMidStage = input.checkpoint() != null;
    // A continued execution does not know what the previous one showed: it shows it afresh.
    reporter.showFrom(
        resumedMidStage
            ? new VisibleProgress(null, null)
            : new VisibleProgress(RolloutStatus.PLANNING.name(), RolloutVisibility.summary(input)));
    if (resumedMidStage) {
      continuation.restore(input.checkpoint());
    } else {
      ledger.startedAtMillis = Workflow.currentTimeMillis();
      reporter.queue(input.requestedBy(), "rollout.started", describeStart());
      reporter.record();
      rollOut.plan(false);
      // From here a platform restart can start the rollout again (nothing was handed out yet).
      checkpoints.write();
    }
    if (resumedMidStage && input.checkpoint().restarted()) {
      recordRestart(input.checkpoint());
    }
    if (ledger.phase == RolloutCheckpoint.Phase.COMPLETED) {
      // The window runs from completion, across the restart.
      keepRollbackWindow(
          ledger.completedAtMillis
              + input.strategy().rollbackWindowMillis()
              - Workflow.currentTimeMillis());
      return ended();
    }
    reporter.setStatus(RolloutStatus.RUNNING);
    if (ledger.phase == RolloutCheckpoint.Phase.ROLLING_BACK) {
      rollBack.run();
      return ended();
    }
    rollOut.run(resumedMidStage);
    if (steering.stopping()) {
      rollBack.run();
    } else {
      completeThenKeepRollbackWindow();
    }
    return ended();
  }

  /** COMPLETED, then SUCCEEDED once the rollback window closes unless an operator rolls back. */
  private void completeThenKeepRollbackWindow() {
    reporter.setStatus(RolloutStatus.COMPLETED);
    reporter.queue(
        "system",
        "rollout.completed",
        ledger.updated() + " updated, " + ledger.failed() + " failed");
    ledger.phase = RolloutCheckpoint.Phase.COMPLETED;
    ledger.completedAtMillis = Workflow.currentTimeMillis();
    // Before the read model says COMPLETED: a restart must find the window, not the last stage.
    checkpoints.write();
    if (Workflow.getVersion("record-completed", Workflow.DEFAULT_VERSION, 1) >= 1) {
      // The read model says COMPLETED now, not when the rollback window closes.
      reporter.record();
    }
    keepRollbackWindow(input.strategy().rollbackWindowMillis());
  }

  /** For {@code leftMillis} (none if negative) a fast rollback stays possible. */
  private void keepRollbackWindow(long leftMillis) {
    boolean asked =
        Workflow.await(
            Duration.ofMillis(Math.max(0, leftMillis)), () -> steering.rollbackRequested);
    if (asked) {
      rollBack.run();
    } else {
      reporter.setStatus(RolloutStatus.SUCCEEDED);
      reporter.queue("system", "rollout.succeeded", "rollback window closed");
    }
  }

  /**
   * The platform restarted and started this rollout again from its checkpoint: the read model's
   * RESUMING gives way to the status it resumes in, with an audit entry saying from where.
   */
  private void recordRestart(RolloutCheckpoint at) {
    String from =
        switch (at.phase()) {
          case ROLLING_OUT ->
              (at.heldByOperator() || at.heldByGate() ? "held at stage " : "at stage ")
                  + ledger.stage()
                  + " of "
                  + ledger.stages()
                  + ", "
                  + at.position()
                  + " of "
                  + at.total()
                  + " nodes handed out";
          case ROLLING_BACK ->
              "rolling back, " + at.revertedUpTo() + " of " + at.position() + " nodes done";
          case COMPLETED -> "completed, inside its rollback window";
        };
    reporter.setStatus(
        switch (at.phase()) {
          case ROLLING_OUT -> RolloutStatus.RUNNING;
          case ROLLING_BACK -> RolloutStatus.ROLLING_BACK;
          case COMPLETED -> RolloutStatus.COMPLETED;
        });
    reporter.queue(
        "system",
        "rollout.resumed",
        "after a platform restart, from its last checkpoint: "
            + from
            + "; nodes already done are not asked again");
    reporter.record();
  }

  private RolloutResult ended() {
    reporter.record();
    Workflow.await(Workflow::isEveryHandlerFinished);
    reporter.record();
    log.info("rollout {} ended {}", RolloutReporter.rolloutId(), ledger.status);
    return new RolloutResult(
        RolloutReporter.rolloutId(), ledger.status, ledger.counts(), ledger.reason);
  }

  private String describeStart() {
    return input.version()
        + " ("
        + input.imageDigest()
        + ") to "
        + String.join(", ", input.tiers())
        + " in "
        + ledger.stages()
        + " stages"
        + (input.reason() == null ? "" : ": " + input.reason());
  }

  // --- operator verbs: validators refuse before history, handlers hand over to the main loop ---

  @Override
  public RolloutState pause(OperatorCommand command) {
    verbs.pause(command);
    return getState();
  }

  @Override
  public void validatePause(OperatorCommand command) {
    verbs.validatePause(command);
  }

  @Override
  public RolloutState resume(OperatorCommand command) {
    verbs.resume(command);
    return getState();
  }

  @Override
  public void validateResume(OperatorCommand command) {
    verbs.validateResume(command);
  }

  @Override
  public RolloutState promote(OperatorCommand command) {
    verbs.promote(command);
    return getState();
  }

  @Override
  public void validatePromote(OperatorCommand command) {
    verbs.validatePromote(command);
  }

  @Override
  public RolloutState abort(OperatorCommand command) {
    verbs.abort(command);
    return getState();
  }

  @Override
  public void validateAbort(OperatorCommand command) {
    verbs.validateAbort(command);
  }

  @Override
  public RolloutState retry(OperatorCommand command) {
    verbs.retry(command);
    return getState();
  }

  @Override
  public void validateRetry(OperatorCommand command) {
    verbs.validateRetry(command);
  }

  @Override
  public RolloutState rollback(OperatorCommand command) {
    verbs.rollback(command);
    return getState();
  }

  @Override
  public void validateRollback(OperatorCommand command) {
    verbs.validateRollback(command);
  }

  @Override
  public RolloutState getState() {
    return ledger.state(
        RolloutReporter.rolloutId(), input.strategy(), Workflow.currentTimeMillis());
  }
}
