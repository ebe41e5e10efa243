package io.noderr.registry.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.registry.access.OperatorScope;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The incidents. Written by the alert evaluation (open, seen, changed, resolved, escalated) and by
 * people (acknowledge); read by the console, the API and the dashboard.
 */
@Repository
public class Alerts {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private static final String COLUMNS =
      "id, rule, fingerprint, severity, summary, labels::text AS labels, nodes, recipients,"
          + " runbook, state, first_seen, last_seen, changed_at, resolved_at, acked_by, acked_at,"
          + " ack_note, silenced_by, announced, escalation_level, escalated_at";

  private final JdbcTemplate jdbc;

  Alerts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every firing incident, oldest first. */
  public List<AlertRow> firing() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM alerts WHERE state = 'FIRING' ORDER BY id", Alerts::row);
  }

  public Optional<AlertRow> find(long id) {
    return find(id, OperatorScope.ALL);
  }

  /** The alert when {@code scope} may see it (see {@link #visible}); empty otherwise. */
  public Optional<AlertRow> find(long id, OperatorScope scope) {
    List<Object> args = new ArrayList<>();
    String visible = visible(scope, args);
    args.add(id);
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM alerts WHERE " + visible + " AND id = ?",
            Alerts::row,
            args.toArray())
        .stream()
        .findFirst();
  }

  public List<AlertRow> search(AlertQuery query) {
    return search(query, OperatorScope.ALL);
  }

  /** The alerts {@code scope} may see that match {@code query}. */
  public List<AlertRow> search(AlertQuery query, OperatorScope scope) {
    List<Object> args = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE ").append(visible(scope, args));
    if (query.state() != null) {
      where.append(" AND state = ?");
      args.add(query.state().name());
    }
    if (query.severity() != null) {
      where.append(" AND severity = ?");
      args.add(query.severity().name());
    }
    if (query.rule() != null) {
      where.append(" AND rule = ?");
      args.add(query.rule());
    }
    args.add(query.limit());
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM alerts"
            + where
            + " ORDER BY (state = 'FIRING') DESC, last_seen DESC, id DESC LIMIT ?",
        Alerts::row,
        args.toArray());
  }

  /**
   * Opens an incident for a finding no firing row has.
   *
   * @param silencedBy what suppresses it from the start, or null
   * @return the new row
   */
  public AlertRow open(Finding finding, Instant now, String silencedBy) {
    Timestamp at = Timestamp.from(now);
    long id =
        jdbc.queryForObject(
            "INSERT INTO alerts (rule, fingerprint, severity, summary, labels, nodes, recipients,"
                + " runbook, state, first_seen, last_seen, changed_at, silenced_by, escalated_at)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?::text[], ?::text[], ?, 'FIRING', ?, ?, ?, ?, ?)"
                + " RETURNING id",
            Long.class,
            finding.rule(),
            finding.fingerprint(),
            finding.severity().name(),
            finding.summary(),
            json(finding.labels()),
            arrayLiteral(finding.nodes()),
            arrayLiteral(finding.recipients()),
            finding.runbook(),
            at,
            at,
            at,
            silencedBy,
            at);
    return find(id).orElseThrow();
  }

  /** Still firing as before: only the summary (counts in it) and the last-seen time move. */
  public void seen(long id, String summary, Instant now) {
    jdbc.update(
        "UPDATE alerts SET last_seen = ?, summary = ? WHERE id = ? AND state = 'FIRING'",
        Timestamp.from(now),
        summary,
        id);
  }

  /**
   * The incident changed (severity, labels, nodes or recipients): stores the new description, lifts
   * any acknowledgement (the owner acknowledged something else) and restarts the escalation clock.
   */
  public void changed(long id, Finding finding, Instant now) {
    Timestamp at = Timestamp.from(now);
    jdbc.update(
        "UPDATE alerts SET severity = ?, summary = ?, labels = ?::jsonb, nodes = ?::text[],"
            + " recipients = ?::text[], last_seen = ?, changed_at = ?, acked_by = NULL,"
            + " acked_at = NULL, ack_note = NULL, escalated_at = ?"
            + " WHERE id = ? AND state = 'FIRING'",
        finding.severity().name(),
        finding.summary(),
        json(finding.labels()),
        arrayLiteral(finding.nodes()),
        arrayLiteral(finding.recipients()),
        at,
        at,
        at,
        id);
  }

  public void resolve(long id, Instant now) {
    jdbc.update(
        "UPDATE alerts SET state = 'RESOLVED', resolved_at = ? WHERE id = ? AND state = 'FIRING'",
        Timestamp.from(now),
        id);
  }

  /** Records what suppresses the alert now (null: nothing). */
  public void silencedBy(long id, String silencedBy) {
    jdbc.update("UPDATE alerts SET silenced_by = ? WHERE id = ?", silencedBy, id);
  }

  /** Its firing notification was queued; the escalation clock starts now. */
  public void announced(long id, Instant now) {
    jdbc.update(
        "UPDATE alerts SET announced = true, escalated_at = ? WHERE id = ?",
        Timestamp.from(now),
        id);
  }

  public void escalated(long id, int level, Instant now) {
    jdbc.update(
        "UPDATE alerts SET escalation_level = ?, escalated_at = ? WHERE id = ?",
        level,
        Timestamp.from(now),
        id);
  }

  /**
   * Names an owner for a firing incident. An acknowledgement stops escalation until the incident
   * changes.
   *
   * @return false when the alert does not exist or is no longer firing
   */
  public boolean acknowledge(long id, String owner, String note, Instant now) {
    return jdbc.update(
            "UPDATE alerts SET acked_by = ?, acked_at = ?, ack_note = ?"
                + " WHERE id = ? AND state = 'FIRING'",
            owner,
            Timestamp.from(now),
            note,
            id)
        == 1;
  }

  /** Firing alerts by severity, for the dashboard. */
  public OpenAlerts open() {
    return open(OperatorScope.ALL);
  }

  /** Firing alerts {@code scope} may see, by severity. */
  public OpenAlerts open(OperatorScope scope) {
    List<Object> args = new ArrayList<>();
    String visible = visible(scope, args);
    Map<Severity, Long> counts = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      counts.put(severity, 0L);
    }
    long[] unacknowledged = {0};
    jdbc.query(
        "SELECT severity, count(*) AS n, count(*) FILTER (WHERE acked_by IS NULL) AS free"
            + " FROM alerts WHERE state = 'FIRING' AND "
            + visible
            + " GROUP BY severity",
        rs -> {
          counts.put(Severity.valueOf(rs.getString("severity")), rs.getLong("n"));
          unacknowledged[0] += rs.getLong("free");
        },
        args.toArray());
    return new OpenAlerts(counts, unacknowledged[0]);
  }

  /**
   * An operator sees the alerts about its own nodes only: at least one node, and every node named
   * is its own. An alert that also names another operator's node (a fleet-wide rule) stays hidden:
   * its nodes, labels and summary would reveal that node.
   */
  private static String visible(OperatorScope scope, List<Object> args) {
    if (!(scope instanceof OperatorScope.One one)) {
      return scope instanceof OperatorScope.All ? "true" : "false";
    }
    args.add(one.operatorId());
    return "(cardinality(alerts.nodes) > 0 AND NOT EXISTS (SELECT 1 FROM unnest(alerts.nodes)"
        + " AS named(node_id) WHERE NOT EXISTS (SELECT 1 FROM nodes owned"
        + " WHERE owned.id = named.node_id AND owned.operator_id = ?)))";
  }

  static String json(Map<String, String> labels) {
    try {
      return JSON.writeValueAsString(labels);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("labels are not serialisable", e);
    }
  }

  static Map<String, String> labels(String json) {
    try {
      return JSON.readValue(json, LABELS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored labels are not JSON", e);
    }
  }

  /** A PostgreSQL array literal, quoted so commas and quotes in values survive. */
  static String arrayLiteral(List<String> values) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return out.append('}').toString();
  }

  static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }

  private static AlertRow row(ResultSet rs, int rowNum) throws SQLException {
    return new AlertRow(
        rs.getLong("id"),
        rs.getString("rule"),
        rs.getString("fingerprint"),
        Severity.valueOf(rs.getString("severity")),
        rs.getString("summary"),
        labels(rs.getString("labels")),
        strings(rs.getArray("nodes")),
        strings(rs.getArray("recipients")),
        rs.getString("runbook"),
        AlertState.valueOf(rs.getString("state")),
        instant(rs, "first_seen"),
        instant(rs, "last_seen"),
        instant(rs, "changed_at"),
        instant(rs, "resolved_at"),
        rs.getString("acked_by"),
        instant(rs, "acked_at"),
        rs.getString("ack_note"),
        rs.getString("silenced_by"),
        rs.getBoolean("announced"),
        rs.getInt("escalation_level"),
        instant(rs, "escalated_at"));
  }
}
