package io.noderr.registry.rollout;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Where each rollout stood after its last batch: written by the rollout workflow (through its
 * activities), read once at start by the embedded platform to start again the rollouts its
 * in-memory Temporal server forgot.
 */
@Repository
public class RolloutCheckpoints {

  private final JdbcTemplate jdbc;

  RolloutCheckpoints(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores {@code checkpoint} unless a newer one (by workflow time) is stored: a retried write that
   * arrives late changes nothing.
   *
   * @return true when written
   */
  public boolean save(StoredCheckpoint checkpoint) {
    return jdbc.update(
            "INSERT INTO rollout_checkpoints"
                + " (rollout_id, phase, stage, position, input, taken_at_millis)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?)"
                + " ON CONFLICT (rollout_id) DO UPDATE SET phase = EXCLUDED.phase,"
                + " stage = EXCLUDED.stage, position = EXCLUDED.position,"
                + " input = EXCLUDED.input, taken_at_millis = EXCLUDED.taken_at_millis,"
                + " updated_at = now()"
                + " WHERE rollout_checkpoints.taken_at_millis <= EXCLUDED.taken_at_millis",
            checkpoint.rolloutId(),
            checkpoint.phase(),
            checkpoint.stage(),
            checkpoint.position(),
            checkpoint.input(),
            checkpoint.takenAtMillis())
        == 1;
  }

  /**
   * Rollouts whose read-model status is none of {@code finalStatuses}, oldest first, each with its
   * checkpoint or none (a rollout that stopped before its first one).
   */
  public List<UnfinishedRollout> unfinished(Collection<String> finalStatuses) {
    return jdbc.query(
        "SELECT r.id, r.status, r.last_step, c.phase, c.stage, c.position, c.input::text AS input,"
            + " c.taken_at_millis FROM rollouts r"
            + " LEFT JOIN rollout_checkpoints c ON c.rollout_id = r.id"
            + " WHERE r.status <> ALL (?::text[]) ORDER BY r.created_at, r.id",
        (rs, n) ->
            new UnfinishedRollout(
                rs.getString("id"),
                rs.getString("status"),
                rs.getInt("last_step"),
                rs.getString("input") == null
                    ? null
                    : new StoredCheckpoint(
                        rs.getString("id"),
                        rs.getString("phase"),
                        rs.getInt("stage"),
                        rs.getInt("position"),
                        rs.getString("input"),
                        rs.getLong("taken_at_millis"))),
        (Object) finalStatuses.toArray(String[]::new));
  }

  /**
   * @param input the workflow input as JSON (the registry stores it, the worker reads it)
   * @param takenAtMillis workflow time of the write
   */
  public record StoredCheckpoint(
      String rolloutId, String phase, int stage, int position, String input, long takenAtMillis) {}

  /**
   * @param lastStep the workflow step the read model shows (a restarted workflow numbers on from
   *     it)
   * @param checkpoint the last one stored, or null
   */
  public record UnfinishedRollout(
      String rolloutId, String status, int lastStep, StoredCheckpoint checkpoint) {}
}
