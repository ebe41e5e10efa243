package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeRevertRequest;
import io.noderr.activities.node.NodeUpdateActivities;
import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** One node's agent for workflow tests: updates succeed unless told to fail. */
final class FakeAgent implements NodeUpdateActivities {

  final String nodeId;
  volatile boolean failUpdates;
  volatile boolean failReverts;

  /** Answers LOCKED this many more times (another update holds the node's lease). */
  final AtomicInteger lockedAnswers = new AtomicInteger();

  /** Answers LOCKED until an update comes with force. */
  volatile boolean lockedUnlessForced;

  final List<String> calls = new CopyOnWriteArrayList<>();

  /** The update id of each update and revert asked, in order. */
  final List<String> updateIds = new CopyOnWriteArrayList<>();

  /** A rogue agent: answers FAILED under this other node's id, with a very long detail. */
  volatile String impersonate;

  FakeAgent(String nodeId) {
    this.nodeId = nodeId;
  }

  @Override
  public NodeUpdateResult update(NodeUpdateRequest request) {
    calls.add("update " + request.version() + (request.forceLock() ? " (force)" : ""));
    updateIds.add(request.updateId());
    if (impersonate != null) {
      return new NodeUpdateResult(
          impersonate, Outcome.FAILED, null, "x".repeat(10_000), "9".repeat(1_000), 1);
    }
    if ((lockedUnlessForced && !request.forceLock()) || lockedAnswers.getAndDecrement() > 0) {
      return new NodeUpdateResult(
          nodeId, Outcome.FAILED, FailureType.LOCKED, "update u-0 holds the lock", "1.0.0", 1);
    }
    return failUpdates
        ? new NodeUpdateResult(
            nodeId, Outcome.REVERTED, FailureType.UNHEALTHY, "probe failed", "1.0.0", 5)
        : new NodeUpdateResult(nodeId, Outcome.UPDATED, null, "ok", request.version(), 5);
  }

  @Override
  public NodeUpdateResult revert(NodeRevertRequest request) {
    calls.add("revert " + request.fromVersion());
    updateIds.add(request.updateId());
    return failReverts
        ? new NodeUpdateResult(
            nodeId, Outcome.FAILED, FailureType.START_FAILED, "old one won't start", null, 3)
        : new NodeUpdateResult(nodeId, Outcome.ROLLED_BACK, null, "back", "1.0.0", 3);
  }
}
