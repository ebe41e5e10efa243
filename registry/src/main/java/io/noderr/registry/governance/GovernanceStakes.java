package io.noderr.registry.governance;

import static io.noderr.registry.governance.Numbers.instant;
import static io.noderr.registry.governance.Numbers.uint;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Stakes and voting power per address, each with the registry operator it belongs to: the operator
 * whose approved (or registered) application signs with that address — an operator's governance
 * identity is its application's signing address.
 */
@Repository
public class GovernanceStakes {

  private static final String SELECT =
      "SELECT s.address, s.active, s.unbonding, s.unbonding_ready_at, s.slashed_total,"
          + " s.voting_power, o.id AS operator_id FROM governance_stakes s"
          + " LEFT JOIN operators o ON o.id = s.address AND EXISTS (SELECT 1 FROM"
          + " node_applications a WHERE lower(a.signing_address) = s.address"
          + " AND a.status IN ('APPROVED', 'REGISTERED'))";

  private final JdbcTemplate jdbc;

  GovernanceStakes(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every staker, the largest active stake first. */
  public List<StakeRow> all() {
    return jdbc.query(SELECT + " ORDER BY s.active DESC, s.address", GovernanceStakes::row);
  }

  /** The stakes of one registry operator (its signing address's). */
  public List<StakeRow> ofOperator(String operatorId) {
    return jdbc.query(
        SELECT + " WHERE o.id = ? ORDER BY s.address", GovernanceStakes::row, operatorId);
  }

  public Optional<StakeRow> of(String address) {
    return jdbc.query(SELECT + " WHERE s.address = ?", GovernanceStakes::row, address).stream()
        .findFirst();
  }

  private static StakeRow row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new StakeRow(
        rs.getString("address"),
        uint(rs, "active"),
        uint(rs, "unbonding"),
        instant(rs, "unbonding_ready_at"),
        uint(rs, "slashed_total"),
        uint(rs, "voting_power"),
        rs.getString("operator_id"));
  }
}
