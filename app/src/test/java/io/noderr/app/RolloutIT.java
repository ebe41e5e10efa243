package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.cli.sim.FleetSimulator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * Staged rollouts end to end on the embedded platform with 300 simulated nodes (180 in tier ALL),
 * each a Temporal worker on its own queue: a deployment over REST reaches every node stage by stage
 * and can be rolled back inside its window; a release that fails its health soak on the canary is
 * rolled back automatically; bad requests get a 4xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolloutIT {

  @TempDir static Path dataDir;
  private ConfigurableApplicationContext platform;
  private PlatformApi api;

  @BeforeAll
  void start() {
    platform = EmbeddedPlatforms.start(dataDir, 300, "--noderr.sim.release-faults=6.6.6=100");
    api = new PlatformApi(EmbeddedPlatforms.baseUrl(platform));
    api.awaitFleet(300);
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void deployment_reachesEveryNodeOfTheTier_stageByStage_andRollsBackOnRequest() throws Exception {
    String id = deploy("1.1.0", List.of("10%", "50%", "100%"));
    assertThat(id).isEqualTo("rollout-ALL-1.1.0");

    JsonNode completed = awaitStatus(id, "COMPLETED");

    assertThat(completed.path("total").asInt()).isEqualTo(180);
    assertThat(completed.path("counts").path("updated").asInt()).isEqualTo(180);
    assertThat(completed.path("evaluations").size()).isGreaterThanOrEqualTo(3);
    assertThat(completed.path("evaluations").get(0).path("verdict").asText()).isEqualTo("PASS");

    HttpResponse<String> rollback =
        api.post("/api/v1/deployments/" + id + "/rollback", "admin", Map.of("reason", "drill"));
    assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(200);
    JsonNode rolledBack = awaitStatus(id, "ROLLED_BACK");
    assertThat(rolledBack.path("counts").path("rolledBack").asInt()).isEqualTo(180);
  }

  @Test
  void releaseFailingItsHealthSoak_isRolledBackAfterTheCanary() throws Exception {
    String id = deploy("6.6.6", List.of("5%", "100%"));

    JsonNode rolledBack = awaitStatus(id, "ROLLED_BACK");

    assertThat(rolledBack.path("reason").asText()).startsWith("gate failed at stage 1");
    assertThat(rolledBack.path("position").asInt()).isEqualTo(9);
    assertThat(rolledBack.path("counts").path("updated").asInt()).isZero();
  }

  @Test
  void releaseFaults_setOverRest_makeTheNextRolloutFailItsCanary() throws Exception {
    HttpResponse<String> set =
        api.put("/api/v1/simulator/release-faults", "admin", Map.of("spec", "1.5.0:unhealthy=100"));
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(api.get("/api/v1/simulator", "sre").path("releaseFaults").asText())
        .isEqualTo("1.5.0:unhealthy=100,6.6.6:unhealthy=100");

    String id = deploy("1.5.0", List.of("5%", "100%"), "GUARDIAN");

    JsonNode rolledBack = awaitStatus(id, "ROLLED_BACK");
    assertThat(rolledBack.path("reason").asText()).startsWith("gate failed at stage 1");
    HttpResponse<String> bad =
        api.put("/api/v1/simulator/release-faults", "admin", Map.of("spec", "1.5.0:melt=5"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("the kind must be unhealthy, slow, crash, hang, errors or latency");
    assertThat(
            api.put("/api/v1/simulator/release-faults", "sre", Map.of("spec", "1.5.0=0"))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void publishingIsEnough_whenTheTiersAutoDeployIsOn() throws Exception {
    HttpResponse<String> on =
        api.put(
            "/api/v1/auto-deploy/GUARDIAN",
            "admin",
            Map.of("enabled", true, "preset", "all-at-once"));
    assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
    try {
      Publications.ensurePublished(api, "GUARDIAN", "1.7.0", digest("1.7.0"));

      String id = "rollout-GUARDIAN-1.7.0";
      await()
          .atMost(30, TimeUnit.SECONDS)
          .until(() -> api.status("/api/v1/deployments/" + id, "sre") == 200);
      JsonNode done = awaitStatus(id, "COMPLETED");
      assertThat(done.path("counts").path("updated").asInt()).isPositive();
    } finally {
      api.put("/api/v1/auto-deploy/GUARDIAN", "admin", Map.of("enabled", false));
    }
  }

  @Test
  void badRequests_getAClear4xx() throws Exception {
    assertThat(
            post(
                Map.of(
                    "version", "latest", "tiers", List.of("ALL"), "imageDigest", digest("1.0.0"))))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
        .satisfies(r -> assertThat(r.body()).contains("not a semantic version"));
    assertThat(post(Map.of("version", "1.2.0", "tiers", List.of("MOON"))).statusCode())
        .isEqualTo(400);
    HttpResponse<String> unsigned =
        post(Map.of("version", "1.2.0", "tiers", List.of("ALL"), "imageDigest", digest("1.2.0")));
    assertThat(unsigned.statusCode()).isEqualTo(409);
    assertThat(unsigned.body())
        .contains("for tier ALL, not 1.2.0 (" + digest("1.2.0") + ")")
        .contains("only releases the signers published");
    assertThat(
            post(Map.of(
                    "version",
                    "1.2.0",
                    "tiers",
                    List.of("ALL"),
                    "imageDigest",
                    digest("1.2.0"),
                    "steps",
                    List.of("50%", "10%")))
                .body())
        .contains("percent steps must grow");
    HttpResponse<String> bySre =
        api.post(
            "/api/v1/deployments",
            "sre",
            Map.of("version", "1.2.0", "tiers", List.of("ALL"), "imageDigest", digest("1.2.0")));
    assertThat(bySre.statusCode()).isEqualTo(403);
    assertThat(api.status("/api/v1/deployments/rollout-ALL-9.9.9", "sre")).isEqualTo(404);
    assertThat(
            api.post("/api/v1/deployments/rollout-ALL-1.1.0/fly", "admin", Map.of()).statusCode())
        .isEqualTo(400);
  }

  private String deploy(String version, List<String> steps) throws Exception {
    return deploy(version, steps, "ALL");
  }

  private String deploy(String version, List<String> steps, String tier) throws Exception {
    Publications.ensurePublished(api, tier, version, digest(version));
    HttpResponse<String> response =
        post(
            Map.of(
                "version",
                version,
                "tiers",
                List.of(tier),
                "imageDigest",
                digest(version),
                "steps",
                steps,
                "soakSeconds",
                0,
                "rollbackWindowHours",
                1));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return PlatformApi.json(response).path("id").asText();
  }

  private HttpResponse<String> post(Map<String, Object> form) throws Exception {
    return api.post("/api/v1/deployments", "admin", form);
  }

  private JsonNode awaitStatus(String id, String status) {
    return await()
        .atMost(120, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> api.get("/api/v1/deployments/" + id, "sre"),
            state -> state.path("status").asText().equals(status));
  }

  private static String digest(String version) {
    return FleetSimulator.digestOf(version);
  }
}
