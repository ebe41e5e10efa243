package io.noderr.workflows.rollout;

/**
 * One stage of a rollout: how far it goes (a percentage of the targeted nodes, or a count) and what
 * happens once its nodes are done and its gate passed.
 *
 * @param percent cumulative share of the targeted nodes updated by the end of this stage (1-100),
 *     or null when {@code count} is used
 * @param count cumulative number of nodes updated by the end of this stage, or null
 * @param pause NONE: go on; TIMED: wait {@code pauseMillis} (promote skips it); MANUAL: wait for an
 *     operator's promote
 */
public record RolloutStep(Integer percent, Integer count, Pause pause, long pauseMillis) {

  public enum Pause {
    NONE,
    TIMED,
    MANUAL
  }

  public static RolloutStep percent(int percent, Pause pause, long pauseMillis) {
    return new RolloutStep(percent, null, pause, pauseMillis);
  }

  public static RolloutStep count(int count, Pause pause, long pauseMillis) {
    return new RolloutStep(null, count, pause, pauseMillis);
  }

  /** Nodes updated by the end of this stage, out of {@code total} targeted nodes. */
  int cumulativeTarget(int total) {
    if (percent != null) {
      // Rounded up: 1% of 50 nodes is one canary, never zero.
      return (int) Math.min(total, (total * (long) percent + 99) / 100);
    }
    return Math.min(total, count);
  }

  /** What is wrong with this step, or null. */
  String problem(int index) {
    String at = "step " + (index + 1) + ": ";
    if ((percent == null) == (count == null)) {
      return at + "give either a percent or a count";
    }
    if (percent != null && (percent < 1 || percent > 100)) {
      return at + "percent must be between 1 and 100";
    }
    if (count != null && count < 1) {
      return at + "count must be at least 1";
    }
    if (pause == null) {
      return at + "pause must be NONE, TIMED or MANUAL";
    }
    if (pause == Pause.TIMED && pauseMillis <= 0) {
      return at + "a timed pause needs a positive duration";
    }
    return null;
  }
}
