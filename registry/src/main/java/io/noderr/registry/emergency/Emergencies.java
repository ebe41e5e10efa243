package io.noderr.registry.emergency;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The read model of emergencies, written only by the emergency activities. */
@Repository
public class Emergencies {

  private static final String COLUMNS =
      "id, action, stage, scope, reason, proposed_by, deadline, required, signed_by,"
          + " mandate_expires_at, effects, outcome, proposal::text AS proposal,"
          + " signatures::text AS signatures, last_step, created_at, updated_at";

  private final JdbcTemplate jdbc;

  Emergencies(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The next emergency number ({@code emergency-<n>}). */
  public long nextNumber() {
    return jdbc.queryForObject("SELECT nextval('emergency_numbers')", Long.class);
  }

  /**
   * Writes the row as of workflow step {@code step}: inserts it, or updates it when {@code step} is
   * newer than the stored one.
   *
   * @return false when the row already reflects this step or a later one (a retried write)
   */
  public boolean apply(EmergencyRow row, int step) {
    return jdbc.update(
            "INSERT INTO emergencies (id, action, stage, scope, reason, proposed_by, deadline,"
                + " required, signed_by, mandate_expires_at, effects, outcome, proposal,"
                + " signatures, last_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?,"
                + " ?::text[], ?, ?::jsonb, ?::jsonb, ?)"
                + " ON CONFLICT (id) DO UPDATE SET stage = EXCLUDED.stage,"
                + " required = EXCLUDED.required, signed_by = EXCLUDED.signed_by,"
                + " mandate_expires_at = EXCLUDED.mandate_expires_at, effects = EXCLUDED.effects,"
                + " outcome = EXCLUDED.outcome, signatures = EXCLUDED.signatures,"
                + " last_step = EXCLUDED.last_step, updated_at = now()"
                + " WHERE emergencies.last_step < EXCLUDED.last_step",
            ps -> {
              ps.setString(1, row.id());
              ps.setString(2, row.action());
              ps.setString(3, row.stage());
              ps.setString(4, row.scope());
              ps.setString(5, row.reason());
              ps.setString(6, row.proposedBy());
              ps.setTimestamp(7, Timestamp.from(row.deadline()));
              ps.setInt(8, row.required());
              ps.setArray(9, ps.getConnection().createArrayOf("text", row.signedBy().toArray()));
              ps.setTimestamp(
                  10,
                  row.mandateExpiresAt() == null ? null : Timestamp.from(row.mandateExpiresAt()));
              ps.setArray(11, ps.getConnection().createArrayOf("text", row.effects().toArray()));
              ps.setString(12, row.outcome());
              ps.setString(13, row.proposal());
              ps.setString(14, row.signatures());
              ps.setInt(15, step);
            })
        == 1;
  }

  public Optional<EmergencyRow> find(String id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM emergencies WHERE id = ?", Emergencies::row, id)
        .stream()
        .findFirst();
  }

  /** Newest first; {@code openOnly} keeps those still waiting for signatures or a mandate. */
  public List<EmergencyRow> list(boolean openOnly, int limit) {
    String where = openOnly ? " WHERE stage = ANY (?::text[])" : "";
    Object[] args =
        openOnly
            ? new Object[] {"{" + String.join(",", EmergencyRow.OPEN_STAGES) + "}", limit}
            : new Object[] {limit};
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM emergencies" + where + " ORDER BY created_at DESC LIMIT ?",
        Emergencies::row,
        args);
  }

  private static EmergencyRow row(ResultSet rs, int n) throws SQLException {
    return new EmergencyRow(
        rs.getString("id"),
        rs.getString("action"),
        rs.getString("stage"),
        rs.getString("scope"),
        rs.getString("reason"),
        rs.getString("proposed_by"),
        rs.getTimestamp("deadline").toInstant(),
        rs.getInt("required"),
        strings(rs.getArray("signed_by")),
        instant(rs.getTimestamp("mandate_expires_at")),
        strings(rs.getArray("effects")),
        rs.getString("outcome"),
        rs.getString("proposal"),
        rs.getString("signatures"),
        rs.getInt("last_step"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
