package io.noderr.workflows.rewards;

/**
 * One epoch's run.
 *
 * @param startMillis the epoch starts where the previous one ended, whenever that one finished
 *     publishing, so epochs tile time without gaps
 * @param carried token units carried from the previous epoch (decimal string)
 */
public record RewardEpochInput(long epoch, long startMillis, String carried) {

  /** Epochs count from 1: the distributor reads epoch 0 as "nothing published yet". */
  public static RewardEpochInput first(long startMillis) {
    return new RewardEpochInput(1, startMillis, "0");
  }
}
