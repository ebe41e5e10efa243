package io.noderr.app.bench;

import io.noderr.app.EmbeddedPlatforms;
import io.noderr.registry.fleet.FleetHealthQuery;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded platform with a simulated fleet, started in the benchmark's JVM. */
final class BenchPlatform implements AutoCloseable {

  final ConfigurableApplicationContext context;
  final URI base;

  private BenchPlatform(ConfigurableApplicationContext context) {
    this.context = context;
    this.base = EmbeddedPlatforms.baseUrl(context);
  }

  /**
   * Starts the platform with {@code nodes} simulated nodes and waits until all are enrolled.
   *
   * @param extraArguments further {@code --noderr.*} settings
   */
  static BenchPlatform start(int nodes, String... extraArguments) throws Exception {
    long started = System.nanoTime();
    BenchPlatform platform =
        new BenchPlatform(
            EmbeddedPlatforms.start(
                Files.createTempDirectory("noderr-bench"), nodes, extraArguments));
    FleetHealthQuery fleet = platform.context.getBean(FleetHealthQuery.class);
    while (fleet.current().total() < nodes) {
      Thread.sleep(200);
    }
    print("nodes", nodes);
    print("seconds until all nodes enrolled", (System.nanoTime() - started) / 1e9);
    return platform;
  }

  static int nodesArgument(String[] args, int defaultNodes) {
    return intArgument(args, "--nodes", defaultNodes);
  }

  static void printPercentiles(String label, List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    print(label + " p50", sorted.get(sorted.size() / 2));
    print(label + " p95", sorted.get(Math.min(sorted.size() - 1, sorted.size() * 95 / 100)));
    print(label + " p99", sorted.get(Math.min(sorted.size() - 1, sorted.size() * 99 / 100)));
    print(label + " max", sorted.getLast());
  }

  static int intArgument(String[] args, String name, int defaultValue) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return defaultValue;
  }

  static void printPeakHeap() {
    long bytes =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .mapToLong(pool -> pool.getPeakUsage().getUsed())
            .sum();
    print("peak heap used, MiB", bytes / (1024.0 * 1024));
  }

  static void print(String label, double value) {
    System.out.println(String.format(Locale.ROOT, "%s: %.1f", label, value));
  }

  @Override
  public void close() {
    context.close();
  }
}
