package io.noderr.console.rollout;

import io.noderr.workflows.rollout.MaintenanceWindow;
import io.noderr.workflows.rollout.RolloutStrategy.WindowRule;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One maintenance-window rule per line, as people write them in the console and the API:
 *
 * <pre>
 * operator=acme region=* Mon-Fri 02:00-05:00 Europe/Berlin
 * region=eu-west Sat,Sun 22:00-06:00 UTC
 * daily 01:00-03:00
 * </pre>
 *
 * Parts are separated by spaces, in any order. {@code operator=} and {@code region=} pick the nodes
 * ({@code *} or left out: any); days are three-letter names, ranges ({@code Fri-Mon} wraps) and
 * lists, or {@code daily}; the time range ends on the next day when it ends at or before its start
 * ({@code 24:00} is the end of the day); the time zone defaults to UTC.
 */
final class WindowSyntax {

  /** Shown with every problem, so the reader sees a line that works. */
  static final String EXAMPLE = "operator=acme region=* Mon-Fri 02:00-05:00 Europe/Berlin";

  private static final String DAY = "(mon|tue|wed|thu|fri|sat|sun)";
  private static final Pattern DAYS =
      Pattern.compile("daily|" + DAY + "(-" + DAY + ")?(," + DAY + "(-" + DAY + ")?)*");
  private static final Pattern TIMES = Pattern.compile("(\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})");

  private WindowSyntax() {}

  /**
   * @throws IllegalArgumentException saying what is wrong with the line, in words
   */
  static WindowRule parse(String line) {
    String operator = null;
    String region = null;
    Set<DayOfWeek> days = null;
    Matcher times = null;
    String zone = null;
    for (String part : line.strip().split("\\s+")) {
      String lower = part.toLowerCase(Locale.ROOT);
      if (lower.startsWith("operator=")) {
        operator = once(operator, "operator", part.substring("operator=".length()));
      } else if (lower.startsWith("region=")) {
        region = once(region, "region", part.substring("region=".length()));
      } else if (DAYS.matcher(lower).matches()) {
        if (days != null) {
          throw new IllegalArgumentException("days are given twice");
        }
        days = days(lower);
      } else if (TIMES.matcher(part).matches()) {
        if (times != null) {
          throw new IllegalArgumentException("the time range is given twice");
        }
        times = TIMES.matcher(part);
        times.matches();
      } else if (zone == null && !part.isEmpty() && !part.contains("=")) {
        zone = part;
      } else {
        throw new IllegalArgumentException("'" + part + "' is not understood");
      }
    }
    if (days == null) {
      throw new IllegalArgumentException("it has no days (e.g. Mon-Fri, Sat,Sun or daily)");
    }
    if (times == null) {
      throw new IllegalArgumentException("it has no time range (e.g. 02:00-05:00)");
    }
    LocalTime start = time(times.group(1), false);
    LocalTime end = time(times.group(2), true);
    Duration length = Duration.between(start, end);
    if (!length.isPositive()) {
      // 22:00-06:00 runs past midnight; 00:00-00:00 is the whole day.
      length = length.plusDays(1);
    }
    return new WindowRule(
        operator == null ? "*" : operator,
        region == null ? "*" : region,
        new MaintenanceWindow(days, start, length, zone(zone == null ? "UTC" : zone)));
  }

  private static String once(String previous, String name, String value) {
    if (previous != null) {
      throw new IllegalArgumentException(name + " is given twice");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + "= needs a value (or * for any)");
    }
    return value;
  }

  private static Set<DayOfWeek> days(String text) {
    if (text.equals("daily")) {
      return EnumSet.allOf(DayOfWeek.class);
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String item : text.split(",")) {
      String[] range = item.split("-");
      DayOfWeek from = day(range[0]);
      DayOfWeek to = day(range[range.length - 1]);
      for (DayOfWeek d = from; ; d = d.plus(1)) {
        days.add(d);
        if (d == to) {
          break;
        }
      }
    }
    return days;
  }

  private static DayOfWeek day(String threeLetters) {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().toLowerCase(Locale.ROOT).startsWith(threeLetters)) {
        return day;
      }
    }
    throw new IllegalStateException("the pattern admits only day names, got " + threeLetters);
  }

  private static LocalTime time(String text, boolean end) {
    if (end && text.equals("24:00")) {
      return LocalTime.MIDNIGHT;
    }
    String[] parts = text.split(":");
    int hour = Integer.parseInt(parts[0]);
    int minute = Integer.parseInt(parts[1]);
    if (hour > 23 || minute > 59) {
      throw new IllegalArgumentException("'" + text + "' is not a time of day (00:00 to 23:59)");
    }
    return LocalTime.of(hour, minute);
  }

  private static String zone(String text) {
    try {
      return ZoneId.of(text).getId();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a time zone (e.g. Europe/Berlin or UTC)");
    }
  }
}
