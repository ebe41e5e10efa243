package io.noderr.registry.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The notification outbox: one row per alert, channel and transition. Queuing only on transitions
 * is what makes one incident one message per channel, however often its rule finds it again.
 */
@Repository
public class AlertDeliveries {

  private static final String COLUMNS =
      "id, alert_id, channel, kind, status, attempts, last_error, queued_at, sent_at";

  private final JdbcTemplate jdbc;

  AlertDeliveries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void queue(long alertId, String channel, DeliveryKind kind, Instant now) {
    jdbc.update(
        "INSERT INTO alert_deliveries (alert_id, channel, kind, status, queued_at)"
            + " VALUES (?, ?, ?, 'PENDING', ?)",
        alertId,
        channel,
        kind.name(),
        Timestamp.from(now));
  }

  /** Channels with something pending. */
  public List<String> channelsWithPending() {
    return jdbc.queryForList(
        "SELECT DISTINCT channel FROM alert_deliveries WHERE status = 'PENDING' ORDER BY channel",
        String.class);
  }

  /** What waits for {@code channel}, oldest first. */
  public List<DeliveryRow> pending(String channel) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM alert_deliveries WHERE status = 'PENDING' AND channel = ? ORDER BY id",
        AlertDeliveries::row,
        channel);
  }

  /** When {@code channel} last took a message (its throttle runs from there). */
  public Optional<Instant> lastSent(String channel) {
    return Optional.ofNullable(
            jdbc.queryForObject(
                "SELECT max(sent_at) FROM alert_deliveries WHERE status = 'SENT' AND channel = ?",
                Timestamp.class,
                channel))
        .map(Timestamp::toInstant);
  }

  public void sent(List<Long> ids, Instant now) {
    jdbc.update(
        "UPDATE alert_deliveries SET status = 'SENT', attempts = attempts + 1, sent_at = ?,"
            + " last_error = NULL WHERE id = ANY (?::bigint[])",
        Timestamp.from(now),
        idsLiteral(ids));
  }

  /**
   * Counts a failed attempt; rows that reached {@code maxAttempts} are given up.
   *
   * @param error the reason, free of secrets
   */
  public void failed(List<Long> ids, String error, int maxAttempts) {
    jdbc.update(
        "UPDATE alert_deliveries SET attempts = attempts + 1, last_error = ?,"
            + " status = CASE WHEN attempts + 1 >= ? THEN 'GAVE_UP' ELSE 'PENDING' END"
            + " WHERE id = ANY (?::bigint[])",
        error,
        maxAttempts,
        idsLiteral(ids));
  }

  /** Channels that were told (or are being told) that this alert fires. */
  public List<String> channelsTold(long alertId) {
    return jdbc.queryForList(
        "SELECT channel FROM alert_deliveries WHERE alert_id = ? AND kind <> 'RESOLVED'"
            + " GROUP BY channel ORDER BY min(id)",
        String.class,
        alertId);
  }

  public List<DeliveryRow> of(long alertId) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM alert_deliveries WHERE alert_id = ? ORDER BY id",
        AlertDeliveries::row,
        alertId);
  }

  private static String idsLiteral(List<Long> ids) {
    return ids.stream()
        .map(String::valueOf)
        .collect(java.util.stream.Collectors.joining(",", "{", "}"));
  }

  private static DeliveryRow row(ResultSet rs, int rowNum) throws SQLException {
    return new DeliveryRow(
        rs.getLong("id"),
        rs.getLong("alert_id"),
        rs.getString("channel"),
        DeliveryKind.valueOf(rs.getString("kind")),
        DeliveryStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        rs.getString("last_error"),
        Alerts.instant(rs, "queued_at"),
        Alerts.instant(rs, "sent_at"));
  }
}
