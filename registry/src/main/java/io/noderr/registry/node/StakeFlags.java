package io.noderr.registry.node;

import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which nodes are flagged because their operator's stake does not cover their tier's minimum
 * ({@code nodes.stake_shortfall}). Operators with a governance identity are those whose id is their
 * signing address (every operator admitted through an application); every change of a flag is
 * audited on the node.
 */
@Repository
public class StakeFlags {

  /** Operator ids that are a signing address: their stake can be read on chain. */
  private static final String STAKER = "operator_id ~ '^0x[0-9a-f]{40}$'";

  private static final String IN_SERVICE = "status IN ('ACTIVE', 'DEGRADED', 'QUARANTINED')";

  private final JdbcTemplate jdbc;
  private final AuditLog audit;

  StakeFlags(JdbcTemplate jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /** An operator (its signing address) and a tier it runs nodes in. */
  public record OperatorTier(String operatorAddress, Tier tier) {}

  /** Every (operator, tier) with nodes in service whose operator has a governance identity. */
  public List<OperatorTier> operatorTiersInService() {
    return jdbc.query(
        "SELECT DISTINCT operator_id, tier FROM nodes WHERE "
            + STAKER
            + " AND "
            + IN_SERVICE
            + " ORDER BY operator_id, tier",
        (rs, i) ->
            new OperatorTier(rs.getString("operator_id"), Tier.valueOf(rs.getString("tier"))));
  }

  /**
   * Flags the operator's nodes of the tier with {@code reason} (or clears them when null).
   *
   * @return the nodes whose flag changed
   */
  @Transactional
  public List<String> set(OperatorTier operatorTier, String reason) {
    List<String> changed =
        jdbc.queryForList(
            "UPDATE nodes SET stake_shortfall = ? WHERE operator_id = ? AND tier = ? AND "
                + IN_SERVICE
                + " AND stake_shortfall IS DISTINCT FROM ? RETURNING id",
            String.class,
            reason,
            operatorTier.operatorAddress(),
            operatorTier.tier().name(),
            reason);
    audit.appendAll(
        AuditLog.SYSTEM,
        reason == null ? "node.stake-restored" : "node.stake-shortfall",
        changed,
        reason == null ? "the operator's stake covers the tier minimum again" : reason);
    return changed;
  }

  /** The node's stake shortfall, or null when it is in good standing (or unknown). */
  public String shortfallOf(String nodeId) {
    List<String> found =
        jdbc.queryForList("SELECT stake_shortfall FROM nodes WHERE id = ?", String.class, nodeId);
    return found.isEmpty() ? null : found.getFirst();
  }
}
