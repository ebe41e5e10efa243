package io.noderr.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.noderr.activities.node.NodeStatusReport;
import io.noderr.activities.node.ReleaseToVerify;
import io.noderr.activities.release.BeaconTier;
import io.noderr.agent.AgentHost;
import io.noderr.agent.HeartbeatLoop;
import io.noderr.agent.platform.HeartbeatAnswer;
import io.noderr.agent.platform.PlatformException;
import io.noderr.agent.release.BeaconDigestCheck;
import io.noderr.agent.release.BeaconRelease;
import io.noderr.agent.release.BeaconSource;
import io.noderr.agent.telemetry.TelemetryLoop;
import io.noderr.agent.telemetry.TelemetryReport;
import io.noderr.observability.Tracing;
import io.noderr.signing.ImageDigest;
import io.temporal.activity.ActivityInterface;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testserver.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code noderr agent}'s metrics endpoint: loopback {@code /metrics} by default, off with port 0,
 * skipped (not fatal) on a taken port, and serving the Temporal SDK's metrics of the node's worker
 * once it polls, and the agent's own domain counters.
 */
class ObservabilityOptionsTest {

  @Command(name = "agent")
  static class Agent {
    @Mixin ObservabilityOptions observability = new ObservabilityOptions();
  }

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @ActivityInterface
  public interface Ping {
    String ping(String text);
  }

  private static ObservabilityOptions parse(String... args) {
    Agent agent = new Agent();
    new CommandLine(agent).parseArgs(args);
    return agent.observability;
  }

  @Test
  void byDefault_metricsAreOnLoopback_andNoSpansLeaveTheNode() {
    ObservabilityOptions options = parse();

    assertThat(options.metricsBind).isEqualTo("127.0.0.1");
    assertThat(options.metricsPort).isEqualTo(9465);
    assertThat(options.otlpEndpoint).isNull();
  }

  @Test
  void portZero_turnsTheEndpointOff() {
    try (ObservabilityOptions.Started started = parse("--metrics-port", "0").start()) {
      assertThat(started.endpoint()).isNull();
    }
  }

  @Test
  void aTakenPort_costsTheEndpoint_notTheAgent() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ObservabilityOptions.Started started =
            parse("--metrics-port", Integer.toString(taken.getLocalPort())).start()) {
      assertThat(started.endpoint()).isNull();
      assertThat(started.tracing()).isSameAs(Tracing.current());
    }
  }

  @Test
  void theEndpoint_servesTheTemporalSdkMetricsOfTheNodesWorker() throws Exception {
    int temporalPort = freePort();
    int metricsPort = freePort();
    HttpClient http = HttpClient.newHttpClient();
    try (var temporal = TestServer.createPortBoundServer(temporalPort);
        ObservabilityOptions.Started started =
            parse("--metrics-port", Integer.toString(metricsPort)).start();
        AgentHost host = AgentHost.connect("127.0.0.1:" + temporalPort, "default", null)) {
      host.addNode("n-1", (Ping) text -> text);
      host.start();

      URI metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
      // Timers are recorded at once; counters and gauges with the SDK's report every 10 s.
      String scrape =
          await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  () ->
                      http.send(
                              HttpRequest.newBuilder(metrics).build(),
                              HttpResponse.BodyHandlers.ofString())
                          .body(),
                  body -> body.contains("task_queue=\"node-n-1\""));
      assertThat(scrape).contains("temporal_request_latency_seconds_count{");
      assertThat(
              http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + metricsPort + "/other"))
                          .build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void theEndpoint_servesTheAgentsDomainCounters_heartbeatsTelemetryBeaconChecks()
      throws Exception {
    int metricsPort = freePort();
    try (ObservabilityOptions.Started started =
        parse("--metrics-port", Integer.toString(metricsPort)).start()) {
      NodeStatusReport status = new NodeStatusReport("n-1", "1.0.0", null, null, null, 0);
      new HeartbeatLoop(
              batch -> new HeartbeatAnswer(1, List.of(), List.of("n-2")),
              () -> List.of(status, status))
          .beat();
      List<TelemetryReport> telemetry =
          List.of(
              new TelemetryReport(
                  "n-1",
                  Instant.parse("2026-12-01T00:00:00Z"),
                  "1.0.0",
                  "HEALTHY",
                  1,
                  1,
                  1,
                  null,
                  Map.of(),
                  0,
                  Map.of(),
                  0,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null));
      AtomicBoolean platformBusy = new AtomicBoolean(true);
      TelemetryLoop loop =
          new TelemetryLoop(
              batch -> {
                if (platformBusy.getAndSet(false)) {
                  throw new PlatformException("queue full", 503);
                }
              },
              () -> telemetry);
      assertThatThrownBy(loop::report).isInstanceOf(PlatformException.class);
      loop.report();
      BeaconDigestCheck check =
          new BeaconDigestCheck(
              new BeaconSource() {
                @Override
                public String name() {
                  return "test";
                }

                @Override
                public Optional<BeaconRelease> current(BeaconTier tier) {
                  return Optional.of(new BeaconRelease("1.0.0", ImageDigest.parse(DIGEST)));
                }
              },
              BeaconTier.ALL);
      check.verifyRelease(new ReleaseToVerify("ALL", "1.0.0", DIGEST));
      assertThatThrownBy(() -> check.verifyRelease(new ReleaseToVerify("ALL", "6.6.6", DIGEST)))
          .isInstanceOf(ApplicationFailure.class);

      String scrape =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();

      assertThat(scrape)
          .contains(
              "noderr_agent_heartbeats_total{outcome=\"sent\"} 1.0",
              "noderr_agent_heartbeats_total{outcome=\"unknown\"} 1.0",
              "noderr_agent_telemetry_reports_total{outcome=\"refused\"} 1.0",
              "noderr_agent_telemetry_reports_total{outcome=\"sent\"} 2.0",
              "noderr_agent_beacon_checks_total{outcome=\"verified\"} 1.0",
              "noderr_agent_beacon_checks_total{outcome=\"refused\"} 1.0");
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
