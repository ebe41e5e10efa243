package io.noderr.registry.node;

import io.noderr.registry.Tier;
import io.noderr.registry.access.OperatorScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Filtered, sorted, paged node lists for the console grid and the REST API. */
@Repository
public class NodeSearch {

  private static final String COLUMNS =
      "id, operator_id, tier, region, status, version, health, attestation_status, last_heartbeat";

  private static final RowMapper<NodeRow> ROW =
      (rs, i) ->
          new NodeRow(
              rs.getString("id"),
              rs.getString("operator_id"),
              Tier.valueOf(rs.getString("tier")),
              rs.getString("region"),
              NodeStatus.valueOf(rs.getString("status")),
              rs.getString("version"),
              rs.getString("health"),
              AttestationStatus.valueOf(rs.getString("attestation_status")),
              instant(rs, "last_heartbeat"));

  private final NamedParameterJdbcTemplate jdbc;

  NodeSearch(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public NodePage find(NodeQuery query) {
    return new NodePage(rows(query), count(query));
  }

  public List<NodeRow> rows(NodeQuery query) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    String where = where(query, params);
    params.addValue("limit", query.limit()).addValue("offset", query.offset());
    String direction = query.descending() ? "DESC NULLS LAST" : "ASC NULLS FIRST";
    // The sort column comes from an enum, never from the caller's text; id breaks ties so paging
    // is stable.
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM nodes"
            + where
            + " ORDER BY "
            + query.sort().column()
            + " "
            + direction
            + ", id LIMIT :limit OFFSET :offset";
    return jdbc.query(sql, params, ROW);
  }

  public long count(NodeQuery query) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    Long total =
        jdbc.queryForObject(
            "SELECT count(*) FROM nodes" + where(query, params), params, Long.class);
    return total == null ? 0 : total;
  }

  private static String where(NodeQuery query, MapSqlParameterSource params) {
    StringBuilder where = new StringBuilder(" WHERE true");
    switch (query.scope()) {
      case OperatorScope.All all -> {}
      case OperatorScope.None none -> where.append(" AND false");
      case OperatorScope.One one -> {
        where.append(" AND operator_id = :operator");
        params.addValue("operator", one.operatorId());
      }
    }
    if (query.tier() != null) {
      where.append(" AND tier = :tier");
      params.addValue("tier", query.tier().name());
    }
    if (query.status() != null) {
      where.append(" AND status = :status");
      params.addValue("status", query.status().name());
    }
    if (query.version() != null) {
      where.append(" AND version = :version");
      params.addValue("version", query.version());
    }
    if (query.text() != null) {
      where.append(" AND (id ILIKE :text OR operator_id ILIKE :text OR region ILIKE :text)");
      params.addValue("text", "%" + escapeLike(query.text()) + "%");
    }
    return where.toString();
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
