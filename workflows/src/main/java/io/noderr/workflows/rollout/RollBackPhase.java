package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.rollout.RolloutActivities;
import io.noderr.activities.rollout.TargetPage;
import io.noderr.activities.rollout.TargetRange;
import io.noderr.workflows.rollout.RolloutSteering.StopReason;

/**
 * The fast path back: every node this rollout may have changed, back to its previous release, in
 * plan order, no gates. Nodes that never changed are not asked (see {@link
 * RolloutActivities#touched}).
 */
final class RollBackPhase {

  private final RolloutStrategy strategy;
  private final RolloutActivities registry;
  private final RolloutLedger ledger;
  private final RolloutSteering steering;
  private final RolloutReporter reporter;
  private final NodeBatches batches;
  private final ContinueAsNew continuation;
  private final RegistryCheckpoints checkpoints;

  RollBackPhase(
      RolloutStrategy strategy,
      RolloutActivities registry,
      RolloutLedger ledger,
      RolloutSteering steering,
      RolloutReporter reporter,
      NodeBatches batches,
      ContinueAsNew continuation,
      RegistryCheckpoints checkpoints) {
    this.strategy = strategy;
    this.registry = registry;
    this.ledger = ledger;
    this.steering = steering;
    this.reporter = reporter;
    this.batches = batches;
    this.continuation = continuation;
    this.checkpoints = checkpoints;
  }

  /** Reverts every touched node, then ends ABORTED (an operator asked) or ROLLED_BACK. */
  void run() {
    revertEveryTouchedNode();
    reporter.setStatus(
        steering.stoppedBy(StopReason.ABORTED) ? RolloutStatus.ABORTED : RolloutStatus.ROLLED_BACK);
    reporter.queue(
        "system",
        "rollout." + ledger.status.name().toLowerCase(),
        ledger.rolledBack()
            + " nodes rolled back"
            + (ledger.revertFailed() == 0 ? "" : ", " + ledger.revertFailed() + " could not be"));
  }

  private void revertEveryTouchedNode() {
    ledger.phase = RolloutCheckpoint.Phase.ROLLING_BACK;
    reporter.setStatus(RolloutStatus.ROLLING_BACK);
    checkpoints.write();
    reporter.record();
    int limit = Math.min(NodeBatches.BATCH_SIZE, strategy.maxParallel());
    while (ledger.revertedUpTo < ledger.position) {
      int to = Math.min(ledger.position, ledger.revertedUpTo + limit);
      TargetPage page =
          registry.touched(new TargetRange(RolloutReporter.rolloutId(), ledger.revertedUpTo, to));
      for (NodeUpdateResult result : batches.run(page.nodes(), true, false)) {
        ledger.countRevert(result);
      }
      ledger.revertedUpTo = to;
      checkpoints.write();
      continuation.ifDue();
    }
  }
}
