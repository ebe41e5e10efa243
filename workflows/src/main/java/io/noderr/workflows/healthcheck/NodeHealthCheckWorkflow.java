package io.noderr.workflows.healthcheck;

import io.noderr.activities.TaskQueues;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;

/**
 * Checks one node on demand: asks its agent, on the node's own task queue, for its status and a
 * health probe, then records the outcome in the registry. The history is the audit trail of who
 * asked and what the node answered.
 *
 * <p>Workflow id: {@code health-check-<nodeId>-<epochMillis>} (see {@link #workflowId}).
 */
@WorkflowInterface
public interface NodeHealthCheckWorkflow {

  /** The workflow type name, as recorded in the platform's workflow read model. */
  String TYPE = "NodeHealthCheckWorkflow";

  @WorkflowMethod
  NodeHealthCheckResult run(NodeHealthCheckInput input);

  @QueryMethod
  NodeHealthCheckState getState();

  static String workflowId(String nodeId, long requestedAtMillis) {
    return "health-check-" + nodeId + "-" + requestedAtMillis;
  }

  /**
   * Options to start the check {@code workflowId} on the platform queue, bounded to ten minutes,
   * with its search attributes and summary for the Temporal UI.
   *
   * @param tier the node's tier, or null if unknown
   * @param operatorId the node's operator, or null if unknown
   */
  static WorkflowOptions.Builder startOptions(
      String workflowId, NodeHealthCheckInput input, String tier, String operatorId) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(NoderrSearchAttributes.NODE_ID, List.of(input.nodeId()))
            .set(NoderrSearchAttributes.STAGE, NodeHealthCheckState.Stage.ASKING_NODE.name());
    if (tier != null) {
      attributes.set(NoderrSearchAttributes.TIER, List.of(tier));
    }
    if (operatorId != null) {
      attributes.set(NoderrSearchAttributes.OPERATOR, operatorId);
    }
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.PLATFORM)
        .setWorkflowExecutionTimeout(Duration.ofMinutes(10))
        .setTypedSearchAttributes(attributes.build())
        .setMemo(NoderrSearchAttributes.memo(summary(input)));
  }

  /** "Health check of node eu-west-1a2b, asked by alice". */
  static String summary(NodeHealthCheckInput input) {
    return "Health check of node " + input.nodeId() + ", asked by " + input.requestedBy();
  }
}
