package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.cli.sim.FleetSimulator;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's charts in real Chromium, on the embedded platform with 30 simulated nodes that
 * report telemetry every 10 s. The platform has only just started, so a day of the history such a
 * fleet reports is written first ({@link TelemetryHistory}); the live reports follow it. A release
 * that raises the error rate on 60 % of its nodes (a simulated ERRORS fault, which fails no update)
 * is deployed in two stages; while the canary waits at its gate the test keeps
 * docs/screenshots/dashboard.png (the deployment under way), node-detail.png (a canary node) and
 * deployment-charts.png (the canary against the rest of the tier).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartsBrowserIT {

  private static final int NODES = 30;
  private static final String VERSION = "1.1.0";
  private static final String ID = "rollout-ALL-" + VERSION;
  private static final Path SCREENSHOTS = Path.of("../docs/screenshots");

  @TempDir static Path dataDir;
  private ConfigurableApplicationContext platform;
  private PlatformApi api;

  @BeforeAll
  void start() {
    platform =
        EmbeddedPlatforms.start(
            dataDir,
            NODES,
            "--noderr.sim.release-faults=" + VERSION + ":errors=60",
            // The test rolls up itself, after writing the history: a scheduled run before that
            // would move the rollup cursor past the history's minutes.
            "--noderr.telemetry.retention.interval=1h");
    api = new PlatformApi(EmbeddedPlatforms.baseUrl(platform));
    api.awaitFleet(NODES);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    long written =
        TelemetryHistory.write(
            platform,
            TelemetryHistory.nodes(platform),
            now.minus(Duration.ofHours(24)),
            now.minus(Duration.ofMinutes(1)),
            Duration.ofMinutes(1));
    assertThat(written).isGreaterThan(NODES * 1000L);
    TelemetryHistory.rollUp(platform);
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void dashboard_nodeDetail_andDeployment_drawTheirCharts() throws Exception {
    Publications.publish(api, "ALL", VERSION, FleetSimulator.digestOf(VERSION));
    HttpResponse<String> started =
        api.post(
            "/api/v1/deployments",
            "admin",
            Map.of(
                "version", VERSION,
                "tiers", List.of("ALL"),
                "imageDigest", FleetSimulator.digestOf(VERSION),
                // The canary waits at a manual gate: the rest of the tier stays on the old
                // version (a node soaking the release already reports it) and is the baseline.
                "steps", List.of("30%:manual", "100%"),
                "soakSeconds", 20));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    // The canary is updated: its nodes report the new version from now on.
    await()
        .atMost(4, TimeUnit.MINUTES)
        .until(() -> deployment().path("counts").path("updated").asInt() > 0);
    // A minute of the canary's reports against the rest of the tier.
    Thread.sleep(60_000);
    TelemetryHistory.rollUp(platform);

    try (ConsoleBrowser browser = new ConsoleBrowser(EmbeddedPlatforms.baseUrl(platform))) {
      browser.signIn("admin", "noderr-demo");
      browser.waitForText("fleet-health-chart-title");
      browser.waitForText("progress-" + ID);
      assertThat(browser.pageSource())
          .contains("Fleet health, nodes, last 24 h")
          .contains(">healthy ")
          .contains("Nodes per version, last 24 h")
          .doesNotContain("No data in this window");
      browser.screenshot(SCREENSHOTS.resolve("dashboard.png"));

      String node = firstUpdatedNode();
      browser.open("/nodes/" + node);
      browser.waitForText("node-resources-chart-title");
      assertThat(browser.pageSource())
          .contains(">CPU ")
          .contains(">request p95 ")
          .contains(">errors per request ")
          .contains(ID);
      browser.scrollTo("node-chart-note");
      browser.screenshot(SCREENSHOTS.resolve("node-detail.png"));

      browser.open("/deployments");
      browser.clickText(ID);
      browser.waitForText("deployment-errors-chart-title");
      browser.waitForText(">updated (");
      assertThat(browser.pageSource())
          .contains("p95 latency, updated nodes against baseline")
          .contains("baseline (not updated)  ")
          .doesNotContain("baseline (not updated) (no data)");
      browser.scrollTo("deployment-chart-note");
      browser.screenshot(SCREENSHOTS.resolve("deployment-charts.png"));
    }
  }

  private JsonNode deployment() throws Exception {
    return api.get("/api/v1/deployments/" + ID, "sre");
  }

  /** A canary node, read from the rollout's stored plan. */
  private String firstUpdatedNode() {
    return platform
        .getBean(JdbcTemplate.class)
        .queryForObject(
            "SELECT node_id FROM rollout_targets WHERE rollout_id = ? AND status = 'UPDATED'"
                + " ORDER BY position LIMIT 1",
            String.class,
            ID);
  }
}
