package io.noderr.worker.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.telemetry.TelemetryPartitions;
import io.noderr.registry.telemetry.TelemetryRollups;
import io.noderr.registry.telemetry.TelemetrySample;
import io.noderr.registry.telemetry.TelemetrySamples;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The retention job as the worker schedules it, on embedded PostgreSQL, its clock moved by the
 * test: rollups, each resolution expired at its configured retention (raw by dropping hourly
 * partitions), partitions created ahead, rows of an hour without partition moved out of the default
 * partition, and the advisory lock keeping a second instance out.
 */
class TelemetryRetentionJobIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  /** Retentions short enough to watch each go: raw 2 h, minutes 6 h, hours 2 days. */
  private static final TelemetryRetentionProperties SHORT =
      new TelemetryRetentionProperties(
          Duration.ofHours(2),
          Duration.ofHours(6),
          Duration.ofDays(2),
          Duration.ofSeconds(15),
          600);

  private static final List<String> NODES = List.of("o-1", "o-2", "o-3");

  private final TelemetrySamples samples = db.bean(TelemetrySamples.class);
  private final TelemetryPartitions partitions = db.bean(TelemetryPartitions.class);

  @BeforeEach
  void fleet() {
    for (String id : NODES) {
      db.insertNode(id, "acme", Tier.ORACLE, "eu", "ACTIVE");
    }
    db.jdbc().update("UPDATE nodes SET version = '1.0.0', created_at = '2026-01-01T00:00:00Z'");
  }

  @Test
  void run_rollsUp_createsHoursAhead_andExpiresEachResolutionAtItsRetention() {
    Instant t0 = Instant.parse("2026-06-01T10:00:00Z");
    job(t0.minusSeconds(60)).run();
    assertThat(partitions.partitions())
        .contains(hours(t0.minus(Duration.ofHours(1)), 4).toArray(String[]::new));

    // Three hours of reports, every 10 s: each lands in its hour's partition.
    writeReports(t0, t0.plus(Duration.ofHours(3)));
    assertThat(count("telemetry_samples")).isEqualTo(3 * 3 * 360);
    assertThat(count("telemetry_samples_default")).isZero();

    job(t0.plus(Duration.ofHours(3)).plusSeconds(60)).run();
    assertThat(count("telemetry_minute")).isEqualTo(3 * 180);
    assertThat(count("telemetry_hour")).isEqualTo(3 * 3);
    assertThat(count("telemetry_fleet_minute")).isEqualTo(180);
    // Raw is kept 2 h: the hours ending by 11:01 are dropped whole, 11:00-13:00 stay.
    assertThat(partitions.partitions())
        .doesNotContain(TelemetryPartitions.partitionOf(t0))
        .contains(hours(t0.plus(Duration.ofHours(1)), 6).toArray(String[]::new));
    assertThat(count("telemetry_samples")).isEqualTo(3 * 2 * 360);

    // 17:00: every raw hour is past 2 h (13:00 and later hold nothing), minutes before 11:00 go.
    job(t0.plus(Duration.ofHours(7))).run();
    assertThat(count("telemetry_samples")).isZero();
    assertThat(partitions.partitions())
        .doesNotContain(TelemetryPartitions.partitionOf(t0.plus(Duration.ofHours(2))));
    assertThat(count("telemetry_minute")).isEqualTo(3 * 120);
    assertThat(count("telemetry_hour")).isEqualTo(3 * 3);

    // Two days and an hour later: the first hour bucket is past hour retention, the others not.
    job(t0.plus(Duration.ofDays(2)).plus(Duration.ofHours(1))).run();
    assertThat(count("telemetry_minute")).isZero();
    assertThat(count("telemetry_hour")).isEqualTo(3 * 2);
    assertThat(
            db.jdbc().queryForObject("SELECT min(bucket) FROM telemetry_fleet_hour", Instant.class))
        .isEqualTo(t0.plus(Duration.ofHours(1)));
  }

  @Test
  void reportsOfAnHourWithoutPartition_landInTheDefault_andTheJobMovesThemToTheirHour() {
    Instant hour = Instant.parse("2026-07-01T04:00:00Z");
    assertThat(partitions.partitions()).doesNotContain(TelemetryPartitions.partitionOf(hour));

    // An insert is never refused for want of a partition.
    writeReports(hour.plusSeconds(600), hour.plusSeconds(660));
    assertThat(count("telemetry_samples_default")).isEqualTo(3 * 6);

    job(hour.plusSeconds(700)).run();
    assertThat(count("telemetry_samples_default")).isZero();
    assertThat(partitions.partitions()).contains(TelemetryPartitions.partitionOf(hour));
    assertThat(count(TelemetryPartitions.partitionOf(hour))).isEqualTo(3 * 6);
    assertThat(count("telemetry_minute")).isEqualTo(3);
  }

  @Test
  void run_whileAnotherInstanceHoldsTheLock_doesNothing_thenCatchesUp() throws Exception {
    Instant hour = Instant.parse("2026-08-01T04:00:00Z");
    writeReports(hour, hour.plusSeconds(120));

    try (Connection other = db.dataSource().getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, TelemetryRollups.LOCK);
        lock.execute();
      }
      job(hour.plusSeconds(180)).run();

      assertThat(count("telemetry_minute")).isZero();
      assertThat(count("telemetry_samples_default")).isEqualTo(3 * 12);
      assertThat(partitions.partitions()).doesNotContain(TelemetryPartitions.partitionOf(hour));
      other.rollback();
    }

    job(hour.plusSeconds(180)).run();
    assertThat(count("telemetry_minute")).isEqualTo(3 * 2);
    assertThat(partitions.partitions()).contains(TelemetryPartitions.partitionOf(hour));
  }

  private static TelemetryRetentionJob job(Instant now) {
    return new TelemetryRetentionJob(
        db.bean(TelemetryRollups.class),
        db.bean(TelemetryPartitions.class),
        SHORT,
        Clock.fixed(now, ZoneOffset.UTC));
  }

  /** The partitions of {@code count} consecutive hours from {@code first}. */
  private static List<String> hours(Instant first, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(TelemetryPartitions.partitionOf(first.plus(Duration.ofHours(i))));
    }
    return names;
  }

  /** Every node reports every 10 s over {@code [from, to)}. */
  private void writeReports(Instant from, Instant to) {
    List<TelemetrySample> batch = new ArrayList<>();
    for (Instant at = from; at.isBefore(to); at = at.plusSeconds(10)) {
      for (String node : NODES) {
        batch.add(
            new TelemetrySample(
                node, at, "1.0.0", "HEALTHY", 20.0, 40.0, 50.0, 12.0, Map.of(), 1, Map.of(), 10,
                80.0, 0L, 8, 0, 0, 0));
      }
    }
    samples.insert(batch);
  }

  private static long count(String table) {
    return db.jdbc().queryForObject("SELECT count(*) FROM " + table, Long.class);
  }
}
