package io.noderr.console.charts;

import java.util.List;

/**
 * A horizontal bar split into coloured segments (e.g. a deployment's updated, failed and pending
 * nodes) with a caption under it, as one SVG string.
 */
public final class SvgProgressBar {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 40;

  /** One part of the bar. */
  public record Segment(String label, long count, String color) {
    public Segment {
      if (count < 0) {
        throw new IllegalArgumentException(label + " is negative: " + count);
      }
    }
  }

  private SvgProgressBar() {}

  /**
   * {@code segments} laid left to right over {@code total} (whatever they leave is the track's
   * grey); the caption lists each segment's count.
   */
  public static String render(String id, String title, List<Segment> segments, long total) {
    long sum = segments.stream().mapToLong(Segment::count).sum();
    long scale = Math.max(1, Math.max(total, sum));
    StringBuilder caption = new StringBuilder();
    for (Segment s : segments) {
      caption
          .append(caption.isEmpty() ? "" : " · ")
          .append(Ticks.format(s.count(), 0))
          .append(' ')
          .append(s.label());
    }
    caption.append(" — ").append(Ticks.format(total, 0)).append(" in all");
    Svg svg = new Svg(id, WIDTH, HEIGHT, title, caption.toString());
    svg.rect(0, 2, WIDTH, 14, "#e3e7ec", null);
    double x = 0;
    for (Segment s : segments) {
      double w = (double) s.count() / scale * WIDTH;
      svg.rect(x, 2, w, 14, s.color(), s.count() + " " + s.label());
      x += w;
    }
    svg.text(0, 34, "start", "#1f2933", caption.toString());
    return svg.close();
  }
}
