package io.noderr.registry.rollout;

import io.noderr.registry.Tier;
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
                      + " FROM nodes WHERE tier = ANY (?)"
                      + " AND status IN ('ACTIVE', 'DEGRADED', 'QUARANTINED') ORDER BY id");
          ps.setArray(
              1, con.createArrayOf("text", tiers.stream().map(Tier::name).toArray(String[]::new)));
          return ps;
        },
        ROW);
  }
}
