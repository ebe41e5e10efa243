package io.noderr.registry.rewards;

import static io.noderr.registry.governance.Numbers.timestamp;
import static io.noderr.registry.governance.Numbers.uint;

import io.noderr.registry.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What an epoch's inputs are gathered from: the registry's nodes measured over the window from
 * telemetry, and the governance follower's stakes.
 *
 * <p>Uptime counts the window's report-interval slots (the window cut into slots from its start) in
 * which at least one sample arrived, against all its slots, capped at 10,000 bp; performance is the
 * share of HEALTHY samples (0 without samples). Both come out of one aggregate per node in
 * PostgreSQL, so 10,000 nodes never travel as samples. Raw samples give exact slots; the part of a
 * window older than raw retention is read from {@code telemetry_minute}, where a minute bucket
 * counts min(samples, slots per minute) slots — exact when the report interval divides a minute and
 * every report lands in its own slot, an upper bound otherwise.
 */
@Repository
public class RewardMeasurements {

  private final JdbcTemplate jdbc;

  RewardMeasurements(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Every node that existed during [start, end) and is not retired, ordered by id.
   *
   * @param slot the report interval the agents send telemetry at
   * @param rawFrom raw samples are read from here on (within [start, end]); the window before it
   *     comes from the 1-minute rollups
   */
  public List<MeasuredNode> nodes(Instant start, Instant end, Duration slot, Instant rawFrom) {
    long slotMillis = slot.toMillis();
    long windowSlots =
        Math.max(1, Math.ceilDiv(Duration.between(start, end).toMillis(), slotMillis));
    long slotsPerMinute = Math.max(1, Math.ceilDiv(60_000, slotMillis));
    return jdbc.query(
        "WITH per_source AS ("
            + " SELECT node_id,"
            + " count(DISTINCT floor(extract(epoch FROM at - ?::timestamptz) * 1000 / ?)) AS slots,"
            + " count(*) AS samples, count(*) FILTER (WHERE health = 'HEALTHY') AS healthy"
            + " FROM telemetry_samples WHERE at >= ? AND at < ? GROUP BY node_id"
            + " UNION ALL"
            + " SELECT node_id, sum(LEAST(samples, ?)), sum(samples), sum(healthy_samples)"
            + " FROM telemetry_minute WHERE bucket >= ? AND bucket < ? GROUP BY node_id),"
            + " measured AS (SELECT node_id, sum(slots)::bigint AS slots,"
            + " sum(samples)::bigint AS samples, sum(healthy)::bigint AS healthy"
            + " FROM per_source GROUP BY node_id)"
            + " SELECT n.id, n.tier,"
            // The governance identity: the operator id is its application's signing address.
            + " CASE WHEN EXISTS (SELECT 1 FROM node_applications a"
            + " WHERE lower(a.signing_address) = lower(n.operator_id)"
            + " AND a.status IN ('APPROVED', 'REGISTERED')) THEN lower(n.operator_id) END"
            + " AS payout_address,"
            + " LEAST(10000, coalesce(m.slots, 0) * 10000 / ?)::int AS uptime_bp,"
            + " CASE WHEN coalesce(m.samples, 0) = 0 THEN 0"
            + " ELSE (m.healthy * 10000 / m.samples)::int END AS performance_bp"
            + " FROM nodes n LEFT JOIN measured m ON m.node_id = n.id"
            + " WHERE n.created_at < ? AND n.status <> 'RETIRED' ORDER BY n.id",
        (rs, i) ->
            new MeasuredNode(
                rs.getString("id"),
                Tier.valueOf(rs.getString("tier")),
                rs.getString("payout_address"),
                rs.getInt("uptime_bp"),
                rs.getInt("performance_bp")),
        timestamp(start),
        slotMillis,
        timestamp(rawFrom),
        timestamp(end),
        slotsPerMinute,
        timestamp(start),
        timestamp(rawFrom),
        windowSlots,
        timestamp(end));
  }

  /** Every address with active stake in the follower's read model, by address. */
  public List<RewardStakeRow> activeStakes() {
    return jdbc.query(
        "SELECT address, active FROM governance_stakes WHERE active > 0 ORDER BY address",
        (rs, i) -> new RewardStakeRow(rs.getString("address"), uint(rs, "active")));
  }

  /**
   * What {@link #activeStakes()} is a snapshot of: the block the governance follower has read up
   * to, or that there is no follower.
   */
  public String stakeSnapshot() {
    return jdbc
        .query(
            "SELECT chain_id, last_block FROM governance_cursor ORDER BY updated_at DESC LIMIT 1",
            (rs, i) ->
                "governance follower at block "
                    + rs.getLong("last_block")
                    + " of chain "
                    + rs.getLong("chain_id"))
        .stream()
        .findFirst()
        .orElse("no governance follower has read a chain");
  }
}
