package io.noderr.registry.rollout;

import io.noderr.registry.Tier;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the console shows of one rollout's nodes: counts per cohort and a filtered page of the
 * per-node table. Read-only.
 *
 * <p>Statuses are carried as names, never listed here: the rollout side adds statuses (e.g.
 * REVERT_FAILED) and these queries pass them through unchanged.
 */
@Repository
public class RolloutTargetQueries {

  /** The most rows one page returns, however many are asked for. */
  public static final int MAX_LIMIT = 500;

  private static final RowMapper<NodeResult> ROW =
      (rs, i) -> {
        Timestamp updatedAt = rs.getTimestamp("updated_at");
        return new NodeResult(
            rs.getInt("position"),
            rs.getString("node_id"),
            Tier.valueOf(rs.getString("tier")),
            rs.getString("operator"),
            rs.getString("region"),
            rs.getString("status"),
            rs.getString("failure"),
            rs.getString("detail"),
            rs.getObject("stage", Integer.class),
            rs.getObject("millis", Long.class),
            updatedAt == null ? null : updatedAt.toInstant());
      };

  private final NamedParameterJdbcTemplate jdbc;

  RolloutTargetQueries(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The rollout's nodes per cohort and status. A node's cohort is the stage of its latest result,
   * so a node retried or rolled back in a later stage counts there; nodes without a result yet are
   * {@link CohortCounts#pending()}.
   */
  public CohortCounts cohorts(String rolloutId) {
    Map<Integer, Map<String, Long>> byStage = new TreeMap<>();
    long[] pending = {0};
    jdbc.query(
        "SELECT stage, status, count(*) AS n FROM rollout_targets WHERE rollout_id = :rollout"
            + " GROUP BY stage, status",
        new MapSqlParameterSource("rollout", rolloutId),
        rs -> {
          Integer stage = rs.getObject("stage", Integer.class);
          if (stage == null) {
            pending[0] += rs.getLong("n");
          } else {
            byStage
                .computeIfAbsent(stage, s -> new LinkedHashMap<>())
                .put(rs.getString("status"), rs.getLong("n"));
          }
        });
    List<Cohort> cohorts = new ArrayList<>();
    byStage.forEach((stage, counts) -> cohorts.add(new Cohort(stage, counts)));
    return new CohortCounts(cohorts, pending[0]);
  }

  /**
   * Rows [offset, offset + limit) of the nodes matching {@code filter}, in position order.
   *
   * @param limit capped at {@value #MAX_LIMIT}
   */
  public List<NodeResult> page(String rolloutId, NodeFilter filter, int offset, int limit) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative");
    }
    MapSqlParameterSource params = new MapSqlParameterSource();
    String where = where(rolloutId, filter, params);
    params.addValue("limit", Math.min(limit, MAX_LIMIT)).addValue("offset", offset);
    return jdbc.query(
        "SELECT position, node_id, tier, operator, region, status, failure, detail, stage, millis,"
            + " updated_at FROM rollout_targets"
            + where
            + " ORDER BY position LIMIT :limit OFFSET :offset",
        params,
        ROW);
  }

  /** How many nodes match {@code filter} (the size of the table {@link #page} pages through). */
  public long count(String rolloutId, NodeFilter filter) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    Long count =
        jdbc.queryForObject(
            "SELECT count(*) FROM rollout_targets" + where(rolloutId, filter, params),
            params,
            Long.class);
    return count == null ? 0 : count;
  }

  private static String where(String rolloutId, NodeFilter filter, MapSqlParameterSource params) {
    StringBuilder where = new StringBuilder(" WHERE rollout_id = :rollout");
    params.addValue("rollout", rolloutId);
    if (!filter.statuses().isEmpty()) {
      where.append(" AND status IN (:statuses)");
      params.addValue("statuses", filter.statuses());
    }
    if (filter.nodeIdPrefix() != null) {
      // starts_with, not LIKE: a prefix with % or _ in it means those characters.
      where.append(" AND starts_with(lower(node_id), lower(:prefix))");
      params.addValue("prefix", filter.nodeIdPrefix());
    }
    return where.toString();
  }

  /**
   * Which nodes of the per-node table to show.
   *
   * @param statuses status names to show; empty shows every status
   * @param nodeIdPrefix shows node ids starting with it (case-insensitive); null or blank shows all
   */
  public record NodeFilter(Set<String> statuses, String nodeIdPrefix) {

    public static final NodeFilter ALL = new NodeFilter(Set.of(), null);

    public NodeFilter {
      statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
      nodeIdPrefix = nodeIdPrefix == null || nodeIdPrefix.isBlank() ? null : nodeIdPrefix.strip();
    }
  }

  /**
   * One node's row of the per-node table.
   *
   * @param status the status name (PENDING until a result is stored)
   * @param failure the failure type name of the latest result, or null
   * @param detail the latest result's line for people (the error text of a failure), or null
   * @param stage the stage of the latest result, or null while PENDING
   * @param millis how long the node worked on the latest result, or null while PENDING
   */
  public record NodeResult(
      int position,
      String nodeId,
      Tier tier,
      String operator,
      String region,
      String status,
      String failure,
      String detail,
      Integer stage,
      Long millis,
      Instant updatedAt) {}

  /** The nodes whose latest result belongs to {@code stage}, by status name. */
  public record Cohort(int stage, Map<String, Long> byStatus) {

    public Cohort {
      byStatus = Map.copyOf(byStatus);
    }

    /** Nodes of this cohort with {@code status}, 0 when none. */
    public long count(String status) {
      return byStatus.getOrDefault(status, 0L);
    }

    public long total() {
      return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * @param cohorts in stage order; stages without a result are absent
   * @param pending planned nodes without a result yet
   */
  public record CohortCounts(List<Cohort> cohorts, long pending) {

    public CohortCounts {
      cohorts = List.copyOf(cohorts);
    }
  }
}
