package io.noderr.app;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A Prometheus text scrape, read the way a test asks about it. */
public record Scrape(String text) {

  /**
   * The sum of the samples of {@code metric} whose labels contain every one of {@code labels}
   * (fragments like {@code status="ACTIVE"}); -1 when there is no such sample at all.
   */
  public double sum(String metric, String... labels) {
    double[] total = {-1};
    text.lines()
        .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        .forEach(
            line -> {
              double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
              total[0] = Math.max(total[0], 0) + value;
            });
    return total[0];
  }

  /** The names of the series starting with {@code prefix} (for a failure's message). */
  public Set<String> seriesStartingWith(String prefix) {
    return text.lines()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.split("[{ ]", 2)[0])
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
