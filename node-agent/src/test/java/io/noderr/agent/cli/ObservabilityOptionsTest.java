package io.noderr.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.noderr.agent.AgentHost;
import io.noderr.observability.Tracing;
import io.temporal.activity.ActivityInterface;
import io.temporal.testserver.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code noderr agent}'s metrics endpoint: loopback {@code /metrics} by default, off with port 0,
 * skipped (not fatal) on a taken port, and serving the Temporal SDK's metrics of the node's worker
 * once it polls.
 */
class ObservabilityOptionsTest {

  @Command(name = "agent")
  static class Agent {
    @Mixin ObservabilityOptions observability = new ObservabilityOptions();
  }

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

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
