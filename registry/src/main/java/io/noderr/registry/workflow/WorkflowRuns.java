package io.noderr.registry.workflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Read model of the workflows the platform started. Temporal stays the source of truth; this table
 * lets the console list a subject's workflows without visibility queries (which the embedded server
 * does not implement) and lets the reconciler find rows whose workflow is gone.
 */
@Repository
public class WorkflowRuns {

  private final JdbcTemplate jdbc;

  WorkflowRuns(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void started(String workflowId, String type, String subject, String startedBy) {
    jdbc.update(
        "INSERT INTO workflow_runs (workflow_id, workflow_type, subject, status, started_by)"
            + " VALUES (?, ?, ?, 'RUNNING', ?) ON CONFLICT (workflow_id) DO NOTHING",
        workflowId,
        type,
        subject,
        startedBy);
  }

  /**
   * Records how a run ended; a run already marked ended keeps its first ending.
   *
   * @return true if this call ended the run, false if it had ended before (or is unknown)
   */
  public boolean ended(String workflowId, WorkflowRunStatus status, String detail) {
    return 1
        == jdbc.update(
            "UPDATE workflow_runs SET status = ?, detail = ?, ended_at = now()"
                + " WHERE workflow_id = ? AND status = 'RUNNING'",
            status.name(),
            detail,
            workflowId);
  }

  public List<WorkflowRun> running() {
    return jdbc.query(
        "SELECT * FROM workflow_runs WHERE status = 'RUNNING' ORDER BY started_at",
        WorkflowRuns::map);
  }

  public List<WorkflowRun> recentFor(String subject, int limit) {
    return jdbc.query(
        "SELECT * FROM workflow_runs WHERE subject = ? ORDER BY started_at DESC LIMIT ?",
        WorkflowRuns::map,
        subject,
        limit);
  }

  private static WorkflowRun map(ResultSet rs, int row) throws SQLException {
    return new WorkflowRun(
        rs.getString("workflow_id"),
        rs.getString("workflow_type"),
        rs.getString("subject"),
        WorkflowRunStatus.valueOf(rs.getString("status")),
        rs.getString("detail"),
        rs.getString("started_by"),
        instant(rs.getTimestamp("started_at")),
        instant(rs.getTimestamp("ended_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
