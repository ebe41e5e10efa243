package io.noderr.registry.telemetry;

import io.noderr.registry.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The reads the console charts, the alert rules and the rollout analysis gate make of node
 * telemetry. Every query reads one index range: node series by (node, time), fleet buckets by time,
 * cohort windows by (time, tier), so they stay cheap at 10,000 nodes.
 *
 * <p>Windows are half-open, {@code [from, to)}. Rollups exist only for buckets the retention job
 * has closed (a minute behind); raw samples are there as soon as the ingest queue flushed them.
 */
@Repository
public class TelemetryQuery {

  /** Nodes that never reported a version are counted under this key (as in FleetHealthQuery). */
  public static final String NO_VERSION = "unknown";

  private static final String RAW_SERIES =
      "SELECT at, 1 AS samples, (health = 'HEALTHY')::int AS healthy_samples,"
          + " cpu_percent AS cpu_avg, cpu_percent AS cpu_max,"
          + " memory_percent AS memory_avg, memory_percent AS memory_max,"
          + " disk_percent AS disk_avg, disk_percent AS disk_max,"
          + " platform_rtt_ms AS platform_rtt_avg, platform_rtt_ms AS platform_rtt_max,"
          + " errors, requests, latency_p95_ms AS latency_p95_avg,"
          + " latency_p95_ms AS latency_p95_max, block_lag AS block_lag_max, peers AS peers_min,"
          + " missed_duties, trades, orders"
          + " FROM telemetry_samples WHERE node_id = ? AND at >= ? AND at < ? ORDER BY at";

  private static final String ROLLUP_SERIES =
      "SELECT bucket AS at, samples, healthy_samples, cpu_avg, cpu_max, memory_avg, memory_max,"
          + " disk_avg, disk_max, platform_rtt_avg, platform_rtt_max, errors, requests,"
          + " latency_p95_avg, latency_p95_max, block_lag_max, peers_min, missed_duties, trades,"
          + " orders FROM %s WHERE node_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket";

  private static final RowMapper<SeriesPoint> POINT =
      (rs, i) ->
          new SeriesPoint(
              instant(rs, "at"),
              rs.getInt("samples"),
              rs.getInt("healthy_samples"),
              decimal(rs, "cpu_avg"),
              decimal(rs, "cpu_max"),
              decimal(rs, "memory_avg"),
              decimal(rs, "memory_max"),
              decimal(rs, "disk_avg"),
              decimal(rs, "disk_max"),
              decimal(rs, "platform_rtt_avg"),
              decimal(rs, "platform_rtt_max"),
              rs.getLong("errors"),
              rs.getLong("requests"),
              decimal(rs, "latency_p95_avg"),
              decimal(rs, "latency_p95_max"),
              whole(rs, "block_lag_max"),
              integer(rs, "peers_min"),
              whole(rs, "missed_duties"),
              whole(rs, "trades"),
              whole(rs, "orders"));

  private final JdbcTemplate jdbc;

  TelemetryQuery(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One node's series over {@code [from, to)}, oldest first: every raw sample, or one point per
   * minute or hour bucket. {@link Resolution#forWindow} picks a resolution for a chart.
   */
  public List<SeriesPoint> nodeSeries(
      String nodeId, Instant from, Instant to, Resolution resolution) {
    String sql =
        switch (resolution) {
          case RAW -> RAW_SERIES;
          case MINUTE -> ROLLUP_SERIES.formatted("telemetry_minute");
          case HOUR -> ROLLUP_SERIES.formatted("telemetry_hour");
        };
    return jdbc.query(sql, POINT, nodeId, Timestamp.from(from), Timestamp.from(to));
  }

  /**
   * Fleet health over time, one point per minute or hour bucket in {@code [from, to)} that the
   * retention job has rolled up, oldest first.
   *
   * @param tier one tier, or null for the whole fleet
   * @throws IllegalArgumentException for {@link Resolution#RAW} (fleet counts are per bucket)
   */
  public List<FleetBucket> fleetHealth(Instant from, Instant to, Resolution resolution, Tier tier) {
    return jdbc.query(
        "SELECT bucket, sum(healthy) AS healthy, sum(unhealthy) AS unhealthy,"
            + " sum(offline) AS offline FROM "
            + fleetTable(resolution)
            + " WHERE bucket >= ? AND bucket < ? AND (?::text IS NULL OR tier = ?)"
            + " GROUP BY bucket ORDER BY bucket",
        (rs, i) ->
            new FleetBucket(
                instant(rs, "bucket"),
                rs.getLong("healthy"),
                rs.getLong("unhealthy"),
                rs.getLong("offline")),
        Timestamp.from(from),
        Timestamp.from(to),
        tierName(tier),
        tierName(tier));
  }

  /**
   * Nodes per version per bucket in {@code [from, to)} (healthy, unhealthy and offline together),
   * ordered by bucket then version.
   *
   * @param tier one tier, or null for the whole fleet
   * @throws IllegalArgumentException for {@link Resolution#RAW}
   */
  public List<VersionBucket> versions(Instant from, Instant to, Resolution resolution, Tier tier) {
    return jdbc.query(
        "SELECT bucket, version, sum(healthy + unhealthy + offline) AS nodes FROM "
            + fleetTable(resolution)
            + " WHERE bucket >= ? AND bucket < ? AND (?::text IS NULL OR tier = ?)"
            + " GROUP BY bucket, version ORDER BY bucket, version",
        (rs, i) ->
            new VersionBucket(instant(rs, "bucket"), rs.getString("version"), rs.getLong("nodes")),
        Timestamp.from(from),
        Timestamp.from(to),
        tierName(tier),
        tierName(tier));
  }

  /**
   * The cohort's raw samples on {@code cohortVersion} over {@code [from, to)} against the
   * baseline's: the other nodes of {@code tiers} whose samples name another version (so nodes
   * updated in earlier stages are not counted as the baseline, and a cohort node's samples from
   * before its update are not counted at all). Soak windows are minutes long, well inside raw
   * retention.
   *
   * @param cohort the nodes just updated
   * @param cohortVersion the version they were updated to; null counts every other node as baseline
   */
  public CohortComparison cohortVsBaseline(
      Collection<String> cohort,
      Collection<Tier> tiers,
      String cohortVersion,
      Instant from,
      Instant to) {
    CohortComparison.Aggregate[] groups = {empty(), empty()};
    jdbc.query(
        con -> {
          var ps =
              con.prepareStatement(
                  "SELECT node_id = ANY (?) AS in_cohort, count(DISTINCT node_id) AS nodes,"
                      + " count(*) AS samples, sum(errors) AS errors, sum(requests) AS requests,"
                      + " percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_p95_ms) AS p95,"
                      + " max(block_lag) AS max_block_lag, min(peers) AS min_peers,"
                      + " coalesce(sum(missed_duties), 0) AS missed_duties"
                      + " FROM telemetry_samples WHERE at >= ? AND at < ? AND tier = ANY (?)"
                      // The cohort's samples on the new version against the others' on any
                      // other: a cohort node's samples from before its update are neither.
                      + " AND (?::text IS NULL OR (node_id = ANY (?)) = (version IS NOT DISTINCT"
                      + " FROM ?))"
                      + " GROUP BY 1");
          var ids = con.createArrayOf("text", cohort.toArray(String[]::new));
          ps.setArray(1, ids);
          ps.setTimestamp(2, Timestamp.from(from));
          ps.setTimestamp(3, Timestamp.from(to));
          ps.setArray(
              4, con.createArrayOf("text", tiers.stream().map(Tier::name).toArray(String[]::new)));
          ps.setString(5, cohortVersion);
          ps.setArray(6, ids);
          ps.setString(7, cohortVersion);
          return ps;
        },
        rs -> {
          long requests = rs.getLong("requests");
          long errors = rs.getLong("errors");
          groups[rs.getBoolean("in_cohort") ? 0 : 1] =
              new CohortComparison.Aggregate(
                  rs.getLong("nodes"),
                  rs.getLong("samples"),
                  errors,
                  requests,
                  requests == 0 ? null : (double) errors / requests,
                  decimal(rs, "p95"),
                  whole(rs, "max_block_lag"),
                  integer(rs, "min_peers"),
                  rs.getLong("missed_duties"));
        });
    return new CohortComparison(groups[0], groups[1]);
  }

  /**
   * Each node's latest sample's chain health with its last attestation, in the order of {@code
   * nodeIds}; a node that never reported has null report fields. One index probe per node.
   */
  public List<ChainHealth> latestChainHealth(Collection<String> nodeIds) {
    return jdbc.query(
        con -> {
          var ps =
              con.prepareStatement(
                  "SELECT ids.id, s.at, s.block_lag, s.peers, s.missed_duties,"
                      + " ni.last_attested_at"
                      + " FROM unnest(?::text[]) WITH ORDINALITY AS ids(id, position)"
                      + " LEFT JOIN LATERAL (SELECT at, block_lag, peers, missed_duties"
                      + " FROM telemetry_samples WHERE node_id = ids.id ORDER BY at DESC LIMIT 1)"
                      + " s ON true"
                      + " LEFT JOIN node_identities ni ON ni.node_id = ids.id"
                      + " ORDER BY ids.position");
          ps.setArray(1, con.createArrayOf("text", nodeIds.toArray(String[]::new)));
          return ps;
        },
        (rs, i) ->
            new ChainHealth(
                rs.getString("id"),
                instant(rs, "at"),
                whole(rs, "block_lag"),
                integer(rs, "peers"),
                integer(rs, "missed_duties"),
                instant(rs, "last_attested_at")));
  }

  private static CohortComparison.Aggregate empty() {
    return new CohortComparison.Aggregate(0, 0, 0, 0, null, null, null, null, 0);
  }

  private static String fleetTable(Resolution resolution) {
    return switch (resolution) {
      case MINUTE -> "telemetry_fleet_minute";
      case HOUR -> "telemetry_fleet_hour";
      case RAW ->
          throw new IllegalArgumentException("fleet counts exist per minute or hour, not raw");
    };
  }

  private static String tierName(Tier tier) {
    return tier == null ? null : tier.name();
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Double decimal(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static Long whole(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }
}
