package io.noderr.registry.node;

import io.noderr.registry.audit.AuditLog;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Last-seen bookkeeping for the whole fleet. Heartbeats arrive in batches (a simulator sends
 * hundreds at once) and are written with one array-bound statement per batch; the silence sweep is
 * one UPDATE. Both stay cheap at 10,000 nodes.
 */
@Repository
public class LivenessRegistry {

  private final JdbcTemplate jdbc;
  private final AuditLog audit;

  LivenessRegistry(JdbcTemplate jdbc, AuditLog audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  /**
   * Stores the reports, brings DEGRADED nodes that reported back to ACTIVE (audited), and ignores
   * unknown ids. QUARANTINED and RETIRED nodes keep their status: reporting does not undo a
   * security decision.
   */
  @Transactional
  public HeartbeatOutcome recordHeartbeats(List<LivenessReport> reports) {
    if (reports.isEmpty()) {
      return new HeartbeatOutcome(0, List.of(), List.of());
    }
    String[] ids = column(reports, LivenessReport::nodeId);
    List<String> recovered =
        jdbc.execute(
            (Connection con) -> {
              try (PreparedStatement ps =
                  con.prepareStatement(
                      "UPDATE nodes SET status = 'ACTIVE', row_version = row_version + 1"
                          + " WHERE id = ANY (?) AND status = 'DEGRADED' RETURNING id")) {
                ps.setArray(1, con.createArrayOf("text", ids));
                return readIds(ps);
              }
            });
    List<String> stored = jdbc.execute((Connection con) -> storeLiveness(con, reports));
    audit.appendAll(
        AuditLog.SYSTEM, "node.recovered", recovered, "reported again after being silent");
    Set<String> known = new HashSet<>(stored);
    List<String> unknown = new ArrayList<>(new LinkedHashSet<>(List.of(ids)));
    unknown.removeIf(known::contains);
    return new HeartbeatOutcome(stored.size(), recovered, unknown);
  }

  /**
   * Marks ACTIVE nodes that have not reported within {@code silence} as DEGRADED (a node that never
   * reported counts from its admission) and audits each one.
   */
  @Transactional
  public List<String> degradeSilentNodes(Duration silence) {
    List<String> degraded =
        jdbc.queryForList(
            "UPDATE nodes SET status = 'DEGRADED', row_version = row_version + 1"
                + " WHERE status = 'ACTIVE'"
                + " AND coalesce(last_heartbeat, created_at) < now() - make_interval(secs => ?)"
                + " RETURNING id",
            String.class,
            (double) silence.toSeconds());
    audit.appendAll(
        AuditLog.SYSTEM,
        "node.degraded",
        degraded,
        "no report for more than " + silence.toSeconds() + " s");
    return degraded;
  }

  private static List<String> storeLiveness(Connection con, List<LivenessReport> reports)
      throws SQLException {
    try (PreparedStatement ps =
        con.prepareStatement(
            // row_version moves too: a Node read before this heartbeat must not be saved back
            // over the newer liveness values.
            "UPDATE nodes n SET last_heartbeat = now(), version = r.version,"
                + " image_digest = r.image_digest, health = r.health, cpu_percent = r.cpu,"
                + " memory_percent = r.mem, disk_percent = r.disk, row_version = n.row_version + 1"
                + " FROM unnest(?, ?, ?, ?, ?, ?, ?)"
                + " AS r(id, version, image_digest, health, cpu, mem, disk)"
                + " WHERE n.id = r.id RETURNING n.id")) {
      ps.setArray(1, text(con, reports, LivenessReport::nodeId));
      ps.setArray(2, text(con, reports, LivenessReport::version));
      ps.setArray(3, text(con, reports, LivenessReport::imageDigest));
      ps.setArray(4, text(con, reports, LivenessReport::health));
      ps.setArray(5, real(con, reports, LivenessReport::cpuPercent));
      ps.setArray(6, real(con, reports, LivenessReport::memoryPercent));
      ps.setArray(7, real(con, reports, LivenessReport::diskPercent));
      return readIds(ps);
    }
  }

  private static List<String> readIds(PreparedStatement ps) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (var rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /**
   * What the nodes' agents just answered they run (a rollout's results), ahead of their next
   * heartbeat: the next plan must not skip a node as "already at the target" on a version it left
   * seconds ago. Unknown ids are ignored. Rows a heartbeat is writing at this moment are skipped,
   * not waited for: heartbeats lock nodes in their own order, and waiting could deadlock with them;
   * the heartbeat brings the version itself.
   *
   * @return rows changed
   */
  public int recordRunningVersions(Map<String, String> versionByNode) {
    if (versionByNode.isEmpty()) {
      return 0;
    }
    return jdbc.update(
        con -> {
          PreparedStatement ps =
              con.prepareStatement(
                  "UPDATE nodes n SET version = r.version, row_version = n.row_version + 1"
                      + " FROM unnest(?::text[], ?::text[]) AS r(id, version)"
                      + " WHERE n.id = r.id AND n.version IS DISTINCT FROM r.version"
                      + " AND n.id IN (SELECT id FROM nodes WHERE id = ANY(?::text[])"
                      + " FOR UPDATE SKIP LOCKED)");
          Array ids = con.createArrayOf("text", versionByNode.keySet().toArray());
          ps.setArray(1, ids);
          ps.setArray(2, con.createArrayOf("text", versionByNode.values().toArray()));
          ps.setArray(3, ids);
          return ps;
        });
  }

  private static String[] column(
      List<LivenessReport> reports, Function<LivenessReport, String> field) {
    return reports.stream().map(field).toArray(String[]::new);
  }

  private static Array text(
      Connection con, List<LivenessReport> reports, Function<LivenessReport, String> field)
      throws SQLException {
    return con.createArrayOf("text", column(reports, field));
  }

  private static Array real(
      Connection con, List<LivenessReport> reports, Function<LivenessReport, Double> field)
      throws SQLException {
    return con.createArrayOf("float4", reports.stream().map(field).toArray(Double[]::new));
  }
}
