package io.noderr.registry.rewards;

import static io.noderr.registry.governance.Numbers.column;
import static io.noderr.registry.governance.Numbers.instant;
import static io.noderr.registry.governance.Numbers.timestamp;
import static io.noderr.registry.governance.Numbers.uint;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * An epoch's stored inputs: its window, pool parts, formula parameters and stake snapshot on the
 * {@code reward_epochs} row, and its nodes, stakes and exclusions, written once and together.
 */
@Repository
public class RewardEpochInputs {

  private final JdbcTemplate jdbc;

  RewardEpochInputs(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores the inputs with their digest and puts the epoch in stage COMPUTING. The epoch's row may
   * exist already (its opening step); its rows of nodes, stakes and exclusions must not.
   */
  @Transactional
  public void store(RewardEpochInputRows inputs, String inputsDigest) {
    jdbc.update(
        "INSERT INTO reward_epochs (epoch, start_at, end_at, formula_version, stage, emission,"
            + " fees, carried, pool, parameters, snapshot, inputs_digest)"
            + " VALUES (?, ?, ?, ?, 'COMPUTING', ?, ?, ?, ?, ?::jsonb, ?, ?)"
            + " ON CONFLICT (epoch) DO UPDATE SET start_at = EXCLUDED.start_at,"
            + " end_at = EXCLUDED.end_at, formula_version = EXCLUDED.formula_version,"
            + " stage = EXCLUDED.stage, emission = EXCLUDED.emission, fees = EXCLUDED.fees,"
            + " carried = EXCLUDED.carried, pool = EXCLUDED.pool,"
            + " parameters = EXCLUDED.parameters, snapshot = EXCLUDED.snapshot,"
            + " inputs_digest = EXCLUDED.inputs_digest, updated_at = now()",
        inputs.epoch(),
        timestamp(inputs.startAt()),
        timestamp(inputs.endAt()),
        inputs.formulaVersion(),
        column(inputs.emission()),
        column(inputs.fees()),
        column(inputs.carried()),
        column(inputs.pool()),
        ParametersJson.write(inputs.parameters()),
        inputs.snapshot(),
        inputsDigest);
    jdbc.batchUpdate(
        "INSERT INTO reward_epoch_nodes (epoch, node_id, operator_address, tier, uptime_bp,"
            + " performance_bp, status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        inputs.nodes(),
        1_000,
        (ps, node) -> {
          ps.setLong(1, inputs.epoch());
          ps.setString(2, node.nodeId());
          ps.setString(3, node.operatorAddress());
          ps.setString(4, node.tier().name());
          ps.setInt(5, node.uptimeBp());
          ps.setInt(6, node.performanceBp());
          ps.setString(7, node.status());
          ps.setString(8, node.reason());
        });
    jdbc.batchUpdate(
        "INSERT INTO reward_epoch_stakes (epoch, operator_address, stake) VALUES (?, ?, ?)",
        inputs.stakes(),
        1_000,
        (ps, stake) -> {
          ps.setLong(1, inputs.epoch());
          ps.setString(2, stake.operatorAddress());
          ps.setBigDecimal(3, column(stake.stake()));
        });
    jdbc.batchUpdate(
        "INSERT INTO reward_epoch_exclusions (epoch, node_id, reason) VALUES (?, ?, ?)",
        inputs.exclusions(),
        1_000,
        (ps, exclusion) -> {
          ps.setLong(1, inputs.epoch());
          ps.setString(2, exclusion.nodeId());
          ps.setString(3, exclusion.reason());
        });
  }

  /** The epoch's stored inputs, or empty when they were never gathered. */
  @Transactional(readOnly = true)
  public Optional<RewardEpochInputRows> load(long epoch) {
    return jdbc
        .query(
            "SELECT epoch, start_at, end_at, formula_version, emission, fees, carried,"
                + " parameters::text AS parameters, snapshot FROM reward_epochs"
                + " WHERE epoch = ? AND inputs_digest IS NOT NULL",
            (rs, i) ->
                new RewardEpochInputRows(
                    rs.getLong("epoch"),
                    instant(rs, "start_at"),
                    instant(rs, "end_at"),
                    rs.getInt("formula_version"),
                    uint(rs, "emission"),
                    uint(rs, "fees"),
                    uint(rs, "carried"),
                    ParametersJson.read(rs.getString("parameters")),
                    rs.getString("snapshot"),
                    nodes(epoch),
                    stakes(epoch),
                    exclusions(epoch)),
            epoch)
        .stream()
        .findFirst();
  }

  private List<RewardNodeRow> nodes(long epoch) {
    return jdbc.query(
        "SELECT node_id, operator_address, tier, uptime_bp, performance_bp, status, score, reason"
            + " FROM reward_epoch_nodes WHERE epoch = ? ORDER BY node_id",
        RewardEpochs::nodeRow,
        epoch);
  }

  private List<RewardStakeRow> stakes(long epoch) {
    return jdbc.query(
        "SELECT operator_address, stake FROM reward_epoch_stakes WHERE epoch = ?"
            + " ORDER BY operator_address",
        (rs, i) -> new RewardStakeRow(rs.getString("operator_address"), uint(rs, "stake")),
        epoch);
  }

  private List<RewardExclusionRow> exclusions(long epoch) {
    return jdbc.query(
        "SELECT node_id, reason FROM reward_epoch_exclusions WHERE epoch = ?"
            + " ORDER BY node_id, reason",
        (rs, i) -> new RewardExclusionRow(rs.getString("node_id"), rs.getString("reason")),
        epoch);
  }
}
