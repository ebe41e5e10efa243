package io.noderr.worker.rewards;

import io.noderr.activities.TaskQueues;
import io.noderr.workflows.rewards.RewardEpochInput;
import io.noderr.workflows.rewards.RewardEpochWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Starts the chain of reward epochs once the platform is ready, the first epoch beginning now,
 * unless it already runs (a restart against a server that kept it, or a second worker): epochs then
 * go on from where the running chain is.
 */
class RewardEpochStarter {

  private static final Logger log = LoggerFactory.getLogger(RewardEpochStarter.class);

  private final WorkflowClient client;

  RewardEpochStarter(WorkflowClient client) {
    this.client = client;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    RewardEpochWorkflow workflow =
        client.newWorkflowStub(
            RewardEpochWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RewardEpochWorkflow.WORKFLOW_ID)
                .setTaskQueue(TaskQueues.PLATFORM)
                .build());
    try {
      WorkflowClient.start(workflow::run, RewardEpochInput.first(System.currentTimeMillis()));
      log.info("reward epochs started");
    } catch (WorkflowExecutionAlreadyStarted running) {
      log.info("reward epochs already running");
    }
  }
}
