package io.noderr.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.agent.runtime.RunningRelease;
import io.noderr.agent.telemetry.TelemetryReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedTelemetryTest {

  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
  private final ReleaseFaults faults = new ReleaseFaults();
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

  private SimulatedTelemetry node(String id, String version) {
    SimulatedNode node = new SimulatedNode(id, FailurePlan.NONE);
    return new SimulatedTelemetry(
        id,
        new SimulatedRuntime(new RunningRelease(version, "sha256:x"), node),
        new SimulatedHostMetrics(id, clock),
        faults,
        List.of("peer-a", "peer-b"));
  }

  private static List<TelemetryReport> minutes(SimulatedTelemetry node, int reports) {
    return IntStream.range(0, reports)
        .mapToObj(i -> node.report(TEN_SECONDS, Instant.EPOCH.plusSeconds(10L * i)))
        .toList();
  }

  private static double errorRate(List<TelemetryReport> reports) {
    return reports.stream().mapToInt(TelemetryReport::errors).sum()
        / (double) reports.stream().mapToInt(TelemetryReport::requests).sum();
  }

  private static double meanLatency(List<TelemetryReport> reports) {
    return reports.stream().mapToDouble(TelemetryReport::latencyP95Ms).average().orElseThrow();
  }

  @Test
  void seriesAreSeeded_theSameNodeReportsTheSameSeriesTwice() {
    assertThat(minutes(node("sim-1", "1.0.0"), 30)).isEqualTo(minutes(node("sim-1", "1.0.0"), 30));
    assertThat(minutes(node("sim-1", "1.0.0"), 30))
        .isNotEqualTo(minutes(node("sim-2", "1.0.0"), 30));
  }

  @Test
  void reportsArePlausible() {
    List<TelemetryReport> reports = minutes(node("sim-7", "1.0.0"), 360);

    assertThat(reports)
        .allSatisfy(
            r -> {
              assertThat(r.requests()).isBetween(40, 240);
              assertThat(r.errors()).isLessThanOrEqualTo(r.requests());
              assertThat(r.errorsByType().values().stream().mapToInt(Integer::intValue).sum())
                  .isEqualTo(r.errors());
              assertThat(r.latencyP95Ms()).isBetween(30.0, 140.0);
              assertThat(r.peerRttMs()).containsOnlyKeys("peer-a", "peer-b");
              assertThat(r.health()).isEqualTo("HEALTHY");
              assertThat(r.peers()).isPositive();
            });
    assertThat(errorRate(reports)).isBetween(0.001, 0.01);
  }

  @Test
  void anErrorsFault_raisesTheErrorRate_aLatencyFault_theLatency_ofTheNodesItHits() {
    faults.set("2.0.0", ReleaseFaults.Kind.ERRORS, 100);
    faults.set("3.0.0", ReleaseFaults.Kind.LATENCY, 100);

    double healthy = errorRate(minutes(node("sim-3", "1.0.0"), 360));
    double hurt = errorRate(minutes(node("sim-3", "2.0.0"), 360));
    double slow = meanLatency(minutes(node("sim-3", "3.0.0"), 360));

    assertThat(hurt).isGreaterThan(5 * healthy);
    assertThat(slow).isGreaterThan(3 * meanLatency(minutes(node("sim-3", "1.0.0"), 360)));
  }
}
