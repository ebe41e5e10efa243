package io.noderr.worker.telemetry;

import io.noderr.registry.telemetry.TelemetryPartitions;
import io.noderr.registry.telemetry.TelemetryRollups;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rolls telemetry up (raw to minutes to hours), deletes the rollups past retention, then keeps the
 * raw samples' hourly partitions in shape (created ahead, expired hours dropped), every {@code
 * noderr.telemetry.retention.interval}. A scheduled job rather than a workflow: each step is one
 * idempotent transaction whose progress lives in PostgreSQL (the rollup cursor, the partitions), so
 * there is no state a workflow would keep; several workers may run it, an advisory lock lets one at
 * a time do the work.
 */
@Component
class TelemetryRetentionJob {

  private static final Logger log = LoggerFactory.getLogger(TelemetryRetentionJob.class);

  private final TelemetryRollups rollups;
  private final TelemetryPartitions partitions;
  private final TelemetryRetentionProperties properties;
  private final Clock clock;

  @Autowired
  TelemetryRetentionJob(
      TelemetryRollups rollups,
      TelemetryPartitions partitions,
      TelemetryRetentionProperties properties) {
    this(rollups, partitions, properties, Clock.systemUTC());
  }

  /** With a clock of its own: retention is judged by it (tests move it). */
  TelemetryRetentionJob(
      TelemetryRollups rollups,
      TelemetryPartitions partitions,
      TelemetryRetentionProperties properties,
      Clock clock) {
    this.rollups = rollups;
    this.partitions = partitions;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${noderr.telemetry.retention.interval:30s}",
      fixedDelayString = "${noderr.telemetry.retention.interval:30s}")
  void run() {
    Instant now = clock.instant();
    TelemetryRollups.RollupRun run = rollups.run(now, properties.retention());
    if (run.minuteRowsDeleted() + run.hourRowsDeleted() > 0 || run.hoursRolledUp() > 0) {
      log.info(
          "telemetry: {} minute(s) and {} hour(s) rolled up; deleted {} minute, {} hour row(s)"
              + " past retention",
          run.minutesRolledUp(),
          run.hoursRolledUp(),
          run.minuteRowsDeleted(),
          run.hourRowsDeleted());
    }
    try {
      TelemetryPartitions.PartitionRun upkeep = partitions.maintain(now, properties.retention());
      if (upkeep.dropped() + upkeep.strayRowsDeleted() > 0) {
        log.info(
            "telemetry: dropped {} hour(s) of raw samples past retention ({} partition(s)"
                + " created, {} stray row(s) deleted)",
            upkeep.dropped(),
            upkeep.created(),
            upkeep.strayRowsDeleted());
      }
    } catch (DataAccessException e) {
      // Typically the lock timeout behind a long query: nothing is lost (rows wait in the default
      // partition, expired hours a little longer), the next run tries again.
      log.warn("telemetry partitions not maintained this run: {}", e.getMessage());
    }
  }
}
