package io.noderr.registry.rollout;

import io.noderr.registry.Tier;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * A rollout's stored update order and each node's latest result. A plan is stored and a batch of
 * results applied with one array-bound statement each, so a 10,000-node rollout costs a handful of
 * round trips, not one per node.
 */
@Repository
public class RolloutTargets {

  private static final String COLUMNS =
      "position, node_id, tier, operator, region, status, failure, detail, stage, millis";

  /**
   * Nodes a rollback must put back: updated, a revert that failed (worth another try), or an update
   * whose end nobody saw (the node timed out or its agent was lost — it may have swapped). Not the
   * nodes that never changed (refused, self-reverted) nor those already rolled back.
   */
  private static final String TO_ROLL_BACK =
      "(status IN ('UPDATED', 'REVERT_FAILED')"
          + " OR (status = 'FAILED' AND failure IN ('TIMEOUT', 'START_FAILED')))";

  /**
   * A revert that found nothing to revert on a node whose update had failed leaves the failure as
   * it was: the node never changed, and its row should keep saying why. (IS NOT DISTINCT FROM: a
   * null failure — a success — must compare false, not null, or NOT(...) would drop the row.)
   */
  private static final String KEEPS_ITS_FAILURE =
      "t.status = 'FAILED' AND r.failure IS NOT DISTINCT FROM 'NOTHING_TO_REVERT'";

  private static final RowMapper<RolloutTarget> ROW =
      (rs, i) ->
          new RolloutTarget(
              rs.getInt("position"),
              rs.getString("node_id"),
              Tier.valueOf(rs.getString("tier")),
              rs.getString("operator"),
              rs.getString("region"),
              TargetStatus.valueOf(rs.getString("status")),
              rs.getString("failure"),
              rs.getString("detail"),
              rs.getObject("stage", Integer.class),
              rs.getObject("millis", Long.class));

  private final JdbcTemplate jdbc;

  RolloutTargets(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Appends nodes, PENDING, after the last stored position (at 0 for a new plan), in the given
   * order. The rollout's row must exist ({@link Rollouts#planned}). A node already in the plan
   * violates the unique key: the caller appends only nodes it does not have; two attempts appending
   * at once collide on a position and one fails.
   *
   * @param ordered nodes in update order; only their id, tier, operator and region are stored
   * @return the number of nodes stored
   */
  public int storePlan(String rolloutId, List<RolloutCandidate> ordered) {
    if (ordered.isEmpty()) {
      return 0;
    }
    return jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "INSERT INTO rollout_targets (rollout_id, position, node_id, tier, operator,"
                      + " region)"
                      + " SELECT ?, (next.position + n.ord - 1)::int, n.node_id, n.tier,"
                      + " n.operator, n.region"
                      + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY"
                      + " AS n(node_id, tier, operator, region, ord)"
                      + " CROSS JOIN (SELECT coalesce(max(position) + 1, 0) AS position"
                      + " FROM rollout_targets WHERE rollout_id = ?) next");
          ps.setString(1, rolloutId);
          ps.setArray(2, text(con, ordered, RolloutCandidate::nodeId));
          ps.setArray(3, text(con, ordered, c -> c.tier().name()));
          ps.setArray(4, text(con, ordered, RolloutCandidate::operator));
          ps.setArray(5, text(con, ordered, RolloutCandidate::region));
          ps.setString(6, rolloutId);
          return ps;
        });
  }

  /** The ids of every planned node, in position order (empty when no plan is stored). */
  public List<String> nodeIds(String rolloutId) {
    return jdbc.queryForList(
        "SELECT node_id FROM rollout_targets WHERE rollout_id = ? ORDER BY position",
        String.class,
        rolloutId);
  }

  /** Nodes at positions [from, to), in position order. */
  public List<RolloutTarget> page(String rolloutId, int from, int to) {
    return inRange(rolloutId, from, to, "TRUE");
  }

  /**
   * The nodes at positions [from, to) that a rollback must put back ({@link #TO_ROLL_BACK}), in
   * position order. Ranges are of positions, not of matching rows, so pages stay where they were
   * while the rollback moves nodes out of the set.
   */
  public List<RolloutTarget> toRollBack(String rolloutId, int from, int to) {
    return inRange(rolloutId, from, to, TO_ROLL_BACK);
  }

  private List<RolloutTarget> inRange(String rolloutId, int from, int to, String condition) {
    checkRange(from, to);
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM rollout_targets WHERE rollout_id = ? AND position >= ? AND position < ? AND "
            + condition
            + " ORDER BY position",
        ROW,
        rolloutId,
        from,
        to);
  }

  /**
   * Stores each node's result on its row with one statement (atomic on its own), replacing the
   * previous result: applying the same results again changes nothing. Nodes not in the plan are
   * ignored; if a node appears twice in one batch, one of its results is kept. A revert's
   * NOTHING_TO_REVERT on a node whose update failed is not written ({@link #KEEPS_ITS_FAILURE}).
   *
   * @param stage the stage the results belong to (1-based)
   * @return the number of rows written
   */
  public int applyResults(String rolloutId, int stage, List<TargetResult> results) {
    if (results.isEmpty()) {
      return 0;
    }
    return jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "UPDATE rollout_targets t SET status = r.status, failure = r.failure,"
                      + " detail = r.detail, stage = ?, millis = r.millis, updated_at = now()"
                      + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])"
                      + " AS r(node_id, status, failure, detail, millis)"
                      + " WHERE t.rollout_id = ? AND t.node_id = r.node_id AND NOT ("
                      + KEEPS_ITS_FAILURE
                      + ")");
          ps.setInt(1, stage);
          ps.setArray(2, text(con, results, TargetResult::nodeId));
          ps.setArray(3, text(con, results, r -> r.status().name()));
          ps.setArray(4, text(con, results, TargetResult::failure));
          ps.setArray(5, text(con, results, TargetResult::detail));
          ps.setArray(
              6, con.createArrayOf("int8", results.stream().map(TargetResult::millis).toArray()));
          ps.setString(7, rolloutId);
          return ps;
        });
  }

  /** Planned nodes per status; every status is present, with 0 when none. */
  public Map<TargetStatus, Long> counts(String rolloutId) {
    Map<TargetStatus, Long> counts = new EnumMap<>(TargetStatus.class);
    for (TargetStatus status : TargetStatus.values()) {
      counts.put(status, 0L);
    }
    jdbc.query(
        "SELECT status, count(*) AS n FROM rollout_targets WHERE rollout_id = ? GROUP BY status",
        rs -> {
          counts.put(TargetStatus.valueOf(rs.getString("status")), rs.getLong("n"));
        },
        rolloutId);
    return counts;
  }

  private static void checkRange(int from, int to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          "a range needs 0 <= from <= to, got [" + from + ", " + to + ")");
    }
  }

  private static <T> Array text(Connection con, List<T> rows, Function<T, String> column)
      throws SQLException {
    return con.createArrayOf("text", rows.stream().map(column).toArray(String[]::new));
  }
}
