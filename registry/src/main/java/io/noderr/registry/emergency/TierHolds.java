package io.noderr.registry.emergency;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform's own brake on tiers: a held tier takes no new deployment and no auto-deploy. Set
 * and lifted only by emergencies; read by whoever starts deployments.
 */
@Repository
public class TierHolds {

  /** A hold on one tier. {@code expiresAt} null: until a RESUME. */
  public record TierHold(
      String tier,
      String emergencyId,
      String reason,
      Instant expiresAt,
      List<String> pausedDeployments) {}

  private final JdbcTemplate jdbc;

  TierHolds(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Holds the tiers for the emergency, adding {@code pausedDeployments} to what each hold
   * remembers. Holding a held tier again takes it over and updates its expiry.
   */
  @Transactional
  public void hold(
      Collection<String> tiers,
      String emergencyId,
      String reason,
      Instant expiresAt,
      Collection<String> pausedDeployments) {
    for (String tier : tiers) {
      jdbc.update(
          "INSERT INTO tier_holds (tier, emergency_id, reason, expires_at, paused_deployments)"
              + " VALUES (?, ?, ?, ?, ?::text[]) ON CONFLICT (tier) DO UPDATE SET"
              + " emergency_id = EXCLUDED.emergency_id, reason = EXCLUDED.reason,"
              + " expires_at = EXCLUDED.expires_at, paused_deployments = ARRAY(SELECT DISTINCT"
              + " unnest(tier_holds.paused_deployments || EXCLUDED.paused_deployments))",
          ps -> {
            ps.setString(1, tier);
            ps.setString(2, emergencyId);
            ps.setString(3, reason);
            ps.setTimestamp(4, expiresAt == null ? null : Timestamp.from(expiresAt));
            ps.setArray(5, ps.getConnection().createArrayOf("text", pausedDeployments.toArray()));
          });
    }
  }

  /** Lifts the holds on the tiers; answers the holds that were there. */
  @Transactional
  public List<TierHold> lift(Collection<String> tiers) {
    List<TierHold> lifted = new ArrayList<>();
    for (String tier : tiers) {
      lifted.addAll(
          jdbc.query(
              "DELETE FROM tier_holds WHERE tier = ? RETURNING tier, emergency_id, reason,"
                  + " expires_at, paused_deployments",
              (rs, n) ->
                  new TierHold(
                      rs.getString("tier"),
                      rs.getString("emergency_id"),
                      rs.getString("reason"),
                      instant(rs.getTimestamp("expires_at")),
                      strings(rs.getArray("paused_deployments"))),
              tier));
    }
    return lifted;
  }

  /** The first hold on any of the tiers, if one is in force. */
  public Optional<TierHold> anyOf(Collection<String> tiers) {
    return all().stream().filter(hold -> tiers.contains(hold.tier())).findFirst();
  }

  public List<TierHold> all() {
    return jdbc.query(
        "SELECT tier, emergency_id, reason, expires_at, paused_deployments FROM tier_holds"
            + " ORDER BY tier",
        (rs, n) ->
            new TierHold(
                rs.getString("tier"),
                rs.getString("emergency_id"),
                rs.getString("reason"),
                instant(rs.getTimestamp("expires_at")),
                strings(rs.getArray("paused_deployments"))));
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
