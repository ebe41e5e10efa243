package io.noderr.workflows.rollout;

import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * Between batches, once an execution ran its share of batches (or the server suggests it), the
 * rollout goes on in a fresh execution with the same id: histories stay small for any fleet size.
 * Not while paused or stopping (those states wait on operators, not on batches) and only with no
 * Update handler running.
 */
final class ContinueAsNew {

  private static final Logger log = Workflow.getLogger(ContinueAsNew.class);

  private final RolloutInput input;
  private final RolloutLedger ledger;
  private final RolloutSteering steering;
  private final RolloutReporter reporter;
  private final RegistryCheckpoints checkpoints;

  ContinueAsNew(
      RolloutInput input,
      RolloutLedger ledger,
      RolloutSteering steering,
      RolloutReporter reporter,
      RegistryCheckpoints checkpoints) {
    this.input = input;
    this.ledger = ledger;
    this.steering = steering;
    this.reporter = reporter;
    this.checkpoints = checkpoints;
  }

  void ifDue() {
    boolean due =
        ledger.batchesThisRun >= input.effectiveBatchesPerRun()
            || Workflow.getInfo().isContinueAsNewSuggested();
    boolean between =
        ledger.phase == RolloutCheckpoint.Phase.ROLLING_BACK
            ? ledger.revertedUpTo < ledger.position
            : !steering.stopping() && !steering.held() && !steering.retryAsked();
    if (!due
        || !between
        || !Workflow.isEveryHandlerFinished()
        || Workflow.getVersion("continue-as-new", Workflow.DEFAULT_VERSION, 1) < 1) {
      return;
    }
    reporter.record();
    log.info(
        "rollout {} continues as new after {} batches",
        RolloutReporter.rolloutId(),
        ledger.batches);
    checkpoints.write();
    Workflow.continueAsNew(input.continuedFrom(ledger.checkpoint(reporter.steps(), steering)));
  }

  /** Picks up where the previous execution (or the one a platform restart lost) stopped. */
  void restore(RolloutCheckpoint at) {
    ledger.restore(at);
    reporter.restoreSteps(at.steps());
    steering.restoreAbort(at.abortRequested());
    steering.restoreHolds(at.heldByOperator(), at.heldByGate());
  }
}
