package io.noderr.worker;

import io.noderr.activities.PlatformFailures;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.dao.NonTransientDataAccessResourceException;

/**
 * Turns errors the database raises about the data itself (a constraint violation, a value it cannot
 * store such as a NUL byte) into non-retryable {@link PlatformFailures#INVALID_DATA} failures. The
 * same input would be refused on every attempt, so retrying only hides the reason and leaves the
 * workflow stuck (an application nobody could approve or reject); the step fails with the reason
 * instead. Transient errors and resource failures (no connection, connection lost, deadlock,
 * timeout) still retry.
 */
public final class DataErrorInterceptor extends WorkerInterceptorBase {

  private static final Logger log = LoggerFactory.getLogger(DataErrorInterceptor.class);

  /** Longest reason kept: the database's first line says enough, and it goes into history. */
  private static final int MAX_REASON = 300;

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      @Override
      public ActivityOutput execute(ActivityInput input) {
        try {
          return super.execute(input);
        } catch (NonTransientDataAccessResourceException outage) {
          // Spring files "cannot get a connection" under non-transient too: that is the database
          // being away, not the data being wrong, so it retries like any outage.
          throw outage;
        } catch (NonTransientDataAccessException e) {
          String reason = reason(e);
          log.warn("activity refused its data, not retrying: {}", reason);
          throw ApplicationFailure.newNonRetryableFailure(
              "the database refused the data: " + reason, PlatformFailures.INVALID_DATA);
        }
      }
    };
  }

  /** The most specific message (PostgreSQL's own), on one line and capped. */
  static String reason(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    String line = message.lines().findFirst().orElse("").strip();
    return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 1) + "…";
  }
}
