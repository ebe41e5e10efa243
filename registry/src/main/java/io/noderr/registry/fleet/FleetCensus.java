package io.noderr.registry.fleet;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the platform's fleet gauges show, in three grouped scans: nodes by status, tier and version;
 * how late the live nodes' heartbeats are; the progress of the rollouts still moving. Read on a
 * schedule and cached by the gauges, never once per scrape per series.
 */
@Repository
public class FleetCensus {

  /** Statuses of a rollout that has not finished (the workflow's RolloutStatus names). */
  private static final String MOVING =
      "('PLANNING', 'RESUMING', 'RUNNING', 'PAUSED', 'WAITING', 'GATE_FAILED', 'ROLLING_BACK')";

  private final JdbcTemplate jdbc;

  FleetCensus(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** How many nodes are in each status, tier and version. */
  public record NodeCount(String status, String tier, String version, long nodes) {}

  /** The age of the live (ACTIVE, DEGRADED) nodes' last heartbeats, in seconds. */
  public record HeartbeatLag(double p50, double p95, double max) {}

  /** A rollout that has not finished and how far it got. */
  public record RolloutProgress(
      String id,
      String version,
      String status,
      int stage,
      int stages,
      int total,
      int updated,
      int failed) {}

  public List<NodeCount> nodes() {
    return jdbc.query(
        "SELECT status, tier, coalesce(version, ?) AS version, count(*) AS n"
            + " FROM nodes GROUP BY 1, 2, 3",
        (rs, i) ->
            new NodeCount(
                rs.getString("status"),
                rs.getString("tier"),
                rs.getString("version"),
                rs.getLong("n")),
        FleetHealthQuery.NO_VERSION);
  }

  public HeartbeatLag heartbeatLag() {
    return jdbc.queryForObject(
        "SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY lag), 0) AS p50,"
            + " coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY lag), 0) AS p95,"
            + " coalesce(max(lag), 0) AS max"
            + " FROM (SELECT extract(epoch FROM now() - last_heartbeat) AS lag FROM nodes"
            + "       WHERE status IN ('ACTIVE', 'DEGRADED') AND last_heartbeat IS NOT NULL) live",
        (rs, i) -> new HeartbeatLag(rs.getDouble("p50"), rs.getDouble("p95"), rs.getDouble("max")));
  }

  public List<RolloutProgress> movingRollouts() {
    return jdbc.query(
        "SELECT id, version, status, stage, stages, total, updated, failed FROM rollouts"
            + " WHERE status IN "
            + MOVING,
        (rs, i) ->
            new RolloutProgress(
                rs.getString("id"),
                rs.getString("version"),
                rs.getString("status"),
                rs.getInt("stage"),
                rs.getInt("stages"),
                rs.getInt("total"),
                rs.getInt("updated"),
                rs.getInt("failed")));
  }
}
