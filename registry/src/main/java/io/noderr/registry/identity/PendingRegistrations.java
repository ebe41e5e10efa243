package io.noderr.registry.identity;

import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * TPM registrations waiting for their second round trip (the node's ActivateCredential answer).
 * Taking one deletes it: each credential challenge can be answered once.
 */
@Repository
public class PendingRegistrations {

  private final JdbcTemplate jdbc;

  PendingRegistrations(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void save(PendingRegistration pending) {
    jdbc.update("DELETE FROM pending_registrations WHERE expires_at < now()");
    jdbc.update(
        "INSERT INTO pending_registrations (id, application_id, token_hash, secret_hash, evidence,"
            + " expires_at) VALUES (?, ?, ?, ?, ?::jsonb, ?)",
        pending.id(),
        pending.applicationId(),
        pending.tokenHash(),
        pending.secretHash(),
        pending.evidenceJson(),
        Timestamp.from(pending.expiresAt()));
  }

  public Optional<PendingRegistration> take(String id) {
    return jdbc
        .query(
            "DELETE FROM pending_registrations WHERE id = ? RETURNING id, application_id,"
                + " token_hash, secret_hash, evidence::text AS evidence, expires_at",
            (rs, i) ->
                new PendingRegistration(
                    rs.getString("id"),
                    rs.getString("application_id"),
                    rs.getString("token_hash"),
                    rs.getString("secret_hash"),
                    rs.getString("evidence"),
                    rs.getTimestamp("expires_at").toInstant()),
            id)
        .stream()
        .findFirst();
  }
}
