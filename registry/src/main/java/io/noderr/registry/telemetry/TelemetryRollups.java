package io.noderr.registry.telemetry;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Downsampling and retention: raw samples roll up into per-node minute buckets, minutes into hours,
 * and each per-node rollup into the fleet counts of its bucket; then the rollups past their
 * retention are deleted (raw samples expire a whole hour at a time: {@link TelemetryPartitions}). A
 * bucket is rolled up once it has closed ({@code settleDelay} after its end, so reports still in
 * the ingest queue make it) and re-rolling one replaces it, so a run that died halfway is simply
 * run again.
 *
 * <p>Several platform processes may run the job: a transaction-scoped advisory lock lets one do the
 * work and the others skip.
 */
@Repository
public class TelemetryRollups {

  /** pg advisory lock key: "telemetry" in ASCII, unique among the platform's locks. */
  public static final long LOCK = 0x74656c656d657472L;

  private static final String MINUTE_FROM_RAW =
      """
      WITH typed AS (
        SELECT node_id, bucket, jsonb_object_agg(type, n) AS errors_by_type FROM (
          SELECT node_id, date_trunc('minute', at) AS bucket, e.key AS type,
                 sum(e.value::bigint) AS n
          FROM telemetry_samples, jsonb_each_text(errors_by_type) e
          WHERE at >= ? AND at < ? AND errors_by_type IS NOT NULL GROUP BY 1, 2, 3) t
        GROUP BY 1, 2)
      INSERT INTO telemetry_minute AS m (node_id, bucket, tier, version, samples, healthy_samples,
        cpu_avg, cpu_max, memory_avg, memory_max, disk_avg, disk_max, platform_rtt_avg,
        platform_rtt_max, errors, errors_by_type, requests, latency_p95_avg, latency_p95_max,
        block_lag_max, peers_min, missed_duties, trades, orders)
      SELECT s.node_id, s.bucket, s.tier, s.version, s.samples, s.healthy_samples, s.cpu_avg,
        s.cpu_max, s.memory_avg, s.memory_max, s.disk_avg, s.disk_max, s.platform_rtt_avg,
        s.platform_rtt_max, s.errors, typed.errors_by_type, s.requests, s.latency_p95_avg,
        s.latency_p95_max, s.block_lag_max, s.peers_min, s.missed_duties, s.trades, s.orders
      FROM (
        SELECT node_id, date_trunc('minute', at) AS bucket,
          (array_agg(tier ORDER BY at DESC))[1] AS tier,
          (array_agg(version ORDER BY at DESC))[1] AS version,
          count(*) AS samples, count(*) FILTER (WHERE health = 'HEALTHY') AS healthy_samples,
          avg(cpu_percent) AS cpu_avg, max(cpu_percent) AS cpu_max,
          avg(memory_percent) AS memory_avg, max(memory_percent) AS memory_max,
          avg(disk_percent) AS disk_avg, max(disk_percent) AS disk_max,
          avg(platform_rtt_ms) AS platform_rtt_avg, max(platform_rtt_ms) AS platform_rtt_max,
          sum(errors) AS errors, sum(requests) AS requests,
          avg(latency_p95_ms) AS latency_p95_avg, max(latency_p95_ms) AS latency_p95_max,
          max(block_lag) AS block_lag_max, min(peers) AS peers_min,
          sum(missed_duties) AS missed_duties, sum(trades) AS trades, sum(orders) AS orders
        FROM telemetry_samples WHERE at >= ? AND at < ? GROUP BY 1, 2) s
      LEFT JOIN typed ON typed.node_id = s.node_id AND typed.bucket = s.bucket
      ON CONFLICT (node_id, bucket) DO UPDATE SET
      """
          + replaceAll();

  /** Averages of averages are weighted by each minute's samples. */
  private static final String HOUR_FROM_MINUTE =
      """
      WITH typed AS (
        SELECT node_id, bucket, jsonb_object_agg(type, n) AS errors_by_type FROM (
          SELECT node_id, date_trunc('hour', bucket) AS bucket, e.key AS type,
                 sum(e.value::bigint) AS n
          FROM telemetry_minute, jsonb_each_text(errors_by_type) e
          WHERE bucket >= ? AND bucket < ? AND errors_by_type IS NOT NULL GROUP BY 1, 2, 3) t
        GROUP BY 1, 2)
      INSERT INTO telemetry_hour AS m (node_id, bucket, tier, version, samples, healthy_samples,
        cpu_avg, cpu_max, memory_avg, memory_max, disk_avg, disk_max, platform_rtt_avg,
        platform_rtt_max, errors, errors_by_type, requests, latency_p95_avg, latency_p95_max,
        block_lag_max, peers_min, missed_duties, trades, orders)
      SELECT s.node_id, s.bucket, s.tier, s.version, s.samples, s.healthy_samples, s.cpu_avg,
        s.cpu_max, s.memory_avg, s.memory_max, s.disk_avg, s.disk_max, s.platform_rtt_avg,
        s.platform_rtt_max, s.errors, typed.errors_by_type, s.requests, s.latency_p95_avg,
        s.latency_p95_max, s.block_lag_max, s.peers_min, s.missed_duties, s.trades, s.orders
      FROM (
        SELECT node_id, date_trunc('hour', bucket) AS bucket,
          (array_agg(tier ORDER BY bucket DESC))[1] AS tier,
          (array_agg(version ORDER BY bucket DESC))[1] AS version,
          sum(samples) AS samples, sum(healthy_samples) AS healthy_samples,
          %s, max(cpu_max) AS cpu_max, %s, max(memory_max) AS memory_max,
          %s, max(disk_max) AS disk_max, %s, max(platform_rtt_max) AS platform_rtt_max,
          sum(errors) AS errors, sum(requests) AS requests,
          %s, max(latency_p95_max) AS latency_p95_max,
          max(block_lag_max) AS block_lag_max, min(peers_min) AS peers_min,
          sum(missed_duties) AS missed_duties, sum(trades) AS trades, sum(orders) AS orders
        FROM telemetry_minute WHERE bucket >= ? AND bucket < ? GROUP BY 1, 2) s
      LEFT JOIN typed ON typed.node_id = s.node_id AND typed.bucket = s.bucket
      ON CONFLICT (node_id, bucket) DO UPDATE SET
      """
              .formatted(
                  weighted("cpu_avg"),
                  weighted("memory_avg"),
                  weighted("disk_avg"),
                  weighted("platform_rtt_avg"),
                  weighted("latency_p95_avg"))
          + replaceAll();

  /**
   * Fleet counts per bucket of a per-node table (%1$s) into a fleet table (%2$s), bucket width
   * %3$s. Offline: ACTIVE or DEGRADED nodes admitted before the bucket ended with no row in it.
   */
  private static final String FLEET =
      """
      WITH buckets AS (
        SELECT generate_series(?::timestamptz, ?::timestamptz - interval '%3$s',
                               interval '%3$s') AS bucket),
      reported AS (
        SELECT bucket, tier, coalesce(version, 'unknown') AS version,
          count(*) FILTER (WHERE healthy_samples = samples) AS healthy,
          count(*) FILTER (WHERE healthy_samples < samples) AS unhealthy
        FROM %1$s WHERE bucket >= ? AND bucket < ? GROUP BY 1, 2, 3),
      offline AS (
        SELECT b.bucket, n.tier, coalesce(n.version, 'unknown') AS version, count(*) AS offline
        FROM buckets b JOIN nodes n ON n.status IN ('ACTIVE', 'DEGRADED')
          AND n.created_at < b.bucket + interval '%3$s'
        WHERE NOT EXISTS (SELECT 1 FROM %1$s r WHERE r.node_id = n.id AND r.bucket = b.bucket)
        GROUP BY 1, 2, 3)
      INSERT INTO %2$s (bucket, tier, version, healthy, unhealthy, offline)
      SELECT bucket, tier, version, coalesce(r.healthy, 0), coalesce(r.unhealthy, 0),
        coalesce(o.offline, 0)
      FROM reported r FULL JOIN offline o USING (bucket, tier, version)
      ON CONFLICT (bucket, tier, version) DO UPDATE SET healthy = EXCLUDED.healthy,
        unhealthy = EXCLUDED.unhealthy, offline = EXCLUDED.offline
      """;

  private final JdbcTemplate jdbc;

  TelemetryRollups(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Rolls up every closed bucket not rolled up yet (at most {@code settings.maxMinutesPerRun()}
   * minutes per run, so a platform that was down catches up in bounded steps), then deletes the
   * minute and hour rows past retention. Raw samples are {@link TelemetryPartitions#maintain}'s.
   *
   * @return what was done, or {@link RollupRun#SKIPPED} when another process holds the lock
   */
  @Transactional
  public RollupRun run(Instant now, TelemetryRetention settings) {
    if (!tryLock(jdbc)) {
      return RollupRun.SKIPPED;
    }
    Instant closed = now.minus(settings.settleDelay());
    Instant minuteFrom = cursor(Resolution.MINUTE, "telemetry_samples", "at", ChronoUnit.MINUTES);
    int minutes = 0;
    Instant minuteTo = minuteFrom;
    if (minuteFrom != null) {
      minuteTo =
          min(
              closed.truncatedTo(ChronoUnit.MINUTES),
              minuteFrom.plus(Duration.ofMinutes(settings.maxMinutesPerRun())));
      if (minuteTo.isAfter(minuteFrom)) {
        jdbc.update(MINUTE_FROM_RAW, ts(minuteFrom), ts(minuteTo), ts(minuteFrom), ts(minuteTo));
        fleet("telemetry_minute", "telemetry_fleet_minute", "1 minute", minuteFrom, minuteTo);
        advance(Resolution.MINUTE, minuteTo);
        minutes = (int) Duration.between(minuteFrom, minuteTo).toMinutes();
      }
    }
    int hours = 0;
    Instant hourFrom = cursor(Resolution.HOUR, "telemetry_minute", "bucket", ChronoUnit.HOURS);
    if (hourFrom != null && minuteTo != null) {
      // An hour is complete once all its minutes are rolled up.
      Instant hourTo = minuteTo.truncatedTo(ChronoUnit.HOURS);
      if (hourTo.isAfter(hourFrom)) {
        jdbc.update(HOUR_FROM_MINUTE, ts(hourFrom), ts(hourTo), ts(hourFrom), ts(hourTo));
        fleet("telemetry_hour", "telemetry_fleet_hour", "1 hour", hourFrom, hourTo);
        advance(Resolution.HOUR, hourTo);
        hours = (int) Duration.between(hourFrom, hourTo).toHours();
      }
    }
    Timestamp minuteCutoff = ts(now.minus(settings.minute()));
    int minuteRows =
        jdbc.update("DELETE FROM telemetry_minute WHERE bucket < ?", minuteCutoff)
            + jdbc.update("DELETE FROM telemetry_fleet_minute WHERE bucket < ?", minuteCutoff);
    Timestamp hourCutoff = ts(now.minus(settings.hour()));
    int hourRows =
        jdbc.update("DELETE FROM telemetry_hour WHERE bucket < ?", hourCutoff)
            + jdbc.update("DELETE FROM telemetry_fleet_hour WHERE bucket < ?", hourCutoff);
    return new RollupRun(true, minutes, hours, minuteRows, hourRows);
  }

  /**
   * Takes the job's transaction-scoped advisory lock: false when another process holds it (it is
   * doing the work). Rollups and partition upkeep share it, so they never run concurrently.
   */
  static boolean tryLock(JdbcTemplate jdbc) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK));
  }

  /** Buckets of the resolution before this are rolled up; null when it never ran. */
  Instant rolledUpTo(Resolution resolution) {
    return jdbc.query(
        "SELECT rolled_up_to FROM telemetry_rollup_cursor WHERE resolution = ?",
        rs -> rs.next() ? rs.getTimestamp(1).toInstant() : null,
        resolution.name());
  }

  /**
   * Where the resolution's next bucket starts: its cursor, or the first bucket of its source when
   * it has never run; null when there is nothing to roll up yet.
   */
  private Instant cursor(Resolution resolution, String source, String column, ChronoUnit unit) {
    Instant at = rolledUpTo(resolution);
    if (at == null) {
      Timestamp first =
          jdbc.queryForObject("SELECT min(" + column + ") FROM " + source, Timestamp.class);
      at = first == null ? null : first.toInstant();
    }
    return at == null ? null : at.truncatedTo(unit);
  }

  private void advance(Resolution resolution, Instant to) {
    jdbc.update(
        "INSERT INTO telemetry_rollup_cursor (resolution, rolled_up_to) VALUES (?, ?)"
            + " ON CONFLICT (resolution) DO UPDATE SET rolled_up_to = EXCLUDED.rolled_up_to",
        resolution.name(),
        ts(to));
  }

  private void fleet(String perNode, String fleetTable, String width, Instant from, Instant to) {
    jdbc.update(FLEET.formatted(perNode, fleetTable, width), ts(from), ts(to), ts(from), ts(to));
  }

  private static String weighted(String column) {
    return "sum(%1$s * samples) / nullif(sum(samples) FILTER (WHERE %1$s IS NOT NULL), 0) AS %1$s"
        .formatted(column);
  }

  /** The conflict clause: a re-rolled bucket replaces the earlier one. */
  private static String replaceAll() {
    String[] columns = {
      "tier",
      "version",
      "samples",
      "healthy_samples",
      "cpu_avg",
      "cpu_max",
      "memory_avg",
      "memory_max",
      "disk_avg",
      "disk_max",
      "platform_rtt_avg",
      "platform_rtt_max",
      "errors",
      "errors_by_type",
      "requests",
      "latency_p95_avg",
      "latency_p95_max",
      "block_lag_max",
      "peers_min",
      "missed_duties",
      "trades",
      "orders"
    };
    StringBuilder set = new StringBuilder();
    for (String column : columns) {
      set.append(set.isEmpty() ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
    }
    return set.toString();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }

  /**
   * What one run did.
   *
   * @param ran false when another process held the lock
   * @param minutesRolledUp minutes of raw samples rolled up
   * @param hoursRolledUp hours of minute buckets rolled up
   */
  public record RollupRun(
      boolean ran,
      int minutesRolledUp,
      int hoursRolledUp,
      int minuteRowsDeleted,
      int hourRowsDeleted) {

    public static final RollupRun SKIPPED = new RollupRun(false, 0, 0, 0, 0);
  }
}
