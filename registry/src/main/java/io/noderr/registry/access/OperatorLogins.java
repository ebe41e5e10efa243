package io.noderr.registry.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Operator logins by user name; passwords only as bcrypt hashes. */
@Repository
public class OperatorLogins {

  private static final String COLUMNS =
      "id, username, password_hash, operator_id, created_at, created_by, disabled_at, disabled_by";

  private final JdbcTemplate jdbc;

  OperatorLogins(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a new login and returns its id. A taken user name fails with {@link
   * org.springframework.dao.DuplicateKeyException}; an unknown operator with {@link
   * org.springframework.dao.DataIntegrityViolationException}.
   */
  public long create(String username, String passwordHash, String operatorId, String createdBy) {
    return jdbc.queryForObject(
        "INSERT INTO operator_logins (username, password_hash, operator_id, created_by)"
            + " VALUES (?, ?, ?, ?) RETURNING id",
        Long.class,
        username,
        passwordHash,
        operatorId,
        createdBy);
  }

  public Optional<OperatorLogin> find(String username) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM operator_logins WHERE username = ?",
            OperatorLogins::row,
            username)
        .stream()
        .findFirst();
  }

  /** The operator's logins, disabled ones included, oldest first. */
  public List<OperatorLogin> of(String operatorId) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM operator_logins WHERE operator_id = ? ORDER BY id",
        OperatorLogins::row,
        operatorId);
  }

  /** Whether the operator has a login that is not disabled. */
  public boolean hasEnabled(String operatorId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM operator_logins WHERE operator_id = ?"
                + " AND disabled_at IS NULL)",
            Boolean.class,
            operatorId));
  }

  /** Disables one of the operator's logins; false when it is not theirs or already disabled. */
  public boolean disable(String operatorId, String username, String disabledBy) {
    return jdbc.update(
            "UPDATE operator_logins SET disabled_at = now(), disabled_by = ?"
                + " WHERE operator_id = ? AND username = ? AND disabled_at IS NULL",
            disabledBy,
            operatorId,
            username)
        == 1;
  }

  private static OperatorLogin row(ResultSet rs, int rowNum) throws SQLException {
    return new OperatorLogin(
        rs.getLong("id"),
        rs.getString("username"),
        rs.getString("password_hash"),
        rs.getString("operator_id"),
        instant(rs, "created_at"),
        rs.getString("created_by"),
        instant(rs, "disabled_at"),
        rs.getString("disabled_by"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
