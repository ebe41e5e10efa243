package io.noderr.app;

import static io.noderr.app.PlatformApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.agent.identity.AuthClient;
import io.noderr.agent.identity.IdentityFile;
import io.noderr.agent.identity.NodeKey;
import io.noderr.agent.identity.NodeLogin;
import io.noderr.agent.identity.Session;
import io.noderr.agent.identity.TpmNodeKey;
import io.noderr.agent.platform.JsonApi;
import io.noderr.agent.platform.PlatformException;
import io.noderr.attestation.swtpm.Swtpm;
import io.noderr.attestation.swtpm.SwtpmCa;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The TPM path end to end with real software TPMs (swtpm, one per test): the platform trusts one
 * local CA as its "manufacturer", pins PCR 7 to its reset value and trusts PCRs 0 to 6 on first
 * use; agents register with the agent's own TPM code, re-authenticate after a TPM restart, and get
 * quarantined when their measured state changes. Every attack is a real TPM answer used the wrong
 * way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpmOnboardingIT {

  /** SHA-256 PCR value after reset: 32 zero bytes. */
  static final String RESET_PCR = "00".repeat(32);

  @TempDir static Path dataDir;
  private SwtpmCa manufacturer;
  private ConfigurableApplicationContext platform;
  private PlatformApi api;
  private URI base;

  @BeforeAll
  void start() {
    manufacturer = SwtpmCa.create();
    // swtpm_localca creates its CA certificates with the first TPM it manufactures.
    Swtpm.start(manufacturer).close();
    String cas =
        manufacturer.certificateFiles().stream()
            .map(Path::toString)
            .collect(Collectors.joining(","));
    platform =
        EmbeddedPlatforms.start(
            dataDir,
            0,
            "--noderr.onboarding.manufacturer-cas=" + cas,
            "--noderr.onboarding.pcr-policy.allowed.7=" + RESET_PCR,
            "--noderr.onboarding.rate-limit.applications-per-minute=1000");
    base = EmbeddedPlatforms.baseUrl(platform);
    api = new PlatformApi(base);
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
    manufacturer.close();
  }

  @Test
  void tpmNode_registers_isActiveAndAttested_visibleInTheConsole_andSurvivesARestart()
      throws Exception {
    String applicationId = api.apply("GUARDIAN", "us-east");
    String token = api.approve(applicationId);
    Path state = Files.createTempDirectory(dataDir, "agent");
    try (Swtpm tpm = Swtpm.start(manufacturer)) {
      Session session;
      try (NodeKey key = TpmNodeKey.open(tpm.uri())) {
        session = login(state).register(token, "GUARDIAN", key);
      }
      // The agent pins the tier the platform admitted it to: only GUARDIAN releases from now on.
      assertThat(session.tier()).isEqualTo("GUARDIAN");
      assertThat(new IdentityFile(state).read().orElseThrow().tier()).isEqualTo("GUARDIAN");
      JsonNode node = api.get("/api/v1/nodes/" + session.nodeId(), "sre").path("node");
      assertThat(node.path("status").asText()).isEqualTo("ACTIVE");
      assertThat(node.path("attestationStatus").asText()).isEqualTo("ATTESTED");
      assertThat(node.path("tier").asText()).isEqualTo("GUARDIAN");
      assertThat(api.get("/api/v1/applications/" + applicationId, "sre").toString())
          .contains("auth.tpm-evidence-verified", "application.registered");

      tpm.restart();
      try (NodeKey key = TpmNodeKey.open(tpm.uri())) {
        Session again = login(state).login(key);
        assertThat(again.nodeId()).isEqualTo(session.nodeId());
        assertThat(again.tier()).isEqualTo("GUARDIAN");
        Session renewed = new AuthClient(new JsonApi(base)).refresh(again, key);
        assertThat(renewed.nodeId()).isEqualTo(session.nodeId());
      }

      try (ConsoleBrowser browser = new ConsoleBrowser(base)) {
        browser.signIn("admin", "noderr-demo");
        browser.open("/nodes/" + session.nodeId());
        browser.waitForText("ATTESTED");
        browser.open("/applications");
        browser.waitForText(applicationId);
        browser.screenshot(Path.of("../docs/screenshots/applications.png"));
      }
    }
  }

  @Test
  void changedMeasurements_quarantineTheNode_onItsNextRenewal() throws Exception {
    String token = api.approve(api.apply("ORACLE", "eu-west"));
    try (Swtpm tpm = Swtpm.start(manufacturer)) {
      Session session;
      try (NodeKey key = TpmNodeKey.open(tpm.uri())) {
        session = login(Files.createTempDirectory(dataDir, "agent")).register(token, null, key);
      }
      // swtpm serves one client at a time: the measurement changes while the agent is away.
      tpm.extendPcr(7, "unsigned bootloader".getBytes(StandardCharsets.UTF_8));

      try (NodeKey key = TpmNodeKey.open(tpm.uri())) {
        assertThatThrownBy(() -> new AuthClient(new JsonApi(base)).refresh(session, key))
            .isInstanceOf(PlatformException.class)
            .hasMessageContaining("PCR 7");
        JsonNode node = api.get("/api/v1/nodes/" + session.nodeId(), "sre");
        assertThat(node.path("node").path("status").asText()).isEqualTo("QUARANTINED");
        assertThat(node.path("node").path("attestationStatus").asText()).isEqualTo("FAILED");
        assertThat(node.path("recentAudit").toString()).contains("node.quarantined", "PCR 7");
        // A quarantined node gets no new session.
        assertThatThrownBy(() -> new AuthClient(new JsonApi(base)).token(session.nodeId(), key))
            .hasMessageContaining("quarantined");
      }
    }
  }

  @Test
  void pcrsWithoutAllowedValues_areTrustedOnFirstUse_andAChangeQuarantinesOnRenewal()
      throws Exception {
    String token = api.approve(api.apply("ORACLE", "eu-west"));
    try (Swtpm tpm = Swtpm.start(manufacturer)) {
      Session renewed;
      try (NodeKey key = TpmNodeKey.open(tpm.uri())) {
        Session session =
            login(Files.createTempDirectory(dataDir, "agent")).register(token, null, key);
        renewed = new AuthClient(new JsonApi(base)).refresh(session, key);
      }
      JsonNode unchanged = api.get("/api/v1/nodes/" + renewed.nodeId(), "sre").path("node");
      assertThat(unchanged.path("status").asText()).isEqualTo("ACTIVE");
      assertThat(unchanged.path("attestationStatus").asText()).isEqualTo("ATTESTED");

      // PCR 1 (platform configuration) has no allowed values in this platform's policy: any value
      // was accepted at registration, but only that value is accepted from then on.
      tpm.extendPcr(1, "changed firmware setting".getBytes(StandardCharsets.UTF_8));
      try (NodeKey key = TpmNodeKey.open(tpm.uri())) {
        assertThatThrownBy(() -> new AuthClient(new JsonApi(base)).refresh(renewed, key))
            .isInstanceOf(PlatformException.class)
            .hasMessageContaining("PCR 1 no longer holds the value recorded at registration");
      }
      JsonNode node = api.get("/api/v1/nodes/" + renewed.nodeId(), "sre");
      assertThat(node.path("node").path("status").asText()).isEqualTo("QUARANTINED");
      assertThat(node.path("node").path("attestationStatus").asText()).isEqualTo("FAILED");
      assertThat(node.path("recentAudit").toString()).contains("node.quarantined", "PCR 1");
    }
  }

  @Test
  void ekCertificateFromAnUntrustedManufacturer_isRefused() throws Exception {
    String applicationId = api.apply("ORACLE", "eu-west");
    String token = api.approve(applicationId);
    try (Swtpm foreign = Swtpm.start();
        NodeKey key = TpmNodeKey.open(foreign.uri())) {
      assertThatThrownBy(
              () -> login(Files.createTempDirectory(dataDir, "agent")).register(token, null, key))
          .isInstanceOf(PlatformException.class)
          .hasMessageContaining("EK certificate");
    }
    assertStillWaitingForItsNode(applicationId);
  }

  @Test
  void quoteSignedByAnotherTpm_isRefused() throws Exception {
    String token = api.approve(api.apply("ORACLE", "eu-west"));
    try (Swtpm tpmA = Swtpm.start(manufacturer);
        Swtpm tpmB = Swtpm.start(manufacturer);
        NodeKey a = TpmNodeKey.open(tpmA.uri());
        NodeKey b = TpmNodeKey.open(tpmB.uri())) {
      AuthClient.Challenge challenge = new AuthClient(new JsonApi(base)).challenge();
      Map<String, Object> body = registration(token, challenge, a.publicMaterial());
      body.putAll(b.prove(challenge.nonce(), challenge.pcrSelection()));

      HttpResponse<String> refused = api.post("/api/v1/auth/register", null, body);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(json(refused).path("detail").asText()).containsIgnoringCase("signature");
    }
  }

  @Test
  void quoteOverAnotherNonce_isRefused() throws Exception {
    String token = api.approve(api.apply("ORACLE", "eu-west"));
    try (Swtpm tpm = Swtpm.start(manufacturer);
        NodeKey key = TpmNodeKey.open(tpm.uri())) {
      AuthClient auth = new AuthClient(new JsonApi(base));
      AuthClient.Challenge quoted = auth.challenge();
      AuthClient.Challenge presented = auth.challenge();
      Map<String, Object> body = registration(token, presented, key.publicMaterial());
      body.putAll(key.prove(quoted.nonce(), quoted.pcrSelection()));

      HttpResponse<String> refused = api.post("/api/v1/auth/register", null, body);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(json(refused).path("detail").asText()).containsIgnoringCase("nonce");
    }
  }

  @Test
  void akFromAnotherTpmThanTheEk_failsCredentialActivation() throws Exception {
    String applicationId = api.apply("ORACLE", "eu-west");
    String token = api.approve(applicationId);
    try (Swtpm tpmA = Swtpm.start(manufacturer);
        Swtpm tpmB = Swtpm.start(manufacturer);
        NodeKey a = TpmNodeKey.open(tpmA.uri());
        NodeKey b = TpmNodeKey.open(tpmB.uri())) {
      // A's genuine EK certificate and EK, B's AK and a valid quote by B: everything checks out
      // except that nothing proves the AK lives next to that EK, which MakeCredential decides.
      AuthClient.Challenge challenge = new AuthClient(new JsonApi(base)).challenge();
      Map<String, Object> body = registration(token, challenge, a.publicMaterial());
      body.put("akPublic", b.publicMaterial().get("akPublic"));
      body.putAll(b.prove(challenge.nonce(), challenge.pcrSelection()));
      HttpResponse<String> credential = api.post("/api/v1/auth/register", null, body);
      assertThat(credential.statusCode()).as(credential.body()).isEqualTo(202);
      JsonNode challengeAnswer = json(credential);

      byte[] secret = activateOrGarbage(a, challengeAnswer);
      HttpResponse<String> activation =
          api.post(
              "/api/v1/auth/register/"
                  + challengeAnswer.path("registrationId").asText()
                  + "/activation",
              null,
              Map.of("secret", Base64.getEncoder().encodeToString(secret)));
      assertThat(activation.statusCode()).isEqualTo(401);
      assertThat(json(activation).path("detail").asText()).contains("credential activation failed");
    }
    assertStillWaitingForItsNode(applicationId);
  }

  /** What the attacker holding TPM A can answer: A refuses (the AK name is not its AK's). */
  private static byte[] activateOrGarbage(NodeKey a, JsonNode challenge) {
    try {
      return a.activateCredential(
          Base64.getDecoder().decode(challenge.path("credentialBlob").asText()),
          Base64.getDecoder().decode(challenge.path("encryptedSecret").asText()));
    } catch (RuntimeException refusedByTheTpm) {
      return new byte[32];
    }
  }

  private static Map<String, Object> registration(
      String token, AuthClient.Challenge challenge, Map<String, Object> publicMaterial) {
    Map<String, Object> body = new HashMap<>(publicMaterial);
    body.put("installToken", token);
    body.put("keyKind", "TPM");
    body.put("nonce", Base64.getEncoder().encodeToString(challenge.nonce()));
    return body;
  }

  /** Nothing was created: the application is still approved, with no node. */
  private void assertStillWaitingForItsNode(String applicationId) throws Exception {
    JsonNode application = api.get("/api/v1/applications/" + applicationId, "sre");
    assertThat(application.path("application").path("status").asText()).isEqualTo("APPROVED");
    assertThat(application.path("application").path("nodeId").isNull()).isTrue();
    assertThat(application.path("audit").toString()).contains("refused");
  }

  private NodeLogin login(Path state) {
    return new NodeLogin(
        new AuthClient(new JsonApi(base)), new IdentityFile(state), base, Clock.systemUTC());
  }
}
