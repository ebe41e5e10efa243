package io.noderr.registry.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Short-lived node API sessions, by SHA-256 hash of the bearer token. */
@Repository
public class NodeSessions {

  /** A session that may still be used: live, and its node neither quarantined nor retired. */
  private static final String SERVING =
      " s.revoked_at IS NULL AND s.expires_at > now()"
          + " AND n.status NOT IN ('QUARANTINED', 'RETIRED')";

  private final JdbcTemplate jdbc;

  NodeSessions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @throws DataIntegrityViolationException for a node the registry does not know: a session of
   *     nobody must not look issued
   */
  public void issue(String tokenHash, String nodeId, Instant expiresAt) {
    if (issueAll(Map.of(tokenHash, nodeId), expiresAt).isEmpty()) {
      throw new DataIntegrityViolationException("no node " + nodeId + " to issue a session for");
    }
  }

  /**
   * Issues one session per entry (token hash to node) in one statement: the fleet token's demo
   * shortcut enrols and renews simulated nodes in batches of hundreds. Entries for nodes the
   * registry does not know are skipped.
   *
   * @return the nodes a session was issued for
   */
  public Set<String> issueAll(Map<String, String> nodeOfTokenHash, Instant expiresAt) {
    jdbc.update("DELETE FROM node_sessions WHERE expires_at < now() - interval '1 day'");
    List<String> hashes = List.copyOf(nodeOfTokenHash.keySet());
    List<String> nodeIds = hashes.stream().map(nodeOfTokenHash::get).toList();
    return new HashSet<>(
        jdbc.query(
            con -> {
              var ps =
                  con.prepareStatement(
                      "INSERT INTO node_sessions (token_hash, node_id, expires_at)"
                          + " SELECT t.hash, t.node, ? FROM unnest(?::text[], ?::text[])"
                          + " AS t(hash, node) JOIN nodes n ON n.id = t.node"
                          + " RETURNING node_id");
              ps.setTimestamp(1, Timestamp.from(expiresAt));
              ps.setArray(2, con.createArrayOf("text", hashes.toArray()));
              ps.setArray(3, con.createArrayOf("text", nodeIds.toArray()));
              return ps;
            },
            (rs, i) -> rs.getString("node_id")));
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

  /**
   * The node of a live session whose node may still work: like {@link #nodeOf}, and also empty when
   * the node is QUARANTINED or RETIRED. The node gateway asks this for every new caller, so a node
   * taken out of service is refused even while its session has not expired.
   */
  public Optional<String> servingNodeOf(String tokenHash) {
    return jdbc
        .query(
            "SELECT s.node_id FROM node_sessions s JOIN nodes n ON n.id = s.node_id"
                + " WHERE s.token_hash = ? AND"
                + SERVING,
            (rs, i) -> rs.getString("node_id"),
            tokenHash)
        .stream()
        .findFirst();
  }

  /**
   * The sessions that stopped serving within the last {@code window}: revoked or expired in it, and
   * every unexpired session of a quarantined or retired node. What a sweep of open polls must cut,
   * when it last asked {@code window} ago (plus a margin for transactions committing late).
   * Index-driven (V9): its cost follows what changed, not the fleet.
   */
  public Set<String> endedWithin(Duration window) {
    double seconds = window.toMillis() / 1000.0;
    return new HashSet<>(
        jdbc.queryForList(
            """
            SELECT token_hash FROM node_sessions
             WHERE revoked_at > now() - make_interval(secs => ?)
            UNION
            SELECT token_hash FROM node_sessions
             WHERE expires_at <= now() AND expires_at > now() - make_interval(secs => ?)
            UNION
            SELECT s.token_hash FROM nodes n JOIN node_sessions s ON s.node_id = n.id
             WHERE n.status IN ('QUARANTINED', 'RETIRED') AND s.expires_at > now()
            """,
            String.class,
            seconds,
            seconds));
  }
}
