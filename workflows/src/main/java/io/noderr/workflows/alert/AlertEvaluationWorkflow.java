package io.noderr.workflows.alert;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Evaluates the alert rules and delivers notifications, round after round, for as long as the
 * platform runs. One execution chain per platform (id {@link #WORKFLOW_ID}); it continues as new
 * every {@link AlertEvaluationInput#roundsPerRun} rounds, so it never completes. A durable loop
 * rather than a Spring timer: a round interrupted by a restart is retried, the escalation clock is
 * the workflow's, and the history shows every round.
 */
@WorkflowInterface
public interface AlertEvaluationWorkflow {

  String WORKFLOW_ID = "alert-evaluation";

  @WorkflowMethod
  void run(AlertEvaluationInput input);

  @QueryMethod
  AlertEvaluationState getState();
}
