package io.noderr.registry.rollout;

import io.noderr.registry.Tier;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The nodes a rollout may target, read in one scan of the targeted tiers.
 *
 * <p>Only nodes in service are candidates: ACTIVE, DEGRADED (silent, so not healthy, but still a
 * node that must get the release) and QUARANTINED (so the plan can say how many it left out).
 * PENDING nodes are not admitted yet and RETIRED ones are gone for good: neither is a candidate.
 * Nor is a node whose operator's stake does not cover its tier's minimum ({@code stake_shortfall},
 * see StakeFlags): it gets no new release until the stake covers it again.
 */
@Repository
public class RolloutCandidates {

  private static final RowMapper<RolloutCandidate> ROW =
      (rs, i) ->
          new RolloutCandidate(
              rs.getString("id"),
              Tier.valueOf(rs.getString("tier")),
              rs.getString("operator_id"),
              rs.getString("region"),
              rs.getString("version"),
              rs.getBoolean("healthy"),
              rs.getBoolean("attested"),
              rs.getBoolean("quarantined"));

  private static final String IN_SERVICE = "status IN ('ACTIVE', 'DEGRADED', 'QUARANTINED')";

  private final JdbcTemplate jdbc;

  RolloutCandidates(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Ordered by node id, so the planner gets the same input for the same fleet. */
  public List<RolloutCandidate> inTiers(Collection<Tier> tiers) {
    return jdbc.query(
        con -> {
          var ps =
              con.prepareStatement(
                  // health is null until the first report: such a node is not healthy.
                  "SELECT id, tier, operator_id, region, version,"
                      + " coalesce(health = 'HEALTHY', false) AND status = 'ACTIVE' AS healthy,"
                      + " attestation_status = 'ATTESTED' AS attested,"
                      + " status = 'QUARANTINED' AS quarantined"
                      + " FROM nodes WHERE tier = ANY (?) AND "
                      + IN_SERVICE
                      + " AND stake_shortfall IS NULL ORDER BY id");
          ps.setArray(1, tierArray(con, tiers));
          return ps;
        },
        ROW);
  }

  /** Nodes in service of the tiers left out because their operator's stake falls short. */
  public int underStakedIn(Collection<Tier> tiers) {
    return jdbc.query(
        con -> {
          var ps =
              con.prepareStatement(
                  "SELECT count(*) FROM nodes WHERE tier = ANY (?) AND "
                      + IN_SERVICE
                      + " AND stake_shortfall IS NOT NULL");
          ps.setArray(1, tierArray(con, tiers));
          return ps;
        },
        rs -> {
          rs.next();
          return rs.getInt(1);
        });
  }

  private static Array tierArray(Connection con, Collection<Tier> tiers) throws SQLException {
    return con.createArrayOf("text", tiers.stream().map(Tier::name).toArray(String[]::new));
  }
}
