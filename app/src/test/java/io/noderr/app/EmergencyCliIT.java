package io.noderr.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.signing.DemoSigners;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.web3j.utils.Numeric;

/**
 * {@code noderr emergency} from the CLI jar against the embedded platform (demo profile: the local
 * beacon in PostgreSQL, demo signer 1 its guardian, 2 of 3 to ratify): the guardian pauses ORACLE
 * in one command with an API token, two signers ratify with their keystores, and what the platform
 * or the CLI refuses ends in one line and exit code 1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmergencyCliIT {

  private static final String PASSWORD = ChainPlatforms.PASSWORD;
  private static final Pattern PROPOSED = Pattern.compile("proposed (emergency-[0-9]+)");

  @TempDir static Path dataDir;
  @TempDir static Path keys;
  private ConfigurableApplicationContext platform;
  private PlatformApi api;
  private URI base;
  private String guardianToken;
  private String pauseId;

  @BeforeAll
  void start() throws Exception {
    platform = EmbeddedPlatforms.start(dataDir, 0);
    base = EmbeddedPlatforms.baseUrl(platform);
    api = new PlatformApi(base);
    HttpResponse<String> created =
        api.post(
            "/api/v1/tokens",
            "signer1",
            Map.of("name", "emergency-kit", "roles", List.of("SIGNER"), "expiresInDays", 1));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    guardianToken = PlatformApi.json(created).path("token").asText();
  }

  @AfterAll
  void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void guardianPausesInOneCommand_andTwoSignersRatify_untilDone() throws Exception {
    CliProcess.Result paused =
        asGuardian(
            "propose",
            "--action",
            "PAUSE",
            "--tier",
            "ORACLE",
            "--reason",
            "oracle feed poisoned",
            "--sign-with",
            hexKey(1).toString(),
            "--expect-chain-id",
            "1337",
            "--yes");

    assertThat(paused.exitCode()).as(paused.output()).isZero();
    Matcher proposed = PROPOSED.matcher(paused.output());
    assertThat(proposed.find()).as(paused.output()).isTrue();
    pauseId = proposed.group(1);
    assertThat(paused.output())
        .contains("signs             GuardianPause (EIP-712 typed data)")
        .contains("  tiers           ORACLE (mask 2)")
        .contains("signature accepted: guardian acts now")
        .containsPattern(
            pauseId + " is now MANDATE — ends in 23 h 5[89] min unless 2 signers ratify");
    assertThat(api.get("/api/v1/emergencies/" + pauseId, "sre").path("stage").asText())
        .isEqualTo("MANDATE");

    CliProcess.Result second =
        asSigner(2, "sign", pauseId, "--key", keystore(2).toString(), "--yes");
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(second.output())
        .contains("signs             PauseTiers (EIP-712 typed data)")
        .contains("  paused          true (pause)")
        .containsPattern("signature accepted: recorded; ends in 23 h 5[89] min unless 2 signers");

    // The platform's own refusal of a signature, with its reason, changes nothing.
    CliProcess.Result twice =
        asSigner(2, "sign", pauseId, "--key", keystore(2).toString(), "--yes");
    assertOneLineRefusal(twice, "already signed this request");

    CliProcess.Result third =
        asSigner(3, "sign", pauseId, "--key", keystore(3).toString(), "--yes");
    assertThat(third.exitCode()).as(third.output()).isZero();
    assertThat(third.output())
        .contains("signature accepted: threshold reached, ratifying")
        .contains(pauseId + " is now DONE");

    JsonNode done = api.get("/api/v1/emergencies/" + pauseId, "sre");
    assertThat(done.path("stage").asText()).isEqualTo("DONE");
    CliProcess.Result status = asGuardian("status", pauseId);
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output())
        .contains(pauseId + ": PAUSE of ")
        .contains("stage          DONE")
        .contains("emergency.signed");
    CliProcess.Result list = asGuardian("status");
    assertThat(list.output()).containsPattern(pauseId + " +PAUSE +DONE");
  }

  @Test
  @Order(2)
  void refusals_areOneLine_exitCode1_andSignNothing() throws Exception {
    CliProcess.Result proposed =
        asGuardian(
            "propose",
            "--action",
            "PAUSE",
            "--tier",
            "GUARDIAN",
            "--reason",
            "guardian tier drill");
    assertThat(proposed.exitCode()).as(proposed.output()).isZero();
    Matcher id = PROPOSED.matcher(proposed.output());
    assertThat(id.find()).isTrue();
    String drill = id.group(1);
    assertThat(proposed.output())
        .contains("signers: noderr emergency sign " + drill + " --key KEYFILE");

    // Signer 2 is no guardian: the CLI sees it in the request and touches no key.
    CliProcess.Result notGuardian =
        asSigner(2, "sign", drill, "--key", keystore(2).toString(), "--yes");
    assertOneLineRefusal(notGuardian, "may not sign this request: it counts only signatures of");

    CliProcess.Result afterDone =
        asSigner(3, "sign", pauseId, "--key", keystore(3).toString(), "--yes");
    assertOneLineRefusal(afterDone, pauseId + " is done: nothing to sign");

    CliProcess.Result wrongPassword =
        run(
            Map.of(
                "NODERR_USER", "signer1",
                "NODERR_PASSWORD", PASSWORD,
                "NODERR_KEYSTORE_PASSWORD", "not-the-password"),
            "sign",
            drill,
            "--key",
            keystore(1).toString(),
            "--yes");
    assertOneLineRefusal(wrongPassword, "cannot unlock keystore");

    CliProcess.Result badVersion =
        asGuardian(
            "propose",
            "--action",
            "EMERGENCY_ROLLBACK",
            "--tier",
            "ORACLE",
            "--to-version",
            "9.9.9",
            "--image-digest",
            "sha256:" + "9e".repeat(32),
            "--reason",
            "no such release");
    assertOneLineRefusal(badVersion, "9.9.9");
    assertThat(api.get("/api/v1/emergencies/" + drill, "sre").path("signedBy").size()).isZero();
  }

  // --------------------------------------------------------------------------------- helpers

  private void assertOneLineRefusal(CliProcess.Result run, String reason) {
    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    String[] lines = run.output().strip().split("\n");
    assertThat(lines[lines.length - 1]).startsWith("error: ").contains(reason);
    assertThat(run.output()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  private CliProcess.Result asGuardian(String... args) throws Exception {
    return run(Map.of("NODERR_API_TOKEN", guardianToken), args);
  }

  private CliProcess.Result asSigner(int number, String... args) throws Exception {
    return run(
        Map.of(
            "NODERR_USER", "signer" + number,
            "NODERR_PASSWORD", PASSWORD,
            "NODERR_KEYSTORE_PASSWORD", PASSWORD),
        args);
  }

  /** Runs {@code noderr emergency ...} from the CLI jar, as a signer at a terminal would. */
  private CliProcess.Result run(Map<String, String> env, String... args) throws Exception {
    List<String> arguments =
        new ArrayList<>(List.of("emergency", args[0], "--platform", base.toString()));
    arguments.addAll(List.of(args).subList(1, args.length));
    return CliProcess.run(env, arguments);
  }

  private Path keystore(int signer) throws Exception {
    return ChainPlatforms.keystore(keys, DemoSigners.key(signer), "signer-" + signer);
  }

  /** The key in clear hex, as an emergency kit without a keystore holds it. */
  private Path hexKey(int signer) throws Exception {
    ECKeyPair key = DemoSigners.key(signer);
    Path file = keys.resolve("signer-" + signer + ".key");
    Files.writeString(file, Numeric.toHexStringWithPrefixZeroPadded(key.getPrivateKey(), 64));
    return file;
  }
}
