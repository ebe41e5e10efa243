package io.noderr.workflows.healthcheck;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

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
}
