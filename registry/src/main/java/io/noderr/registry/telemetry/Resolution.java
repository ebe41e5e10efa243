package io.noderr.registry.telemetry;

import java.time.Duration;

/** The time series a query reads: raw samples, or the 1-minute or 1-hour rollups. */
public enum Resolution {
  RAW(Duration.ZERO),
  MINUTE(Duration.ofMinutes(1)),
  HOUR(Duration.ofHours(1));

  private final Duration bucket;

  Resolution(Duration bucket) {
    this.bucket = bucket;
  }

  /** The bucket width (zero for raw samples). */
  public Duration bucket() {
    return bucket;
  }

  /**
   * The resolution that gives a chart of {@code window} a few hundred to a few thousand points: raw
   * up to 2 hours (720 points at one report per 10 s), minutes up to 3 days, hours beyond.
   */
  public static Resolution forWindow(Duration window) {
    if (window.compareTo(Duration.ofHours(2)) <= 0) {
      return RAW;
    }
    return window.compareTo(Duration.ofDays(3)) <= 0 ? MINUTE : HOUR;
  }
}
