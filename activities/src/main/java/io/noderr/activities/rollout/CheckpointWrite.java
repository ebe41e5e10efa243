package io.noderr.activities.rollout;

/**
 * Where a rollout stands, for a platform restart to start it again from there.
 *
 * @param phase ROLLING_OUT, ROLLING_BACK or COMPLETED
 * @param stage the current stage (1-based)
 * @param position nodes handed out so far, in plan order
 * @param input the workflow's input with its checkpoint, as JSON (the workflows module's
 *     RolloutCheckpoints writes and reads it; the registry only stores it)
 * @param takenAtMillis workflow time: an older write never replaces a newer one
 */
public record CheckpointWrite(
    String rolloutId, String phase, int stage, int position, String input, long takenAtMillis) {}
