package io.noderr.registry.node;

import io.noderr.registry.audit.AuditLog;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admits nodes in bulk without an onboarding workflow: the path of simulated fleets and development
 * agents. Idempotent: a node that exists keeps its identity, tier and status, so a restarted
 * simulator re-enrolls safely.
 */
@Repository
public class NodeEnrollment {

  private final JdbcTemplate jdbc;
  private final AuditLog audit;

  NodeEnrollment(JdbcTemplate jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /** Returns the ids that were newly admitted. */
  @Transactional
  public List<String> enroll(List<EnrollmentRequest> requests, String actor) {
    jdbc.batchUpdate(
        "INSERT INTO operators (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
        requests.stream().map(EnrollmentRequest::operatorId).distinct().toList(),
        500,
        (ps, operatorId) -> {
          ps.setString(1, operatorId);
          ps.setString(2, operatorId);
        });
    List<String> admitted =
        requests.stream()
            .filter(
                r ->
                    jdbc.update(
                            "INSERT INTO nodes (id, operator_id, tier, region, status, labels)"
                                + " VALUES (?, ?, ?, ?, 'ACTIVE', ?::jsonb)"
                                + " ON CONFLICT (id) DO NOTHING",
                            r.nodeId(),
                            r.operatorId(),
                            r.tier().name(),
                            r.region(),
                            LabelsConverters.toJson(r.labels()))
                        == 1)
            .map(EnrollmentRequest::nodeId)
            .toList();
    audit.appendAll(actor, "node.enrolled", admitted, "admitted without attestation");
    return admitted;
  }
}
