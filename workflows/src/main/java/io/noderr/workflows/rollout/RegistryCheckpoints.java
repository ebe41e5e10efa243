package io.noderr.workflows.rollout;

import io.noderr.activities.rollout.CheckpointWrite;
import io.noderr.activities.rollout.RolloutActivities;
import io.temporal.workflow.Workflow;

/**
 * Writes where the rollout stands to the registry (after every batch, at the start of a rollback,
 * while held, on completion and at each continue-as-new), so an embedded platform whose in-memory
 * Temporal server forgot every history can start the rollout again from there (the worker's
 * RolloutRestarts). Executions recorded before this existed write nothing on replay.
 */
final class RegistryCheckpoints {

  private final RolloutInput input;
  private final RolloutActivities registry;
  private final RolloutLedger ledger;
  private final RolloutSteering steering;
  private final RolloutReporter reporter;

  RegistryCheckpoints(
      RolloutInput input,
      RolloutActivities registry,
      RolloutLedger ledger,
      RolloutSteering steering,
      RolloutReporter reporter) {
    this.input = input;
    this.registry = registry;
    this.ledger = ledger;
    this.steering = steering;
    this.reporter = reporter;
  }

  void write() {
    if (Workflow.getVersion("checkpoint-to-registry", Workflow.DEFAULT_VERSION, 1) < 1) {
      return;
    }
    RolloutCheckpoint at = ledger.checkpoint(reporter.steps(), steering);
    registry.checkpoint(
        new CheckpointWrite(
            RolloutReporter.rolloutId(),
            at.phase().name(),
            ledger.stage(),
            at.position(),
            RolloutInputJson.write(input.continuedFrom(at)),
            Workflow.currentTimeMillis()));
  }
}
