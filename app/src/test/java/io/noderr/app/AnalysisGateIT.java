package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.cli.sim.FleetSimulator;
import io.noderr.registry.telemetry.Resolution;
import io.noderr.registry.telemetry.TelemetryQuery;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A release that hurts nodes without failing them, caught by telemetry: on the embedded platform
 * (real PostgreSQL, Temporal, gateway) 40 simulated nodes report telemetry every second through the
 * gateway; release 2.2.0 multiplies the error rate of every node that runs it while its updates and
 * health soaks succeed. The result gate passes the canary; the analysis gate compares the canary's
 * error rate with the tier's nodes still on 1.0.0 and rolls the release back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisGateIT {

  @TempDir static Path dataDir;
  private ConfigurableApplicationContext platform;
  private PlatformApi api;

  @BeforeAll
  void start() {
    platform =
        EmbeddedPlatforms.start(
            dataDir,
            40,
            "--noderr.sim.release-faults=2.2.0:errors=100",
            "--noderr.sim.telemetry-interval=1s");
    api = new PlatformApi(EmbeddedPlatforms.baseUrl(platform));
    api.awaitFleet(40);
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void simulatedNodes_reportTelemetryThroughTheGateway() {
    TelemetryQuery telemetry = platform.getBean(TelemetryQuery.class);

    await()
        .atMost(30, TimeUnit.SECONDS)
        .until(
            () ->
                telemetry
                    .nodeSeries(
                        "sim-00001",
                        Instant.now().minus(Duration.ofMinutes(5)),
                        Instant.now().plusSeconds(1),
                        Resolution.RAW)
                    .size(),
            samples -> samples >= 2);
  }

  @Test
  void aReleaseThatOnlyRaisesTheCanarysErrorRate_isRolledBackByTheAnalysisGate() throws Exception {
    String version = "2.2.0";
    String digest = FleetSimulator.digestOf(version);
    Publications.ensurePublished(api, "ALL", version, digest);

    HttpResponse<String> started =
        api.post(
            "/api/v1/deployments",
            "admin",
            Map.of(
                "version",
                version,
                "tiers",
                List.of("ALL"),
                "imageDigest",
                digest,
                "steps",
                List.of("25%", "100%"),
                // Long enough for a few telemetry reports from the new version.
                "soakSeconds",
                6,
                "analysis",
                List.of("errorRate<=1.5x", "minSamples=3"),
                "rollbackWindowHours",
                1));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String id = PlatformApi.json(started).path("id").asText();

    JsonNode rolledBack =
        await()
            .atMost(120, TimeUnit.SECONDS)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> api.get("/api/v1/deployments/" + id, "sre"),
                state -> state.path("status").asText().equals("ROLLED_BACK"));

    assertThat(rolledBack.path("reason").asText())
        .startsWith("gate failed at stage 1: analysis: error rate ");
    assertThat(rolledBack.path("counts").path("failed").asInt()).isZero();
    JsonNode evaluation =
        rolledBack.path("evaluations").get(rolledBack.path("evaluations").size() - 1);
    assertThat(evaluation.path("verdict").asText()).isEqualTo("FAIL");
    assertThat(evaluation.path("failed").asInt()).isZero();
    JsonNode numbers = evaluation.path("analysis").path("numbers");
    double cohort = numbers.path("cohort").path("errorRate").asDouble();
    double baseline = numbers.path("baseline").path("errorRate").asDouble();
    assertThat(numbers.path("cohort").path("samples").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(baseline).isPositive();
    assertThat(cohort).isGreaterThan(1.5 * baseline);
  }

  @Test
  void aBadAnalysisRule_isA400NamingIt() throws Exception {
    HttpResponse<String> refused =
        api.post(
            "/api/v1/deployments",
            "admin",
            Map.of(
                "version",
                "2.3.0",
                "tiers",
                List.of("ALL"),
                "analysis",
                List.of("errorRate<=lots")));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("analysis: 'errorRate<=lots' is not a rule");
  }
}
