package io.noderr.registry.rewards;

import static io.noderr.registry.governance.Numbers.column;
import static io.noderr.registry.governance.Numbers.instant;
import static io.noderr.registry.governance.Numbers.timestamp;
import static io.noderr.registry.governance.Numbers.uint;

import io.noderr.registry.Tier;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reward epochs' read model: one row per epoch written by the workflow's steps, its payouts
 * with their Merkle proofs, and every node's outcome.
 */
@Repository
public class RewardEpochs {

  private static final String COLUMNS =
      "epoch, start_at, end_at, formula_version, stage, emission, fees, carried, pool, paid,"
          + " remainder, recipients, root, inputs_digest, payouts_digest, parameters::text AS"
          + " parameters, snapshot, transaction_hash, signers, reason, recorded_steps, updated_at";

  private static final String PAYOUT_COLUMNS =
      "epoch, operator_address, performance_score, effective_stake, amount, proof";

  private static final String NODE_COLUMNS =
      "node_id, operator_address, tier, uptime_bp, performance_bp, status, score, reason";

  private final JdbcTemplate jdbc;

  RewardEpochs(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes the epoch as of workflow step {@code step.step()}: inserts it, or updates it when the
   * step is newer than the last one written. What the step does not know (nulls) stays as stored.
   *
   * @return false when the row already reflects this step or a later one (a retried write)
   */
  public boolean recordStep(RewardEpochStep step) {
    RewardResult result = step.result();
    return jdbc.update(
            "INSERT INTO reward_epochs (epoch, start_at, end_at, stage, pool, inputs_digest,"
                + " formula_version, paid, remainder, recipients, root, payouts_digest, signers,"
                + " transaction_hash, reason, recorded_steps)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?)"
                + " ON CONFLICT (epoch) DO UPDATE SET start_at = EXCLUDED.start_at,"
                + " end_at = coalesce(EXCLUDED.end_at, reward_epochs.end_at),"
                + " stage = EXCLUDED.stage,"
                + " pool = coalesce(EXCLUDED.pool, reward_epochs.pool),"
                + " inputs_digest = coalesce(EXCLUDED.inputs_digest, reward_epochs.inputs_digest),"
                + " formula_version = coalesce(EXCLUDED.formula_version,"
                + " reward_epochs.formula_version),"
                + " paid = coalesce(EXCLUDED.paid, reward_epochs.paid),"
                + " remainder = coalesce(EXCLUDED.remainder, reward_epochs.remainder),"
                + " recipients = coalesce(EXCLUDED.recipients, reward_epochs.recipients),"
                + " root = coalesce(EXCLUDED.root, reward_epochs.root),"
                + " payouts_digest = coalesce(EXCLUDED.payouts_digest,"
                + " reward_epochs.payouts_digest),"
                + " signers = EXCLUDED.signers, transaction_hash = EXCLUDED.transaction_hash,"
                + " reason = EXCLUDED.reason, recorded_steps = EXCLUDED.recorded_steps,"
                + " updated_at = now()"
                + " WHERE reward_epochs.recorded_steps < EXCLUDED.recorded_steps",
            ps -> {
              ps.setLong(1, step.epoch());
              ps.setTimestamp(2, timestamp(step.startAt()));
              ps.setTimestamp(3, timestamp(step.endAt()));
              ps.setString(4, step.stage());
              ps.setBigDecimal(5, column(step.pool()));
              ps.setString(6, step.inputsDigest());
              ps.setObject(7, result == null ? null : result.formulaVersion(), Types.INTEGER);
              ps.setBigDecimal(8, result == null ? null : column(result.paid()));
              ps.setBigDecimal(9, result == null ? null : column(result.remainder()));
              ps.setObject(10, result == null ? null : result.recipients(), Types.INTEGER);
              ps.setString(11, result == null ? null : result.root());
              ps.setString(12, result == null ? null : result.payoutsDigest());
              ps.setArray(13, ps.getConnection().createArrayOf("text", step.signers().toArray()));
              ps.setString(14, step.transactionHash());
              ps.setString(15, step.reason());
              ps.setInt(16, step.step());
            })
        == 1;
  }

  /**
   * Stores an epoch's computed result: its totals, its payouts with their proofs, and the outcome
   * of each of its nodes, together.
   */
  @Transactional
  public void storeResult(
      long epoch, RewardResult result, List<RewardPayoutRow> payouts, List<RewardNodeRow> nodes) {
    jdbc.update(
        "UPDATE reward_epochs SET formula_version = ?, pool = ?, paid = ?, remainder = ?,"
            + " recipients = ?, root = ?, payouts_digest = ?, updated_at = now() WHERE epoch = ?",
        result.formulaVersion(),
        column(result.pool()),
        column(result.paid()),
        column(result.remainder()),
        result.recipients(),
        result.root(),
        result.payoutsDigest(),
        epoch);
    jdbc.batchUpdate(
        "INSERT INTO reward_payouts (" + PAYOUT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?::text[])",
        payouts,
        1_000,
        (ps, payout) -> {
          ps.setLong(1, epoch);
          ps.setString(2, payout.operatorAddress());
          ps.setBigDecimal(3, column(payout.performanceScore()));
          ps.setBigDecimal(4, column(payout.effectiveStake()));
          ps.setBigDecimal(5, column(payout.amount()));
          ps.setArray(6, ps.getConnection().createArrayOf("text", payout.proof().toArray()));
        });
    jdbc.batchUpdate(
        "UPDATE reward_epoch_nodes SET status = ?, score = ?, reason = ?"
            + " WHERE epoch = ? AND node_id = ?",
        nodes,
        1_000,
        (ps, node) -> {
          ps.setString(1, node.status());
          ps.setBigDecimal(2, column(node.score()));
          ps.setString(3, node.reason());
          ps.setLong(4, epoch);
          ps.setString(5, node.nodeId());
        });
  }

  /** A page of epochs, the newest first. */
  public List<RewardEpochRow> newestFirst(int offset, int limit) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM reward_epochs ORDER BY epoch DESC OFFSET ? LIMIT ?",
        RewardEpochs::epochRow,
        offset,
        limit);
  }

  public Optional<RewardEpochRow> of(long epoch) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM reward_epochs WHERE epoch = ?",
            RewardEpochs::epochRow,
            epoch)
        .stream()
        .findFirst();
  }

  /** An epoch's recipients, by address. */
  public List<RewardPayoutRow> payouts(long epoch) {
    return jdbc.query(
        "SELECT "
            + PAYOUT_COLUMNS
            + " FROM reward_payouts WHERE epoch = ? ORDER BY operator_address",
        RewardEpochs::payoutRow,
        epoch);
  }

  /** What {@code address} (any case) may claim for the epoch, with its proof. */
  public Optional<RewardPayoutRow> payout(long epoch, String address) {
    return jdbc
        .query(
            "SELECT "
                + PAYOUT_COLUMNS
                + " FROM reward_payouts"
                + " WHERE epoch = ? AND operator_address = lower(?)",
            RewardEpochs::payoutRow,
            epoch,
            address)
        .stream()
        .findFirst();
  }

  /**
   * Every epoch's payout to {@code address} (any case), the newest epoch first: what it may claim.
   */
  public List<RewardPayoutRow> payoutsOf(String address) {
    return jdbc.query(
        "SELECT "
            + PAYOUT_COLUMNS
            + " FROM reward_payouts WHERE operator_address = lower(?) ORDER BY epoch DESC",
        RewardEpochs::payoutRow,
        address);
  }

  /** Every node of the epoch with its outcome, by node id. */
  public List<RewardNodeRow> nodes(long epoch) {
    return jdbc.query(
        "SELECT " + NODE_COLUMNS + " FROM reward_epoch_nodes WHERE epoch = ? ORDER BY node_id",
        RewardEpochs::nodeRow,
        epoch);
  }

  /** The nodes of one operator (its payout address, any case) in the epoch, by node id. */
  public List<RewardNodeRow> nodesOf(long epoch, String operatorAddress) {
    return jdbc.query(
        "SELECT "
            + NODE_COLUMNS
            + " FROM reward_epoch_nodes"
            + " WHERE epoch = ? AND operator_address = lower(?) ORDER BY node_id",
        RewardEpochs::nodeRow,
        epoch,
        operatorAddress);
  }

  static RewardNodeRow nodeRow(ResultSet rs, int i) throws SQLException {
    return new RewardNodeRow(
        rs.getString("node_id"),
        rs.getString("operator_address"),
        Tier.valueOf(rs.getString("tier")),
        rs.getInt("uptime_bp"),
        rs.getInt("performance_bp"),
        rs.getString("status"),
        uint(rs, "score"),
        rs.getString("reason"));
  }

  private static RewardPayoutRow payoutRow(ResultSet rs, int i) throws SQLException {
    return new RewardPayoutRow(
        rs.getLong("epoch"),
        rs.getString("operator_address"),
        uint(rs, "performance_score"),
        uint(rs, "effective_stake"),
        uint(rs, "amount"),
        texts(rs.getArray("proof")));
  }

  private static RewardEpochRow epochRow(ResultSet rs, int i) throws SQLException {
    return new RewardEpochRow(
        rs.getLong("epoch"),
        instant(rs, "start_at"),
        instant(rs, "end_at"),
        (Integer) rs.getObject("formula_version"),
        rs.getString("stage"),
        uint(rs, "emission"),
        uint(rs, "fees"),
        uint(rs, "carried"),
        uint(rs, "pool"),
        uint(rs, "paid"),
        uint(rs, "remainder"),
        (Integer) rs.getObject("recipients"),
        rs.getString("root"),
        rs.getString("inputs_digest"),
        rs.getString("payouts_digest"),
        ParametersJson.read(rs.getString("parameters")),
        rs.getString("snapshot"),
        rs.getString("transaction_hash"),
        texts(rs.getArray("signers")),
        rs.getString("reason"),
        rs.getInt("recorded_steps"),
        instant(rs, "updated_at"));
  }

  private static List<String> texts(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
