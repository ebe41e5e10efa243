package io.noderr.workflows.rollout;

import io.noderr.activities.rollout.RolloutActivities;
import io.noderr.activities.rollout.RolloutProgress;
import io.noderr.workflows.search.VisibleProgress;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Tells the outside where the rollout is: its audit steps to the registry's read model (queued by
 * Update handlers, which must not block, and recorded by the main loop) and its stage and summary
 * to the Temporal UI.
 */
final class RolloutReporter {

  private final RolloutInput input;
  private final RolloutLedger ledger;
  private final RolloutActivities registry;
  private final Deque<RolloutProgress> unrecorded = new ArrayDeque<>();
  private int steps;

  /** Stage and summary in the Temporal UI; set first thing in the workflow method. */
  private VisibleProgress visible;

  RolloutReporter(RolloutInput input, RolloutLedger ledger, RolloutActivities registry) {
    this.input = input;
    this.ledger = ledger;
    this.registry = registry;
  }

  void showFrom(VisibleProgress visible) {
    this.visible = visible;
  }

  boolean visibleEnabled() {
    return visible.enabled();
  }

  /** Recorded steps so far: the read model's sequence, carried over a continue-as-new. */
  int steps() {
    return steps;
  }

  void restoreSteps(int recorded) {
    steps = recorded;
  }

  /** An audit step, recorded with the rollout's numbers as they are now. */
  void queue(String actor, String action, String detail) {
    steps++;
    unrecorded.add(
        new RolloutProgress(
            rolloutId(),
            input.version(),
            ledger.status.name(),
            ledger.stage(),
            ledger.stages(),
            ledger.total,
            ledger.updated(),
            ledger.failed(),
            steps,
            actor,
            action,
            detail));
  }

  boolean hasUnrecorded() {
    return !unrecorded.isEmpty();
  }

  void record() {
    while (!unrecorded.isEmpty()) {
      registry.recordProgress(unrecorded.poll());
    }
  }

  /** Waits until {@code until}, recording the steps handlers queue meanwhile. */
  void awaitRecording(Supplier<Boolean> until) {
    while (!until.get()) {
      Workflow.await(() -> until.get() || !unrecorded.isEmpty());
      record();
    }
    record();
  }

  void setStatus(RolloutStatus next) {
    ledger.status = next;
    show();
  }

  void show() {
    visible.show(
        RolloutVisibility.stage(ledger.status, ledger.stage(), ledger.stages()),
        RolloutVisibility.summary(input, ledger.status, ledger.counts()));
  }

  static String rolloutId() {
    return Workflow.getInfo().getWorkflowId();
  }
}
