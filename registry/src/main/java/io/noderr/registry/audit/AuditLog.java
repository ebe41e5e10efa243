package io.noderr.registry.audit;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The append-only audit log. The table refuses UPDATE and DELETE (trigger), so this class only
 * appends and reads.
 */
@Repository
public class AuditLog {

  /** The actor recorded for what the platform does on its own (sweeps, reconciliation). */
  public static final String SYSTEM = "system";

  private final JdbcTemplate jdbc;

  AuditLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void append(
      String actor, String action, String subject, String detail, String workflowId) {
    jdbc.update(
        "INSERT INTO audit_log (actor, action, subject, detail, workflow_id) VALUES (?, ?, ?, ?, ?)",
        actor,
        action,
        subject,
        detail,
        workflowId);
  }

  /** Appends one entry per subject with the same actor, action and detail, in one batch. */
  public void appendAll(String actor, String action, List<String> subjects, String detail) {
    if (subjects.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        "INSERT INTO audit_log (actor, action, subject, detail) VALUES (?, ?, ?, ?)",
        subjects,
        500,
        (ps, subject) -> {
          ps.setString(1, actor);
          ps.setString(2, action);
          ps.setString(3, subject);
          ps.setString(4, detail);
        });
  }

  public List<AuditEntry> recentFor(String subject, int limit) {
    return jdbc.query(
        "SELECT id, at, actor, action, subject, detail, workflow_id FROM audit_log"
            + " WHERE subject = ? ORDER BY at DESC, id DESC LIMIT ?",
        (rs, i) -> {
          Timestamp at = rs.getTimestamp("at");
          return new AuditEntry(
              rs.getLong("id"),
              at.toInstant(),
              rs.getString("actor"),
              rs.getString("action"),
              rs.getString("subject"),
              rs.getString("detail"),
              rs.getString("workflow_id"));
        },
        subject,
        limit);
  }
}
