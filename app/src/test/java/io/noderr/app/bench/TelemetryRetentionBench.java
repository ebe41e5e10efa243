package io.noderr.app.bench;

import io.noderr.registry.telemetry.TelemetryPartitions;
import io.noderr.registry.telemetry.TelemetryRetention;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code ./noderr bench telemetry-retention [--nodes 10000] [--hours 24]}: what expiring {@code
 * hours} of raw telemetry of {@code nodes} nodes (one sample per node per 10 s) costs the retention
 * job, the way it did before Flyway V16 (one DELETE on an unpartitioned table, then the VACUUM that
 * reclaims the dead rows) against now ({@link TelemetryPartitions#maintain} dropping the hourly
 * partitions). Both tables hold the same generated rows with the same indexes; the platform's own
 * retention job is held off so it touches neither.
 */
public final class TelemetryRetentionBench {

  private static final String FILL =
      "INSERT INTO %s (node_id, at, tier, version, health, cpu_percent, memory_percent,"
          + " disk_percent, platform_rtt_ms, errors, requests, latency_p95_ms, block_lag, peers)"
          + " SELECT 'n-' || n, ?::timestamptz + s * interval '10 seconds', 'ORACLE', '1.0.0',"
          + " 'HEALTHY', 20 + mod(n, 50), 40, 50, 12.5, mod(n, 3), 100, 80, 0, 12"
          + " FROM generate_series(0, 359) s, generate_series(1, ?) n";

  public static void main(String[] args) throws Exception {
    int nodes = BenchPlatform.nodesArgument(args, 10_000);
    int hours = BenchPlatform.intArgument(args, "--hours", 24);
    try (BenchPlatform platform =
        BenchPlatform.start(0, "--noderr.telemetry.retention.interval=1d")) {
      JdbcTemplate jdbc = platform.context.getBean(JdbcTemplate.class);
      // Days before now: clear of the partitions the platform keeps for the current hours.
      Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));
      Instant end = first.plus(Duration.ofHours(hours));
      BenchPlatform.print("nodes reporting (rows generated)", nodes);
      BenchPlatform.print("hours of raw samples", hours);

      jdbc.execute(
          "CREATE TABLE telemetry_samples_flat"
              + " (LIKE telemetry_samples INCLUDING DEFAULTS INCLUDING CONSTRAINTS);"
              + " ALTER TABLE telemetry_samples_flat ADD PRIMARY KEY (node_id, at);"
              + " CREATE INDEX ON telemetry_samples_flat (at, tier)");
      long rows = fill(jdbc, "telemetry_samples_flat", first, hours, nodes);
      BenchPlatform.print("rows", rows);
      BenchPlatform.print(
          "unpartitioned table + indexes, MiB",
          jdbc.queryForObject("SELECT pg_total_relation_size('telemetry_samples_flat')", Long.class)
              / (1024.0 * 1024));
      long started = System.nanoTime();
      int deleted =
          jdbc.update("DELETE FROM telemetry_samples_flat WHERE at < ?", Timestamp.from(end));
      BenchPlatform.print("before (V14): DELETE seconds", seconds(started));
      BenchPlatform.print("before (V14): rows deleted", deleted);
      started = System.nanoTime();
      jdbc.execute("VACUUM telemetry_samples_flat");
      BenchPlatform.print("before (V14): VACUUM after the DELETE, seconds", seconds(started));
      jdbc.execute("DROP TABLE telemetry_samples_flat");

      for (int hour = 0; hour < hours; hour++) {
        jdbc.queryForObject(
            "SELECT telemetry_samples_partition(?)",
            Boolean.class,
            Timestamp.from(first.plus(Duration.ofHours(hour))));
      }
      fill(jdbc, "telemetry_samples", first, hours, nodes);
      // Rolled up: the rollups are not what is measured, and raw goes only once rolled up.
      jdbc.update(
          "INSERT INTO telemetry_rollup_cursor (resolution, rolled_up_to) VALUES ('MINUTE', ?)"
              + " ON CONFLICT (resolution) DO UPDATE SET rolled_up_to = EXCLUDED.rolled_up_to",
          Timestamp.from(end));
      TelemetryPartitions partitions = platform.context.getBean(TelemetryPartitions.class);
      started = System.nanoTime();
      TelemetryPartitions.PartitionRun run =
          partitions.maintain(end.plus(Duration.ofHours(24)), TelemetryRetention.DEFAULT);
      BenchPlatform.print("after (V16): partition upkeep (DROP) seconds", seconds(started));
      BenchPlatform.print("after (V16): hourly partitions dropped", run.dropped());
      BenchPlatform.print(
          "after (V16): rows left in the expired hours",
          jdbc.queryForObject(
              "SELECT count(*) FROM telemetry_samples WHERE at < ?",
              Long.class,
              Timestamp.from(end)));
    }
  }

  /** One hour per statement: the same rows in either table. */
  private static long fill(JdbcTemplate jdbc, String table, Instant first, int hours, int nodes) {
    long started = System.nanoTime();
    long rows = 0;
    for (int hour = 0; hour < hours; hour++) {
      rows +=
          jdbc.update(
              FILL.formatted(table), Timestamp.from(first.plus(Duration.ofHours(hour))), nodes);
    }
    BenchPlatform.print(table + ": seconds to write", seconds(started));
    return rows;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
