package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.cli.sim.FleetSimulator;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.VersionBeacon;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.utils.Numeric;

/**
 * Emergencies end to end on the embedded platform with its beacon on ganache and 120 simulated
 * nodes: one guardian pauses a tier during a running rollout (the deployment is held — promoting
 * its gate hands out no node —, the beacon pauses the tier on chain, new deployments are refused),
 * two signers ratify, then two resume and the deployment completes; an emergency rollback of a tier
 * needs 2 of 3 and takes every node of the tier back at once. Demo signer 1 is the only guardian.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmergencyIT {

  private static final BigInteger ORACLE = BigInteger.ONE;

  @TempDir static Path dataDir;
  @TempDir static Path keys;
  private DevChain chain;
  private DemoDeployment deployment;
  private ConfigurableApplicationContext platform;
  private PlatformApi api;

  @BeforeAll
  void start() throws Exception {
    chain = DevChain.start();
    deployment = DemoDeployment.deploy(chain);
    platform = ChainPlatforms.start(dataDir, keys, chain, deployment, 120);
    api = new PlatformApi(EmbeddedPlatforms.baseUrl(platform));
    api.awaitFleet(120);
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
    if (chain != null) {
      chain.close();
    }
  }

  @Test
  @Order(1)
  void oneGuardianPausesATierAtOnce_theQuorumRatifies_andTwoSignersResume() throws Exception {
    String running = deploy("1.1.0", List.of("10%:manual", "100%"));
    awaitDeployment(running, "WAITING");

    JsonNode proposed = propose(Map.of("action", "PAUSE", "tiers", List.of("ORACLE")));
    String id = proposed.path("id").asText();
    assertThat(proposed.path("request").path("primaryType").asText()).isEqualTo("GuardianPause");
    assertThat(sign(id, 2).statusCode()).as("a signer who is not a guardian").isEqualTo(409);
    JsonNode mandate = signOk(id, 1);

    assertThat(mandate.path("stage").asText()).isIn("ACTING", "MANDATE");
    JsonNode acting = awaitEmergency(id, "MANDATE");
    assertThat(acting.path("mandateExpiresAt").asText()).isNotBlank();
    try (ConsoleBrowser browser = new ConsoleBrowser(EmbeddedPlatforms.baseUrl(platform))) {
      // What a signer sees: the mandate counting down and the ratification to sign.
      browser.signIn("signer2", "noderr-demo");
      browser.open("/emergency/" + id);
      browser.waitForText("To ratify");
      browser.waitForText("ends in 2");
      browser.screenshot(Path.of("../docs/screenshots/emergency.png"));
    }
    assertThat(acting.path("effects").toString()).contains("paused: " + running);
    HttpResponse<String> pauseAgain =
        api.post("/api/v1/deployments/" + running + "/pause", "admin", Map.of("reason", "again"));
    assertThat(pauseAgain.body()).as("held by the emergency").contains("already paused");
    api.post("/api/v1/deployments/" + running + "/promote", "admin", Map.of());
    awaitDeployment(running, "PAUSED");
    assertThat(beacon().paused(ORACLE).send()).as("paused on chain").isTrue();
    assertThat(multisig().guardianPauseExpiry(ORACLE).send()).isPositive();
    HttpResponse<String> refused =
        api.post(
            "/api/v1/deployments",
            "admin",
            Map.of("version", "1.1.0", "tiers", List.of("ORACLE"), "steps", List.of("100%")));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("is held by " + id);

    assertThat(acting.path("request").path("kind").asText()).isEqualTo("RATIFY");
    signOk(id, 2);
    signOk(id, 3);
    awaitEmergency(id, "DONE");
    assertThat(multisig().guardianPauseExpiry(ORACLE).send()).as("ratified: no end").isZero();
    assertThat(beacon().paused(ORACLE).send()).isTrue();

    JsonNode resume = propose(Map.of("action", "RESUME", "tiers", List.of("ORACLE")));
    String resumeId = resume.path("id").asText();
    assertThat(resume.path("request").path("required").asInt()).isEqualTo(2);
    signOk(resumeId, 3);
    assertThat(api.get("/api/v1/emergencies/" + resumeId, "sre").path("stage").asText())
        .as("one signer never resumes")
        .isEqualTo("AWAITING_SIGNATURES");
    signOk(resumeId, 1);
    awaitEmergency(resumeId, "DONE");
    assertThat(beacon().paused(ORACLE).send()).isFalse();
    awaitDeployment(running, "COMPLETED");
    assertThat(api.get("/api/v1/emergencies?open=true", "sre").path("items").size()).isZero();
  }

  @Test
  @Order(2)
  void emergencyRollback_needsTwoOfThree_andTakesTheWholeTierBack() throws Exception {
    String bad = deploy("1.3.0", List.of("100%"));
    int oracles = awaitDeployment(bad, "COMPLETED").path("counts").path("updated").asInt();
    Publications.publish(api, "ORACLE", "1.0.0", digest("1.0.0"), "1.3.0 corrupts the cache");
    HttpResponse<String> unpublished =
        api.post(
            "/api/v1/emergencies",
            "admin",
            form(
                Map.of(
                    "action",
                    "EMERGENCY_ROLLBACK",
                    "tiers",
                    List.of("ORACLE"),
                    "toVersion",
                    "0.9.0")));
    assertThat(unpublished.statusCode()).isEqualTo(409);
    assertThat(unpublished.body()).contains("0.9.0");

    JsonNode proposed =
        propose(
            Map.of(
                "action", "EMERGENCY_ROLLBACK", "tiers", List.of("ORACLE"), "toVersion", "1.0.0"));
    String id = proposed.path("id").asText();
    JsonNode one = signOk(id, 1);
    assertThat(one.path("stage").asText())
        .as("a guardian alone cannot roll back")
        .isEqualTo("AWAITING_SIGNATURES");
    signOk(id, 2);

    String rollout = awaitEmergency(id, "DONE").path("rolloutId").asText();
    assertThat(rollout).isEqualTo("rollout-ORACLE-1.0.0-" + id);
    JsonNode done = awaitDeployment(rollout, "SUCCEEDED");
    assertThat(oracles).isPositive();
    assertThat(done.path("counts").path("updated").asInt()).isEqualTo(oracles);
    assertThat(done.path("stages").asInt()).isEqualTo(1);
  }

  @Test
  @Order(3)
  void badProposals_getAClear4xx_andStartNothing() throws Exception {
    assertThat(api.post("/api/v1/emergencies", "admin", form(Map.of("action", "PAUSE"))).body())
        .contains("name at least one tier");
    assertThat(
            api.post(
                    "/api/v1/emergencies",
                    "admin",
                    form(Map.of("action", "FREEZE", "tiers", List.of("ORACLE"))))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            api.post(
                    "/api/v1/emergencies",
                    "admin",
                    form(Map.of("action", "QUARANTINE", "nodeIds", List.of("no-such-node"))))
                .body())
        .contains("unknown node(s): no-such-node");
    HttpResponse<String> veto =
        api.post(
            "/api/v1/emergencies",
            "signer1",
            form(Map.of("action", "VETO_PROPOSAL", "governanceProposal", "4711")));
    assertThat(veto.statusCode()).as(veto.body()).isIn(400, 409);
    assertThat(veto.body()).containsAnyOf("governance is off", "unknown governance proposal 4711");
    assertThat(
            api.post(
                    "/api/v1/emergencies",
                    "sre",
                    form(Map.of("action", "PAUSE", "tiers", List.of("ALL"))))
                .statusCode())
        .isEqualTo(403);
    assertThat(api.status("/api/v1/emergencies/emergency-999", "sre")).isEqualTo(404);
    assertThat(api.status("/api/v1/emergencies/nonsense", "sre")).isEqualTo(404);
  }

  private JsonNode propose(Map<String, Object> fields) throws Exception {
    HttpResponse<String> response = api.post("/api/v1/emergencies", "signer1", form(fields));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return PlatformApi.json(response);
  }

  private static Map<String, Object> form(Map<String, Object> fields) {
    Map<String, Object> form = new HashMap<>(fields);
    form.put("reason", "1.1.0 corrupts the oracle cache");
    return form;
  }

  /** Demo signer {@code number}'s signature over the emergency's current request. */
  private HttpResponse<String> sign(String id, int number) throws Exception {
    String digest =
        api.get("/api/v1/emergencies/" + id, "sre").path("request").path("digest").asText();
    return api.post(
        "/api/v1/emergencies/" + id + "/signatures",
        "signer" + number,
        Map.of(
            "signer",
            Signatures.addressOf(DemoSigners.key(number)).value(),
            "signature",
            Signatures.sign(Numeric.hexStringToByteArray(digest), DemoSigners.key(number))));
  }

  private JsonNode signOk(String id, int number) throws Exception {
    HttpResponse<String> response = sign(id, number);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return PlatformApi.json(response);
  }

  private String deploy(String version, List<String> steps) throws Exception {
    Publications.ensurePublished(api, "ORACLE", version, digest(version));
    HttpResponse<String> response =
        api.post(
            "/api/v1/deployments",
            "admin",
            Map.of(
                "version",
                version,
                "tiers",
                List.of("ORACLE"),
                "imageDigest",
                digest(version),
                "steps",
                steps,
                "soakSeconds",
                0));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return PlatformApi.json(response).path("id").asText();
  }

  private JsonNode awaitEmergency(String id, String stage) {
    return await()
        .atMost(60, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> api.get("/api/v1/emergencies/" + id, "sre"),
            state -> state.path("stage").asText().equals(stage));
  }

  private JsonNode awaitDeployment(String id, String status) {
    return await()
        .atMost(120, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> api.get("/api/v1/deployments/" + id, "sre"),
            state -> state.path("status").asText().equals(status));
  }

  private VersionBeacon beacon() {
    return VersionBeacon.load(
        deployment.beacon().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
  }

  private NoderrMultisig multisig() {
    return NoderrMultisig.load(
        deployment.multisig().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
  }

  private static String digest(String version) {
    return FleetSimulator.digestOf(version);
  }
}
