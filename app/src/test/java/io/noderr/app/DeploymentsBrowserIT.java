package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.cli.sim.FleetSimulator;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Deployments view end to end in real Chromium, on the embedded platform with 30 simulated
 * nodes (18 in tier ALL): an admin starts a two-stage deployment from the wizard and watches it
 * complete by server push, with every node in the cohort table and the per-node grid. Keeps the
 * screenshot of docs/screenshots/deployments.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentsBrowserIT {

  private static final int NODES = 30;
  private static final int IN_TIER_ALL = 18;
  private static final String VERSION = "1.1.0";
  private static final String ID = "rollout-ALL-" + VERSION;

  @TempDir static Path dataDir;
  private ConfigurableApplicationContext platform;
  private PlatformApi api;

  @BeforeAll
  void start() {
    platform = EmbeddedPlatforms.start(dataDir, NODES);
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
  void admin_startsADeploymentInTheWizard_andWatchesEveryNodeUpdateLive() throws Exception {
    Publications.publish(api, "ALL", VERSION, FleetSimulator.digestOf(VERSION));
    try (ConsoleBrowser browser = new ConsoleBrowser(EmbeddedPlatforms.baseUrl(platform))) {
      browser.signIn("admin", "noderr-demo");
      browser.open("/deployments");
      browser.waitForText("Stages: 1% → 10% → 50% → 100%, 5 min pauses");

      browser.type("deployment-version", VERSION);
      browser.type("deployment-digest", FleetSimulator.digestOf(VERSION));
      // Soak 0, so the simulated nodes answer at once.
      browser.type("deployment-soak", Keys.chord(Keys.CONTROL, "a") + "0" + Keys.TAB);
      browser.waitForText("5 min pauses, soak none");
      browser.type("deployment-steps", "10%, 100%" + Keys.TAB);
      browser.waitForText("Stages: 10% → 100%, soak none, a failed gate rolls back");
      // As a keyboard user starts it: Tab past the folded Advanced section to the start button.
      browser.type("deployment-steps", Keys.TAB.toString() + Keys.TAB + Keys.ENTER);

      browser.waitForText(ID + " started");
      browser.waitForText(">COMPLETED<");
      // Live by push: the per-node grid and the cohort table catch up with the workflow.
      browser.waitForText(IN_TIER_ALL + " matching");
      browser.waitForText("0 nodes not handed out yet");
      browser.waitForText(IN_TIER_ALL + " of " + IN_TIER_ALL);

      String page = browser.pageSource();
      // 10 % of 18 rounds up to a 2-node canary; the second stage plans and updates the other 16.
      assertThat(page).contains(">Planned<").contains(">16</vaadin-grid-cell-content>");
      assertThat(page).contains(">UPDATED</vaadin-grid-cell-content>");
      assertThat(page).doesNotContain(">FAILED</vaadin-grid-cell-content>");
      browser.screenshot(Path.of("../docs/screenshots/deployments.png"));
    }

    JsonNode state = api.get("/api/v1/deployments/" + ID, "sre");
    assertThat(state.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(state.path("counts").path("updated").asInt()).isEqualTo(IN_TIER_ALL);

    // The click is the root of the deployment's trace: console → workflow → nodes.
    JsonNode traces = api.get("/api/v1/traces?deployment=" + ID, "sre").path("traces");
    JsonNode clicked =
        StreamSupport.stream(traces.spliterator(), false)
            .filter(trace -> trace.path("name").asText().equals("deployment.start"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no trace starts at the console: " + traces));
    assertThat(clicked.toString())
        .contains("\"noderr.origin\":\"console\"")
        .contains("\"enduser.id\":\"admin\"")
        .contains("RunActivity:");
  }
}
