package io.noderr.workflows.rollout;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.node.NodeRevertRequest;
import io.noderr.activities.node.NodeUpdateActivities;
import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.rollout.NodeTarget;
import io.noderr.activities.rollout.ResultBatch;
import io.noderr.activities.rollout.RolloutActivities;
import io.noderr.workflows.PlatformActivityOptions;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

public class NodeBatchWorkflowImpl implements NodeBatchWorkflow {

  /** How long a node's agent may take to send a heartbeat while it soaks or pulls. */
  static final Duration NODE_HEARTBEAT = Duration.ofSeconds(30);

  /** How often a node whose update lock another update holds is asked again. */
  static final Duration LOCK_RECHECK = Duration.ofSeconds(15);

  private final RolloutActivities registry =
      Workflow.newActivityStub(
          RolloutActivities.class,
          PlatformActivityOptions.retryingThroughOutages(Duration.ofSeconds(60)));

  @Override
  public NodeBatchResult run(NodeBatchInput input) {
    List<Promise<NodeUpdateResult>> running = new ArrayList<>(input.nodes().size());
    for (NodeTarget node : input.nodes()) {
      running.add(Async.function(() -> updateOne(input, node)));
    }
    List<NodeUpdateResult> results = running.stream().map(Promise::get).toList();
    registry.recordResults(
        new ResultBatch(input.rolloutId(), input.stage(), input.reverting(), results));
    return new NodeBatchResult(results);
  }

  /**
   * A node whose update lock another update holds (a lease with a TTL) is asked again until the
   * lease is released or lapses, within the per-node deadline; then it stays LOCKED, for an
   * operator's retry with force.
   */
  private NodeUpdateResult updateOne(NodeBatchInput input, NodeTarget node) {
    awaitMaintenanceWindow(input.strategy(), node);
    long deadline = Workflow.currentTimeMillis() + input.strategy().perNodeDeadlineMillis();
    NodeUpdateResult result = attempt(input, node);
    while (result.failure() == FailureType.LOCKED
        && Workflow.currentTimeMillis() + LOCK_RECHECK.toMillis() < deadline
        && Workflow.getVersion("wait-for-update-lock", Workflow.DEFAULT_VERSION, 1) >= 1) {
      Workflow.sleep(LOCK_RECHECK);
      result = attempt(input, node);
    }
    return result;
  }

  private NodeUpdateResult attempt(NodeBatchInput input, NodeTarget node) {
    NodeUpdateActivities agent = agentOf(node, input.strategy());
    String updateId =
        input.rolloutId() + ":" + node.nodeId() + (input.reverting() ? ":revert" : "");
    try {
      NodeUpdateResult answer =
          input.reverting()
              ? agent.revert(
                  new NodeRevertRequest(
                      updateId, input.version(), input.strategy().perNodeDeadlineMillis()))
              : agent.update(
                  new NodeUpdateRequest(
                      updateId,
                      node.tier(),
                      input.version(),
                      input.image(),
                      input.imageDigest(),
                      input.strategy().updateStrategy(),
                      input.strategy().soakMillis(),
                      input.strategy().perNodeDeadlineMillis(),
                      input.forceLocks()));
      return Workflow.getVersion("node-answers-untrusted", Workflow.DEFAULT_VERSION, 1) >= 1
          ? NodeAnswers.ofAskedNode(node, answer)
          : answer;
    } catch (ActivityFailure failure) {
      // A node that never picked the work up (host gone) or did not finish in time counts as a
      // TIMEOUT failure for the gate; anything else the agent could not even report is a start
      // failure.
      FailureType type =
          failure.getCause() instanceof TimeoutFailure
              ? FailureType.TIMEOUT
              : FailureType.START_FAILED;
      return new NodeUpdateResult(node.nodeId(), Outcome.FAILED, type, describe(failure), null, 0);
    }
  }

  /** Nodes outside their operator's or region's window wait for it to open. */
  private static void awaitMaintenanceWindow(RolloutStrategy strategy, NodeTarget node) {
    MaintenanceWindow window = strategy.windowFor(node.operator(), node.region());
    if (window == null) {
      return;
    }
    Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    Duration wait = Duration.between(now, window.nextOpening(now));
    if (!wait.isZero() && !wait.isNegative()) {
      Workflow.sleep(wait);
    }
  }

  /**
   * The node's own agent, on its own task queue: ScheduleToStart bounds how long a dead host can
   * hold the batch; the heartbeat shows a hung agent within 30 s; the per-node deadline bounds the
   * whole update. Infrastructure errors retry (the update is idempotent per update id).
   */
  private static NodeUpdateActivities agentOf(NodeTarget node, RolloutStrategy strategy) {
    Duration deadline = Duration.ofMillis(strategy.perNodeDeadlineMillis());
    return Workflow.newActivityStub(
        NodeUpdateActivities.class,
        ActivityOptions.newBuilder()
            .setTaskQueue(TaskQueues.node(node.nodeId()))
            .setScheduleToCloseTimeout(deadline)
            .setScheduleToStartTimeout(deadline)
            .setStartToCloseTimeout(deadline)
            .setHeartbeatTimeout(NODE_HEARTBEAT)
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofSeconds(10))
                    .setMaximumAttempts(3)
                    .build())
            .build());
  }

  private static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    String message = cause.getMessage();
    // The message may come from the node's agent: capped like any other text from a node.
    return message == null ? cause.getClass().getSimpleName() : NodeAnswers.capDetail(message);
  }
}
