package io.noderr.registry.rewards;

import static io.noderr.registry.governance.Numbers.instant;
import static io.noderr.registry.governance.Numbers.timestamp;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Decisions that a node earns nothing in an epoch, recorded by the parts of the platform that make
 * them (slashing, release policy) and applied by the epoch whose window covers their time.
 */
@Repository
public class RewardExclusions {

  private final JdbcTemplate jdbc;

  RewardExclusions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records a decision.
   *
   * @param source who decided, e.g. {@code slashing}
   * @param reference what it refers to (a proposal, a transaction, a release); may be null
   * @return the decision's id
   */
  public long record(
      String nodeId, Instant decidedAt, String reason, String source, String reference) {
    return jdbc.queryForObject(
        "INSERT INTO reward_exclusions (node_id, decided_at, reason, source, reference)"
            + " VALUES (?, ?, ?, ?, ?) RETURNING id",
        Long.class,
        nodeId,
        timestamp(decidedAt),
        reason,
        source,
        reference);
  }

  /**
   * Records a decision once per source and reference: a retried write finds the earlier one.
   *
   * @return false when {@code source} already recorded a decision about {@code reference}
   */
  public boolean recordOnce(
      String nodeId, Instant decidedAt, String reason, String source, String reference) {
    return jdbc.update(
            "INSERT INTO reward_exclusions (node_id, decided_at, reason, source, reference)"
                + " SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM reward_exclusions"
                + " WHERE source = ? AND reference = ?)",
            nodeId,
            timestamp(decidedAt),
            reason,
            source,
            reference,
            source,
            reference)
        == 1;
  }

  /** The decisions made in [start, end), by node id, then time. */
  public List<RewardExclusion> decidedIn(Instant start, Instant end) {
    return jdbc.query(
        "SELECT id, node_id, decided_at, reason, source, reference FROM reward_exclusions"
            + " WHERE decided_at >= ? AND decided_at < ? ORDER BY node_id, decided_at, id",
        (rs, i) ->
            new RewardExclusion(
                rs.getLong("id"),
                rs.getString("node_id"),
                instant(rs, "decided_at"),
                rs.getString("reason"),
                rs.getString("source"),
                rs.getString("reference")),
        timestamp(start),
        timestamp(end));
  }
}
