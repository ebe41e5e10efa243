package io.noderr.registry.rollout;

import io.noderr.registry.Tier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The read model of rollouts, written only by the rollout activities. */
@Repository
public class Rollouts {

  private static final String COLUMNS =
      "id, version, tiers, status, stage, stages, total, updated, failed, last_step, created_at,"
          + " updated_at";

  private final JdbcTemplate jdbc;

  Rollouts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the tiers of a rollout being planned: creates its row in PLANNING (step 0, so any
   * recorded step replaces it), or sets the tiers on the row its first step already wrote. The
   * stored plan's rows need this row.
   */
  public void planned(String id, String version, List<Tier> tiers) {
    jdbc.update(
        "INSERT INTO rollouts (id, version, tiers, status, last_step)"
            + " VALUES (?, ?, ?::text[], 'PLANNING', 0)"
            + " ON CONFLICT (id) DO UPDATE SET tiers = EXCLUDED.tiers",
        ps -> {
          ps.setString(1, id);
          ps.setString(2, version);
          ps.setArray(
              3,
              ps.getConnection()
                  .createArrayOf("text", tiers.stream().map(Tier::name).toArray(String[]::new)));
        });
  }

  /**
   * Writes the row as of workflow step {@code step}: inserts it, or updates it when {@code step} is
   * newer than the stored one. Version and tiers are kept from the first write.
   *
   * @param step the workflow's sequence number, from 1
   * @return false when the row already reflects this step or a later one (a retried write)
   */
  public boolean apply(RolloutRow row, int step) {
    if (step < 1) {
      throw new IllegalArgumentException("steps are numbered from 1, got " + step);
    }
    return jdbc.update(
            "INSERT INTO rollouts (id, version, status, stage, stages, total, updated, failed,"
                + " last_step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status,"
                + " stage = EXCLUDED.stage, stages = EXCLUDED.stages, total = EXCLUDED.total,"
                + " updated = EXCLUDED.updated, failed = EXCLUDED.failed,"
                + " last_step = EXCLUDED.last_step, updated_at = now()"
                + " WHERE rollouts.last_step < EXCLUDED.last_step",
            row.id(),
            row.version(),
            row.status(),
            row.stage(),
            row.stages(),
            row.total(),
            row.updated(),
            row.failed(),
            step)
        == 1;
  }

  /**
   * Shows {@code status} without a workflow step: the platform's own word on a rollout whose
   * workflow it is starting again (RESUMING) or could not (FAILED). The row's step stays, so the
   * workflow's next recorded step replaces it.
   *
   * @return false when there is no such rollout
   */
  public boolean showUntilNextStep(String id, String status) {
    return jdbc.update(
            "UPDATE rollouts SET status = ?, updated_at = now() WHERE id = ?", status, id)
        == 1;
  }

  public Optional<RolloutRow> find(String id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM rollouts WHERE id = ?", Rollouts::row, id)
        .stream()
        .findFirst();
  }

  /**
   * Newest first.
   *
   * @param page zero-based
   */
  public RolloutPage list(int page, int size) {
    if (page < 0 || size <= 0) {
      throw new IllegalArgumentException("page must be >= 0 and size > 0");
    }
    Long total = jdbc.queryForObject("SELECT count(*) FROM rollouts", Long.class);
    List<RolloutRow> rows =
        jdbc.query(
            "SELECT " + COLUMNS + " FROM rollouts ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
            Rollouts::row,
            size,
            (long) page * size);
    return new RolloutPage(rows, total == null ? 0 : total);
  }

  /** Rollouts per status name (statuses without rollouts are absent). */
  public Map<String, Long> countsByStatus() {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.query(
        "SELECT status, count(*) AS n FROM rollouts GROUP BY status",
        rs -> {
          counts.put(rs.getString("status"), rs.getLong("n"));
        });
    return counts;
  }

  private static RolloutRow row(ResultSet rs, int rowNum) throws SQLException {
    return new RolloutRow(
        rs.getString("id"),
        rs.getString("version"),
        Arrays.stream((String[]) rs.getArray("tiers").getArray()).map(Tier::valueOf).toList(),
        rs.getString("status"),
        rs.getInt("stage"),
        rs.getInt("stages"),
        rs.getInt("total"),
        rs.getInt("updated"),
        rs.getInt("failed"),
        rs.getInt("last_step"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
