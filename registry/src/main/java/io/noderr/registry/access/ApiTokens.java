package io.noderr.registry.access;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** API tokens of people and automation, by SHA-256 hash; the tokens themselves are never stored. */
@Repository
public class ApiTokens {

  private final JdbcTemplate jdbc;

  ApiTokens(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores a new token and returns its id. A live token of the same owner and name fails with
   * {@link org.springframework.dao.DuplicateKeyException}.
   *
   * @param operatorId the operator the token is bound to (its owner's, for an operator login); null
   *     for a token of a person who is not an operator's
   */
  public long create(
      String tokenHash,
      String owner,
      String name,
      List<String> roles,
      Instant expiresAt,
      String operatorId) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(
        connection -> {
          var insert =
              connection.prepareStatement(
                  "INSERT INTO api_tokens (token_hash, owner, name, roles, expires_at,"
                      + " operator_id) VALUES (?, ?, ?, ?, ?, ?)",
                  new String[] {"id"});
          insert.setString(1, tokenHash);
          insert.setString(2, owner);
          insert.setString(3, name);
          insert.setArray(4, connection.createArrayOf("text", roles.toArray()));
          insert.setTimestamp(5, Timestamp.from(expiresAt));
          insert.setString(6, operatorId);
          return insert;
        },
        key);
    return key.getKey().longValue();
  }

  /** The owner's tokens that are not revoked (expired ones included, so they can be cleaned). */
  public List<ApiTokenRow> ownedBy(String owner) {
    return jdbc.query(
        "SELECT id, name, roles, created_at, expires_at, last_used_at FROM api_tokens"
            + " WHERE owner = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC",
        (rs, i) ->
            new ApiTokenRow(
                rs.getLong("id"),
                rs.getString("name"),
                roles(rs),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "last_used_at")),
        owner);
  }

  /** How many tokens the owner holds that still work (the per-owner cap counts these). */
  public int liveCount(String owner) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM api_tokens WHERE owner = ? AND revoked_at IS NULL"
            + " AND expires_at > now()",
        Integer.class,
        owner);
  }

  /** Revokes one of the owner's tokens; false when it is not theirs or already revoked. */
  public boolean revoke(long id, String owner) {
    return jdbc.update(
            "UPDATE api_tokens SET revoked_at = now() WHERE id = ? AND owner = ?"
                + " AND revoked_at IS NULL",
            id,
            owner)
        == 1;
  }

  /** The grant of a live token (not revoked, not expired); empty for anything else. */
  public Optional<ApiTokenGrant> live(String tokenHash) {
    return jdbc
        .query(
            "SELECT id, owner, roles, last_used_at, operator_id FROM api_tokens"
                + " WHERE token_hash = ?"
                + " AND revoked_at IS NULL AND expires_at > now()",
            (rs, i) ->
                new ApiTokenGrant(
                    rs.getLong("id"),
                    rs.getString("owner"),
                    roles(rs),
                    instant(rs, "last_used_at"),
                    rs.getString("operator_id")),
            tokenHash)
        .stream()
        .findFirst();
  }

  /** Records a use; the condition keeps concurrent callers to one write a minute per token. */
  public void touch(long id) {
    jdbc.update(
        "UPDATE api_tokens SET last_used_at = now() WHERE id = ?"
            + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
        id);
  }

  private static List<String> roles(ResultSet rs) throws SQLException {
    Array array = rs.getArray("roles");
    return List.of((String[]) array.getArray());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
