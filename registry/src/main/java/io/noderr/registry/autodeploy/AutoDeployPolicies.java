package io.noderr.registry.autodeploy;

import io.noderr.registry.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The per-tier auto-deploy policies and how far the auto-deployer has read the beacon events. */
@Repository
public class AutoDeployPolicies {

  private final JdbcTemplate jdbc;

  AutoDeployPolicies(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every tier's policy, in tier order; a tier nobody set is off. */
  public List<AutoDeployPolicy> all() {
    Map<Tier, AutoDeployPolicy> set =
        jdbc
            .query(
                "SELECT tier, enabled, preset, updated_by, updated_at FROM auto_deploy_policies",
                AutoDeployPolicies::row)
            .stream()
            .collect(Collectors.toMap(AutoDeployPolicy::tier, Function.identity()));
    return Arrays.stream(Tier.values())
        .map(tier -> set.getOrDefault(tier, AutoDeployPolicy.off(tier)))
        .toList();
  }

  public AutoDeployPolicy of(Tier tier) {
    return all().stream().filter(p -> p.tier() == tier).findFirst().orElseThrow();
  }

  public void set(Tier tier, boolean enabled, String preset, String actor) {
    jdbc.update(
        "INSERT INTO auto_deploy_policies (tier, enabled, preset, updated_by) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (tier) DO UPDATE SET enabled = excluded.enabled,"
            + " preset = excluded.preset, updated_by = excluded.updated_by, updated_at = now()",
        tier.name(),
        enabled,
        preset,
        actor);
  }

  /** The last beacon event id considered, if the auto-deployer ever ran. */
  public OptionalLong cursor() {
    List<Long> ids = jdbc.queryForList("SELECT last_event_id FROM auto_deploy_cursor", Long.class);
    return ids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ids.getFirst());
  }

  /** Moves the cursor forward (never back: two workers may sweep at once). */
  public void advanceCursor(long lastEventId) {
    jdbc.update(
        "INSERT INTO auto_deploy_cursor (last_event_id) VALUES (?) ON CONFLICT (singleton)"
            + " DO UPDATE SET last_event_id = GREATEST(auto_deploy_cursor.last_event_id,"
            + " excluded.last_event_id)",
        lastEventId);
  }

  private static AutoDeployPolicy row(ResultSet rs, int rowNum) throws SQLException {
    Timestamp updatedAt = rs.getTimestamp("updated_at");
    return new AutoDeployPolicy(
        Tier.valueOf(rs.getString("tier")),
        rs.getBoolean("enabled"),
        rs.getString("preset"),
        rs.getString("updated_by"),
        updatedAt == null ? null : updatedAt.toInstant());
  }
}
