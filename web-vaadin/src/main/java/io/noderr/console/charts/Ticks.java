package io.noderr.console.charts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks a reader can use: values at 1, 2 or 5 times a power of ten, times on whole minutes,
 * hours or days (UTC, as every time in the console).
 */
public final class Ticks {

  /** One tick: where it sits (a value, or epoch milliseconds on a time axis) and its label. */
  public record Tick(double at, String label) {}

  /** A value axis: its range, rounded out to whole ticks, and the ticks. */
  public record ValueAxis(double min, double max, List<Tick> ticks) {
    public double fraction(double value) {
      return (value - min) / (max - min);
    }
  }

  private static final List<Duration> TIME_STEPS =
      List.of(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(2),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12),
          Duration.ofDays(1),
          Duration.ofDays(2),
          Duration.ofDays(7));

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAYS =
      DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Ticks() {}

  /**
   * About {@code target} ticks covering [{@code min}, {@code max}], each labelled with {@code unit}
   * appended. An empty or flat range is widened so the axis still has a height.
   */
  public static ValueAxis values(double min, double max, int target, String unit) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new IllegalArgumentException("no value range [" + min + ", " + max + "]");
    }
    if (min == max) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
      min = min >= 0 && min - pad < 0 ? 0 : min - pad;
      max = max + pad;
    }
    BigDecimal step = niceStep((max - min) / Math.max(1, target - 1));
    BigDecimal low = BigDecimal.valueOf(min).divide(step, 0, RoundingMode.FLOOR).multiply(step);
    BigDecimal high = BigDecimal.valueOf(max).divide(step, 0, RoundingMode.CEILING).multiply(step);
    int decimals = Math.max(0, step.stripTrailingZeros().scale());
    List<Tick> ticks = new ArrayList<>();
    for (BigDecimal v = low; v.compareTo(high) <= 0; v = v.add(step)) {
      ticks.add(new Tick(v.doubleValue(), format(v.doubleValue(), decimals) + unit));
    }
    return new ValueAxis(low.doubleValue(), high.doubleValue(), ticks);
  }

  /** 1, 2 or 5 times a power of ten, the nearest to {@code rough}. */
  static BigDecimal niceStep(double rough) {
    int exponent = (int) Math.floor(Math.log10(rough));
    BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(exponent);
    double mantissa = rough / power.doubleValue();
    int nice = mantissa < 1.5 ? 1 : mantissa < 3 ? 2 : mantissa < 7 ? 5 : 10;
    return power.multiply(BigDecimal.valueOf(nice));
  }

  /**
   * At most {@code target} ticks inside [{@code from}, {@code to}] on whole steps since the epoch
   * (so 15:00, 16:00, not 15:07, 16:07); days are labelled by date, shorter steps by clock time.
   */
  public static List<Tick> times(Instant from, Instant to, int target) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("no time range " + from + " .. " + to);
    }
    long span = Duration.between(from, to).toMillis();
    Duration step =
        TIME_STEPS.stream()
            .filter(s -> span / s.toMillis() <= target)
            .findFirst()
            .orElse(TIME_STEPS.getLast());
    long stepMillis = step.toMillis();
    DateTimeFormatter format =
        step.compareTo(Duration.ofDays(1)) >= 0
            ? DAYS
            : step.compareTo(Duration.ofMinutes(1)) >= 0 ? MINUTES : SECONDS;
    List<Tick> ticks = new ArrayList<>();
    long first = Math.floorDiv(from.toEpochMilli() + stepMillis - 1, stepMillis) * stepMillis;
    for (long t = first; t <= to.toEpochMilli(); t += stepMillis) {
      ticks.add(new Tick(t, format.format(Instant.ofEpochMilli(t))));
    }
    return ticks;
  }

  /** {@code value} with {@code decimals} digits after the point, thousands grouped. */
  public static String format(double value, int decimals) {
    String text = String.format(Locale.ROOT, "%,." + decimals + "f", value);
    // "-0" after rounding a tiny negative reads as a bug.
    return text.matches("-0(\\.0+)?") ? text.substring(1) : text;
  }
}
