package io.noderr.console.charts;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Counts by category per time bucket, such as nodes per version per hour: what a stacked chart
 * draws. Each bucket starts at {@link Bucket#start()} and lasts {@link #width()}.
 */
public record CountBuckets(Duration width, List<Bucket> buckets) {

  /** The counts of one bucket, by category. */
  public record Bucket(Instant start, Map<String, Long> counts) {
    public Bucket {
      Objects.requireNonNull(start, "start");
      counts = Map.copyOf(counts);
    }

    public long total() {
      return counts.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public CountBuckets {
    if (width.isNegative() || width.isZero()) {
      throw new IllegalArgumentException("bucket width must be positive: " + width);
    }
    buckets = buckets.stream().sorted(Comparator.comparing(Bucket::start)).toList();
  }

  public boolean isEmpty() {
    return buckets.stream().allMatch(b -> b.total() == 0);
  }

  /**
   * The categories, largest overall first, so the biggest band sits at the bottom of the stack and
   * first in the legend.
   */
  public List<String> categories() {
    Map<String, Long> totals = new LinkedHashMap<>();
    buckets.forEach(b -> b.counts().forEach((k, v) -> totals.merge(k, v, Long::sum)));
    return totals.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .collect(Collectors.toList());
  }

  public long maxTotal() {
    return buckets.stream().mapToLong(Bucket::total).max().orElse(0);
  }
}
