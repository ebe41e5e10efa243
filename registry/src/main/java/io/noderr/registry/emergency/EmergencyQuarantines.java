package io.noderr.registry.emergency;

import io.noderr.registry.audit.AuditLog;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Quarantines set by emergencies: the node is QUARANTINED (left out of every rollout, refused by
 * the gateway) and its sessions revoked at once; its status before is kept so a guardian's mandate
 * that runs out can give it back.
 */
@Repository
public class EmergencyQuarantines {

  private final JdbcTemplate jdbc;
  private final AuditLog audit;

  EmergencyQuarantines(JdbcTemplate jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /**
   * Quarantines the nodes (or all nodes of {@code operator} when {@code nodeIds} is empty) that are
   * in service. Idempotent per emergency: a node it already quarantined is not counted again.
   *
   * @return the nodes newly quarantined
   */
  @Transactional
  public List<String> quarantine(
      String emergencyId, List<String> nodeIds, String operator, String actor, String reason) {
    List<String> ids =
        nodeIds.isEmpty()
            ? jdbc.queryForList(
                "SELECT id FROM nodes WHERE operator_id = ? AND status IN ('ACTIVE', 'DEGRADED',"
                    + " 'PENDING') ORDER BY id",
                String.class,
                operator)
            : jdbc.queryForList(
                "SELECT id FROM nodes WHERE id = ANY (?::text[]) AND status IN ('ACTIVE',"
                    + " 'DEGRADED', 'PENDING') ORDER BY id",
                String.class,
                "{" + String.join(",", nodeIds) + "}");
    for (String id : ids) {
      jdbc.update(
          "INSERT INTO emergency_quarantines (emergency_id, node_id, previous_status)"
              + " SELECT ?, id, status FROM nodes WHERE id = ? ON CONFLICT DO NOTHING",
          emergencyId,
          id);
    }
    if (!ids.isEmpty()) {
      String array = "{" + String.join(",", ids) + "}";
      jdbc.update(
          "UPDATE nodes SET status = 'QUARANTINED', row_version = row_version + 1"
              + " WHERE id = ANY (?::text[])",
          array);
      jdbc.update(
          "UPDATE node_sessions SET revoked_at = now() WHERE node_id = ANY (?::text[])"
              + " AND revoked_at IS NULL",
          array);
      audit.appendAll(actor, "node.quarantined", ids, emergencyId + ": " + reason);
    }
    return ids;
  }

  /**
   * Gives the emergency's quarantined nodes their status back (those still QUARANTINED; a node
   * another decision retired stays so). Idempotent.
   *
   * @return the nodes released
   */
  @Transactional
  public List<String> release(String emergencyId, String actor, String reason) {
    List<String> released =
        jdbc.queryForList(
            "UPDATE nodes n SET status = q.previous_status, row_version = n.row_version + 1"
                + " FROM emergency_quarantines q WHERE q.emergency_id = ? AND q.node_id = n.id"
                + " AND q.released_at IS NULL AND n.status = 'QUARANTINED' RETURNING n.id",
            String.class,
            emergencyId);
    jdbc.update(
        "UPDATE emergency_quarantines SET released_at = now() WHERE emergency_id = ?"
            + " AND released_at IS NULL",
        emergencyId);
    if (!released.isEmpty()) {
      audit.appendAll(actor, "node.quarantine-ended", released, emergencyId + ": " + reason);
    }
    return released;
  }
}
