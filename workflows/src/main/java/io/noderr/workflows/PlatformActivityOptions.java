package io.noderr.workflows;

import io.noderr.activities.PlatformFailures;
import io.noderr.activities.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Options of the platform's own activities (registry writes, beacon reads) on {@link
 * TaskQueues#PLATFORM}. They are idempotent, so they retry through infrastructure outages (the
 * database or an RPC endpoint down) — but not forever: after {@link #GIVE_UP_AFTER} the step fails
 * with the last reason instead of leaving a workflow nobody can move. Data errors ({@link
 * PlatformFailures#INVALID_DATA}) are never retried: the same input would be refused again.
 */
public final class PlatformActivityOptions {

  /** How long a platform activity keeps retrying before its step fails with the reason. */
  public static final Duration GIVE_UP_AFTER = Duration.ofMinutes(30);

  private PlatformActivityOptions() {}

  /**
   * @param startToClose how long one attempt may take
   * @param alsoFinal further failure types the activity raises that a retry cannot change
   */
  public static ActivityOptions retryingThroughOutages(Duration startToClose, String... alsoFinal) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.PLATFORM)
        .setStartToCloseTimeout(startToClose)
        .setScheduleToCloseTimeout(GIVE_UP_AFTER)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setMaximumInterval(Duration.ofMinutes(1))
                .setDoNotRetry(
                    Stream.concat(Stream.of(PlatformFailures.INVALID_DATA), Stream.of(alsoFinal))
                        .toArray(String[]::new))
                .build())
        .build();
  }
}
