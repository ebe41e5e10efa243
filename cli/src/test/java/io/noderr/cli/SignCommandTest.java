package io.noderr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.agent.platform.StubPlatform;
import io.noderr.agent.platform.StubPlatform.Answer;
import io.noderr.agent.platform.StubPlatform.Request;
import io.noderr.signing.Address;
import io.noderr.signing.DeclineAction;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.ImageDigest;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PublishAction;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import org.web3j.utils.Numeric;

/**
 * {@code noderr sign} against a stand-in platform serving canned release requests: what it refuses
 * to sign, and that what it signs recovers to the keystore's address over the digest it computed
 * itself. The real platform end to end is covered in the app module.
 */
class SignCommandTest {

  private static final String ID = "release-ORACLE-1.4.2";
  private static final Address MULTISIG = Address.of("0x" + "5a".repeat(20));
  private static final MultisigDomain DOMAIN = new MultisigDomain(1337, MULTISIG);
  private static final ECKeyPair SIGNER = DemoSigners.key(1);
  private static final Address ME = Signatures.addressOf(SIGNER);
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("signer1:platform-pw".getBytes(StandardCharsets.UTF_8));

  @TempDir Path dir;
  private Path keystore;
  private StubPlatform platform;
  private final CommandConsole console = new CommandConsole();
  private final Map<String, String> env = console.env;
  private final List<String> typed = console.typed;

  /** What the stand-in platform serves; tests change fields before running the command. */
  private PublishAction action =
      new PublishAction(
          1,
          "1.4.2",
          ImageDigest.parse("sha256:" + "ab".repeat(32)),
          "1.2.0",
          "https://example.org/notes/1.4.2",
          BigInteger.valueOf(7),
          Instant.now().plusSeconds(3600).getEpochSecond());

  private final Map<String, Object> overrides = new LinkedHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    // Light scrypt keeps the test fast; `noderr chain` writes geth's full-strength form.
    String file = WalletUtils.generateWalletFile("keystore-pw", SIGNER, dir.toFile(), false);
    keystore = dir.resolve(file);
    env.put(PlatformLogin.USER_ENV, "signer1");
    env.put(PlatformLogin.PASSWORD_ENV, "platform-pw");
    env.put(SigningKeyOptions.KEYSTORE_PASSWORD_ENV, "keystore-pw");
    platform = StubPlatform.start();
    platform.on("GET", "/api/v1/releases/" + ID, this::releaseRequest);
    platform.on(
        "POST",
        "/api/v1/releases/" + ID + "/signatures",
        r -> authorized(r, () -> progress("PUBLISHING", 2)));
    platform.on(
        "POST",
        "/api/v1/releases/" + ID + "/declines",
        r -> authorized(r, () -> progress("AWAITING_SIGNATURES", 1)));
  }

  @AfterEach
  void tearDown() {
    platform.close();
  }

  @Test
  void signs_theDigestItComputed_andShowsItsOwnSummary() {
    int exit =
        sign(
            "--release",
            ID,
            "--yes",
            "--expect-multisig",
            MULTISIG.value(),
            "--expect-chain-id",
            "1337");

    assertThat(exit).as(console.err()).isZero();
    assertThat(console.out())
        .contains("Publish node software 1.4.2 to tier ORACLE (code 1)")
        .contains("image digest      sha256:" + "ab".repeat(32))
        .contains("multisig contract " + MULTISIG.checksummed())
        .contains("EIP-712 digest    " + Numeric.toHexString(action.digest(DOMAIN)))
        .contains("signing as        " + ME.checksummed())
        .contains("signature accepted: 2 of 2 — publishing");
    assertThat(console.err()).isEmpty();
    JsonNode posted = onlyPost().body();
    assertThat(posted.path("signer").asText()).isEqualTo(ME.value());
    assertThat(Signatures.recover(action.digest(DOMAIN), posted.path("signature").asText()))
        .isEqualTo(ME);
  }

  @Test
  void declines_withASignatureOverTheDeclineAction() {
    int exit = sign("--release", ID, "--yes", "--decline", "notes link is dead");

    assertThat(exit).as(console.err()).isZero();
    assertThat(console.out()).contains("decline recorded: 1 of 2 — waiting for more signatures");
    JsonNode posted = onlyPost().body();
    assertThat(posted.path("reason").asText()).isEqualTo("notes link is dead");
    byte[] declined = new DeclineAction(action.digest(DOMAIN), "notes link is dead").digest(DOMAIN);
    assertThat(Signatures.recover(declined, posted.path("signature").asText())).isEqualTo(ME);
  }

  @Test
  void refuses_whenThePlatformsDigestDoesNotMatchTheFields() {
    overrides.put("version", "1.4.3"); // what the signer would read differs from what is signed

    console.assertRefused(
        sign("--release", ID, "--yes"),
        "the platform's digest does not match the request's fields — not signing");
  }

  @Test
  void refuses_aMultisigOrChainOtherThanPinned() {
    console.assertRefused(
        sign("--release", ID, "--yes", "--expect-multisig", "0x" + "77".repeat(20)),
        "the request names multisig " + MULTISIG.checksummed());
    console.assertRefused(
        sign("--release", ID, "--yes", "--expect-chain-id", "1"),
        "the request names chain 1337, not the expected 1 — not signing");
  }

  @Test
  void refuses_whenTheKeystoreIsNotASigner_orAlreadyAnswered() {
    overrides.put("signers", List.of("0x" + "11".repeat(20), "0x" + "22".repeat(20)));
    console.assertRefused(sign("--release", ID, "--yes"), ME.checksummed() + " is not a signer");

    overrides.put("signers", List.of(ME.checksummed()));
    overrides.put("signedBy", List.of(ME.checksummed()));
    console.assertRefused(
        sign("--release", ID, "--yes"), ME.checksummed() + " already signed " + ID);
  }

  @Test
  void refuses_afterTheDeadline() {
    action =
        new PublishAction(
            action.tier(),
            action.version(),
            action.imageDigest(),
            action.minimumVersion(),
            action.notesUri(),
            action.nonce(),
            Instant.now().minusSeconds(60).getEpochSecond());

    console.assertRefused(sign("--release", ID, "--yes"), "expired at");
  }

  @Test
  void withoutRelease_usesTheOnlyPendingOne_listsSeveral_andSaysWhenThereIsNone() {
    List<Map<String, Object>> pending = new ArrayList<>(List.of(pendingItem(ID)));
    platform.on(
        "GET",
        "/api/v1/releases?status=AWAITING_SIGNATURES",
        r -> Answer.ok(Map.of("items", pending, "total", pending.size())));

    assertThat(sign("--yes")).as(console.err()).isZero();
    assertThat(console.out()).contains("signature accepted");

    pending.add(pendingItem("release-GUARDIAN-2.0.0"));
    assertThat(sign("--yes")).isEqualTo(2);
    assertThat(console.out())
        .contains("2 releases are awaiting signatures")
        .contains("release-GUARDIAN-2.0.0  GUARDIAN 1.4.2");
    assertThat(console.err()).contains("choose one with --release ID");

    pending.clear();
    assertThat(sign("--yes")).isZero();
    assertThat(console.out()).contains("no release is awaiting signatures");
    assertThat(platform.requests("POST")).hasSize(1);
  }

  @Test
  void asksBeforeSigning_andANoSignsNothing() {
    typed.add("n");
    assertThat(sign("--release", ID)).isEqualTo(1);
    assertThat(console.out()).contains("nothing signed");
    assertThat(console.err()).contains("warning: without --expect-multisig and --expect-chain-id");

    typed.add("y");
    assertThat(sign("--release", ID)).isZero();
    assertThat(platform.requests("POST")).hasSize(1);
  }

  @Test
  void withoutTerminal_missingSecretsAndConfirmations_areOneLineErrors() {
    env.remove(PlatformLogin.PASSWORD_ENV);
    console.assertRefused(
        sign("--release", ID, "--yes"), "no terminal to ask for the password: set NODERR_PASSWORD");

    env.put(PlatformLogin.PASSWORD_ENV, "platform-pw");
    console.assertRefused(
        sign("--release", ID), "no terminal to confirm on: read the request, then pass --yes");
  }

  @Test
  void platformRefusals_andAWrongKeystorePassword_areOneLineErrors() {
    env.put(PlatformLogin.PASSWORD_ENV, "wrong");
    console.assertRefused(sign("--release", ID, "--yes"), "bad credentials");

    env.put(PlatformLogin.PASSWORD_ENV, "platform-pw");
    env.put(SigningKeyOptions.KEYSTORE_PASSWORD_ENV, "wrong");
    console.assertRefused(sign("--release", ID, "--yes"), "cannot unlock keystore");
    assertThat(platform.requests("POST")).isEmpty();
  }

  @Test
  void usageErrors_exitWith2() {
    env.remove(PlatformLogin.USER_ENV);
    assertThat(sign("--release", ID)).isEqualTo(2);
    assertThat(console.err()).contains("give --user or set NODERR_USER");

    assertThat(sign("--user", "signer1", "--release", "../admin")).isEqualTo(2);
    assertThat(sign("--user", "signer1", "--expect-multisig", "0x1234")).isEqualTo(2);
    assertThat(console.err()).contains("--expect-multisig");
    assertThat(platform.requests()).isEmpty();
  }

  // --------------------------------------------------------------------------------- helpers

  /** Runs {@code noderr sign} with the test keystore against the stub; clears earlier output. */
  private int sign(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("--platform", platform.uri().toString(), "--keystore", keystore.toString()));
    all.addAll(List.of(args));
    return console.run(SignCommand::new, all);
  }

  private Request onlyPost() {
    assertThat(platform.requests("POST")).hasSize(1);
    return platform.requests("POST").get(0);
  }

  /** The request as the platform describes it, with its digest of the fields as served. */
  private Answer releaseRequest(Request request) {
    return authorized(
        request,
        () -> {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("id", ID);
          json.put("tier", "ORACLE");
          json.put("tierCode", action.tier());
          json.put("version", action.version());
          json.put("imageDigest", action.imageDigest().value());
          json.put("minimumVersion", action.minimumVersion());
          json.put("notesUri", action.notesUri());
          json.put("status", "AWAITING_SIGNATURES");
          json.put("proposedBy", "admin");
          json.put("deadline", Instant.ofEpochSecond(action.deadline()).toString());
          json.put("deadlineEpochSeconds", action.deadline());
          json.put("nonce", action.nonce().toString());
          json.put("chainId", DOMAIN.chainId());
          json.put("multisig", MULTISIG.checksummed());
          json.put("backend", "CHAIN");
          json.put("threshold", 2);
          json.put("signers", List.of(ME.checksummed(), "0x" + "22".repeat(20)));
          json.put("signedBy", List.of("0x" + "22".repeat(20)));
          json.put("declinedBy", List.of());
          json.put("digest", Numeric.toHexString(action.digest(DOMAIN)));
          json.put("summary", List.of("whatever the platform says"));
          json.putAll(overrides);
          return Answer.ok(json);
        });
  }

  private static Answer authorized(Request request, Supplier<Answer> answer) {
    return BASIC.equals(request.authorization())
        ? answer.get()
        : Answer.problem(401, "bad credentials");
  }

  /** The platform's SignatureAccepted: stage, signatures, declines, threshold. */
  private static Answer progress(String stage, int signatures) {
    return Answer.ok(
        Map.of("stage", stage, "signatures", signatures, "declines", 0, "threshold", 2));
  }

  private Map<String, Object> pendingItem(String id) {
    return Map.of(
        "id",
        id,
        "tier",
        id.contains("GUARDIAN") ? "GUARDIAN" : "ORACLE",
        "version",
        "1.4.2",
        "imageDigest",
        action.imageDigest().value(),
        "status",
        "AWAITING_SIGNATURES",
        "deadline",
        Instant.ofEpochSecond(action.deadline()).toString(),
        "signatures",
        1,
        "threshold",
        2);
  }
}
