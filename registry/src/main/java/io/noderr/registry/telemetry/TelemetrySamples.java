package io.noderr.registry.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes raw samples: a whole batch (the ingest queue drains up to a thousand reports at a time) in
 * one array-bound INSERT, the way heartbeats are written.
 */
@Repository
public class TelemetrySamples {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcTemplate jdbc;

  TelemetrySamples(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the samples in one statement, each under its node's tier in the registry. Samples of
   * unknown nodes are dropped, and so is a second sample of a node at the very same instant (the
   * primary key is node and time).
   *
   * @return the number of samples stored
   */
  public int insert(List<TelemetrySample> samples) {
    if (samples.isEmpty()) {
      return 0;
    }
    Integer stored =
        jdbc.execute(
            (Connection con) -> {
              try (PreparedStatement ps =
                  con.prepareStatement(
                      "INSERT INTO telemetry_samples (node_id, at, tier, version, health,"
                          + " cpu_percent, memory_percent, disk_percent, platform_rtt_ms,"
                          + " peer_rtt_ms, errors, errors_by_type, requests, latency_p95_ms,"
                          + " block_lag, peers, missed_duties, trades, orders)"
                          + " SELECT r.node_id, r.at, n.tier, r.version, r.health, r.cpu, r.mem,"
                          + " r.disk, r.rtt, r.peer_rtt, r.errors, r.errors_by_type, r.requests,"
                          + " r.p95, r.block_lag, r.peers, r.missed, r.trades, r.orders"
                          + " FROM unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[],"
                          + " ?::real[], ?::real[], ?::real[], ?::real[], ?::jsonb[], ?::int[],"
                          + " ?::jsonb[], ?::int[], ?::real[], ?::bigint[], ?::int[], ?::int[],"
                          + " ?::int[], ?::int[])"
                          + " AS r(node_id, at, version, health, cpu, mem, disk, rtt, peer_rtt,"
                          + " errors, errors_by_type, requests, p95, block_lag, peers, missed,"
                          + " trades, orders)"
                          + " JOIN nodes n ON n.id = r.node_id"
                          + " ON CONFLICT (node_id, at) DO NOTHING")) {
                int i = 1;
                ps.setArray(i++, text(con, samples, TelemetrySample::nodeId));
                ps.setArray(i++, text(con, samples, s -> s.at().toString()));
                ps.setArray(i++, text(con, samples, TelemetrySample::version));
                ps.setArray(i++, text(con, samples, TelemetrySample::health));
                ps.setArray(i++, numbers(con, samples, TelemetrySample::cpuPercent));
                ps.setArray(i++, numbers(con, samples, TelemetrySample::memoryPercent));
                ps.setArray(i++, numbers(con, samples, TelemetrySample::diskPercent));
                ps.setArray(i++, numbers(con, samples, TelemetrySample::platformRttMs));
                ps.setArray(i++, text(con, samples, s -> json(s.peerRttMs())));
                ps.setArray(i++, numbers(con, samples, TelemetrySample::errors));
                ps.setArray(i++, text(con, samples, s -> json(s.errorsByType())));
                ps.setArray(i++, numbers(con, samples, TelemetrySample::requests));
                ps.setArray(i++, numbers(con, samples, TelemetrySample::latencyP95Ms));
                ps.setArray(i++, numbers(con, samples, TelemetrySample::blockLag));
                ps.setArray(i++, numbers(con, samples, TelemetrySample::peers));
                ps.setArray(i++, numbers(con, samples, TelemetrySample::missedDuties));
                ps.setArray(i++, numbers(con, samples, TelemetrySample::trades));
                ps.setArray(i, numbers(con, samples, TelemetrySample::orders));
                return ps.executeUpdate();
              }
            });
    return stored == null ? 0 : stored;
  }

  /** Empty maps are stored as SQL NULL: most nodes have no peers configured or no errors. */
  private static String json(Map<String, ?> map) {
    if (map.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("telemetry map not serialisable: " + e.getMessage(), e);
    }
  }

  private static Array text(
      Connection con, List<TelemetrySample> samples, Function<TelemetrySample, String> column)
      throws SQLException {
    return con.createArrayOf("text", samples.stream().map(column).toArray(String[]::new));
  }

  /** Numbers go as text and are cast by the statement, so one helper serves every column type. */
  private static Array numbers(
      Connection con, List<TelemetrySample> samples, Function<TelemetrySample, Number> column)
      throws SQLException {
    return con.createArrayOf(
        "text",
        samples.stream()
            .map(column)
            .map(n -> n == null ? null : n.toString())
            .toArray(String[]::new));
  }
}
