package io.noderr.registry.onboarding;

import io.noderr.registry.access.OperatorScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The read model of node operator applications, written only by the onboarding activities. */
@Repository
public class Applications {

  private static final String COLUMNS =
      "id, operator_name, contact, tier, region, signing_address, status, reviewed_by,"
          + " review_reason, node_id, workflow_id, created_at, updated_at";

  /**
   * The column naming an application's operator: the operator's id is its signing address, in lower
   * case, as the registration creates it.
   */
  private static final String OPERATOR = "lower(signing_address)";

  private final JdbcTemplate jdbc;

  Applications(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new application IN_REVIEW; false when it was stored before. */
  public boolean insert(ApplicationRow application) {
    return jdbc.update(
            "INSERT INTO node_applications (id, operator_name, contact, tier, region,"
                + " signing_address, status, workflow_id) VALUES (?, ?, ?, ?, ?, ?, 'IN_REVIEW', ?)"
                + " ON CONFLICT (id) DO NOTHING",
            application.id(),
            application.operatorName(),
            application.contact(),
            application.tier(),
            application.region(),
            application.signingAddress(),
            application.workflowId())
        == 1;
  }

  /**
   * Moves an application to a new status; false when it already had it (a retried write) or is
   * closed (REJECTED, EXPIRED, REGISTERED are final: a late write must not re-open it).
   *
   * @param reviewedBy kept as is when null
   */
  public boolean moveTo(String id, String status, String reviewedBy, String reason, String nodeId) {
    return jdbc.update(
            "UPDATE node_applications SET status = ?, reviewed_by = COALESCE(?, reviewed_by),"
                + " review_reason = ?, node_id = COALESCE(?, node_id), updated_at = now(),"
                + " row_version = row_version + 1 WHERE id = ? AND status <> ?"
                + " AND status NOT IN ('REJECTED', 'EXPIRED', 'REGISTERED')",
            status,
            reviewedBy,
            reason,
            nodeId,
            id,
            status)
        == 1;
  }

  public Optional<ApplicationRow> find(String id) {
    return find(id, OperatorScope.ALL);
  }

  /** The application when {@code scope} may see it; empty otherwise. */
  public Optional<ApplicationRow> find(String id, OperatorScope scope) {
    List<Object> args = new ArrayList<>();
    String visible = scope.condition(OPERATOR, args);
    args.add(id);
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM node_applications WHERE " + visible + " AND id = ?",
            Applications::row,
            args.toArray())
        .stream()
        .findFirst();
  }

  /** Newest first. */
  public List<ApplicationRow> search(ApplicationQuery query) {
    List<Object> args = new ArrayList<>();
    String where = where(query, args);
    args.add(query.limit());
    args.add(query.offset());
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM node_applications"
            + where
            + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
        Applications::row,
        args.toArray());
  }

  public int count(ApplicationQuery query) {
    List<Object> args = new ArrayList<>();
    String where = where(query, args);
    Integer count =
        jdbc.queryForObject(
            "SELECT count(*) FROM node_applications" + where, Integer.class, args.toArray());
    return count == null ? 0 : count;
  }

  private static String where(ApplicationQuery query, List<Object> args) {
    List<String> conditions = new ArrayList<>();
    if (!(query.scope() instanceof OperatorScope.All)) {
      conditions.add(query.scope().condition(OPERATOR, args));
    }
    if (query.status() != null) {
      conditions.add("status = ?");
      args.add(query.status());
    }
    if (query.tier() != null) {
      conditions.add("tier = ?");
      args.add(query.tier());
    }
    if (query.text() != null && !query.text().isBlank()) {
      conditions.add("(operator_name ILIKE ? OR contact ILIKE ? OR region ILIKE ? OR id ILIKE ?)");
      // Backslash first: it is LIKE's escape character.
      String like =
          "%"
              + query.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
              + "%";
      for (int i = 0; i < 4; i++) {
        args.add(like);
      }
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static ApplicationRow row(ResultSet rs, int rowNum) throws SQLException {
    return new ApplicationRow(
        rs.getString("id"),
        rs.getString("operator_name"),
        rs.getString("contact"),
        rs.getString("tier"),
        rs.getString("region"),
        rs.getString("signing_address"),
        rs.getString("status"),
        rs.getString("reviewed_by"),
        rs.getString("review_reason"),
        rs.getString("node_id"),
        rs.getString("workflow_id"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
