package io.noderr.registry.slashing;

import static io.noderr.registry.governance.Numbers.column;
import static io.noderr.registry.governance.Numbers.instant;
import static io.noderr.registry.governance.Numbers.timestamp;
import static io.noderr.registry.governance.Numbers.uint;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The slashing disputes' read model: one row per dispute, written when its terms are read and then
 * by each of its workflow's steps.
 */
@Repository
public class SlashingDisputes {

  /** Stages in which a dispute no longer counts against its operator. */
  private static final String NOT_COUNTED = "('DISMISSED', 'EXPIRED', 'NOT_SLASHABLE')";

  /** Stages that end a dispute. */
  private static final String ENDED =
      "('SLASHED', 'DISMISSED', 'EXPIRED', 'NOT_SLASHABLE', 'FAILED')";

  private static final String COLUMNS =
      "id, node_id, operator_address, cause, evidence, opened_by, opened_at, stage, penalty,"
          + " penalty_bp, answer_deadline, answer, appeal, votes, transaction_hash, reason,"
          + " recorded_steps, updated_at";

  private final JdbcTemplate jdbc;

  SlashingDisputes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records a dispute whose terms were read, in stage OPENING; a retried write changes nothing.
   *
   * @return false when the dispute was already recorded
   */
  public boolean open(DisputeOpened dispute) {
    return jdbc.update(
            "INSERT INTO slashing_disputes (id, node_id, operator_address, cause, evidence,"
                + " opened_by, stage, penalty, penalty_bp) VALUES (?, ?, ?, ?, ?, ?, 'OPENING', ?, ?)"
                + " ON CONFLICT (id) DO NOTHING",
            dispute.id(),
            dispute.nodeId(),
            dispute.operatorAddress(),
            dispute.cause(),
            dispute.evidence(),
            dispute.openedBy(),
            column(dispute.penalty()),
            dispute.penaltyBp())
        == 1;
  }

  /**
   * Writes the dispute as of workflow step {@code step.step()}: inserts it, or updates it when the
   * step is newer than the last one written. What the step does not know (nulls) stays as stored.
   *
   * @return false when the row already reflects this step or a later one (a retried write)
   */
  public boolean recordStep(DisputeStep step) {
    return jdbc.update(
            "INSERT INTO slashing_disputes (id, node_id, cause, evidence, opened_by, stage,"
                + " operator_address, penalty, answer_deadline, answer, appeal, votes,"
                + " transaction_hash, reason, recorded_steps)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET stage = EXCLUDED.stage,"
                + " operator_address = coalesce(EXCLUDED.operator_address,"
                + " slashing_disputes.operator_address),"
                + " penalty = coalesce(EXCLUDED.penalty, slashing_disputes.penalty),"
                + " answer_deadline = coalesce(EXCLUDED.answer_deadline,"
                + " slashing_disputes.answer_deadline),"
                + " answer = EXCLUDED.answer, appeal = EXCLUDED.appeal, votes = EXCLUDED.votes,"
                + " transaction_hash = EXCLUDED.transaction_hash, reason = EXCLUDED.reason,"
                + " recorded_steps = EXCLUDED.recorded_steps, updated_at = now()"
                + " WHERE slashing_disputes.recorded_steps < EXCLUDED.recorded_steps",
            ps -> {
              ps.setString(1, step.id());
              ps.setString(2, step.nodeId());
              ps.setString(3, step.cause());
              ps.setString(4, step.evidence());
              ps.setString(5, step.openedBy());
              ps.setString(6, step.stage());
              ps.setString(7, step.operatorAddress());
              ps.setBigDecimal(8, column(step.penalty()));
              ps.setTimestamp(9, timestamp(step.answerDeadline()));
              ps.setString(10, step.answer());
              ps.setString(11, step.appeal());
              ps.setArray(12, ps.getConnection().createArrayOf("text", step.votes().toArray()));
              ps.setString(13, step.transactionHash());
              ps.setString(14, step.reason());
              ps.setInt(15, step.step());
            })
        == 1;
  }

  /** The newest disputes first. */
  public List<SlashingDisputeRow> newestFirst(int limit) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM slashing_disputes ORDER BY opened_at DESC, id LIMIT ?",
        SlashingDisputes::row,
        limit);
  }

  /** The disputes about the nodes of registry operator {@code operatorId}, newest first. */
  public List<SlashingDisputeRow> newestFirstOfOperator(String operatorId, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM slashing_disputes WHERE node_id IN (SELECT id FROM nodes WHERE operator_id = ?)"
            + " ORDER BY opened_at DESC, id LIMIT ?",
        SlashingDisputes::row,
        operatorId,
        limit);
  }

  public Optional<SlashingDisputeRow> of(String id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM slashing_disputes WHERE id = ?", SlashingDisputes::row, id)
        .stream()
        .findFirst();
  }

  /**
   * Disputes of {@code cause} opened since {@code since} that still count (not dismissed, expired
   * or without anything to slash), other than {@code excludingId}.
   */
  public int countingSince(String cause, Instant since, String excludingId) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM slashing_disputes WHERE cause = ? AND opened_at >= ? AND id <> ?"
            + " AND stage NOT IN "
            + NOT_COUNTED,
        Integer.class,
        cause,
        timestamp(since),
        excludingId);
  }

  /** Whether the node has a dispute of {@code cause} that has not ended. */
  public boolean hasOpen(String nodeId, String cause) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM slashing_disputes WHERE node_id = ? AND cause = ?"
                + " AND stage NOT IN "
                + ENDED
                + ")",
            Boolean.class,
            nodeId,
            cause));
  }

  /** Disputes waiting for their operator: to answer, or to appeal a decision to slash. */
  public List<SlashingDisputeRow> awaitingOperator() {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM slashing_disputes WHERE stage IN ('AWAITING_ANSWER', 'APPEAL_WINDOW')"
            + " ORDER BY opened_at, id",
        SlashingDisputes::row);
  }

  private static SlashingDisputeRow row(ResultSet rs, int i) throws SQLException {
    Array votes = rs.getArray("votes");
    return new SlashingDisputeRow(
        rs.getString("id"),
        rs.getString("node_id"),
        rs.getString("operator_address"),
        rs.getString("cause"),
        rs.getString("evidence"),
        rs.getString("opened_by"),
        instant(rs, "opened_at"),
        rs.getString("stage"),
        uint(rs, "penalty"),
        (Integer) rs.getObject("penalty_bp"),
        instant(rs, "answer_deadline"),
        rs.getString("answer"),
        rs.getString("appeal"),
        votes == null ? List.of() : Arrays.asList((String[]) votes.getArray()),
        rs.getString("transaction_hash"),
        rs.getString("reason"),
        rs.getInt("recorded_steps"),
        instant(rs, "updated_at"));
  }
}
