package io.noderr.workflows.healthcheck;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.node.HealthProbeRequest;
import io.noderr.activities.node.HealthProbeResult;
import io.noderr.activities.node.HealthState;
import io.noderr.activities.node.NodeStatusActivities;
import io.noderr.activities.node.NodeStatusReport;
import io.noderr.activities.node.StatusRequest;
import io.noderr.activities.platform.HealthCheckOutcome;
import io.noderr.activities.platform.HealthCheckRecordingActivities;
import io.noderr.activities.platform.HealthCheckVerdict;
import io.noderr.workflows.PlatformActivityOptions;
import io.noderr.workflows.healthcheck.NodeHealthCheckState.Stage;
import io.noderr.workflows.search.VisibleProgress;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

public class NodeHealthCheckWorkflowImpl implements NodeHealthCheckWorkflow {

  private static final Logger log = Workflow.getLogger(NodeHealthCheckWorkflowImpl.class);

  /** How long the health probe itself may take on the node. */
  static final long PROBE_TIMEOUT_MILLIS = 5_000;

  /**
   * Node-queue options. ScheduleToStart is what turns a dead or silent agent into a verdict: nobody
   * polls its queue, so the task is never started. No retries: a second attempt would only double
   * the wait for a node that did not answer the first time.
   */
  static final ActivityOptions NODE_QUEUE_OPTIONS =
      ActivityOptions.newBuilder()
          .setScheduleToStartTimeout(Duration.ofSeconds(20))
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          .setScheduleToCloseTimeout(Duration.ofSeconds(35))
          .setHeartbeatTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
          .build();

  /** Registry writes are idempotent, so they retry through database outages. */
  static final ActivityOptions PLATFORM_OPTIONS =
      PlatformActivityOptions.retryingThroughOutages(Duration.ofSeconds(30));

  private final HealthCheckRecordingActivities registry =
      Workflow.newActivityStub(HealthCheckRecordingActivities.class, PLATFORM_OPTIONS);

  private NodeHealthCheckState state = new NodeHealthCheckState(Stage.ASKING_NODE, null, null);

  @Override
  public NodeHealthCheckResult run(NodeHealthCheckInput input) {
    VisibleProgress visible =
        new VisibleProgress(Stage.ASKING_NODE.name(), NodeHealthCheckWorkflow.summary(input));
    NodeStatusActivities node =
        Workflow.newActivityStub(
            NodeStatusActivities.class,
            ActivityOptions.newBuilder(NODE_QUEUE_OPTIONS)
                .setTaskQueue(TaskQueues.node(input.nodeId()))
                .build());

    HealthCheckOutcome outcome = askNode(node, input);
    state = new NodeHealthCheckState(Stage.RECORDING, outcome.verdict(), outcome.detail());
    registry.recordHealthCheck(outcome);
    state = new NodeHealthCheckState(Stage.DONE, outcome.verdict(), outcome.detail());
    // Done, the stage an SRE filters on is the verdict (HEALTHY, UNHEALTHY, UNREACHABLE).
    visible.show(
        outcome.verdict().name(),
        NodeHealthCheckWorkflow.summary(input)
            + ": "
            + outcome.verdict()
            + (outcome.detail() == null ? "" : " (" + outcome.detail() + ")"));
    log.info("health check of {}: {} ({})", input.nodeId(), outcome.verdict(), outcome.detail());
    return new NodeHealthCheckResult(input.nodeId(), outcome.verdict(), outcome.detail());
  }

  @Override
  public NodeHealthCheckState getState() {
    return state;
  }

  private HealthCheckOutcome askNode(NodeStatusActivities node, NodeHealthCheckInput input) {
    String workflowId = Workflow.getInfo().getWorkflowId();
    try {
      NodeStatusReport status = node.reportStatus(new StatusRequest("health check " + workflowId));
      HealthProbeResult probe = node.probeHealth(new HealthProbeRequest(PROBE_TIMEOUT_MILLIS));
      HealthCheckVerdict verdict =
          probe.health() == HealthState.HEALTHY
              ? HealthCheckVerdict.HEALTHY
              : HealthCheckVerdict.UNHEALTHY;
      return new HealthCheckOutcome(
          workflowId, input.nodeId(), input.requestedBy(), verdict, status, probe, probe.detail());
    } catch (ActivityFailure failure) {
      return new HealthCheckOutcome(
          workflowId,
          input.nodeId(),
          input.requestedBy(),
          HealthCheckVerdict.UNREACHABLE,
          null,
          null,
          describe(failure));
    }
  }

  private static String describe(ActivityFailure failure) {
    if (failure.getCause() instanceof TimeoutFailure timeout) {
      return switch (timeout.getTimeoutType()) {
        case TIMEOUT_TYPE_SCHEDULE_TO_START -> "no agent polled the node's queue in time";
        case TIMEOUT_TYPE_HEARTBEAT -> "the agent stopped heartbeating mid-check";
        default -> "the agent did not finish in time";
      };
    }
    String cause =
        failure.getCause() instanceof ApplicationFailure application
            ? application.getOriginalMessage()
            : String.valueOf(failure.getCause());
    return "the agent failed the check: " + cause;
  }
}
