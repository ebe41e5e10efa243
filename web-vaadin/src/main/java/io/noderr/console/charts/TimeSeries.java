package io.noderr.console.charts;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One named line of a chart: points in time order. Points whose value is not finite (a NaN from an
 * empty average, an infinity from a division by zero) are dropped here, so no chart ever has to
 * draw them.
 */
public record TimeSeries(String name, Style style, List<Point> points) {

  /** How the series is drawn: a line, a line with its area filled, or a dashed reference line. */
  public enum Style {
    LINE,
    AREA,
    /** A reference the other series are read against, such as the not-yet-updated baseline. */
    DASHED
  }

  /** One value at one time. */
  public record Point(Instant at, double value) {
    public Point {
      Objects.requireNonNull(at, "at");
    }
  }

  public TimeSeries {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(style, "style");
    points =
        points.stream()
            .filter(p -> Double.isFinite(p.value()))
            .sorted(Comparator.comparing(Point::at))
            .toList();
  }

  public static TimeSeries line(String name, List<Point> points) {
    return new TimeSeries(name, Style.LINE, points);
  }

  public static TimeSeries area(String name, List<Point> points) {
    return new TimeSeries(name, Style.AREA, points);
  }

  public static TimeSeries dashed(String name, List<Point> points) {
    return new TimeSeries(name, Style.DASHED, points);
  }

  public boolean isEmpty() {
    return points.isEmpty();
  }

  public OptionalDouble min() {
    return points.stream().mapToDouble(Point::value).min();
  }

  public OptionalDouble max() {
    return points.stream().mapToDouble(Point::value).max();
  }
}
