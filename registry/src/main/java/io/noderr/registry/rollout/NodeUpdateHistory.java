package io.noderr.registry.rollout;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** One node's update history: its results in the rollouts that planned it, newest first. */
@Repository
public class NodeUpdateHistory {

  private final JdbcTemplate jdbc;

  NodeUpdateHistory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One rollout's result for the node.
   *
   * @param status the node's latest result name (UPDATED, FAILED, ROLLED_BACK, ...)
   * @param stage the stage of that result, null while PENDING
   * @param millis how long the node worked on it, null while PENDING
   */
  public record Entry(
      String rolloutId,
      String version,
      String status,
      Integer stage,
      Long millis,
      String detail,
      Instant at) {}

  /** The node's {@code limit} most recent rollout results, PENDING plans included. */
  public List<Entry> recent(String nodeId, int limit) {
    return jdbc.query(
        "SELECT t.rollout_id, r.version, t.status, t.stage, t.millis, t.detail, t.updated_at"
            + " FROM rollout_targets t JOIN rollouts r ON r.id = t.rollout_id"
            + " WHERE t.node_id = ? ORDER BY t.updated_at DESC, t.rollout_id LIMIT ?",
        (rs, i) -> {
          Timestamp at = rs.getTimestamp("updated_at");
          return new Entry(
              rs.getString("rollout_id"),
              rs.getString("version"),
              rs.getString("status"),
              (Integer) rs.getObject("stage"),
              (Long) rs.getObject("millis"),
              rs.getString("detail"),
              at.toInstant());
        },
        nodeId,
        limit);
  }
}
