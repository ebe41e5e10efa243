package io.noderr.app;

import io.noderr.registry.telemetry.TelemetryRetention;
import io.noderr.registry.telemetry.TelemetryRollups;
import io.noderr.registry.telemetry.TelemetrySample;
import io.noderr.registry.telemetry.TelemetrySamples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The telemetry history a fleet would have reported before a freshly started platform existed, so
 * charts of a day or a week have something to draw in a test or a benchmark: seeded, plausible
 * series per node (a daily CPU wave, per-node error rate and latency, a short incident on every
 * 13th node, a half-hour silence on every 17th), written through the ingest's own batch insert and
 * rolled up by the retention job's own code.
 */
public final class TelemetryHistory {

  private static final int BATCH = 10_000;

  /** Rolls up everything at once: a backfilled day is more than one job run's catch-up. */
  public static final TelemetryRetention CATCH_UP =
      new TelemetryRetention(
          Duration.ofHours(24),
          Duration.ofDays(7),
          Duration.ofDays(400),
          Duration.ofSeconds(15),
          100_000);

  /** One node as the history needs it (the ingest takes the tier from the registry). */
  public record NodeRef(String id, String version) {}

  private TelemetryHistory() {}

  /** Every node of the registry, in id order. */
  public static List<NodeRef> nodes(ConfigurableApplicationContext platform) {
    return platform
        .getBean(JdbcTemplate.class)
        .query(
            "SELECT id, version FROM nodes ORDER BY id",
            (rs, i) -> new NodeRef(rs.getString("id"), rs.getString("version")));
  }

  /**
   * Writes samples for {@code nodes} every {@code interval} over {@code [from, to)}.
   *
   * @return the number of samples written
   */
  public static long write(
      ConfigurableApplicationContext platform,
      List<NodeRef> nodes,
      Instant from,
      Instant to,
      Duration interval) {
    TelemetrySamples samples = platform.getBean(TelemetrySamples.class);
    List<Series> series = nodes.stream().map(Series::new).toList();
    List<TelemetrySample> batch = new ArrayList<>(BATCH);
    long written = 0;
    for (Instant at = from; at.isBefore(to); at = at.plus(interval)) {
      for (Series node : series) {
        TelemetrySample sample = node.at(at, interval);
        if (sample != null) {
          batch.add(sample);
        }
        if (batch.size() == BATCH) {
          written += samples.insert(batch);
          batch.clear();
        }
      }
    }
    return written + samples.insert(batch);
  }

  /** Runs the rollups as the retention job does, catching up on everything closed by now. */
  public static void rollUp(ConfigurableApplicationContext platform) {
    platform.getBean(TelemetryRollups.class).run(Instant.now(), CATCH_UP);
  }

  /** One node's seeded series. */
  private static final class Series {

    private final NodeRef node;
    private final int index;
    private final Random random;
    private final double cpu;
    private final double memory;
    private final double disk;
    private final double rttMs;
    private final double requestsPerSecond;
    private final double errorRate;
    private final double latencyMs;

    Series(NodeRef node) {
      this.node = node;
      this.index = Math.abs(node.id().hashCode());
      this.random = new Random(node.id().hashCode());
      this.cpu = 15 + random.nextDouble() * 25;
      this.memory = 35 + random.nextDouble() * 30;
      this.disk = 20 + random.nextDouble() * 40;
      this.rttMs = 5 + random.nextDouble() * 60;
      this.requestsPerSecond = 5 + random.nextDouble() * 15;
      this.errorRate = 0.002 + random.nextDouble() * 0.006;
      this.latencyMs = 40 + random.nextDouble() * 80;
    }

    /** The node's report at {@code at}, or null while it is silent. */
    TelemetrySample at(Instant at, Duration interval) {
      long minuteOfDay = at.getEpochSecond() / 60 % 1440;
      // Each node has its own quiet hour: incidents and silences fall in different places.
      long offset = index % 1440;
      if (index % 17 == 0 && (minuteOfDay + offset) % 1440 < 30) {
        return null;
      }
      boolean incident = index % 13 == 0 && (minuteOfDay + offset) % 1440 < 40;
      double wave = Math.sin(2 * Math.PI * minuteOfDay / 1440.0);
      int requests =
          (int)
              Math.round(requestsPerSecond * interval.toSeconds() * noise(0.2) * (1 + 0.3 * wave));
      int errors = (int) Math.round(requests * errorRate * (incident ? 12 : 1) * noise(0.4));
      return new TelemetrySample(
          node.id(),
          at,
          node.version(),
          incident ? "UNHEALTHY" : "HEALTHY",
          clamp(cpu + 15 * wave + (incident ? 30 : 0) + 3 * random.nextGaussian()),
          clamp(memory + 4 * wave + random.nextGaussian()),
          clamp(disk + at.getEpochSecond() % 86_400 / 86_400.0 * 2),
          rttMs * noise(0.3),
          null,
          errors,
          null,
          requests,
          latencyMs * (incident ? 3 : 1) * noise(0.15) * (1 + 0.2 * wave),
          (long) random.nextInt(3),
          8 + random.nextInt(12),
          0,
          random.nextInt(5),
          random.nextInt(8));
    }

    private double noise(double spread) {
      return Math.max(0, 1 + spread * (random.nextDouble() * 2 - 1));
    }

    private static double clamp(double percent) {
      return Math.max(0, Math.min(100, percent));
    }
  }
}
