package io.noderr.registry.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TelemetryIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  /** A whole hour, so hour rollups have a complete bucket. */
  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  private final TelemetrySamples samples = db.bean(TelemetrySamples.class);
  private final TelemetryQuery query = db.bean(TelemetryQuery.class);
  private final TelemetryRollups rollups = db.bean(TelemetryRollups.class);
  private final TelemetryPartitions partitions = db.bean(TelemetryPartitions.class);

  @BeforeEach
  void fleet() {
    for (String id : List.of("o-1", "o-2", "o-3")) {
      db.insertNode(id, "acme", Tier.ORACLE, "eu", "ACTIVE");
    }
    db.jdbc()
        .update(
            "UPDATE nodes SET version = '1.0.0', created_at = ?::timestamptz",
            "2026-11-01T00:00:00Z");
  }

  static TelemetrySample sample(String node, Instant at, String version, int errors, int requests) {
    return new TelemetrySample(
        node,
        at,
        version,
        "HEALTHY",
        20.0,
        40.0,
        50.0,
        12.0,
        Map.of("o-2", 3.5),
        errors,
        errors == 0 ? Map.of() : Map.of("timeout", errors),
        requests,
        80.0,
        1L,
        12,
        0,
        4,
        9);
  }

  @Test
  void insert_storesEveryField_andNodeSeriesReadsTheHalfOpenWindowOldestFirst() {
    TelemetrySample first = sample("o-1", T0, "1.0.0", 2, 100);
    int stored =
        samples.insert(
            List.of(
                sample("o-1", T0.plusSeconds(10), "1.0.0", 0, 90),
                first,
                first, // the same node at the same instant: ignored
                sample("o-1", T0.plusSeconds(20), "1.0.0", 0, 90),
                sample("o-2", T0, "1.0.0", 0, 90),
                sample("unknown-node", T0, "1.0.0", 0, 90)));

    assertThat(stored).isEqualTo(4);
    List<SeriesPoint> series = query.nodeSeries("o-1", T0, T0.plusSeconds(20), Resolution.RAW);
    assertThat(series).extracting(SeriesPoint::at).containsExactly(T0, T0.plusSeconds(10));
    SeriesPoint point = series.getFirst();
    assertThat(point.samples()).isEqualTo(1);
    assertThat(point.healthySamples()).isEqualTo(1);
    assertThat(point.cpuAvg()).isEqualTo(20.0);
    assertThat(point.platformRttMax()).isEqualTo(12.0);
    assertThat(point.errors()).isEqualTo(2);
    assertThat(point.errorRate()).isEqualTo(0.02);
    assertThat(point.latencyP95Avg()).isEqualTo(80.0);
    assertThat(point.blockLagMax()).isEqualTo(1L);
    assertThat(point.peersMin()).isEqualTo(12);
    assertThat(point.trades()).isEqualTo(4L);
    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT errors_by_type->>'timeout' FROM telemetry_samples"
                        + " WHERE node_id = 'o-1' AND at = ?::timestamptz",
                    String.class,
                    T0.toString()))
        .isEqualTo("2");
  }

  @Test
  void rollup_aggregatesMinutesAndHours_countsTheFleet_andIsIdempotent() {
    List<TelemetrySample> batch = new ArrayList<>();
    for (int s = 0; s < 3600; s += 10) {
      Instant at = T0.plusSeconds(s);
      // o-1: cpu alternates 10/30, one error per report, unhealthy in the first minute only.
      batch.add(
          new TelemetrySample(
              "o-1",
              at,
              "1.1.0",
              s < 60 && s == 30 ? "UNHEALTHY" : "HEALTHY",
              s % 20 == 0 ? 10.0 : 30.0,
              50.0,
              60.0,
              5.0,
              Map.of(),
              1,
              Map.of("timeout", 1),
              10,
              100.0 + s / 60,
              3L,
              8,
              1,
              2,
              3));
      // o-2 reports only during the first half hour; o-3 never (offline).
      if (s < 1800) {
        batch.add(sample("o-2", at, "1.0.0", 0, 10));
      }
    }
    samples.insert(batch);

    TelemetryRollups.RollupRun run =
        rollups.run(T0.plus(Duration.ofMinutes(61)), TelemetryRetention.DEFAULT);

    assertThat(run.ran()).isTrue();
    assertThat(run.minutesRolledUp()).isEqualTo(60);
    assertThat(run.hoursRolledUp()).isEqualTo(1);
    List<SeriesPoint> minutes =
        query.nodeSeries("o-1", T0, T0.plus(Duration.ofHours(1)), Resolution.MINUTE);
    assertThat(minutes).hasSize(60);
    SeriesPoint firstMinute = minutes.getFirst();
    assertThat(firstMinute.samples()).isEqualTo(6);
    assertThat(firstMinute.healthySamples()).isEqualTo(5);
    assertThat(firstMinute.cpuAvg()).isCloseTo(20.0, within(0.001));
    assertThat(firstMinute.cpuMax()).isEqualTo(30.0);
    assertThat(firstMinute.errors()).isEqualTo(6);
    assertThat(firstMinute.requests()).isEqualTo(60);
    assertThat(firstMinute.missedDuties()).isEqualTo(6);
    assertThat(minutes.get(59).latencyP95Max()).isEqualTo(159.0);
    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT errors_by_type->>'timeout' FROM telemetry_minute WHERE node_id = 'o-1'"
                        + " AND bucket = ?::timestamptz",
                    String.class,
                    T0.toString()))
        .isEqualTo("6");

    List<SeriesPoint> hours =
        query.nodeSeries("o-1", T0, T0.plus(Duration.ofHours(1)), Resolution.HOUR);
    assertThat(hours).hasSize(1);
    assertThat(hours.getFirst().samples()).isEqualTo(360);
    assertThat(hours.getFirst().cpuAvg()).isCloseTo(20.0, within(0.001));
    assertThat(hours.getFirst().latencyP95Avg()).isCloseTo(129.5, within(0.001));
    assertThat(hours.getFirst().errors()).isEqualTo(360);
    assertThat(hours.getFirst().healthySamples()).isEqualTo(359);

    List<FleetBucket> fleet =
        query.fleetHealth(T0, T0.plus(Duration.ofHours(1)), Resolution.MINUTE, null);
    assertThat(fleet).hasSize(60);
    assertThat(fleet.getFirst()).isEqualTo(new FleetBucket(T0, 1, 1, 1));
    assertThat(fleet.get(30)).isEqualTo(new FleetBucket(T0.plus(Duration.ofMinutes(30)), 1, 0, 2));
    assertThat(query.fleetHealth(T0, T0.plus(Duration.ofHours(1)), Resolution.HOUR, Tier.ORACLE))
        .containsExactly(new FleetBucket(T0, 1, 1, 1));
    assertThat(query.fleetHealth(T0, T0.plus(Duration.ofHours(1)), Resolution.HOUR, Tier.ALL))
        .isEmpty();
    assertThat(query.versions(T0, T0.plusSeconds(60), Resolution.MINUTE, null))
        .containsExactly(new VersionBucket(T0, "1.0.0", 2), new VersionBucket(T0, "1.1.0", 1));

    // Nothing new closed: nothing rolled; a re-roll of the same range replaces, never doubles.
    assertThat(rollups.run(T0.plus(Duration.ofMinutes(61)), TelemetryRetention.DEFAULT))
        .isEqualTo(new TelemetryRollups.RollupRun(true, 0, 0, 0, 0));
    db.jdbc().update("DELETE FROM telemetry_rollup_cursor");
    rollups.run(T0.plus(Duration.ofMinutes(61)), TelemetryRetention.DEFAULT);
    assertThat(query.nodeSeries("o-1", T0, T0.plusSeconds(60), Resolution.MINUTE).getFirst())
        .isEqualTo(firstMinute);
  }

  @Test
  void rollup_waitsForTheSettleDelay_beforeClosingAMinute() {
    samples.insert(List.of(sample("o-1", T0.plusSeconds(50), "1.0.0", 0, 1)));

    assertThat(rollups.run(T0.plusSeconds(70), TelemetryRetention.DEFAULT).minutesRolledUp())
        .isZero();
    assertThat(rollups.run(T0.plusSeconds(80), TelemetryRetention.DEFAULT).minutesRolledUp())
        .isEqualTo(1);
  }

  @Test
  void retention_deletesEachResolutionPastItsAge_andRawOnlyOnceRolledUp() {
    samples.insert(
        List.of(
            sample("o-1", T0, "1.0.0", 0, 1),
            sample("o-1", T0.plus(Duration.ofHours(30)), "1.0.0", 0, 1)));
    TelemetryRetention onlyOneMinutePerRun =
        new TelemetryRetention(
            Duration.ofHours(24),
            Duration.ofDays(7),
            Duration.ofDays(400),
            Duration.ofSeconds(15),
            1);

    // 31 h later the first sample is past raw retention, but only its own minute is rolled up:
    // it goes (from the default partition, where a past hour's rows land), the other stays.
    rollups.run(T0.plus(Duration.ofHours(31)), onlyOneMinutePerRun);
    TelemetryPartitions.PartitionRun upkeep =
        partitions.maintain(T0.plus(Duration.ofHours(31)), onlyOneMinutePerRun);
    assertThat(upkeep.strayRowsDeleted()).isEqualTo(1);
    assertThat(count("telemetry_samples")).isEqualTo(1);
    assertThat(count("telemetry_samples_default")).isZero();
    assertThat(query.nodeSeries("o-1", T0, T0.plusSeconds(60), Resolution.MINUTE)).hasSize(1);

    TelemetryRetention defaults = TelemetryRetention.DEFAULT;
    // An hour is rolled once its last minute has settled: 32 h later both hours are.
    for (int i = 0; i < 40; i++) {
      rollups.run(T0.plus(Duration.ofHours(32)), defaults);
    }
    assertThat(query.nodeSeries("o-1", T0, T0.plus(Duration.ofDays(2)), Resolution.HOUR))
        .hasSize(2);

    rollups.run(T0.plus(Duration.ofDays(9)), defaults);
    assertThat(partitions.maintain(T0.plus(Duration.ofDays(9)), defaults).dropped()).isPositive();
    assertThat(count("telemetry_samples")).isZero();
    assertThat(count("telemetry_minute")).isZero();
    assertThat(count("telemetry_fleet_minute")).isZero();
    assertThat(count("telemetry_hour")).isEqualTo(2);

    rollups.run(T0.plus(Duration.ofDays(402)), defaults);
    assertThat(count("telemetry_hour")).isZero();
    assertThat(count("telemetry_fleet_hour")).isZero();
  }

  @Test
  void insert_sameReportsTwice_storesThemOnce() {
    // What an agent resends after a timeout: the same reports, stamped with the same times.
    List<TelemetrySample> batch =
        List.of(sample("o-1", T0, "1.0.0", 3, 100), sample("o-2", T0, "1.0.0", 1, 100));

    assertThat(samples.insert(batch)).isEqualTo(2);
    assertThat(samples.insert(batch)).isZero();

    assertThat(count("telemetry_samples")).isEqualTo(2);
    assertThat(query.nodeSeries("o-1", T0, T0.plusSeconds(1), Resolution.RAW))
        .singleElement()
        .satisfies(point -> assertThat(point.errors()).isEqualTo(3));
  }

  /**
   * Every read of the raw samples names its window, so PostgreSQL reads only that window's hourly
   * partitions (and the default one, which the retention job keeps empty).
   */
  @Test
  void queriesOnRawSamples_readOnlyTheirWindowsPartitions() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
    for (int hour = -5; hour <= 0; hour++) {
      db.jdbc()
          .queryForObject(
              "SELECT telemetry_samples_partition(?)",
              Boolean.class,
              Timestamp.from(now.plus(Duration.ofHours(hour))));
    }
    Timestamp from = Timestamp.from(now.minus(Duration.ofHours(2)).plusSeconds(60));
    Timestamp to = Timestamp.from(now.minus(Duration.ofHours(2)).plusSeconds(120));
    String window = TelemetryPartitions.partitionOf(from.toInstant());

    assertThat(
            plan(
                "SELECT * FROM telemetry_samples WHERE node_id = 'o-1' AND at >= ? AND at < ?",
                from,
                to))
        .as("node series")
        .containsExactly(window);
    assertThat(
            plan(
                "SELECT count(*) FROM telemetry_samples WHERE at >= ? AND at < ?"
                    + " AND tier = ANY ('{ORACLE}')",
                from,
                to))
        .as("cohort vs baseline, minute rollup")
        .containsExactly(window);
    assertThat(
            plan(
                "SELECT count(*) FROM telemetry_samples WHERE at >= ? AND at < ?",
                from,
                Timestamp.from(from.toInstant().plus(Duration.ofHours(1)))))
        .as("a window across an hour")
        .containsExactly(
            window, TelemetryPartitions.partitionOf(to.toInstant().plus(Duration.ofHours(1))));
  }

  /**
   * The partitions a query's plan reads, run as a generic plan (what a prepared statement becomes
   * after five executions): pruned at executor start-up, so the partitions left are those EXPLAIN
   * ANALYZE shows as actually scanned.
   */
  private static List<String> plan(String sql, Timestamp from, Timestamp to) {
    List<String> scanned = new ArrayList<>();
    db.jdbc()
        .execute(
            (java.sql.Connection con) -> {
              try (var statement = con.createStatement()) {
                statement.execute("SET plan_cache_mode = force_generic_plan");
              }
              try (var ps = con.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
                ps.setTimestamp(1, from);
                ps.setTimestamp(2, to);
                try (var rs = ps.executeQuery()) {
                  rs.next();
                  var matcher =
                      java.util.regex.Pattern.compile(
                              "\"Relation Name\": \"(telemetry_samples_[a-z0-9]+)\"")
                          .matcher(rs.getString(1));
                  while (matcher.find()) {
                    scanned.add(matcher.group(1));
                  }
                }
              } finally {
                try (var statement = con.createStatement()) {
                  statement.execute("RESET plan_cache_mode");
                }
              }
              return null;
            });
    return scanned.stream().distinct().sorted().toList();
  }

  @Test
  void cohortVsBaseline_comparesTheCohortWithTheTiersOtherVersion() {
    samples.insert(
        List.of(
            sample("o-1", T0, "1.1.0", 30, 100),
            sample("o-1", T0.plusSeconds(10), "1.1.0", 10, 100),
            sample("o-2", T0, "1.0.0", 2, 100),
            // o-3 already runs the new version (an earlier stage): neither cohort nor baseline.
            sample("o-3", T0, "1.1.0", 50, 100),
            // outside the window
            sample("o-2", T0.plusSeconds(60), "1.0.0", 90, 100)));

    CohortComparison comparison =
        query.cohortVsBaseline(
            List.of("o-1"), List.of(Tier.ORACLE), "1.1.0", T0, T0.plusSeconds(60));

    assertThat(comparison.cohort().nodes()).isEqualTo(1);
    assertThat(comparison.cohort().samples()).isEqualTo(2);
    assertThat(comparison.cohort().errorRate()).isEqualTo(0.2);
    assertThat(comparison.cohort().latencyP95Ms()).isEqualTo(80.0);
    assertThat(comparison.cohort().missedDuties()).isZero();
    assertThat(comparison.baseline().nodes()).isEqualTo(1);
    assertThat(comparison.baseline().errorRate()).isEqualTo(0.02);
    assertThat(comparison.baseline().maxBlockLag()).isEqualTo(1L);
    assertThat(comparison.baseline().minPeers()).isEqualTo(12);

    CohortComparison nobody =
        query.cohortVsBaseline(
            List.of("o-9"), List.of(Tier.GUARDIAN), "1.1.0", T0, T0.plusSeconds(60));
    assertThat(nobody.cohort().samples()).isZero();
    assertThat(nobody.cohort().errorRate()).isNull();
  }

  @Test
  void latestChainHealth_givesEachNodesNewestSample_andItsLastAttestation() {
    samples.insert(
        List.of(
            sample("o-1", T0, "1.0.0", 0, 1),
            new TelemetrySample(
                "o-1",
                T0.plusSeconds(10),
                "1.0.0",
                "HEALTHY",
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                0,
                null,
                42L,
                3,
                2,
                null,
                null)));
    db.jdbc()
        .update(
            "INSERT INTO node_identities (node_id, key_kind, ak_public, last_attested_at)"
                + " VALUES ('o-1', 'SOFTWARE', 'key', ?::timestamptz)",
            T0.toString());

    assertThat(query.latestChainHealth(List.of("o-2", "o-1")))
        .containsExactly(
            new ChainHealth("o-2", null, null, null, null, null),
            new ChainHealth("o-1", T0.plusSeconds(10), 42L, 3, 2, T0));
  }

  @Test
  void tenThousandNodes_queriesGiveTheRightNumbers() {
    int nodes = 10_000;
    db.jdbc()
        .update(
            "INSERT INTO nodes (id, operator_id, tier, region, status, version, created_at)"
                + " SELECT 'n-' || i, 'acme', 'ORACLE', 'eu', 'ACTIVE', '1.0.0',"
                + " '2026-11-01T00:00:00Z' FROM generate_series(1, ?) i",
            nodes);
    List<TelemetrySample> batch = new ArrayList<>(1_000);
    for (int i = 1; i <= nodes; i++) {
      boolean canary = i <= 100;
      for (int s = 0; s < 60; s += 10) {
        batch.add(
            sample("n-" + i, T0.plusSeconds(s), canary ? "1.1.0" : "1.0.0", canary ? 5 : 1, 100));
      }
      if (batch.size() >= 1_000) {
        samples.insert(batch);
        batch.clear();
      }
    }
    samples.insert(batch);

    rollups.run(T0.plusSeconds(120), TelemetryRetention.DEFAULT);

    // o-1..o-3 from the fixture are in service and silent.
    assertThat(query.fleetHealth(T0, T0.plusSeconds(60), Resolution.MINUTE, Tier.ORACLE))
        .containsExactly(new FleetBucket(T0, nodes, 0, 3));
    assertThat(query.versions(T0, T0.plusSeconds(60), Resolution.MINUTE, null))
        .containsExactly(
            new VersionBucket(T0, "1.0.0", nodes - 100 + 3), new VersionBucket(T0, "1.1.0", 100));
    List<String> canary = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      canary.add("n-" + i);
    }
    CohortComparison comparison =
        query.cohortVsBaseline(canary, List.of(Tier.ORACLE), "1.1.0", T0, T0.plusSeconds(60));
    assertThat(comparison.cohort().nodes()).isEqualTo(100);
    assertThat(comparison.cohort().errorRate()).isEqualTo(0.05);
    assertThat(comparison.baseline().nodes()).isEqualTo(nodes - 100);
    assertThat(comparison.baseline().errorRate()).isEqualTo(0.01);
    assertThat(query.nodeSeries("n-5000", T0, T0.plusSeconds(60), Resolution.RAW)).hasSize(6);
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= nodes; i++) {
      all.add("n-" + i);
    }
    assertThat(query.latestChainHealth(all))
        .hasSize(nodes)
        .allSatisfy(health -> assertThat(health.reportedAt()).isEqualTo(T0.plusSeconds(50)));
  }

  private static long count(String table) {
    return db.jdbc().queryForObject("SELECT count(*) FROM " + table, Long.class);
  }
}
