package io.noderr.registry.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Silences people create; the alert evaluation expires them. */
@Repository
public class AlertSilences {

  private static final String COLUMNS =
      "id, matchers::text AS matchers, reason, created_by, starts_at, ends_at, last_matched_at,"
          + " expired_at, expired_reason";

  private final JdbcTemplate jdbc;

  AlertSilences(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public SilenceRow create(
      Map<String, String> matchers,
      String reason,
      String createdBy,
      Instant startsAt,
      Instant endsAt) {
    long id =
        jdbc.queryForObject(
            "INSERT INTO alert_silences (matchers, reason, created_by, starts_at, ends_at)"
                + " VALUES (?::jsonb, ?, ?, ?, ?) RETURNING id",
            Long.class,
            Alerts.json(matchers),
            reason,
            createdBy,
            Timestamp.from(startsAt),
            Timestamp.from(endsAt));
    return find(id).orElseThrow();
  }

  public Optional<SilenceRow> find(long id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM alert_silences WHERE id = ?", AlertSilences::row, id)
        .stream()
        .findFirst();
  }

  /** Silences neither expired nor past their end (including ones that start later). */
  public List<SilenceRow> live(Instant now) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM alert_silences WHERE expired_at IS NULL AND ends_at > ? ORDER BY id",
        AlertSilences::row,
        Timestamp.from(now));
  }

  /** The newest silences, live or not. */
  public List<SilenceRow> recent(int limit) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM alert_silences ORDER BY id DESC LIMIT ?",
        AlertSilences::row,
        limit);
  }

  public void matched(long id, Instant now) {
    jdbc.update(
        "UPDATE alert_silences SET last_matched_at = ? WHERE id = ?", Timestamp.from(now), id);
  }

  /**
   * Ends a live silence now.
   *
   * @return false when it does not exist or already ended
   */
  public boolean expire(long id, Instant now, String reason) {
    return jdbc.update(
            "UPDATE alert_silences SET expired_at = ?, expired_reason = ?"
                + " WHERE id = ? AND expired_at IS NULL AND ends_at > ?",
            Timestamp.from(now),
            reason,
            id,
            Timestamp.from(now))
        == 1;
  }

  private static SilenceRow row(ResultSet rs, int rowNum) throws SQLException {
    return new SilenceRow(
        rs.getLong("id"),
        Alerts.labels(rs.getString("matchers")),
        rs.getString("reason"),
        rs.getString("created_by"),
        Alerts.instant(rs, "starts_at"),
        Alerts.instant(rs, "ends_at"),
        Alerts.instant(rs, "last_matched_at"),
        Alerts.instant(rs, "expired_at"),
        rs.getString("expired_reason"));
  }
}
