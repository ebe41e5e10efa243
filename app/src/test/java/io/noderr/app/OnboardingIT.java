package io.noderr.app;

import static io.noderr.app.PlatformApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.agent.AgentHost;
import io.noderr.agent.FaultHook;
import io.noderr.agent.NodeStatusActivitiesImpl;
import io.noderr.agent.identity.AuthClient;
import io.noderr.agent.identity.IdentityFile;
import io.noderr.agent.identity.NodeLogin;
import io.noderr.agent.identity.Session;
import io.noderr.agent.identity.SoftwareNodeKey;
import io.noderr.agent.metrics.OsHostMetrics;
import io.noderr.agent.platform.JsonApi;
import io.noderr.agent.platform.PlatformException;
import io.noderr.agent.runtime.RunningRelease;
import io.noderr.agent.runtime.StaticReleaseRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Onboarding end to end on the embedded platform, over real HTTP: apply → approve → the agent's own
 * registration code → node ACTIVE; and every bad input the auth API must refuse with a clear 4xx,
 * nothing created and an audit entry. (The TPM path with swtpm: {@link TpmOnboardingIT}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingIT {

  /**
   * Short enough to watch a token expire, long enough for every other test's approve→register —
   * install.sh's included (a JVM start and a registration: over 8 s on a loaded CI machine).
   */
  static final Duration TOKEN_TTL = Duration.ofSeconds(30);

  @TempDir static Path dataDir;
  @TempDir static Path agentState;
  private ConfigurableApplicationContext platform;
  private PlatformApi api;
  private URI base;

  @BeforeAll
  void start() {
    platform =
        EmbeddedPlatforms.start(
            dataDir,
            0,
            "--noderr.onboarding.install-token-ttl=" + TOKEN_TTL.toSeconds() + "s",
            "--noderr.onboarding.rate-limit.applications-per-minute=1000");
    base = EmbeddedPlatforms.baseUrl(platform);
    api = new PlatformApi(base);
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void softwareKeyNode_registers_becomesActive_andLogsInAgainWithoutToken() throws Exception {
    String applicationId = apply("ALL");
    String token = approve(applicationId);

    NodeLogin login = login(agentState);
    Session session = login.register(token, null, SoftwareNodeKey.load(agentState));

    JsonNode node = api.get("/api/v1/nodes/" + session.nodeId(), "sre");
    assertThat(node.path("node").path("status").asText()).isEqualTo("ACTIVE");
    assertThat(node.path("node").path("attestationStatus").asText()).isEqualTo("UNATTESTED");
    assertThat(session.nodeId()).startsWith("eu-west-");
    JsonNode application = api.get("/api/v1/applications/" + applicationId, "admin");
    assertThat(application.path("application").path("status").asText()).isEqualTo("REGISTERED");
    assertThat(application.path("application").path("nodeId").asText()).isEqualTo(session.nodeId());
    assertThat(application.path("audit").toString())
        .contains("application.submitted", "application.approved", "application.registered");

    // A restart: same state directory, no token, a fresh proof with the same key.
    Session again = login(agentState).login(SoftwareNodeKey.load(agentState));
    assertThat(again.nodeId()).isEqualTo(session.nodeId());
    assertThat(again.token()).isNotEqualTo(session.token());

    // The session speaks for this node only.
    assertThat(heartbeat(again, session.nodeId()).statusCode()).isEqualTo(200);
    assertThat(heartbeat(again, "someone-else").statusCode()).isEqualTo(403);
  }

  @Test
  void registeredAgent_pollsThroughTheGateway_andAnswersAHealthCheck() throws Exception {
    Path state = newState();
    Session session =
        login(state).register(approve(apply("ALL")), null, SoftwareNodeKey.load(state));
    var env = platform.getEnvironment();
    assertThat(session.temporalTarget())
        .isEqualTo(env.getRequiredProperty("noderr.gateway.advertised-target"))
        .isNotEqualTo(env.getRequiredProperty("noderr.temporal.target"));
    assertThat(session.gatewayCertificateSha256())
        .isEqualTo(env.getRequiredProperty("noderr.gateway.certificate-sha256"));

    try (AgentHost agent =
        AgentHost.connectThroughGateway(
            session.temporalTarget(),
            session.temporalNamespace(),
            session.gatewayCertificateSha256(),
            session::token)) {
      agent.addNode(
          session.nodeId(),
          new NodeStatusActivitiesImpl(
              session.nodeId(),
              new StaticReleaseRuntime(new RunningRelease("1.0.0", ""), null),
              new OsHostMetrics(state.toFile()),
              FaultHook.NONE,
              Clock.systemUTC()));
      agent.start();
      HttpResponse<String> check =
          api.post("/api/v1/nodes/" + session.nodeId() + "/health-checks", "admin");
      assertThat(check.statusCode()).as(check.body()).isEqualTo(202);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  api.get("/api/v1/nodes/" + session.nodeId(), "sre")
                      .path("recentWorkflows")
                      .path(0)
                      .path("run")
                      .path("status")
                      .asText()
                      .equals("COMPLETED"));
      assertThat(
              api.get("/api/v1/nodes/" + session.nodeId(), "sre")
                  .path("recentWorkflows")
                  .path(0)
                  .path("run")
                  .path("detail")
                  .asText())
          .startsWith("HEALTHY");
    }
  }

  @Test
  void usedToken_isRefused() throws Exception {
    String token = approve(apply("ALL"));
    login(newState()).register(token, null, SoftwareNodeKey.ephemeral());

    assertRefused(() -> register(token, "ALL"), "install token already used");
  }

  @Test
  void reissuedToken_replacesThePreviousOne() throws Exception {
    String applicationId = apply("ALL");
    String first = approve(applicationId);
    HttpResponse<String> reissued =
        api.post("/api/v1/applications/" + applicationId + "/install-token", "admin");
    assertThat(reissued.statusCode()).isEqualTo(200);
    String second = json(reissued).path("installToken").asText();

    assertRefused(() -> register(first, "ALL"), "install token was replaced or withdrawn");
    assertThat(register(second, "ALL").nodeId()).isNotBlank();
  }

  @Test
  void tokenOfAWithdrawnApproval_isRefused() throws Exception {
    String applicationId = apply("ALL");
    String token = approve(applicationId);
    HttpResponse<String> rejected =
        api.post(
            "/api/v1/applications/" + applicationId + "/reject",
            "admin",
            Map.of("reason", "operator failed the KYC check"));
    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);

    assertRefused(() -> register(token, "ALL"), "install token was replaced or withdrawn");
    assertThat(api.post("/api/v1/applications/" + applicationId + "/approve", "admin").statusCode())
        .isEqualTo(409);
  }

  @Test
  void expiredToken_isRefused_andTheApplicationExpires() throws Exception {
    String applicationId = apply("ALL");
    String token = approve(applicationId);
    await()
        .atMost(TOKEN_TTL.plusSeconds(20))
        .until(
            () ->
                api.get("/api/v1/applications/" + applicationId, "sre")
                    .path("application")
                    .path("status")
                    .asText()
                    .equals("EXPIRED"));

    assertRefused(() -> register(token, "ALL"), "install token expired");
  }

  @Test
  void wrongTier_andSoftwareKeysForOracle_areRefused() throws Exception {
    String allToken = approve(apply("ALL"));
    assertRefused(() -> register(allToken, "GUARDIAN"), "install token is for tier ALL");

    String oracleToken = approve(apply("ORACLE"));
    assertRefused(() -> register(oracleToken, "ORACLE"), "needs a TPM-attested node");
  }

  @Test
  void signatureOverAnotherNonce_andReplayedNonce_areRefused() throws Exception {
    SoftwareNodeKey key = SoftwareNodeKey.ephemeral();
    String token = approve(apply("ALL"));

    Map<String, Object> signedOverOther = registration(token, key, challenge());
    signedOverOther.put("nonce", challenge());
    HttpResponse<String> mismatch = api.post("/api/v1/auth/register", null, signedOverOther);
    assertThat(mismatch.statusCode()).isEqualTo(401);
    assertThat(json(mismatch).path("detail").asText()).contains("signature");

    String nonce = challenge();
    assertThat(
            api.post("/api/v1/auth/register", null, registration(token, key, nonce)).statusCode())
        .isEqualTo(201);
    String otherToken = approve(apply("ALL"));
    HttpResponse<String> replay =
        api.post("/api/v1/auth/register", null, registration(otherToken, key, nonce));
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(json(replay).path("detail").asText()).contains("unknown, used or expired nonce");
  }

  @Test
  void malformedAndOversizedPayloads_areRefusedAndAudited() throws Exception {
    assertThat(api.post("/api/v1/auth/register", null, "{not json").statusCode()).isEqualTo(400);
    Map<String, Object> badToken = new HashMap<>();
    badToken.put("installToken", "nit_short");
    badToken.put("keyKind", "SOFTWARE");
    badToken.put("nonce", challenge());
    HttpResponse<String> malformed = api.post("/api/v1/auth/register", null, badToken);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed).path("detail").asText()).isEqualTo("install token is malformed");
    String huge = "{\"installToken\":\"" + "A".repeat(100_000) + "\"}";
    assertThat(api.post("/api/v1/auth/register", null, huge).statusCode()).isEqualTo(413);
    HttpResponse<String> badApplication =
        api.post("/api/v1/applications", null, Map.of("operatorName", "x"));
    assertThat(badApplication.statusCode()).isEqualTo(400);
    assertThat(json(badApplication).path("detail").asText())
        .contains("contact", "region", "signingAddress", "tier");
  }

  @Test
  void approvalByANonAdmin_isForbiddenAndAudited() throws Exception {
    String applicationId = apply("ALL");
    assertThat(api.post("/api/v1/applications/" + applicationId + "/approve", "sre").statusCode())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/applications/" + applicationId, "admin").path("audit").toString())
        .contains("application.decision-refused");
    assertThat(
            api.get("/api/v1/applications/" + applicationId, "admin")
                .path("application")
                .path("status")
                .asText())
        .isEqualTo("IN_REVIEW");
  }

  @Test
  void installSh_registersTheNodeForReal_inAThrowawayRoot_andIsSafeToRerun() throws Exception {
    String token = approve(apply("ALL"));
    Path root = Files.createTempDirectory(dataDir, "root");
    Map<String, String> environment = InstallScripts.throwawayInstall(root, token);
    List<String> arguments =
        List.of(
            "--platform",
            base.toString(),
            "--tpm",
            "none",
            "--agent-jar",
            ExecJars.agent().toString(),
            "--no-docker-check");
    Path installSh = InstallScripts.INSTALL_DIR.resolve("install.sh");

    InstallScripts.Run first = InstallScripts.bash(installSh, arguments, environment);

    assertThat(first.exitCode()).as(first.stdout() + first.stderr()).isZero();
    Path identity = root.resolve("var/lib/noderr-agent/identity.json");
    String nodeId = PlatformApi.JSON.readTree(identity.toFile()).path("nodeId").asText();
    assertThat(api.get("/api/v1/nodes/" + nodeId, "sre").path("node").path("status").asText())
        .isEqualTo("ACTIVE");
    assertThat(root.resolve("etc/systemd/system/noderr-agent.service")).exists();
    assertThat(Files.readString(root.resolve("calls.log"))).contains("enable --now noderr-agent");
    try (var files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(file.toString())
            .doesNotContain(token);
      }
    }

    InstallScripts.Run again =
        InstallScripts.bash(
            installSh,
            arguments,
            Map.of(
                "NODERR_INSTALL_ROOT", root.toString(),
                "NODERR_SKIP_USER_CREATE", "1",
                "JAVA_HOME", System.getProperty("java.home"),
                "PATH", environment.get("PATH")));
    assertThat(again.exitCode()).as(again.stdout() + again.stderr()).isZero();
    assertThat(PlatformApi.JSON.readTree(identity.toFile()).path("nodeId").asText())
        .isEqualTo(nodeId);
  }

  @Test
  void installSh_refusedRegistration_isOneLineAndLeavesNothing() throws Exception {
    Path root = Files.createTempDirectory(dataDir, "root");
    InstallScripts.Run refused =
        InstallScripts.bash(
            InstallScripts.INSTALL_DIR.resolve("install.sh"),
            List.of(
                "--platform",
                base.toString(),
                "--tpm",
                "none",
                "--agent-jar",
                ExecJars.agent().toString(),
                "--no-docker-check"),
            Map.of(
                "NODERR_INSTALL_ROOT",
                root.toString(),
                "NODERR_SKIP_USER_CREATE",
                "1",
                "NODERR_INSTALL_TOKEN",
                "nit_" + "A".repeat(43),
                "JAVA_HOME",
                System.getProperty("java.home"),
                "PATH",
                InstallScripts.fakeSystemctl(root) + ":" + System.getenv("PATH")));

    assertThat(refused.exitCode()).isEqualTo(12);
    assertThat(refused.stderr().strip().lines()).hasSize(1);
    assertThat(refused.stderr()).contains("unknown install token");
    assertThat(root.resolve("opt/noderr-agent")).doesNotExist();
    assertThat(root.resolve("var/lib/noderr-agent/identity.json")).doesNotExist();
  }

  // ------------------------------------------------------------------------------ helpers

  private String apply(String tier) throws Exception {
    return api.apply(tier, "eu-west");
  }

  private String approve(String applicationId) throws Exception {
    return api.approve(applicationId);
  }

  private Session register(String token, String tier) {
    return login(newState()).register(token, tier, SoftwareNodeKey.ephemeral());
  }

  private String challenge() throws Exception {
    return json(api.post("/api/v1/auth/challenge", null, Map.of())).path("nonce").asText();
  }

  private static Map<String, Object> registration(String token, SoftwareNodeKey key, String nonce) {
    Map<String, Object> body = new HashMap<>(key.publicMaterial());
    body.putAll(key.prove(Base64.getDecoder().decode(nonce), new int[0]));
    body.put("installToken", token);
    body.put("keyKind", "SOFTWARE");
    body.put("nonce", nonce);
    return body;
  }

  private HttpResponse<String> heartbeat(Session session, String nodeId) throws Exception {
    return api.heartbeat(session.token(), nodeId);
  }

  private NodeLogin login(Path state) {
    return new NodeLogin(
        new AuthClient(new JsonApi(base)), new IdentityFile(state), base, Clock.systemUTC());
  }

  private Path newState() {
    try {
      return Files.createTempDirectory(dataDir, "agent");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertRefused(Runnable call, String reason) {
    assertThatThrownBy(call::run)
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining(reason);
  }
}
