package io.noderr.workflows.testing;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;

/**
 * Waits until a workflow has nothing in flight. An Update returns to its caller before the workflow
 * records what it accepted (that record is an activity scheduled with the same workflow task), so a
 * test that snapshots activity calls or history right after an Update must wait for them first, or
 * the snapshot is overtaken.
 */
public final class Idle {

  private Idle() {}

  /** Up to 10 s until no activity and no workflow task of {@code workflowId} is pending. */
  public static void await(WorkflowClient client, String workflowId) {
    long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < giveUp) {
      DescribeWorkflowExecutionResponse described =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build());
      if (described.getPendingActivitiesCount() == 0 && !described.hasPendingWorkflowTask()) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("workflow " + workflowId + " did not become idle in 10 s");
  }
}
