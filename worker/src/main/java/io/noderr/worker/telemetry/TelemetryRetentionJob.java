package io.noderr.worker.telemetry;

import io.noderr.registry.telemetry.TelemetryRollups;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rolls telemetry up (raw to minutes to hours) and deletes what is past retention, every {@code
 * noderr.telemetry.retention.interval}. A scheduled job rather than a workflow: each run is one
 * idempotent transaction whose progress lives in PostgreSQL (the rollup cursor), so there is no
 * state a workflow would keep; several workers may run it, an advisory lock lets one at a time do
 * the work.
 */
@Component
class TelemetryRetentionJob {

  private static final Logger log = LoggerFactory.getLogger(TelemetryRetentionJob.class);

  private final TelemetryRollups rollups;
  private final TelemetryRetentionProperties properties;
  private final Clock clock = Clock.systemUTC();

  TelemetryRetentionJob(TelemetryRollups rollups, TelemetryRetentionProperties properties) {
    this.rollups = rollups;
    this.properties = properties;
  }

  @Scheduled(
      initialDelayString = "${noderr.telemetry.retention.interval:30s}",
      fixedDelayString = "${noderr.telemetry.retention.interval:30s}")
  void run() {
    TelemetryRollups.RollupRun run = rollups.run(clock.instant(), properties.retention());
    if (run.rawDeleted() + run.minuteRowsDeleted() + run.hourRowsDeleted() > 0
        || run.hoursRolledUp() > 0) {
      log.info(
          "telemetry: {} minute(s) and {} hour(s) rolled up; deleted {} raw, {} minute, {} hour"
              + " row(s) past retention",
          run.minutesRolledUp(),
          run.hoursRolledUp(),
          run.rawDeleted(),
          run.minuteRowsDeleted(),
          run.hourRowsDeleted());
    }
  }
}
