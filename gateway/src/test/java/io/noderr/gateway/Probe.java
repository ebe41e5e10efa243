package io.noderr.gateway;

import io.noderr.activities.TaskQueues;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** A platform workflow that asks one node's queue for one answer: the gateway ITs' workload. */
final class Probe {

  private Probe() {}

  @ActivityInterface
  public interface ProbeActivities {
    String answer(String question);
  }

  @WorkflowInterface
  public interface ProbeWorkflow {
    @WorkflowMethod
    String ask(String nodeId);
  }

  public static class ProbeWorkflowImpl implements ProbeWorkflow {
    @Override
    public String ask(String nodeId) {
      ProbeActivities node =
          Workflow.newActivityStub(
              ProbeActivities.class,
              ActivityOptions.newBuilder()
                  .setTaskQueue(TaskQueues.node(nodeId))
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());
      return node.answer("who are you?");
    }
  }
}
