package io.noderr.console.fleet;

import io.noderr.activities.TaskQueues;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.node.NodeRepository;
import io.noderr.registry.workflow.WorkflowRuns;
import io.noderr.workflows.healthcheck.NodeHealthCheckInput;
import io.noderr.workflows.healthcheck.NodeHealthCheckWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Starts on-demand node health checks (a workflow each). Admins only: it acts on the node. */
@Service
public class HealthCheckService {

  private final WorkflowClient client;
  private final NodeRepository nodes;
  private final WorkflowRuns runs;
  private final AuditLog audit;
  private final Clock clock;

  HealthCheckService(
      WorkflowClient client, NodeRepository nodes, WorkflowRuns runs, AuditLog audit) {
    this.client = client;
    this.nodes = nodes;
    this.runs = runs;
    this.audit = audit;
    this.clock = Clock.systemUTC();
  }

  /** Starts a check and returns its workflow id. */
  @PreAuthorize("hasRole('ADMIN')")
  public String start(String nodeId, String requestedBy) {
    if (!nodes.existsById(nodeId)) {
      throw new NodeNotFoundException(nodeId);
    }
    String workflowId = NodeHealthCheckWorkflow.workflowId(nodeId, clock.millis());
    NodeHealthCheckWorkflow workflow =
        client.newWorkflowStub(
            NodeHealthCheckWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.PLATFORM)
                .setWorkflowExecutionTimeout(Duration.ofMinutes(10))
                .build());
    // Read model first: if the start fails the reconciler marks the row LOST; the reverse order
    // could leave a running workflow the console never shows.
    runs.started(workflowId, NodeHealthCheckWorkflow.TYPE, nodeId, requestedBy);
    WorkflowClient.start(workflow::run, new NodeHealthCheckInput(nodeId, requestedBy));
    audit.append(requestedBy, "node.health-check-requested", nodeId, null, workflowId);
    return workflowId;
  }
}
