package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.cli.sim.FailurePlan;
import io.noderr.cli.sim.FleetSimulator;
import io.noderr.cli.sim.SimulatedFleetSpec;
import io.noderr.cli.sim.TokenEnrollment;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --role console} and {@code --role worker} as separate processes' worth of contexts: the
 * console (here also hosting the embedded PostgreSQL and Temporal) has no worker, so a health check
 * only completes if the worker-role context, pointed at the console's database and Temporal through
 * the external-mode settings, runs it.
 */
class ScaledOutRolesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path consoleDir;
  @TempDir Path workerDir;

  @Test
  void consoleAndWorkerRoles_cooperateThroughPostgresAndTemporal() throws Exception {
    int temporalPort;
    int workerMetricsPort;
    try (ServerSocket socket = new ServerSocket(0);
        ServerSocket other = new ServerSocket(0)) {
      temporalPort = socket.getLocalPort();
      workerMetricsPort = other.getLocalPort();
    }
    try (ConfigurableApplicationContext console =
        NoderrApplication.start(
            LaunchOptions.parse(
                "--role",
                "console",
                "--data-dir",
                consoleDir.toString(),
                "--port",
                "0",
                "--temporal-port",
                Integer.toString(temporalPort),
                "--gateway-port",
                "0"))) {
      var env = console.getEnvironment();
      String temporal = env.getRequiredProperty("noderr.temporal.target");
      try (ConfigurableApplicationContext worker =
          NoderrApplication.start(
              LaunchOptions.parse(
                  "--role",
                  "worker",
                  "--data-dir",
                  workerDir.toString(),
                  "--noderr.database.url=" + env.getRequiredProperty("spring.datasource.url"),
                  "--noderr.database.username=postgres",
                  "--noderr.temporal.target=" + temporal,
                  "--noderr.temporal.credential="
                      + env.getRequiredProperty("noderr.temporal.credential"),
                  "--noderr.metrics.port=" + workerMetricsPort,
                  "--noderr.metrics.fleet-refresh=1s"))) {
        assertThat(worker).isNotInstanceOf(WebServerApplicationContext.class);
        URI base =
            URI.create(
                "http://127.0.0.1:"
                    + ((WebServerApplicationContext) console).getWebServer().getPort());
        String token = Files.readString(consoleDir.resolve("agent-token")).strip();
        PlatformClient client = new PlatformClient(base, token);
        TokenEnrollment enrollment = new TokenEnrollment(client);
        try (FleetSimulator fleet =
            new FleetSimulator(
                new SimulatedFleetSpec("roles", 3, "1.0.0", FailurePlan.NONE),
                () -> enrollment.connect(null, "default", null),
                enrollment,
                client)) {
          fleet.start(Duration.ofSeconds(1));

          HttpClient http = HttpClient.newHttpClient();
          HttpResponse<String> started =
              http.send(
                  admin(base.resolve("/api/v1/nodes/roles-00001/health-checks"))
                      .header("X-Requested-By", "noderr-tests")
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          assertThat(started.statusCode()).isEqualTo(202);

          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> latestRun(http, base).path("status").asText().equals("COMPLETED"));
          assertThat(latestRun(http, base).path("detail").asText()).startsWith("HEALTHY");

          // Each role its own Prometheus endpoint: the worker's /metrics (it serves no HTTP
          // otherwise) with the fleet gauges and the platform worker's Temporal SDK metrics.
          URI workerMetrics = URI.create("http://127.0.0.1:" + workerMetricsPort + "/metrics");
          Scrape fromWorker =
              await()
                  .atMost(Duration.ofSeconds(30))
                  .until(
                      () ->
                          new Scrape(
                              http.send(
                                      HttpRequest.newBuilder(workerMetrics).build(),
                                      HttpResponse.BodyHandlers.ofString())
                                  .body()),
                      // Counters come with the SDK's 10 s report.
                      scrape ->
                          scrape.sum("noderr_fleet_nodes", "status=\"ACTIVE\"") >= 3
                              && scrape.sum(
                                      "temporal_long_request_total",
                                      "task_queue=\"noderr-platform\"")
                                  > 0);
          assertThat(fromWorker.sum("noderr_fleet_heartbeat_lag_seconds", "stat=\"max\""))
              .isBetween(0.0, 30.0);
          Scrape fromConsole =
              new Scrape(
                  http.send(
                          admin(base.resolve("/actuator/prometheus")).GET().build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body());
          assertThat(fromConsole.sum("temporal_request_latency_seconds_count")).isPositive();
          assertThat(fromConsole.sum("noderr_fleet_nodes")).isEqualTo(-1);
        }
      }
    }
  }

  private static JsonNode latestRun(HttpClient http, URI base) throws Exception {
    HttpResponse<String> response =
        http.send(
            admin(base.resolve("/api/v1/nodes/roles-00001")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).path("recentWorkflows").get(0).path("run");
  }

  private static HttpRequest.Builder admin(URI uri) {
    return HttpRequest.newBuilder(uri)
        .header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString("admin:noderr-demo".getBytes()));
  }
}
