package io.noderr.activities.alert;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The platform's alerting steps, run by the alert evaluation workflow every round. Both take the
 * workflow's clock ({@link AlertRound#nowMillis}) rather than the host's, so a round replays the
 * same decisions and tests can skip time through escalations and silences.
 */
@ActivityInterface
public interface AlertActivities {

  /**
   * Runs every alert rule against the registry and reconciles the incidents: opens new ones,
   * updates the ones still found (lifting an acknowledgement when an incident changed), resolves
   * the ones no longer found, applies silences (including the running rollouts' waves) and expires
   * silences that ended or matched nothing; queues the notifications these transitions need.
   * Idempotent: a retry finds the incidents as the first attempt left them.
   */
  @ActivityMethod
  AlertEvaluation evaluateAlertRules(AlertRound round);

  /**
   * Escalates unacknowledged incidents whose channel did not answer in time, then sends what is
   * queued, one grouped message per channel, each channel at most once per throttle interval;
   * failed sends are retried next round up to a bounded number of attempts.
   */
  @ActivityMethod
  AlertDelivery deliverAlertNotifications(AlertRound round);
}
