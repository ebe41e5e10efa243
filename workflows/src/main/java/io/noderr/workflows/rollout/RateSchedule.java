package io.noderr.workflows.rollout;

/**
 * How many node updates may have started by a given time: {@code perMinute} in the first minute,
 * multiplied by {@code ramp} each further minute (1 = steady), capped at {@code maxPerMinute}. A
 * slow start finds a bad release on a few nodes; the ramp then reaches full speed without an
 * operator (the exponential rollout AWS IoT Jobs offers, without its 1,000/min ceiling).
 */
public record RateSchedule(int perMinute, double ramp, int maxPerMinute) {

  /** No limit: every node may start at once. */
  public static final RateSchedule UNLIMITED = new RateSchedule(0, 1, 0);

  public RateSchedule {
    if (perMinute < 0 || maxPerMinute < 0 || ramp < 1) {
      throw new IllegalArgumentException(
          "rate per minute and its maximum must not be negative and the ramp must be >= 1");
    }
  }

  public boolean unlimited() {
    return perMinute == 0;
  }

  /** Starts allowed in total by {@code elapsedMillis} after the rollout began. */
  public long allowedBy(long elapsedMillis) {
    if (unlimited()) {
      return Long.MAX_VALUE;
    }
    long minutes = elapsedMillis / 60_000;
    double allowed = 0;
    for (long minute = 0; minute <= minutes; minute++) {
      double rate = perMinute * Math.pow(ramp, minute);
      rate = maxPerMinute > 0 ? Math.min(rate, maxPerMinute) : rate;
      double fraction = minute < minutes ? 1 : (elapsedMillis % 60_000) / 60_000.0;
      // The first minute's budget is available at once, so a canary does not wait for a clock.
      allowed += minute == 0 ? rate : rate * fraction;
      if (allowed > Integer.MAX_VALUE) {
        return Integer.MAX_VALUE;
      }
    }
    return (long) Math.floor(allowed);
  }

  /** Milliseconds until one more start is allowed (0 = now), after {@code started} starts. */
  public long waitBeforeNext(long started, long elapsedMillis) {
    if (allowedBy(elapsedMillis) > started) {
      return 0;
    }
    long step = 250;
    long at = elapsedMillis;
    while (allowedBy(at) <= started) {
      at += step;
    }
    return at - elapsedMillis;
  }
}
