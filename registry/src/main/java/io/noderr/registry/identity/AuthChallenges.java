package io.noderr.registry.identity;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Single-use nonces: consuming one deletes it, so a replayed nonce is simply unknown. */
@Repository
public class AuthChallenges {

  private final JdbcTemplate jdbc;

  AuthChallenges(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a nonce and drops the expired ones, which keeps the table as small as the traffic. */
  public void issue(String nonceHex, Instant expiresAt) {
    jdbc.update("DELETE FROM auth_challenges WHERE expires_at < now()");
    jdbc.update(
        "INSERT INTO auth_challenges (nonce, expires_at) VALUES (?, ?)",
        nonceHex,
        Timestamp.from(expiresAt));
  }

  /** Consumes the nonce; true only for a known nonce consumed before it expired. */
  public boolean consume(String nonceHex, Instant now) {
    return jdbc
        .query(
            "DELETE FROM auth_challenges WHERE nonce = ? RETURNING expires_at",
            (rs, i) -> rs.getTimestamp("expires_at").toInstant(),
            nonceHex)
        .stream()
        .anyMatch(now::isBefore);
  }
}
