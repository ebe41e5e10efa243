package io.noderr.console.charts;

import io.noderr.console.charts.CountBuckets.Bucket;
import io.noderr.console.charts.TimeFrame.LegendItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Counts over time as stacked bars, one bar per bucket (e.g. nodes per version per hour), as one
 * SVG string. The largest categories keep their own colour; beyond {@link #MAX_CATEGORIES} the rest
 * are summed as "other", so a fleet with many versions still reads. Each block has a hover title
 * with its bucket, category and count.
 */
public final class SvgStackedChart {

  static final int MAX_CATEGORIES = 7;
  static final String OTHER = "other";

  private final String id;
  private final String title;
  private Instant from;
  private Instant to;
  private CountBuckets data;
  private static final int HEIGHT = 220;

  private SvgStackedChart(String id, String title) {
    this.id = id;
    this.title = title;
  }

  public static SvgStackedChart of(String id, String title) {
    return new SvgStackedChart(id, title);
  }

  public SvgStackedChart window(Instant from, Instant to) {
    this.from = from;
    this.to = to;
    return this;
  }

  public SvgStackedChart data(CountBuckets data) {
    this.data = data;
    return this;
  }

  public String render() {
    if (from == null || !to.isAfter(from) || data == null) {
      throw new IllegalStateException("a stacked chart needs a time window and data");
    }
    List<Bucket> buckets =
        data.buckets().stream()
            .filter(b -> b.start().isBefore(to) && b.start().plus(data.width()).isAfter(from))
            .toList();
    CountBuckets shown = new CountBuckets(data.width(), buckets);
    List<String> categories = categories(shown);
    Map<String, String> palette = new LinkedHashMap<>();
    int next = 0;
    for (String category : categories) {
      palette.put(category, category.equals(OTHER) ? Palette.GREY : Palette.color(next++));
    }
    boolean empty = shown.isEmpty();
    List<LegendItem> legend =
        empty
            ? List.of()
            : categories.stream()
                .map(c -> new LegendItem(c, palette.get(c), TimeSeries.Style.AREA, true))
                .toList();
    TimeFrame frame =
        new TimeFrame(HEIGHT, from, to, Ticks.values(0, shown.maxTotal(), 5, ""), legend);
    Svg svg = new Svg(id, TimeFrame.WIDTH, HEIGHT, title, description(shown, categories, empty));
    if (empty) {
      frame.drawTimeAxis(svg);
      frame.drawNoData(svg, "No data in this window");
      return svg.close();
    }
    frame.drawAxes(svg);
    for (Bucket bucket : buckets) {
      double x0 = Math.max(frame.left(), frame.x(bucket.start()));
      double x1 = Math.min(frame.right(), frame.x(bucket.start().plus(data.width())));
      // A hairline between bars when there is room for it.
      double width = x1 - x0 > 4 ? x1 - x0 - 1 : x1 - x0;
      Map<String, Long> counts = folded(bucket, categories);
      long below = 0;
      for (String category : categories) {
        long count = counts.getOrDefault(category, 0L);
        if (count == 0) {
          continue;
        }
        double top = frame.y(below + count);
        svg.rect(
            x0,
            top,
            width,
            frame.y(below) - top,
            palette.get(category),
            bucket.start() + " " + category + ": " + count);
        below += count;
      }
    }
    frame.drawLegend(svg);
    return svg.close();
  }

  /** The largest categories, then "other" for the rest (if any). */
  private static List<String> categories(CountBuckets shown) {
    List<String> all = shown.categories();
    if (all.size() <= MAX_CATEGORIES) {
      return all;
    }
    List<String> kept = new ArrayList<>(all.subList(0, MAX_CATEGORIES - 1));
    kept.add(OTHER);
    return kept;
  }

  private static Map<String, Long> folded(Bucket bucket, List<String> categories) {
    Map<String, Long> counts = new HashMap<>();
    bucket
        .counts()
        .forEach(
            (category, count) ->
                counts.merge(
                    categories.contains(category) && !category.equals(OTHER) ? category : OTHER,
                    count,
                    Long::sum));
    return counts;
  }

  /** The text alternative: the window and the latest bucket's counts. */
  private String description(CountBuckets shown, List<String> categories, boolean empty) {
    String window = "From " + from + " to " + to + " (UTC). ";
    if (empty) {
      return window + "No data in this window.";
    }
    Bucket latest = shown.buckets().getLast();
    Map<String, Long> counts = folded(latest, categories);
    return window
        + shown.buckets().size()
        + " buckets. Latest, at "
        + latest.start()
        + ": "
        + categories.stream()
            .map(c -> c + " " + counts.getOrDefault(c, 0L))
            .collect(Collectors.joining(", "))
        + ".";
  }
}
