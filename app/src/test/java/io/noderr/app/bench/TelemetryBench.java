package io.noderr.app.bench;

import io.noderr.gateway.agent.EmbeddedFleetCredential;
import io.noderr.gateway.telemetry.TelemetryIngest;
import io.noderr.registry.telemetry.TelemetryRetention;
import io.noderr.registry.telemetry.TelemetryRollups;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code ./noderr bench telemetry [--nodes 10000] [--minutes 2] [--batch 1]} on the embedded
 * platform: {@code nodes} nodes each report telemetry every 10 s over the node API, spread evenly
 * over each 10 s (1,000 reports/s at 10,000 nodes), {@code batch} reports per request (1: every
 * node its own agent; the simulator sends up to 1,000). Prints the request latency from send to 202
 * (p50/p99), reports refused (503), reports lost (accepted but never stored: must be 0), and the
 * bytes stored per node per day at each resolution.
 *
 * <p>The nodes are inserted straight into the registry and the requests carry the embedded fleet's
 * credential (it speaks for nodes of any tier without an identity): the ingest path is what is
 * measured, not the simulator.
 */
public final class TelemetryBench {

  private static final Duration INTERVAL = Duration.ofSeconds(10);

  public static void main(String[] args) throws Exception {
    int nodes = BenchPlatform.nodesArgument(args, 10_000);
    int minutes = BenchPlatform.intArgument(args, "--minutes", 2);
    int batch = BenchPlatform.intArgument(args, "--batch", 1);
    try (BenchPlatform platform = BenchPlatform.start(0)) {
      JdbcTemplate jdbc = platform.context.getBean(JdbcTemplate.class);
      jdbc.update("INSERT INTO operators (id, name) VALUES ('bench', 'bench')");
      jdbc.update(
          "INSERT INTO nodes (id, operator_id, tier, region, status, version)"
              + " SELECT 'tb-' || i, 'bench', (ARRAY['ALL','ORACLE','GUARDIAN'])[1 + i % 3], 'eu',"
              + " 'ACTIVE', '1.0.0' FROM generate_series(0, ? - 1) i",
          nodes);
      String credential = platform.context.getBean(EmbeddedFleetCredential.class).secret();
      TelemetryIngest ingest = platform.context.getBean(TelemetryIngest.class);
      URI endpoint = platform.base.resolve("/api/v1/agent/telemetry");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      // Per round (10 s of reports): where a slow tail comes from shows as a round of its own.
      List<List<Double>> latencies = new ArrayList<>();
      AtomicLong refused = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      Map<String, AtomicLong> failedWhy = new ConcurrentHashMap<>();
      int requestsPerInterval = (nodes + batch - 1) / batch;
      long gapNanos = INTERVAL.toNanos() / requestsPerInterval;
      long rounds = Duration.ofMinutes(minutes).toNanos() / INTERVAL.toNanos();
      long start = System.nanoTime();
      // What the platform costs with no report coming in (its jobs, the embedded Temporal server):
      // the per-request figure below is net of it.
      long idleFrom = processCpuNanos();
      Thread.sleep(INTERVAL.toMillis());
      double idleCores = (processCpuNanos() - idleFrom) / (double) INTERVAL.toNanos();
      // This JVM's CPU at each round's start: per-request cost once the JIT has compiled the path.
      List<Long> cpuAtRound = new ArrayList<>();
      Instant firstReport = Instant.now();
      try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
        for (long round = 0; round < rounds; round++) {
          cpuAtRound.add(processCpuNanos());
          List<Double> roundLatencies = Collections.synchronizedList(new ArrayList<>());
          latencies.add(roundLatencies);
          for (int request = 0; request < requestsPerInterval; request++) {
            long due = start + round * INTERVAL.toNanos() + request * gapNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
            int from = request * batch;
            int to = Math.min(nodes, from + batch);
            String body = body(from, to, round);
            senders.submit(
                () -> {
                  long sent = System.nanoTime();
                  try {
                    HttpResponse<Void> response =
                        http.send(
                            HttpRequest.newBuilder(endpoint)
                                .header("Authorization", "Bearer " + credential)
                                .header("Content-Type", "application/json")
                                // As an agent does (JsonApi): a request unanswered after 30 s has
                                // failed.
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                            HttpResponse.BodyHandlers.discarding());
                    roundLatencies.add((System.nanoTime() - sent) / 1e6);
                    if (response.statusCode() == 503) {
                      refused.addAndGet(to - from);
                    } else if (response.statusCode() != 202) {
                      failed.addAndGet(to - from);
                      failedWhy
                          .computeIfAbsent("HTTP " + response.statusCode(), k -> new AtomicLong())
                          .addAndGet(to - from);
                    }
                  } catch (Exception e) {
                    failed.addAndGet(to - from);
                    failedWhy
                        .computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong())
                        .addAndGet(to - from);
                  }
                  return null;
                });
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      cpuAtRound.add(processCpuNanos());
      while (ingest.stats().queued() > 0) {
        Thread.sleep(100);
      }
      TelemetryIngest.Stats stats = ingest.stats();
      long sent = rounds * nodes;
      BenchPlatform.print("reports sent", sent);
      BenchPlatform.print("reports per request", batch);
      BenchPlatform.print("seconds sending", seconds);
      BenchPlatform.print("reports per second", sent / seconds);
      BenchPlatform.printPercentiles(
          "ingest request latency ms", latencies.stream().flatMap(List::stream).toList());
      // The JIT keeps compiling the path for a while after start (a restarted platform with its
      // fleet waiting): the first third of the run is warm-up, a fleet's steady state is after.
      int warm = Math.min(Math.max(2, (int) rounds / 3), (int) rounds - 1);
      BenchPlatform.print("warm-up rounds (10 s each)", warm);
      BenchPlatform.printPercentiles(
          "ingest request latency after warm-up, ms",
          latencies.stream().skip(warm).flatMap(List::stream).toList());
      for (int round = 0; round < latencies.size(); round++) {
        List<Double> sorted = latencies.get(round).stream().sorted().toList();
        BenchPlatform.print(
            "  round " + (round + 1) + " p99 ms",
            sorted.get(Math.min(sorted.size() - 1, sorted.size() * 99 / 100)));
      }
      // Capacity whatever else shares the machine: this JVM's CPU (platform and the bench's client;
      // PostgreSQL is another process) per request after warm-up, net of its idle CPU.
      int measuredRounds = (int) rounds - warm;
      double busyNanos =
          cpuAtRound.getLast()
              - cpuAtRound.get(warm)
              - idleCores * measuredRounds * INTERVAL.toNanos();
      BenchPlatform.print("JVM CPU with no reports coming in, cores", idleCores);
      BenchPlatform.print(
          "JVM CPU ms per request after warm-up, net of that (platform + client)",
          busyNanos / 1e6 / (measuredRounds * (double) requestsPerInterval));
      BenchPlatform.print("reports refused with 503 (resent by agents)", refused.get());
      BenchPlatform.print("reports failed otherwise", failed.get());
      failedWhy.forEach((why, count) -> BenchPlatform.print("  failed: " + why, count.get()));
      BenchPlatform.print(
          "reports lost (accepted, not stored)",
          stats.accepted() - stats.stored() - stats.unknownNode());
      BenchPlatform.print("reports stored", stats.stored());
      bytesPerNodePerDay(platform, jdbc, nodes, firstReport);
      BenchPlatform.printPeakHeap();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Table and index bytes per stored row, times the rows one node adds per day at each resolution
   * (8,640 raw samples at one per 10 s, 1,440 minutes, 24 hours), after a rollup of what was sent.
   */
  private static void bytesPerNodePerDay(
      BenchPlatform platform, JdbcTemplate jdbc, int nodes, Instant firstReport) {
    TelemetryRollups rollups = platform.context.getBean(TelemetryRollups.class);
    // Roll every closed minute, and the hour those minutes belong to, as of an hour from now.
    TelemetryRetention noDeletes =
        new TelemetryRetention(
            Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(400), Duration.ZERO, 600);
    rollups.run(Instant.now().plus(Duration.ofHours(1)), noDeletes);
    jdbc.execute("VACUUM ANALYZE telemetry_samples, telemetry_minute, telemetry_hour");
    perDay(jdbc, "telemetry_samples", 8_640, "raw");
    perDay(jdbc, "telemetry_minute", 1_440, "1-minute");
    perDay(jdbc, "telemetry_hour", 24, "1-hour");
    long fleetBytes =
        jdbc.queryForObject(
            "SELECT pg_total_relation_size('telemetry_fleet_minute')"
                + " + pg_total_relation_size('telemetry_fleet_hour')",
            Long.class);
    BenchPlatform.print("fleet rollup tables, bytes", fleetBytes);
    BenchPlatform.print(
        "minutes of telemetry sent",
        Duration.between(firstReport, Instant.now()).toSeconds() / 60.0);
    BenchPlatform.print("nodes reporting", nodes);
  }

  private static void perDay(JdbcTemplate jdbc, String table, int rowsPerDay, String label) {
    long rows = jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    // A partitioned table's own size is 0: its partitions hold the rows.
    long bytes =
        jdbc.queryForObject(
            "SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree(?::regclass)",
            Long.class,
            table);
    if (rows == 0) {
      BenchPlatform.print(label + " rows", 0);
      return;
    }
    BenchPlatform.print(label + " bytes per row (table + indexes)", (double) bytes / rows);
    BenchPlatform.print(label + " bytes per node per day", (double) bytes / rows * rowsPerDay);
  }

  /** Plausible reports, like a simulated node's. */
  private static String body(int from, int to, long round) {
    StringBuilder json = new StringBuilder("{\"reports\":[");
    for (int i = from; i < to; i++) {
      if (i > from) {
        json.append(',');
      }
      int errors = (int) ((i + round) % 3);
      json.append(
          String.format(
              Locale.ROOT,
              "{\"nodeId\":\"tb-%d\",\"version\":\"1.0.0\",\"health\":\"HEALTHY\","
                  + "\"cpuPercent\":%d,\"memoryPercent\":%d,\"diskPercent\":40,"
                  + "\"platformRttMs\":%.1f,\"peerRttMs\":{\"tb-%d\":%.1f,\"tb-%d\":%.1f},"
                  + "\"errors\":%d,\"errorsByType\":%s,\"requests\":%d,\"latencyP95Ms\":%.1f,"
                  + "\"blockLag\":%d,\"peers\":%d,\"missedDuties\":0,\"trades\":%d,\"orders\":%d}",
              i,
              10 + i % 50,
              30 + i % 40,
              5 + i % 70 + 0.5,
              (i + 1) % 10_000,
              12.5,
              (i + 9_999) % 10_000,
              14.5,
              errors,
              errors == 0 ? "{}" : "{\"timeout\":" + errors + "}",
              100 + i % 80,
              60 + i % 50 + 0.3,
              i % 7 == 0 ? 1 : 0,
              8 + i % 17,
              i % 5,
              i % 11));
    }
    return json.append("]}").toString();
  }
}
