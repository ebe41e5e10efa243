package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.cli.sim.FleetSimulator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded platform's observability with its simulated fleet behind the gateway: one REST call
 * traced through the workflow to the node's activity and back (in-process span store, {@code GET
 * /api/v1/traces}), and the domain metrics on {@code /actuator/prometheus} after real traffic (an
 * application, a release approval, a rollout).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {

  private static final int NODES = 5;
  private static final String NODE = "sim-00002";
  private static final String NODE_QUEUE = "task_queue=\"node-" + NODE + "\"";

  @TempDir static Path dataDir;
  private ConfigurableApplicationContext platform;
  private PlatformApi api;

  @BeforeAll
  void start() {
    platform =
        EmbeddedPlatforms.start(
            dataDir,
            NODES,
            "--noderr.sim.heartbeat-interval=1s",
            "--noderr.metrics.fleet-refresh=1s");
    api = new PlatformApi(EmbeddedPlatforms.baseUrl(platform));
    api.awaitFleet(NODES);
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(0)
  void aHealthCheckRequest_isOneTrace_fromTheRestCallThroughTheWorkflowToTheNodesActivity()
      throws Exception {
    HttpResponse<String> started =
        api.post("/api/v1/nodes/" + NODE + "/health-checks", "admin", Map.of());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String traceId = started.headers().firstValue("X-Trace-Id").orElseThrow();
    String workflowId = PlatformApi.json(started).path("workflowId").asText();

    JsonNode trace =
        await()
            .atMost(30, TimeUnit.SECONDS)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> traceOf(traceId), found -> found != null && hasNodeActivityDone(found));

    List<JsonNode> spans = list(trace.path("spans"));
    assertThat(spans).allMatch(span -> span.path("traceId").asText().equals(traceId));
    assertThat(trace.path("name").asText()).isEqualTo("POST /api/v1/nodes/{id}/health-checks");
    assertThat(names(spans))
        .anyMatch(name -> name.startsWith("StartWorkflow:"))
        .anyMatch(name -> name.startsWith("RunWorkflow:"))
        .anyMatch(name -> name.startsWith("StartActivity:"));
    JsonNode onTheNode =
        spans.stream()
            .filter(span -> span.path("name").asText().startsWith("RunActivity:"))
            .filter(span -> NODE.equals(span.path("attributes").path("noderr.node.id").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(onTheNode.path("attributes").path("workflowId").asText()).isEqualTo(workflowId);
    // Parent links hold the trace together: every span but the REST call's has its parent here.
    List<String> ids = spans.stream().map(span -> span.path("spanId").asText()).toList();
    assertThat(spans)
        .filteredOn(span -> !span.path("parentSpanId").asText().isEmpty())
        .allMatch(span -> ids.contains(span.path("parentSpanId").asText()));
    assertThat(spans).filteredOn(span -> span.path("parentSpanId").asText().isEmpty()).hasSize(1);
  }

  @Test
  @Order(1)
  void theTraceApi_refusesAQueryWithoutExactlyOneFilter() throws Exception {
    assertThat(api.status("/api/v1/traces", "sre")).isEqualTo(400);
    assertThat(api.status("/api/v1/traces?node=a&deployment=b", "sre")).isEqualTo(400);
    assertThat(api.status("/api/v1/traces?node=" + NODE, "signer1")).isEqualTo(403);
  }

  @Test
  @Order(1)
  void theSbom_isServedToAdminsAndSres_andNobodyElse() throws Exception {
    JsonNode sbom = api.get("/actuator/sbom/application", "sre");
    assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(sbom.path("metadata").path("component").path("name").asText())
        .isEqualTo("noderr-app");
    assertThat(list(sbom.path("components"))).isNotEmpty();
    assertThat(api.status("/actuator/sbom/application", "admin")).isEqualTo(200);
    assertThat(api.status("/actuator/sbom", "sre")).isEqualTo(200);
    assertThat(api.status("/actuator/sbom/application", "signer1")).isEqualTo(403);
    assertThat(api.status("/actuator/sbom/application", null)).isEqualTo(401);
  }

  @Test
  @Order(2)
  void theDomainMetrics_countRealTraffic() throws Exception {
    api.apply("ALL", "eu-west");
    String version = "1.3.0";
    String digest = FleetSimulator.digestOf(version);
    Publications.ensurePublished(api, "ALL", version, digest);
    String deployment = deploy(version, digest);

    Scrape scrape =
        await()
            .atMost(30, TimeUnit.SECONDS)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> new Scrape(api.text("/actuator/prometheus", "sre")),
                s ->
                    s.sum("noderr_fleet_nodes", "version=\"" + version + "\"") >= NODES
                        // The simulated node's own SDK series arrive with its scope's first
                        // report, 10 s after its worker started.
                        && s.sum("temporal_num_pollers", NODE_QUEUE) > 0);

    assertThat(scrape.sum("noderr_fleet_nodes", "status=\"ACTIVE\"")).isEqualTo(NODES);
    assertThat(scrape.sum("noderr_fleet_heartbeat_lag_seconds", "stat=\"max\""))
        .isBetween(0.0, 30.0);
    assertThat(scrape.sum("noderr_node_update_duration_seconds_count", "outcome=\"updated\""))
        .isGreaterThanOrEqualTo(NODES);
    assertThat(scrape.sum("noderr_rollout_gate_verdicts_total", "verdict=\"passed\"")).isPositive();
    assertThat(scrape.sum("noderr_onboarding_steps_total", "step=\"submitted\"")).isEqualTo(1);
    assertThat(scrape.sum("noderr_release_approval_steps_total", "step=\"signed\""))
        .isGreaterThanOrEqualTo(2);
    assertThat(scrape.sum("noderr_release_approval_steps_total", "step=\"proposed\""))
        .isGreaterThanOrEqualTo(1);
    // Emergencies and signature waits: their series are there before any emergency.
    assertThat(scrape.sum("noderr_emergency_steps_total", "step=\"done\"")).isZero();
    assertThat(scrape.sum("noderr_signature_requests_open", "kind=\"EMERGENCY\"")).isZero();
    assertThat(scrape.sum("noderr_signature_requests_oldest_age_seconds", "kind=\"RELEASE\""))
        .isGreaterThanOrEqualTo(0);
    // The embedded fleet's agents count into the same registry (role all).
    assertThat(scrape.sum("noderr_agent_heartbeats_total", "outcome=\"sent\""))
        .as(scrape.seriesStartingWith("noderr_agent").toString())
        .isPositive();
    assertThat(scrape.sum("noderr_agent_beacon_checks_total", "outcome=\"verified\"")).isPositive();
    // The Temporal SDK's own metrics: the platform worker's, and (in the embedded platform, whose
    // simulated agents report into the same registry) a node's activity poller. A real agent's are
    // on its own /metrics: ObservabilityOptionsTest.
    assertThat(scrape.sum("temporal_num_pollers", NODE_QUEUE)).isEqualTo(1);
    assertThat(scrape.sum("temporal_request_latency_seconds_count"))
        .as(scrape.seriesStartingWith("temporal_").toString())
        .isPositive();
    assertThat(scrape.sum("temporal_long_request_total", "task_queue=\"noderr-platform\""))
        .as(scrape.seriesStartingWith("temporal_").toString())
        .isPositive();

    JsonNode traces = api.get("/api/v1/traces?deployment=" + deployment, "sre");
    assertThat(traces.path("recording").asBoolean()).isTrue();
    assertThat(list(traces.path("traces"))).isNotEmpty();
  }

  private String deploy(String version, String digest) throws Exception {
    HttpResponse<String> deployed =
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
                // Two stages: the first one's end is a gate verdict (the last stage ends the
                // rollout).
                "steps",
                List.of("50%", "100%"),
                "soakSeconds",
                0,
                "rollbackWindowHours",
                1));
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(202);
    String id = PlatformApi.json(deployed).path("id").asText();
    await()
        .atMost(120, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> api.get("/api/v1/deployments/" + id, "sre").path("status").asText(),
            status -> status.equals("COMPLETED"));
    return id;
  }

  private JsonNode traceOf(String traceId) throws Exception {
    JsonNode answer = api.get("/api/v1/traces?node=" + NODE, "sre");
    assertThat(answer.path("recording").asBoolean()).isTrue();
    return list(answer.path("traces")).stream()
        .filter(trace -> trace.path("traceId").asText().equals(traceId))
        .findFirst()
        .orElse(null);
  }

  /** The node's activity finished and the workflow after it (its RunWorkflow span ended). */
  private static boolean hasNodeActivityDone(JsonNode trace) {
    List<String> names = names(list(trace.path("spans")));
    return names.stream().anyMatch(name -> name.startsWith("RunActivity:"))
        && names.stream().anyMatch(name -> name.startsWith("RunWorkflow:"));
  }

  private static List<String> names(List<JsonNode> spans) {
    return spans.stream().map(span -> span.path("name").asText()).toList();
  }

  private static List<JsonNode> list(JsonNode array) {
    return new ArrayList<>(StreamSupport.stream(array.spliterator(), false).toList());
  }
}
