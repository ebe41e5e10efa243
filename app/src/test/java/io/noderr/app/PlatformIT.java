package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.gateway.agent.EmbeddedFleetCredential;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The packaged platform started as {@code noderr up} starts it (embedded PostgreSQL, embedded
 * Temporal, worker, console, simulated fleet), driven over REST as a user would, then restarted on
 * the same data directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformIT {

  static final int FLEET = 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  private ConfigurableApplicationContext platform;
  private URI base;
  private PlatformApi api;
  private String silentNode;

  @BeforeAll
  void start() throws IOException {
    startPlatform();
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void fleet_enrollsAndReports_withinSeconds() throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/api/v1/fleet/health", "sre").path("total").asLong() == FLEET);
    JsonNode page = get("/api/v1/nodes?tier=ORACLE&size=100", "sre");
    assertThat(page.path("total").asLong()).isEqualTo(FLEET / 5);
    assertThat(page.path("items").get(0).path("id").asText()).startsWith("sim-");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                get("/api/v1/nodes?sort=lastSeen&order=desc&size=1", "sre")
                    .path("items")
                    .get(0)
                    .hasNonNull("lastSeen"));
  }

  @Test
  @Order(2)
  void silentNodes_becomeDegraded_andRecoverWhenTheyReport() throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/api/v1/nodes?status=DEGRADED", "sre").path("total").asLong() > 0);
    silentNode =
        get("/api/v1/nodes?status=DEGRADED", "sre").path("items").get(0).path("id").asText();

    // The silent node may be of any tier: the platform's own fleet credential speaks for it.
    String token = platform.getBean(EmbeddedFleetCredential.class).secret();
    HttpResponse<String> beat = api.heartbeat(token, silentNode);
    assertThat(beat.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(beat.body()).path("recovered").get(0).asText()).isEqualTo(silentNode);
    JsonNode node = get("/api/v1/nodes/" + silentNode, "sre");
    assertThat(node.path("node").path("status").asText()).isEqualTo("ACTIVE");
    assertThat(node.path("recentAudit").toString()).contains("node.recovered", "node.degraded");
  }

  @Test
  @Order(3)
  void healthCheck_runsOnTheNodesOwnQueue_andIsRecorded() throws Exception {
    String healthy = reportingNode();
    HttpResponse<String> started = post("/api/v1/nodes/" + healthy + "/health-checks", "admin");
    assertThat(started.statusCode()).isEqualTo(202);
    String workflowId = JSON.readTree(started.body()).path("workflowId").asText();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                get("/api/v1/nodes/" + healthy, "sre")
                    .path("recentWorkflows")
                    .get(0)
                    .path("run")
                    .path("status")
                    .asText()
                    .equals("COMPLETED"));
    JsonNode run =
        get("/api/v1/nodes/" + healthy, "sre").path("recentWorkflows").get(0).path("run");
    assertThat(run.path("workflowId").asText()).isEqualTo(workflowId);
    assertThat(run.path("detail").asText()).startsWith("HEALTHY");
  }

  @Test
  @Order(4)
  void apiErrors_areClear() throws Exception {
    assertThat(status("/api/v1/nodes?status=SLEEPING", "sre")).isEqualTo(400);
    assertThat(status("/api/v1/nodes/nobody", "sre")).isEqualTo(404);
    assertThat(status("/api/v1/nodes", null)).isEqualTo(401);
    assertThat(status("/api/v1/nodes", "signer1")).isEqualTo(403);
    assertThat(post("/api/v1/nodes/sim-00001/health-checks", "sre").statusCode()).isEqualTo(403);
  }

  /**
   * The demo profile's operator1 acts for op-aurora, one of the simulated fleet's five operators
   * (three nodes in turn each): over HTTP it reads that operator's nodes only, and another
   * operator's node is "not found".
   */
  @Test
  @Order(4)
  void demoOperatorLogin_readsOnlyItsOwnOperatorsNodes() throws Exception {
    JsonNode own = get("/api/v1/nodes?size=100", "operator1");
    assertThat(own.path("total").asLong()).isEqualTo(FLEET / 5);
    own.path("items")
        .forEach(node -> assertThat(node.path("operator").asText()).isEqualTo("op-aurora"));
    assertThat(get("/api/v1/fleet/health", "operator1").path("total").asLong())
        .isEqualTo(FLEET / 5);
    assertThat(status("/api/v1/nodes/sim-00001", "operator1")).isEqualTo(200);
    assertThat(get("/api/v1/nodes/sim-00004", "sre").path("node").path("operatorId").asText())
        .isEqualTo("op-borealis");
    assertThat(status("/api/v1/nodes/sim-00004", "operator1")).isEqualTo(404);
    assertThat(status("/api/v1/nodes/sim-00004", "operator2")).isEqualTo(200);
  }

  @Test
  @Order(5)
  void restart_keepsTheRegistry_andMarksWorkflowsTheServerLostAsLost() throws Exception {
    // A check of a silent node waits 20 s for an agent that never polls: still running at stop.
    String silent = firstSilentNode();
    String workflowId =
        JSON.readTree(post("/api/v1/nodes/" + silent + "/health-checks", "admin").body())
            .path("workflowId")
            .asText();
    platform.close();

    startPlatform();

    assertThat(get("/api/v1/fleet/health", "sre").path("total").asLong()).isEqualTo(FLEET);
    JsonNode run = get("/api/v1/nodes/" + silent, "sre").path("recentWorkflows").get(0).path("run");
    assertThat(run.path("workflowId").asText()).isEqualTo(workflowId);
    assertThat(run.path("status").asText()).isEqualTo("LOST");
    assertThat(get("/api/v1/nodes/" + silent, "sre").path("recentAudit").toString())
        .contains("workflow.lost");
  }

  @Test
  @Order(6)
  void console_showsTheFleet_inARealBrowser() throws Exception {
    Path screenshots = Path.of("../docs/screenshots");
    try (ConsoleBrowser browser = new ConsoleBrowser(base)) {
      // ChartsBrowserIT keeps the dashboard's screenshot, with a day of telemetry behind it.
      browser.signIn("admin", "noderr-demo");
      browser.open("/nodes");
      browser.waitForText("sim-00001");
      assertThat(browser.pageSource()).contains("op-aurora", "GUARDIAN");
      browser.screenshot(screenshots.resolve("nodes.png"));
    }
  }

  @Test
  @Order(7)
  void console_showsAnOperatorLoginItsOwnNodesOnly_inARealBrowser() throws Exception {
    try (ConsoleBrowser browser = new ConsoleBrowser(base)) {
      browser.signIn("operator1", "noderr-demo");
      browser.open("/nodes");
      browser.waitForText("sim-00001");
      assertThat(browser.pageSource()).contains("op-aurora").doesNotContain("op-borealis");
      browser.open("/nodes/sim-00004");
      browser.waitForText("Node not found");
    }
  }

  /** A node that heartbeats by itself (not the silent one test 2 revived by hand). */
  private String reportingNode() throws Exception {
    for (JsonNode row : get("/api/v1/nodes?status=ACTIVE&size=10", "sre").path("items")) {
      if (!row.path("id").asText().equals(silentNode)
          && "HEALTHY".equals(row.path("health").asText())) {
        return row.path("id").asText();
      }
    }
    throw new AssertionError("no reporting node");
  }

  private String firstSilentNode() throws Exception {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/api/v1/nodes?status=DEGRADED", "sre").path("total").asLong() > 0);
    return get("/api/v1/nodes?status=DEGRADED", "sre").path("items").get(0).path("id").asText();
  }

  private void startPlatform() throws IOException {
    platform =
        NoderrApplication.start(
            LaunchOptions.parse(
                "--data-dir",
                dataDir.toString(),
                "--sim-nodes",
                Integer.toString(FLEET),
                "--silent-pct",
                "10",
                "--port",
                "0",
                "--temporal-port",
                Integer.toString(freePort()),
                "--gateway-port",
                "0",
                "--no-chain",
                "--noderr.sim.heartbeat-interval=1s",
                "--noderr.worker.silence-before-degraded=3s",
                "--noderr.worker.sweep-interval=1s",
                "--noderr.console.push-interval=1s"));
    int port = ((WebServerApplicationContext) platform).getWebServer().getPort();
    base = URI.create("http://127.0.0.1:" + port);
    api = new PlatformApi(base);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private JsonNode get(String path, String user) throws Exception {
    return api.get(path, user);
  }

  private int status(String path, String user) throws Exception {
    return api.status(path, user);
  }

  private HttpResponse<String> post(String path, String user) throws Exception {
    return api.post(path, user);
  }
}
