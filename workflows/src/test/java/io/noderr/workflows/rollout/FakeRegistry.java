package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.rollout.CheckpointWrite;
import io.noderr.activities.rollout.NodeTarget;
import io.noderr.activities.rollout.PlanRequest;
import io.noderr.activities.rollout.ResultBatch;
import io.noderr.activities.rollout.RolloutActivities;
import io.noderr.activities.rollout.RolloutPlan;
import io.noderr.activities.rollout.RolloutProgress;
import io.noderr.activities.rollout.TargetPage;
import io.noderr.activities.rollout.TargetRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry side of a rollout in memory, for workflow tests: the fleet (nodes may join while the
 * rollout runs), the stored order (fleet order — the real planner's order is tested on its own),
 * per-node statuses and the recorded steps.
 */
final class FakeRegistry implements RolloutActivities {

  final List<NodeTarget> fleet = new CopyOnWriteArrayList<>();
  final List<NodeTarget> order = new CopyOnWriteArrayList<>();
  final Map<String, NodeUpdateResult> results = new ConcurrentHashMap<>();
  final List<RolloutProgress> progress = new CopyOnWriteArrayList<>();
  final List<CheckpointWrite> checkpoints = new CopyOnWriteArrayList<>();

  FakeRegistry(int nodes) {
    for (int i = 0; i < nodes; i++) {
      join("node-" + i, "op-" + (i % 3));
    }
  }

  void join(String nodeId, String operator) {
    fleet.add(new NodeTarget(nodeId, "ALL", operator, "eu"));
  }

  @Override
  public synchronized RolloutPlan plan(PlanRequest request) {
    for (NodeTarget node : fleet) {
      if (!order.contains(node)) {
        order.add(node);
      }
    }
    return new RolloutPlan(order.size(), 0, 0, 0);
  }

  /** The real registry's rule: nodes with a result are not handed out again. */
  @Override
  public TargetPage targets(TargetRange range) {
    List<NodeTarget> pending = new ArrayList<>();
    List<NodeUpdateResult> recorded = new ArrayList<>();
    for (NodeTarget node : order.subList(range.from(), Math.min(range.to(), order.size()))) {
      NodeUpdateResult result = results.get(node.nodeId());
      if (result == null) {
        pending.add(node);
      } else {
        recorded.add(result);
      }
    }
    return new TargetPage(pending, recorded);
  }

  /** The real registry's rule: updated, or an update whose end is unknown. */
  @Override
  public TargetPage touched(TargetRange range) {
    List<NodeTarget> touched = new ArrayList<>();
    for (NodeTarget node : order.subList(range.from(), Math.min(range.to(), order.size()))) {
      NodeUpdateResult result = results.get(node.nodeId());
      if (result != null
          && (result.outcome() == Outcome.UPDATED
              || result.failure() == FailureType.TIMEOUT
              || result.failure() == FailureType.START_FAILED)) {
        touched.add(node);
      }
    }
    return new TargetPage(touched);
  }

  @Override
  public void recordResults(ResultBatch batch) {
    for (NodeUpdateResult result : batch.results()) {
      if (result.failure() != FailureType.NOTHING_TO_REVERT) {
        results.put(result.nodeId(), result);
      }
    }
  }

  @Override
  public void recordProgress(RolloutProgress step) {
    progress.add(step);
  }

  @Override
  public void checkpoint(CheckpointWrite checkpoint) {
    checkpoints.add(checkpoint);
  }

  /** The last result recorded for each node. */
  List<NodeUpdateResult> recordedResults() {
    return List.copyOf(results.values());
  }

  List<String> actions() {
    return progress.stream().map(RolloutProgress::action).toList();
  }
}
