package io.noderr.worker.reconcile;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.workflow.WorkflowRun;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.noderr.registry.workflow.WorkflowRuns;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start, checks every run the read model believes is RUNNING against Temporal. A run the server
 * does not know is marked LOST (the embedded server keeps nothing across restarts); a run that
 * closed while no worker was watching gets its real ending. So no row claims a workflow that no
 * longer exists.
 */
@Component
public class WorkflowReconciler {

  private static final Logger log = LoggerFactory.getLogger(WorkflowReconciler.class);

  private final WorkflowClient client;
  private final WorkflowRuns runs;
  private final AuditLog audit;

  WorkflowReconciler(WorkflowClient client, WorkflowRuns runs, AuditLog audit) {
    this.client = client;
    this.runs = runs;
    this.audit = audit;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void reconcile() {
    int lost = 0;
    for (WorkflowRun run : runs.running()) {
      WorkflowRunStatus actual = statusInTemporal(run.workflowId());
      if (actual == WorkflowRunStatus.RUNNING) {
        continue;
      }
      String detail =
          actual == WorkflowRunStatus.LOST
              ? "Temporal no longer knows this workflow (server restarted without persistence)"
              : "closed while the platform was down";
      if (runs.ended(run.workflowId(), actual, detail) && actual == WorkflowRunStatus.LOST) {
        audit.append(AuditLog.SYSTEM, "workflow.lost", run.subject(), detail, run.workflowId());
        lost++;
      }
    }
    if (lost > 0) {
      log.warn("{} workflow run(s) were lost with the previous Temporal server", lost);
    }
  }

  private WorkflowRunStatus statusInTemporal(String workflowId) {
    try {
      WorkflowExecutionStatus status =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
      return switch (status) {
        case WORKFLOW_EXECUTION_STATUS_RUNNING -> WorkflowRunStatus.RUNNING;
        case WORKFLOW_EXECUTION_STATUS_COMPLETED -> WorkflowRunStatus.COMPLETED;
        default -> WorkflowRunStatus.FAILED;
      };
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return WorkflowRunStatus.LOST;
      }
      throw e;
    }
  }
}
