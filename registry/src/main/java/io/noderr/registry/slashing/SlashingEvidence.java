package io.noderr.registry.slashing;

import static io.noderr.registry.governance.Numbers.instant;
import static io.noderr.registry.governance.Numbers.timestamp;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the registry already records that gives cause for slashing, and the fleet's size. */
@Repository
public class SlashingEvidence {

  private final JdbcTemplate jdbc;

  SlashingEvidence(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * In-service nodes (ACTIVE or DEGRADED) without a heartbeat since before {@code cutoff}, with the
   * start of their silence (the last heartbeat, or the enrolment when there never was one).
   */
  public List<NodeEvidence> silentSince(Instant cutoff) {
    return jdbc.query(
        "SELECT id, COALESCE(last_heartbeat, created_at) AS since FROM nodes"
            + " WHERE status IN ('ACTIVE', 'DEGRADED') AND COALESCE(last_heartbeat, created_at) < ?"
            + " ORDER BY id",
        (rs, i) -> new NodeEvidence(rs.getString("id"), instant(rs, "since")),
        timestamp(cutoff));
  }

  /**
   * Nodes whose last attestation failed and that are not retired, with their last good attestation
   * (or their enrolment): the failure happened after it.
   */
  public List<NodeEvidence> attestationFailures() {
    return jdbc.query(
        "SELECT n.id, COALESCE(i.last_attested_at, n.created_at) AS since FROM nodes n"
            + " LEFT JOIN node_identities i ON i.node_id = n.id"
            + " WHERE n.attestation_status = 'FAILED' AND n.status <> 'RETIRED' ORDER BY n.id",
        (rs, i) -> new NodeEvidence(rs.getString("id"), instant(rs, "since")));
  }

  /** Nodes in service (ACTIVE or DEGRADED): the correlation penalty's denominator. */
  public int inServiceNodes() {
    return jdbc.queryForObject(
        "SELECT count(*) FROM nodes WHERE status IN ('ACTIVE', 'DEGRADED')", Integer.class);
  }
}
