package io.noderr.registry.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Install tokens by SHA-256 hash. The tokens themselves are never stored. */
@Repository
public class InstallTokens {

  private final JdbcTemplate jdbc;

  InstallTokens(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a new live token for the application and revokes the ones before it; false when this
   * token was stored before (a retried write).
   */
  public boolean issue(
      String tokenHash, String applicationId, String tier, String issuedBy, Instant expiresAt) {
    jdbc.update(
        "UPDATE install_tokens SET revoked_at = now() WHERE application_id = ? AND token_hash <> ?"
            + " AND used_at IS NULL AND revoked_at IS NULL",
        applicationId,
        tokenHash);
    return jdbc.update(
            "INSERT INTO install_tokens (token_hash, application_id, tier, issued_by, expires_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (token_hash) DO NOTHING",
            tokenHash,
            applicationId,
            tier,
            issuedBy,
            Timestamp.from(expiresAt))
        == 1;
  }

  public void revokeLive(String applicationId) {
    jdbc.update(
        "UPDATE install_tokens SET revoked_at = now() WHERE application_id = ?"
            + " AND used_at IS NULL AND revoked_at IS NULL",
        applicationId);
  }

  /**
   * Marks the application's token used; false when it was not live (used, revoked, expired,
   * unknown, or another application's).
   */
  public boolean consume(String tokenHash, String applicationId) {
    return jdbc.update(
            "UPDATE install_tokens SET used_at = now() WHERE token_hash = ? AND application_id = ?"
                + " AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()",
            tokenHash,
            applicationId)
        == 1;
  }

  /** The hash of the application's live token (neither used nor revoked; maybe expired). */
  public Optional<String> liveTokenHash(String applicationId) {
    return jdbc
        .queryForList(
            "SELECT token_hash FROM install_tokens WHERE application_id = ?"
                + " AND used_at IS NULL AND revoked_at IS NULL",
            String.class,
            applicationId)
        .stream()
        .findFirst();
  }

  public Optional<InstallToken> find(String tokenHash) {
    return jdbc
        .query(
            "SELECT application_id, tier, expires_at, used_at, revoked_at FROM install_tokens"
                + " WHERE token_hash = ?",
            (rs, i) ->
                new InstallToken(
                    rs.getString("application_id"),
                    rs.getString("tier"),
                    rs.getTimestamp("expires_at").toInstant(),
                    instant(rs.getTimestamp("used_at")),
                    instant(rs.getTimestamp("revoked_at"))),
            tokenHash)
        .stream()
        .findFirst();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
