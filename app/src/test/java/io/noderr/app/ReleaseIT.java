package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.contracts.devchain.DemoDeployment;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.generated.NoderrMultisig;
import io.noderr.contracts.generated.VersionBeacon;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishAction;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.web3j.crypto.ECKeyPair;

/**
 * Releases end to end on the embedded platform pointed at a real local chain (ganache): an admin
 * proposes over REST, two demo signers sign with the real {@code noderr sign} CLI (the CLI jar,
 * keystores, passwords from the environment), the workflow publishes through the on-chain multisig,
 * the beacon follower sees the event and the version is recorded. Every bad input is refused with a
 * 4xx and nothing is published.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseIT {

  private static final String DIGEST = "sha256:" + "5e".repeat(32);

  @TempDir static Path dataDir;
  @TempDir static Path keys;
  private DevChain chain;
  private DemoDeployment deployment;
  private ConfigurableApplicationContext platform;
  private PlatformApi api;
  private URI base;

  @BeforeAll
  void start() throws Exception {
    chain = DevChain.start();
    deployment = DemoDeployment.deploy(chain);
    platform = ChainPlatforms.start(dataDir, keys, chain, deployment, 0);
    base = EmbeddedPlatforms.baseUrl(platform);
    api = new PlatformApi(base);
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
  void proposal_signedByTwoSignersWithNoderrSign_isPublishedOnChain_andRecorded() throws Exception {
    JsonNode proposed = propose("1.0.0", null);
    String id = proposed.path("id").asText();
    assertThat(id).isEqualTo("release-ORACLE-1.0.0");
    assertThat(proposed.path("status").asText()).isEqualTo("AWAITING_SIGNATURES");
    assertThat(proposed.path("backend").asText()).isEqualTo("CHAIN");
    assertThat(proposed.path("typedData").path("primaryType").asText()).isEqualTo("Publish");

    CliProcess.Result first = sign(1, id);
    CliProcess.Result second = sign(2, id);

    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output())
        .contains("Publish node software 1.0.0 to tier ORACLE")
        .contains(DIGEST)
        .contains(Address.of(deployment.multisig().value()).checksummed());
    assertThat(second.exitCode()).as(second.output()).isZero();
    JsonNode published = awaitStatus(id, "PUBLISHED");
    assertThat(published.path("transactionHash").asText()).startsWith("0x");
    VersionBeacon.Release onChain = beacon().current(BigInteger.ONE).send();
    assertThat(onChain.version).isEqualTo("1.0.0");
    assertThat(ImageDigest.parse(org.web3j.utils.Numeric.toHexString(onChain.imageDigest)).value())
        .isEqualTo(DIGEST);
    JsonNode seen = api.get("/api/v1/releases/published/ORACLE", "sre");
    assertThat(seen.path("version").asText()).isEqualTo("1.0.0");
    assertThat(seen.path("imageDigest").asText()).isEqualTo(DIGEST);
    assertThat(seen.path("transactionHash").asText())
        .isEqualTo(published.path("transactionHash").asText());
    JsonNode listed = api.get("/api/v1/releases?status=PUBLISHED", "signer1");
    assertThat(listed.path("items").get(0).path("id").asText()).isEqualTo(id);
    assertThat(published.path("audit").toString())
        .contains("release.proposed")
        .contains("release.signed")
        .contains("release.published");
    try (ConsoleBrowser browser = new ConsoleBrowser(base)) {
      browser.signIn("admin", "noderr-demo");
      browser.open("/releases");
      browser.waitForText("On chain 1337");
      browser.waitForText("Current: ORACLE 1.0.0");
      browser.screenshot(Path.of("../docs/screenshots/releases.png"));
    }
  }

  @Test
  @Order(2)
  void badSignatures_areRefused_withAReason_andNothingIsPublished() throws Exception {
    String id = propose("1.1.0", null).path("id").asText();
    JsonNode request = api.get("/api/v1/releases/" + id, "signer1");
    byte[] digest = org.web3j.utils.Numeric.hexStringToByteArray(request.path("digest").asText());
    ECKeyPair outsider = ECKeyPair.create(BigInteger.valueOf(0xBADC0DE));
    ECKeyPair signer1 = DemoSigners.key(1);

    assertRefused(id, address(outsider), Signatures.sign(digest, outsider), "signer set");
    assertRefused(id, address(signer1), "0x1234", "malformed signature");
    byte[] otherData = otherVersionDigest(request);
    assertRefused(id, address(signer1), Signatures.sign(otherData, signer1), "other data");
    assertRefused(id, address(signer1), Signatures.sign(digest, DemoSigners.key(2)), "another key");
    assertThat(submit(id, address(signer1), Signatures.sign(digest, signer1)).statusCode())
        .isEqualTo(200);
    assertRefused(id, address(signer1), Signatures.sign(digest, signer1), "already signed");
    HttpResponse<String> asSre =
        api.post(
            "/api/v1/releases/" + id + "/signatures",
            "sre",
            Map.of("signer", address(signer1), "signature", "0x00"));
    assertThat(asSre.statusCode()).isEqualTo(403);

    HttpResponse<String> withdrawn =
        api.post("/api/v1/releases/" + id + "/withdraw", "admin", Map.of("reason", "test is over"));
    assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
    assertThat(beacon().current(BigInteger.ONE).send().version).isEqualTo("1.0.0");
    assertThat(multisig().nonce().send()).isEqualTo(BigInteger.ONE);
    assertThat(api.get("/api/v1/releases/" + id, "admin").path("audit").toString())
        .contains("release.answer-refused");
  }

  @Test
  @Order(3)
  void proposalsBreakingTheRules_areRefused_withoutStartingAnything() throws Exception {
    assertProposalRefused(Map.of("version", "0.9.0"), 409, "not above the current 1.0.0");
    assertProposalRefused(Map.of("version", "1.0.0"), 409, "already the current version");
    assertProposalRefused(
        Map.of("version", "1.2.0", "downgradeReason", "x"), 409, "not a downgrade");
    assertProposalRefused(Map.of("imageDigest", "sha256:abc"), 400, "image digest");
    assertProposalRefused(Map.of("version", "latest"), 400, "not a semantic version");
    assertProposalRefused(
        Map.of("deadline", Instant.now().minusSeconds(60).toString()), 400, "in the future");
    assertProposalRefused(Map.of("tier", "MOON"), 400, "tier");
    HttpResponse<String> bySigner =
        api.post("/api/v1/releases", "signer1", form("1.3.0", Map.of()));
    assertThat(bySigner.statusCode()).isEqualTo(403);
    assertThat(api.status("/api/v1/releases/release-ORACLE-0.9.0", "admin")).isEqualTo(404);
  }

  @Test
  @Order(4)
  void oneReleaseAtATime_andDowngradeWithAReason_isPossible() throws Exception {
    String id = propose("0.9.1", "1.0.0 breaks the oracle feed").path("id").asText();

    assertProposalRefused(Map.of("version", "2.0.0"), 409, "one release at a time");

    assertThat(api.get("/api/v1/releases/" + id, "admin").path("downgradeReason").asText())
        .isEqualTo("1.0.0 breaks the oracle feed");
    api.post("/api/v1/releases/" + id + "/withdraw", "admin", Map.of("reason", "not today"));
  }

  @Test
  @Order(5)
  void signatureAfterTheDeadline_isRefused_andTheRequestExpires() throws Exception {
    Map<String, Object> shortLived = Map.of("deadline", Instant.now().plusSeconds(3).toString());
    HttpResponse<String> response =
        api.post("/api/v1/releases", "admin", form("1.2.0", shortLived));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String id = PlatformApi.json(response).path("id").asText();
    byte[] digest =
        org.web3j.utils.Numeric.hexStringToByteArray(
            PlatformApi.json(response).path("digest").asText());

    JsonNode expired = awaitStatus(id, "EXPIRED");

    assertThat(expired.path("reason").asText()).contains("passed with 0 of 2 signatures");
    HttpResponse<String> late =
        submit(id, address(DemoSigners.key(1)), Signatures.sign(digest, DemoSigners.key(1)));
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(late.body()).contains("expired");
  }

  // --- helpers --------------------------------------------------------------------------------

  private JsonNode propose(String version, String downgradeReason) throws Exception {
    Map<String, Object> extra =
        downgradeReason == null ? Map.of() : Map.of("downgradeReason", downgradeReason);
    HttpResponse<String> response = api.post("/api/v1/releases", "admin", form(version, extra));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return PlatformApi.json(response);
  }

  private static Map<String, Object> form(String version, Map<String, Object> overrides) {
    Map<String, Object> form = new java.util.HashMap<>();
    form.put("tier", "ORACLE");
    form.put("version", version);
    form.put("imageDigest", DIGEST);
    form.put("minimumVersion", "");
    form.put("notesUri", "https://releases.noderr.example/" + version);
    form.put("deadlineHours", 1);
    form.putAll(overrides);
    return form;
  }

  private void assertProposalRefused(Map<String, Object> overrides, int status, String reason)
      throws Exception {
    long nonceBefore = multisig().nonce().send().longValueExact();
    HttpResponse<String> response = api.post("/api/v1/releases", "admin", form("1.3.0", overrides));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(PlatformApi.json(response).path("detail").asText()).contains(reason);
    assertThat(multisig().nonce().send().longValueExact()).isEqualTo(nonceBefore);
  }

  private HttpResponse<String> submit(String id, String signer, String signature) throws Exception {
    return api.post(
        "/api/v1/releases/" + id + "/signatures",
        "signer1",
        Map.of("signer", signer, "signature", signature));
  }

  private void assertRefused(String id, String signer, String signature, String reason)
      throws Exception {
    HttpResponse<String> response = submit(id, signer, signature);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
    assertThat(PlatformApi.json(response).path("detail").asText()).contains(reason);
  }

  private JsonNode awaitStatus(String id, String status) {
    return await()
        .atMost(60, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> api.get("/api/v1/releases/" + id, "admin"),
            release -> release.path("status").asText().equals(status));
  }

  /** The typed data of the same request, one patch version higher: "other data". */
  private byte[] otherVersionDigest(JsonNode request) {
    return new PublishAction(
            request.path("tierCode").asInt(),
            "1.1.1",
            ImageDigest.parse(request.path("imageDigest").asText()),
            request.path("minimumVersion").asText(),
            request.path("notesUri").asText(),
            new BigInteger(request.path("nonce").asText()),
            request.path("deadlineEpochSeconds").asLong())
        .digest(
            new MultisigDomain(
                request.path("chainId").asLong(), Address.of(request.path("multisig").asText())));
  }

  /** Runs {@code noderr sign} from the CLI jar, as a signer would. */
  private CliProcess.Result sign(int signerNumber, String releaseId) throws Exception {
    Path keystore =
        ChainPlatforms.keystore(keys, DemoSigners.key(signerNumber), "signer-" + signerNumber);
    return CliProcess.run(
        Map.of(
            "NODERR_PASSWORD",
            ChainPlatforms.PASSWORD,
            "NODERR_KEYSTORE_PASSWORD",
            ChainPlatforms.PASSWORD),
        List.of(
            "sign",
            "--platform",
            base.toString(),
            "--user",
            "signer" + signerNumber,
            "--release",
            releaseId,
            "--keystore",
            keystore.toString(),
            "--expect-multisig",
            deployment.multisig().value(),
            "--expect-chain-id",
            Long.toString(DevChain.CHAIN_ID),
            "--yes"));
  }

  private VersionBeacon beacon() {
    return VersionBeacon.load(
        deployment.beacon().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
  }

  private NoderrMultisig multisig() {
    return NoderrMultisig.load(
        deployment.multisig().value(), chain.web3j(), chain.transactions(), DevChain.GAS);
  }

  private static String address(ECKeyPair key) {
    return Signatures.addressOf(key).value();
  }
}
