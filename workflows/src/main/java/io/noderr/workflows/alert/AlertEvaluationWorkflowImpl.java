package io.noderr.workflows.alert;

import io.noderr.activities.alert.AlertActivities;
import io.noderr.activities.alert.AlertDelivery;
import io.noderr.activities.alert.AlertEvaluation;
import io.noderr.activities.alert.AlertRound;
import io.noderr.workflows.PlatformActivityOptions;
import io.noderr.workflows.SignedUpdates;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

public class AlertEvaluationWorkflowImpl implements AlertEvaluationWorkflow {

  private static final Logger log = Workflow.getLogger(AlertEvaluationWorkflowImpl.class);

  /**
   * Registry reads and writes retry through a database outage, but give up within a few minutes:
   * the next round evaluates afresh, so waiting longer on this one only delays alerts.
   */
  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder(
              PlatformActivityOptions.retryingThroughOutages(Duration.ofMinutes(1)))
          .setScheduleToCloseTimeout(Duration.ofMinutes(5))
          .build();

  private final AlertActivities alerts = Workflow.newActivityStub(AlertActivities.class, OPTIONS);

  private AlertEvaluationState state = new AlertEvaluationState(0, 0, null, null, null);

  @Override
  public void run(AlertEvaluationInput input) {
    long rounds = input.roundsBefore();
    for (int i = 0; i < input.roundsPerRun(); i++) {
      rounds++;
      long now = Workflow.currentTimeMillis();
      AlertEvaluation evaluation = null;
      AlertDelivery delivery = null;
      String failure = null;
      // A failed step is reported and the loop goes on: one bad round must not stop alerting.
      try {
        evaluation = alerts.evaluateAlertRules(new AlertRound(now));
      } catch (ActivityFailure e) {
        failure = "evaluation: " + SignedUpdates.failureMessage(e);
      }
      try {
        delivery = alerts.deliverAlertNotifications(new AlertRound(Workflow.currentTimeMillis()));
      } catch (ActivityFailure e) {
        failure =
            (failure == null ? "" : failure + "; ")
                + "delivery: "
                + SignedUpdates.failureMessage(e);
      }
      if (failure != null) {
        log.warn("alert round {} failed: {}", rounds, failure);
      }
      state = new AlertEvaluationState(rounds, now, evaluation, delivery, failure);
      Workflow.sleep(Duration.ofMillis(input.intervalMillis()));
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(input.continued(rounds));
  }

  @Override
  public AlertEvaluationState getState() {
    return state;
  }
}
