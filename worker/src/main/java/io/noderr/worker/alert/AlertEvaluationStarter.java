package io.noderr.worker.alert;

import io.noderr.activities.TaskQueues;
import io.noderr.workflows.alert.AlertEvaluationInput;
import io.noderr.workflows.alert.AlertEvaluationWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the alert evaluation chain once the platform is ready, unless one already runs (a worker
 * restarting against a server that kept it, or a second worker).
 */
@Component
class AlertEvaluationStarter {

  private static final Logger log = LoggerFactory.getLogger(AlertEvaluationStarter.class);

  private final WorkflowClient client;
  private final AlertProperties properties;

  AlertEvaluationStarter(WorkflowClient client, AlertProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (!properties.enabled()) {
      log.info("alert evaluation is off (noderr.alerts.enabled=false)");
      return;
    }
    AlertEvaluationWorkflow workflow =
        client.newWorkflowStub(
            AlertEvaluationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(AlertEvaluationWorkflow.WORKFLOW_ID)
                .setTaskQueue(TaskQueues.PLATFORM)
                .build());
    try {
      WorkflowClient.start(
          workflow::run,
          new AlertEvaluationInput(properties.interval().toMillis(), properties.roundsPerRun(), 0));
      log.info("alert evaluation started, every {}", properties.interval());
    } catch (WorkflowExecutionAlreadyStarted running) {
      log.info("alert evaluation already running");
    }
  }
}
