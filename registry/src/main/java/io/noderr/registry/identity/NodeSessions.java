package io.noderr.registry.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Short-lived node API sessions, by SHA-256 hash of the bearer token. */
@Repository
public class NodeSessions {

  private final JdbcTemplate jdbc;

  NodeSessions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void issue(String tokenHash, String nodeId, Instant expiresAt) {
    jdbc.update("DELETE FROM node_sessions WHERE expires_at < now() - interval '1 day'");
    jdbc.update(
        "INSERT INTO node_sessions (token_hash, node_id, expires_at) VALUES (?, ?, ?)",
        tokenHash,
        nodeId,
        Timestamp.from(expiresAt));
  }

  /** The node a live session belongs to; empty for unknown, expired or revoked sessions. */
  public Optional<String> nodeOf(String tokenHash) {
    return jdbc
        .query(
            "SELECT node_id FROM node_sessions WHERE token_hash = ? AND revoked_at IS NULL"
                + " AND expires_at > now()",
            (rs, i) -> rs.getString("node_id"),
            tokenHash)
        .stream()
        .findFirst();
  }

  public void revoke(String tokenHash) {
    jdbc.update(
        "UPDATE node_sessions SET revoked_at = now() WHERE token_hash = ? AND revoked_at IS NULL",
        tokenHash);
  }
}
