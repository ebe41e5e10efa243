package io.noderr.worker.reconcile;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the Temporal server knows of a workflow id. Read models outlive the embedded server's
 * histories, so the start-up checks ask here before trusting a row.
 */
@Component
public class TemporalExecutions {

  private final WorkflowClient client;

  public TemporalExecutions(WorkflowClient client) {
    this.client = client;
  }

  /** The latest execution's status, or empty when the server has no execution with this id. */
  public Optional<WorkflowExecutionStatus> status(String workflowId) {
    try {
      return Optional.of(
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
