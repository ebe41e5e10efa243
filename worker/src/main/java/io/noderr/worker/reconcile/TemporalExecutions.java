package io.noderr.worker.reconcile;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import org.springframework.stereotype.Component;

/** What the Temporal server knows of a workflow id, for the start-up reconciliations. */
@Component
public class TemporalExecutions {

  private final WorkflowClient client;

  TemporalExecutions(WorkflowClient client) {
    this.client = client;
  }

  /** The latest run's status; LOST when the server does not know the id at all. */
  public WorkflowRunStatus statusOf(String workflowId) {
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
