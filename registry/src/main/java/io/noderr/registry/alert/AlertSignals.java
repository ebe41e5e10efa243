package io.noderr.registry.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The registry facts the alert rules judge, one query per fact. Read-only; every query is bounded
 * by an index or by the size of the fleet.
 */
@Repository
public class AlertSignals {

  /** A node as alerts label it. */
  public record NodeRef(String id, String region, String operator, String tier) {}

  /** Nodes in service (ACTIVE or DEGRADED) per region or operator: the outage denominators. */
  public record ServiceCounts(Map<String, Long> byRegion, Map<String, Long> byOperator) {}

  /**
   * A rollout in trouble: stopped by a failed gate (GATE_FAILED) or rolled back.
   *
   * @param updatedAt when its row last changed
   */
  public record TroubledRollout(
      String id, String version, String status, int stage, Instant updatedAt) {}

  /**
   * A rollout that is dispatching nodes, with its stored plan (the workflow's input as JSON) so the
   * caller can tell which positions its current stage covers.
   */
  public record RunningRollout(String id, int stage, int total, String inputJson) {}

  /** The beacon follower's progress on one beacon. */
  public record BeaconCursor(
      long chainId, String beaconAddress, long lastBlock, Instant updatedAt) {}

  /** An emergency that acted (a guardian's mandate or the quorum), with when it last moved. */
  public record ActedEmergency(
      String id, String action, String scope, String stage, Instant updatedAt) {}

  /**
   * A release or emergency request waiting on signatures.
   *
   * @param kind RELEASE or EMERGENCY
   * @param answered addresses that signed or declined
   */
  public record SignatureWait(
      String kind, String id, String title, List<String> answered, Instant createdAt) {}

  private final JdbcTemplate jdbc;

  AlertSignals(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * In-service nodes (ACTIVE or DEGRADED) silent since before {@code cutoff}: the last heartbeat is
   * older, or there never was one and the node was enrolled before it.
   */
  public List<NodeRef> silentSince(Instant cutoff) {
    return jdbc.query(
        "SELECT id, region, operator_id, tier FROM nodes WHERE status IN ('ACTIVE', 'DEGRADED')"
            + " AND COALESCE(last_heartbeat, created_at) < ? ORDER BY id",
        (rs, i) ->
            new NodeRef(
                rs.getString("id"),
                rs.getString("region"),
                rs.getString("operator_id"),
                rs.getString("tier")),
        Timestamp.from(cutoff));
  }

  public ServiceCounts inService() {
    Map<String, Long> regions = new LinkedHashMap<>();
    Map<String, Long> operators = new LinkedHashMap<>();
    jdbc.query(
        "SELECT region, operator_id, count(*) AS n FROM nodes"
            + " WHERE status IN ('ACTIVE', 'DEGRADED') GROUP BY region, operator_id",
        rs -> {
          regions.merge(rs.getString("region"), rs.getLong("n"), Long::sum);
          operators.merge(rs.getString("operator_id"), rs.getLong("n"), Long::sum);
        });
    return new ServiceCounts(regions, operators);
  }

  public List<NodeRef> quarantined() {
    return nodes("status = 'QUARANTINED'");
  }

  /** Nodes whose last attestation failed and that are not retired. */
  public List<NodeRef> attestationFailed() {
    return nodes("attestation_status = 'FAILED' AND status <> 'RETIRED'");
  }

  /** Rollouts held by a failed gate now, or rolled back since {@code since}. */
  public List<TroubledRollout> troubledRollouts(Instant since) {
    return jdbc.query(
        "SELECT id, version, status, stage, updated_at FROM rollouts"
            + " WHERE status = 'GATE_FAILED' OR (status = 'ROLLED_BACK' AND updated_at >= ?)"
            + " ORDER BY id",
        (rs, i) ->
            new TroubledRollout(
                rs.getString("id"),
                rs.getString("version"),
                rs.getString("status"),
                rs.getInt("stage"),
                rs.getTimestamp("updated_at").toInstant()),
        Timestamp.from(since));
  }

  /** Rollouts updating nodes now (RUNNING), with their plan from the registry checkpoint. */
  public List<RunningRollout> runningRollouts() {
    return jdbc.query(
        "SELECT r.id, r.stage, r.total, c.input::text AS input FROM rollouts r"
            + " JOIN rollout_checkpoints c ON c.rollout_id = r.id"
            + " WHERE r.status = 'RUNNING' AND r.stage > 0 ORDER BY r.id",
        (rs, i) ->
            new RunningRollout(
                rs.getString("id"), rs.getInt("stage"), rs.getInt("total"), rs.getString("input")),
        new Object[0]);
  }

  /**
   * Nodes at positions [from, to) of a rollout's plan that are being updated or were updated within
   * the window: no result yet, or a result stored since {@code resultSince}.
   */
  public List<String> waveNodes(String rolloutId, int from, int to, Instant resultSince) {
    return jdbc.queryForList(
        "SELECT node_id FROM rollout_targets WHERE rollout_id = ? AND position >= ?"
            + " AND position < ? AND (status = 'PENDING' OR updated_at >= ?) ORDER BY position",
        String.class,
        rolloutId,
        from,
        to,
        Timestamp.from(resultSince));
  }

  public List<BeaconCursor> beaconCursors() {
    return jdbc.query(
        "SELECT chain_id, beacon_address, last_block, updated_at FROM beacon_cursor ORDER BY 1, 2",
        (rs, i) ->
            new BeaconCursor(
                rs.getLong("chain_id"),
                rs.getString("beacon_address"),
                rs.getLong("last_block"),
                rs.getTimestamp("updated_at").toInstant()));
  }

  /**
   * Emergencies that acted and are still in force or moved since {@code since}: acting, under a
   * guardian's mandate, being ratified or reverted, or done/reverted recently.
   */
  public List<ActedEmergency> actedEmergencies(Instant since) {
    return jdbc.query(
        "SELECT id, action, scope, stage, updated_at FROM emergencies"
            + " WHERE stage IN ('ACTING', 'MANDATE', 'RATIFYING', 'REVERTING')"
            + " OR (stage IN ('DONE', 'REVERTED') AND updated_at >= ?) ORDER BY id",
        (rs, i) ->
            new ActedEmergency(
                rs.getString("id"),
                rs.getString("action"),
                rs.getString("scope"),
                rs.getString("stage"),
                rs.getTimestamp("updated_at").toInstant()),
        Timestamp.from(since));
  }

  /** Refused node authentications (certificates, sessions, tokens) per audit action since then. */
  public Map<String, Long> authRefusalsSince(Instant since) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.query(
        "SELECT action, count(*) AS n FROM audit_log WHERE action IN ('auth.register-refused',"
            + " 'auth.activation-refused', 'auth.token-refused', 'auth.refresh-refused')"
            + " AND at >= ? GROUP BY action ORDER BY action",
        rs -> {
          counts.put(rs.getString("action"), rs.getLong("n"));
        },
        Timestamp.from(since));
    return counts;
  }

  /** Release and emergency requests waiting on signatures, oldest first. */
  public List<SignatureWait> signatureWaits() {
    return jdbc.query(
        "SELECT 'RELEASE' AS kind, id, tier || ' ' || version AS title,"
            + " signed_by || declined_by AS answered, created_at FROM release_requests"
            + " WHERE status = 'AWAITING_SIGNATURES'"
            + " UNION ALL SELECT 'EMERGENCY', id, action || ' ' || scope, signed_by, created_at"
            + " FROM emergencies WHERE stage IN ('AWAITING_SIGNATURES', 'MANDATE')"
            + " ORDER BY created_at, id",
        (rs, i) ->
            new SignatureWait(
                rs.getString("kind"),
                rs.getString("id"),
                rs.getString("title"),
                Alerts.strings(rs.getArray("answered")),
                rs.getTimestamp("created_at").toInstant()));
  }

  private List<NodeRef> nodes(String condition) {
    return jdbc.query(
        "SELECT id, region, operator_id, tier FROM nodes WHERE " + condition + " ORDER BY id",
        (rs, i) ->
            new NodeRef(
                rs.getString("id"),
                rs.getString("region"),
                rs.getString("operator_id"),
                rs.getString("tier")));
  }
}
