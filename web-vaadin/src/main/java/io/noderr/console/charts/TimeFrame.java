package io.noderr.console.charts;

import io.noderr.console.charts.Ticks.Tick;
import io.noderr.console.charts.Ticks.ValueAxis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout both time charts share: a value axis on the left, a time axis below, the legend under
 * it, and the mapping from (time, value) to the plot area's coordinates.
 */
final class TimeFrame {

  static final int WIDTH = 600;
  private static final double RIGHT = 14;
  private static final double TOP = 10;
  private static final double TIME_LABELS = 22;
  private static final double LEGEND_ROW = 18;

  /** One legend entry: a colour swatch (a line, dashed or not, or a block) and its label. */
  record LegendItem(String label, String color, TimeSeries.Style style, boolean block) {}

  private final Instant from;
  private final Instant to;
  private final ValueAxis axis;
  private final List<LegendItem> legend;
  private final double left;
  private final double bottom;
  private final List<double[]> legendPositions = new ArrayList<>();

  TimeFrame(int height, Instant from, Instant to, ValueAxis axis, List<LegendItem> legend) {
    this.from = from;
    this.to = to;
    this.axis = axis;
    this.legend = legend;
    this.left =
        12 + axis.ticks().stream().mapToDouble(t -> Svg.textWidth(t.label())).max().orElse(20);
    // Lay the legend out in rows first: the plot gets what is left.
    double x = left;
    int row = 0;
    for (LegendItem item : legend) {
      double w = 26 + Svg.textWidth(item.label()) + 14;
      if (x + w > WIDTH - RIGHT && x > left) {
        row++;
        x = left;
      }
      legendPositions.add(new double[] {x, row});
      x += w;
    }
    int rows = legend.isEmpty() ? 0 : row + 1;
    this.bottom = height - TIME_LABELS - rows * LEGEND_ROW - 4;
  }

  double x(long epochMillis) {
    double span = to.toEpochMilli() - from.toEpochMilli();
    return left + (epochMillis - from.toEpochMilli()) / span * (WIDTH - RIGHT - left);
  }

  double x(Instant at) {
    return x(at.toEpochMilli());
  }

  double y(double value) {
    return bottom - axis.fraction(value) * (bottom - TOP);
  }

  double left() {
    return left;
  }

  double right() {
    return WIDTH - RIGHT;
  }

  double bottom() {
    return bottom;
  }

  /** Horizontal grid lines with their value labels, the time axis with its labels. */
  void drawAxes(Svg svg) {
    for (Tick tick : axis.ticks()) {
      double y = y(tick.at());
      svg.line(left, y, right(), y, Svg.GRID, "");
      svg.text(left - 6, y + 4, "end", Svg.MUTED, tick.label());
    }
    drawTimeAxis(svg);
  }

  /** The time axis alone, for the empty chart: the reader still sees which window was empty. */
  void drawTimeAxis(Svg svg) {
    svg.line(left, bottom, right(), bottom, Svg.MUTED, "");
    List<Tick> ticks = Ticks.times(from, to, 7);
    for (Tick tick : ticks) {
      double x = x((long) tick.at());
      svg.line(x, bottom, x, bottom + 4, Svg.MUTED, "");
      // Keep the first and last labels inside the image.
      String anchor = x - left < 20 ? "start" : right() - x < 20 ? "end" : "middle";
      svg.text(x, bottom + 17, anchor, Svg.MUTED, tick.label());
    }
  }

  void drawLegend(Svg svg) {
    for (int i = 0; i < legend.size(); i++) {
      LegendItem item = legend.get(i);
      double x = legendPositions.get(i)[0];
      double y = bottom + TIME_LABELS + 12 + legendPositions.get(i)[1] * LEGEND_ROW;
      if (item.block()) {
        svg.rect(x, y - 9, 18, 10, item.color(), null);
      } else {
        svg.line(
            x,
            y - 4,
            x + 18,
            y - 4,
            item.color(),
            item.style() == TimeSeries.Style.DASHED
                ? "stroke-width=\"2\" stroke-dasharray=\"5 3\""
                : "stroke-width=\"2.5\"");
      }
      svg.text(x + 24, y, "start", "#1f2933", item.label());
    }
  }

  void drawNoData(Svg svg, String message) {
    svg.text((left + right()) / 2, (TOP + bottom) / 2, "middle", Svg.MUTED, message);
  }
}
