package io.noderr.registry.governance;

import static io.noderr.registry.governance.Numbers.instant;
import static io.noderr.registry.governance.Numbers.uint;

import java.util.List;
import java.util.OptionalInt;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Governance parameters: the on-chain registry's values and ranges as the follower recorded them,
 * and what the platform applied of them ({@code platform_parameters}).
 */
@Repository
public class GovernanceParameters {

  private final JdbcTemplate jdbc;

  GovernanceParameters(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The on-chain parameters by name. */
  public List<ParameterRow> onChain() {
    return jdbc.query(
        "SELECT name, min_value, max_value, value, updated_at FROM governance_parameters"
            + " ORDER BY name",
        (rs, i) ->
            new ParameterRow(
                rs.getString("name"),
                uint(rs, "min_value"),
                uint(rs, "max_value"),
                uint(rs, "value"),
                instant(rs, "updated_at")));
  }

  /** What the platform applied, by name. */
  public List<PlatformParameterRow> applied() {
    return jdbc.query(
        "SELECT name, value, applied_at, proposal_id FROM platform_parameters ORDER BY name",
        (rs, i) ->
            new PlatformParameterRow(
                rs.getString("name"),
                rs.getString("value"),
                instant(rs, "applied_at"),
                rs.getString("proposal_id")));
  }

  /**
   * The first-cohort percent of new rollouts governance set ({@code rollout.canaryPercent}, applied
   * after an executed proposal); empty while no proposal set it (the presets' own apply).
   */
  public OptionalInt firstCohortPercent() {
    List<String> values =
        jdbc.queryForList(
            "SELECT value FROM platform_parameters WHERE name = 'rollout.canaryPercent'",
            String.class);
    return values.isEmpty()
        ? OptionalInt.empty()
        : OptionalInt.of(Integer.parseInt(values.getFirst()));
  }

  /**
   * Records that the platform now applies {@code value} for {@code name} because of the proposal.
   *
   * @return false when this proposal's value was applied before (a retry)
   */
  public boolean recordApplied(String name, String value, String proposalId) {
    return jdbc.update(
            "INSERT INTO platform_parameters (name, value, proposal_id) VALUES (?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value,"
                + " proposal_id = EXCLUDED.proposal_id, applied_at = now()"
                + " WHERE platform_parameters.proposal_id <> EXCLUDED.proposal_id"
                + " OR platform_parameters.value <> EXCLUDED.value",
            name,
            value,
            proposalId)
        == 1;
  }
}
