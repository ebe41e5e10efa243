package io.noderr.registry.telemetry;

import java.time.Duration;

/**
 * How long each resolution is kept and how the rollup paces itself.
 *
 * @param raw raw samples (default 24 h)
 * @param minute 1-minute rollups (default 7 d)
 * @param hour 1-hour rollups (default 400 d)
 * @param settleDelay how long after a minute ends before it is rolled up (reports still queued)
 * @param maxMinutesPerRun the most minutes one run rolls up (bounded catch-up after downtime)
 */
public record TelemetryRetention(
    Duration raw, Duration minute, Duration hour, Duration settleDelay, int maxMinutesPerRun) {

  public static final TelemetryRetention DEFAULT =
      new TelemetryRetention(
          Duration.ofHours(24),
          Duration.ofDays(7),
          Duration.ofDays(400),
          Duration.ofSeconds(15),
          60);
}
