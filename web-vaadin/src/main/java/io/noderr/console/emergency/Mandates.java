package io.noderr.console.emergency;

import java.time.Duration;
import java.time.Instant;

/** A guardian's mandate in words: how long it lasts, and how long it still runs. */
public final class Mandates {

  private Mandates() {}

  /**
   * "ends in 23 h 12 min", "ran out" once past (the workflow then undoes it), or "" without a
   * mandate.
   *
   * @param expiresAt ISO instant, or null when no guardian acted alone
   */
  public static String countdown(String expiresAt, Instant now) {
    if (expiresAt == null) {
      return "";
    }
    Duration left = Duration.between(now, Instant.parse(expiresAt));
    return left.isPositive() ? "ends in " + span(left) : "ran out";
  }

  /** "24 h", "23 h 12 min", "5 min"; under a minute reads "less than 1 min". */
  public static String span(Duration duration) {
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    if (hours == 0 && minutes == 0) {
      return "less than 1 min";
    }
    if (hours == 0) {
      return minutes + " min";
    }
    return minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
  }
}
