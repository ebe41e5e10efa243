package io.noderr.console.charts;

import io.noderr.console.charts.TimeFrame.LegendItem;
import io.noderr.console.charts.TimeSeries.Point;
import io.noderr.console.charts.TimeSeries.Style;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lines (or filled areas, or a dashed baseline) over a time window, as one SVG string: value grid
 * and labels, UTC time ticks, a legend with each series' min–max, and a "no data" state. Only the
 * points inside the window are drawn; a gap longer than {@link #breakAfter} breaks the line, so an
 * offline node is not drawn as a straight ramp.
 */
public final class SvgLineChart {

  private final String id;
  private final String title;
  private final List<TimeSeries> series = new ArrayList<>();
  private final Map<String, String> colors = new LinkedHashMap<>();
  private Instant from;
  private Instant to;
  private String unit = "";
  private int decimals = 0;
  private double includeMin = Double.NaN;
  private double includeMax = Double.NaN;
  private Duration breakAfter;
  private static final int HEIGHT = 220;

  private SvgLineChart(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /**
   * A chart whose SVG element gets {@code id} (unique on the page) and accessible {@code title}.
   */
  public static SvgLineChart of(String id, String title) {
    return new SvgLineChart(id, title);
  }

  public SvgLineChart window(Instant from, Instant to) {
    this.from = from;
    this.to = to;
    return this;
  }

  /** Appended to every value label, e.g. "%" or " ms". */
  public SvgLineChart unit(String unit) {
    this.unit = unit;
    return this;
  }

  /** Digits after the point in the legend's min–max. */
  public SvgLineChart decimals(int decimals) {
    this.decimals = decimals;
    return this;
  }

  /** The value axis covers at least [{@code min}, {@code max}], e.g. 0–100 for a percentage. */
  public SvgLineChart include(double min, double max) {
    this.includeMin = min;
    this.includeMax = max;
    return this;
  }

  public SvgLineChart breakAfter(Duration gap) {
    this.breakAfter = gap;
    return this;
  }

  public SvgLineChart series(TimeSeries one) {
    series.add(one);
    return this;
  }

  public SvgLineChart series(TimeSeries one, String color) {
    colors.put(one.name(), color);
    return series(one);
  }

  public String render() {
    if (from == null || !to.isAfter(from)) {
      throw new IllegalStateException("a chart needs a time window");
    }
    List<TimeSeries> shown = series.stream().map(this::inWindow).toList();
    List<LegendItem> legend = new ArrayList<>();
    for (int i = 0; i < shown.size(); i++) {
      TimeSeries s = shown.get(i);
      legend.add(new LegendItem(legendLabel(s), color(s, i), s.style(), false));
    }
    boolean empty = shown.stream().allMatch(TimeSeries::isEmpty);
    double min =
        shown.stream().flatMap(s -> s.min().stream().boxed()).reduce(Math::min).orElse(0.0);
    double max =
        shown.stream().flatMap(s -> s.max().stream().boxed()).reduce(Math::max).orElse(0.0);
    if (!Double.isNaN(includeMin)) {
      min = empty ? includeMin : Math.min(min, includeMin);
      max = empty ? includeMax : Math.max(max, includeMax);
    }
    TimeFrame frame =
        new TimeFrame(
            HEIGHT, from, to, Ticks.values(min, max, 5, unit), empty ? List.of() : legend);
    Svg svg = new Svg(id, TimeFrame.WIDTH, HEIGHT, title, description(shown, empty));
    if (empty) {
      frame.drawTimeAxis(svg);
      frame.drawNoData(svg, "No data in this window");
      return svg.close();
    }
    frame.drawAxes(svg);
    // Areas first, so every line stays visible on top of them.
    for (int i = 0; i < shown.size(); i++) {
      if (shown.get(i).style() == Style.AREA) {
        drawArea(svg, frame, shown.get(i), color(shown.get(i), i));
      }
    }
    for (int i = 0; i < shown.size(); i++) {
      drawLine(svg, frame, shown.get(i), color(shown.get(i), i));
    }
    frame.drawLegend(svg);
    return svg.close();
  }

  private TimeSeries inWindow(TimeSeries s) {
    return new TimeSeries(
        s.name(),
        s.style(),
        s.points().stream().filter(p -> !p.at().isBefore(from) && !p.at().isAfter(to)).toList());
  }

  private String color(TimeSeries s, int index) {
    return colors.getOrDefault(s.name(), Palette.color(index));
  }

  private String legendLabel(TimeSeries s) {
    if (s.isEmpty()) {
      return s.name() + " (no data)";
    }
    String min = Ticks.format(s.min().orElseThrow(), decimals);
    String max = Ticks.format(s.max().orElseThrow(), decimals);
    return s.name() + "  " + (min.equals(max) ? min : min + "–" + max) + unit;
  }

  /** The text alternative: the window and, per series, its range and latest value. */
  private String description(List<TimeSeries> shown, boolean empty) {
    String window = "From " + from + " to " + to + " (UTC). ";
    if (empty) {
      return window + "No data in this window.";
    }
    return window
        + shown.stream()
            .map(
                s ->
                    s.isEmpty()
                        ? s.name() + ": no data."
                        : s.name()
                            + ": "
                            + s.points().size()
                            + " points, min "
                            + Ticks.format(s.min().orElseThrow(), decimals)
                            + unit
                            + ", max "
                            + Ticks.format(s.max().orElseThrow(), decimals)
                            + unit
                            + ", latest "
                            + Ticks.format(s.points().getLast().value(), decimals)
                            + unit
                            + ".")
            .collect(Collectors.joining(" "));
  }

  /** The points split where the gap is longer than {@link #breakAfter}. */
  private List<List<Point>> runs(TimeSeries s) {
    List<List<Point>> runs = new ArrayList<>();
    List<Point> run = new ArrayList<>();
    for (Point p : s.points()) {
      if (!run.isEmpty()
          && breakAfter != null
          && Duration.between(run.getLast().at(), p.at()).compareTo(breakAfter) > 0) {
        runs.add(run);
        run = new ArrayList<>();
      }
      run.add(p);
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }

  private void drawLine(Svg svg, TimeFrame frame, TimeSeries s, String color) {
    String dash = s.style() == Style.DASHED ? " stroke-dasharray=\"6 4\"" : "";
    for (List<Point> run : runs(s)) {
      if (run.size() == 1) {
        // A lone point has no line; a dot shows it exists.
        Point p = run.getFirst();
        svg.raw(
            "<circle cx=\""
                + Svg.num(frame.x(p.at()))
                + "\" cy=\""
                + Svg.num(frame.y(p.value()))
                + "\" r=\"3\" fill=\""
                + color
                + "\"/>");
        continue;
      }
      svg.raw(
          "<path d=\""
              + path(frame, run)
              + "\" fill=\"none\" stroke=\""
              + color
              + "\" stroke-width=\"2\" stroke-linejoin=\"round\""
              + dash
              + "/>");
    }
  }

  private void drawArea(Svg svg, TimeFrame frame, TimeSeries s, String color) {
    for (List<Point> run : runs(s)) {
      if (run.size() < 2) {
        continue;
      }
      String floor = Svg.num(frame.bottom());
      svg.raw(
          "<path d=\""
              + path(frame, run)
              + " L"
              + Svg.num(frame.x(run.getLast().at()))
              + " "
              + floor
              + " L"
              + Svg.num(frame.x(run.getFirst().at()))
              + " "
              + floor
              + " Z\" fill=\""
              + color
              + "\" fill-opacity=\"0.18\" stroke=\"none\"/>");
    }
  }

  private static String path(TimeFrame frame, List<Point> run) {
    StringBuilder d = new StringBuilder(run.size() * 14);
    for (Point p : run) {
      d.append(d.isEmpty() ? "M" : " L")
          .append(Svg.num(frame.x(p.at())))
          .append(' ')
          .append(Svg.num(frame.y(p.value())));
    }
    return d.toString();
  }
}
