package io.noderr.console.fleet;

import io.noderr.console.trace.ActionSpans;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.node.Node;
import io.noderr.registry.node.NodeRepository;
import io.noderr.registry.workflow.WorkflowRuns;
import io.noderr.workflows.healthcheck.NodeHealthCheckInput;
import io.noderr.workflows.healthcheck.NodeHealthCheckWorkflow;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
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
    return ActionSpans.traced(
        "node.health-check",
        requestedBy,
        () -> {
          Node node = nodes.findById(nodeId).orElseThrow(() -> new NodeNotFoundException(nodeId));
          String workflowId = NodeHealthCheckWorkflow.workflowId(nodeId, clock.millis());
          NodeHealthCheckInput input = new NodeHealthCheckInput(nodeId, requestedBy);
          NodeHealthCheckWorkflow workflow =
              client.newWorkflowStub(
                  NodeHealthCheckWorkflow.class,
                  NodeHealthCheckWorkflow.startOptions(
                          workflowId, input, node.tier().name(), node.operatorId())
                      .build());
          // Read model first: if the start fails the reconciler marks the row LOST; the reverse
          // order
          // could leave a running workflow the console never shows.
          runs.started(workflowId, NodeHealthCheckWorkflow.TYPE, nodeId, requestedBy);
          WorkflowClient.start(workflow::run, input);
          audit.append(requestedBy, "node.health-check-requested", nodeId, null, workflowId);
          return workflowId;
        });
  }
}
