package io.noderr.activities.platform;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Platform-side activity that writes the outcome of a node health check to the registry. */
@ActivityInterface
public interface HealthCheckRecordingActivities {

  /** Stores the check's outcome on the node and appends an audit entry. Idempotent per check. */
  @ActivityMethod
  HealthCheckRecorded recordHealthCheck(HealthCheckOutcome outcome);
}
