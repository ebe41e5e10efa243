package io.noderr.cli.sim;

import io.noderr.activities.node.ResourceUsage;
import io.noderr.agent.metrics.HostMetrics;
import io.noderr.agent.telemetry.TelemetryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A simulated node's telemetry: plausible, seeded series. Each node has its own baseline (request
 * rate, error rate, latency, round trip, chain peers) drawn from a generator seeded with its id,
 * and per-report noise from the same generator, so a fleet started twice reports the same shapes.
 *
 * <p>A release fault of kind ERRORS or LATENCY on the version the node runs multiplies its error
 * rate or its p95 latency (see {@link ReleaseFaults}); its updates and soaks still succeed.
 */
class SimulatedTelemetry {

  private static final List<String> ERROR_TYPES = List.of("timeout", "rejected", "internal");

  private final String nodeId;
  private final SimulatedRuntime runtime;
  private final HostMetrics host;
  private final ReleaseFaults faults;
  private final List<String> peers;
  private final Random random;
  private final double requestsPerSecond;
  private final double errorRate;
  private final double latencyMs;
  private final double platformRttMs;
  private final int chainPeers;

  /** Called from one thread (the fleet's telemetry loop): the generator is not shared. */
  SimulatedTelemetry(
      String nodeId,
      SimulatedRuntime runtime,
      HostMetrics host,
      ReleaseFaults faults,
      List<String> peers) {
    this.nodeId = nodeId;
    this.runtime = runtime;
    this.host = host;
    this.faults = faults;
    this.peers = List.copyOf(peers);
    this.random = new Random(nodeId.hashCode());
    this.requestsPerSecond = 5 + random.nextDouble() * 15;
    this.errorRate = 0.002 + random.nextDouble() * 0.006;
    this.latencyMs = 40 + random.nextDouble() * 80;
    this.platformRttMs = 5 + random.nextDouble() * 75;
    this.chainPeers = 8 + random.nextInt(18);
  }

  /**
   * @param at the report's time (the fleet's clock at this round)
   */
  TelemetryReport report(Duration interval, Instant at) {
    ResourceUsage usage = host.sample();
    // During a soak the release on trial serves: its errors and latency are what the node sees.
    String version = runtime.serving().version();
    Optional<ReleaseFaults.Kind> fault = faults.faultOf(nodeId, version);
    double errors =
        errorRate
            * (fault.equals(Optional.of(ReleaseFaults.Kind.ERRORS))
                ? ReleaseFaults.ERROR_FACTOR
                : 1);
    double latency =
        latencyMs
            * (fault.equals(Optional.of(ReleaseFaults.Kind.LATENCY))
                ? ReleaseFaults.LATENCY_FACTOR
                : 1);
    int requests = (int) Math.round(requestsPerSecond * interval.toMillis() / 1000.0 * noise(0.2));
    int errorCount = count(requests * errors * noise(0.3));
    Map<String, Integer> byType = new LinkedHashMap<>();
    for (int i = 0; i < errorCount; i++) {
      byType.merge(ERROR_TYPES.get(random.nextInt(ERROR_TYPES.size())), 1, Integer::sum);
    }
    Map<String, Double> peerRtt = new LinkedHashMap<>();
    for (String peer : peers) {
      peerRtt.put(peer, round(platformRttMs * noise(0.5)));
    }
    return new TelemetryReport(
        nodeId,
        at,
        version,
        runtime.lastKnownHealth().name(),
        usage.cpuPercent(),
        usage.memoryPercent(),
        usage.diskPercent(),
        round(platformRttMs * noise(0.1)),
        peerRtt,
        errorCount,
        byType,
        requests,
        round(latency * noise(0.1)),
        (long) (random.nextDouble() < 0.9 ? 0 : 1 + random.nextInt(3)),
        Math.max(1, chainPeers + random.nextInt(3) - 1),
        random.nextDouble() < 0.01 ? 1 : 0,
        random.nextInt(5),
        random.nextInt(12));
  }

  /**
   * A whole count with {@code expected} as its mean: rounding would turn a 0.5 % error rate over a
   * short interval's few requests into no error at all.
   */
  private int count(double expected) {
    int whole = (int) expected;
    return whole + (random.nextDouble() < expected - whole ? 1 : 0);
  }

  /** A factor around 1, within ±{@code spread}. */
  private double noise(double spread) {
    return 1 + (random.nextDouble() * 2 - 1) * spread;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
