package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.rollout.NodeTarget;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one batch of nodes as a child workflow, forwards or back, and keeps its failures. */
final class NodeBatches {

  /** Nodes per child workflow: far below 2,000 pending activities and the history limits. */
  static final int BATCH_SIZE = 500;

  private final RolloutInput input;
  private final RolloutLedger ledger;
  private final RolloutReporter reporter;

  NodeBatches(RolloutInput input, RolloutLedger ledger, RolloutReporter reporter) {
    this.input = input;
    this.ledger = ledger;
    this.reporter = reporter;
  }

  /**
   * Updates {@code nodes} (or reverts them) and answers each node's result; failed updates are kept
   * for retry.
   */
  List<NodeUpdateResult> run(List<NodeTarget> nodes, boolean reverting, boolean forceLocks) {
    if (nodes.isEmpty()) {
      return List.of();
    }
    ledger.batches++;
    ledger.batchesThisRun++;
    reporter.show();
    String rolloutId = RolloutReporter.rolloutId();
    NodeBatchInput batchInput =
        new NodeBatchInput(
            rolloutId,
            ledger.stage(),
            reverting,
            nodes,
            input.version(),
            input.image(),
            input.imageDigest(),
            input.strategy(),
            forceLocks);
    ChildWorkflowOptions.Builder options =
        NodeBatchWorkflow.childOptions(rolloutId + "-batch-" + ledger.batches);
    if (reporter.visibleEnabled()) {
      NodeBatchWorkflow.visible(options, ledger.batches, batchInput);
    }
    NodeBatchWorkflow batch =
        Workflow.newChildWorkflowStub(NodeBatchWorkflow.class, options.build());
    List<NodeUpdateResult> results = batch.run(batchInput).results();
    if (!reverting) {
      Map<String, NodeTarget> byId = new LinkedHashMap<>();
      nodes.forEach(n -> byId.put(n.nodeId(), n));
      for (NodeUpdateResult result : results) {
        if (StageTally.isFailure(result.outcome())) {
          ledger.keepForRetry(byId.get(result.nodeId()));
        }
      }
    }
    return results;
  }
}
