package io.noderr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.agent.platform.StubPlatform;
import io.noderr.agent.platform.StubPlatform.Answer;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.GuardianPauseAction;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.PauseTiersAction;
import io.noderr.signing.Signatures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;
import picocli.CommandLine;

/**
 * {@code noderr emergency} against a stand-in platform: which options go with which action, the red
 * button in one command, the digest re-check before signing, the status views and one-line errors.
 * The real platform end to end is {@code EmergencyCliIT} in the app module.
 */
class EmergencyCommandTest {

  private static final String ID = "emergency-1";
  private static final MultisigDomain DOMAIN =
      new MultisigDomain(1337, Address.of("0x" + "5a".repeat(20)));
  private static final ECKeyPair GUARDIAN = DemoSigners.key(1);
  private static final Address GUARDIAN_ADDRESS = Signatures.addressOf(GUARDIAN);
  private static final String TOKEN = "nat_" + "a".repeat(40);

  @TempDir Path dir;
  private Path guardianKey;
  private StubPlatform platform;
  private final Map<String, String> env = new HashMap<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private final long deadline = Instant.now().plusSeconds(6 * 3600).getEpochSecond();
  private final long mandateEnds = Instant.now().plus(Duration.ofHours(24)).getEpochSecond();
  private final GuardianPauseAction pause =
      new GuardianPauseAction(2, BigInteger.valueOf(3), deadline);
  private final PauseTiersAction ratify =
      new PauseTiersAction(2, true, BigInteger.valueOf(4), mandateEnds);

  /** The digest the stand-in platform claims; a test may make it lie. */
  private String claimedDigest = Numeric.toHexString(pause.digest(DOMAIN));

  /** What GET /api/v1/emergencies/emergency-1 answers. */
  private Map<String, Object> current;

  @BeforeEach
  void setUp() throws Exception {
    guardianKey = dir.resolve("guardian.key");
    Files.writeString(
        guardianKey, Numeric.toHexStringWithPrefixZeroPadded(GUARDIAN.getPrivateKey(), 64) + "\n");
    env.put(PlatformLogin.TOKEN_ENV, TOKEN);
    current = awaitingGuardian();
    platform = StubPlatform.start();
    platform.on("POST", "/api/v1/emergencies", r -> Answer.ok(awaitingGuardian()));
    platform.on("GET", "/api/v1/emergencies/" + ID, r -> Answer.ok(current));
    platform.on("POST", "/api/v1/emergencies/" + ID + "/signatures", this::signature);
    platform.on(
        "GET",
        "/api/v1/emergencies?open=true",
        r ->
            Answer.ok(
                Map.of(
                    "items",
                    List.of(
                        Map.of(
                            "id",
                            ID,
                            "action",
                            "PAUSE",
                            "stage",
                            "MANDATE",
                            "scope",
                            "tiers=ORACLE",
                            "proposedBy",
                            "signer1",
                            "signatures",
                            1,
                            "required",
                            2)))));
  }

  @AfterEach
  void tearDown() {
    platform.close();
  }

  @Test
  void proposePause_withSignWith_signsAtOnce_andFollowsItIntoTheMandate() {
    int exit =
        run(
            "propose",
            "--action",
            "pause",
            "--tier",
            "oracle",
            "--reason",
            "oracle feed poisoned",
            "--sign-with",
            guardianKey.toString(),
            "--yes");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode form = platform.requests("POST").get(0).body();
    assertThat(form.toString())
        .isEqualTo(
            "{\"action\":\"PAUSE\",\"tiers\":[\"ORACLE\"],\"reason\":\"oracle feed poisoned\"}");
    assertThat(platform.requests("POST").get(0).authorization()).isEqualTo("Bearer " + TOKEN);
    JsonNode signed = platform.requests("POST").get(1).body();
    assertThat(Signatures.recover(pause.digest(DOMAIN), signed.path("signature").asText()))
        .isEqualTo(GUARDIAN_ADDRESS);
    assertThat(out.toString())
        .contains("proposed emergency-1: PAUSE of tiers=ORACLE")
        .contains("  tiers           ORACLE (mask 2)")
        .contains("EIP-712 digest    " + claimedDigest)
        .contains("signature accepted: guardian acts now")
        .containsPattern(
            "emergency-1 is now MANDATE — ends in 23 h 5[89] min unless 2 signers ratify");
  }

  @Test
  void proposeVeto_namesTheGovernanceProposal_andPrintsTheEmergencyId() {
    int exit =
        run(
            "propose",
            "--action",
            "veto-proposal",
            "--proposal",
            "4711",
            "--reason",
            "rushed change",
            "--deadline-hours",
            "2");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(platform.requests("POST").get(0).body().toString())
        .isEqualTo(
            "{\"action\":\"VETO_PROPOSAL\",\"reason\":\"rushed change\",\"deadlineHours\":2,"
                + "\"governanceProposal\":\"4711\"}");
    assertThat(out.toString())
        .contains("proposed emergency-1:")
        .contains("signers: noderr emergency sign emergency-1 --key KEYFILE");
  }

  @Test
  void sign_refusesADigestThatIsNotTheTypedDatas_andPostsNothing() {
    claimedDigest =
        Numeric.toHexString(new GuardianPauseAction(7, pause.nonce(), deadline).digest(DOMAIN));
    current = awaitingGuardian();

    assertRefused(
        run("sign", ID, "--key", guardianKey.toString(), "--yes"),
        "the platform's digest is not the EIP-712 digest of the typed data it shows — not signing");
    assertThat(platform.requests("POST")).isEmpty();
  }

  @Test
  void sign_asksBeforeSigning_andWithoutATerminalNeedsYes() {
    assertRefused(
        run("sign", ID, "--key", guardianKey.toString()),
        "no terminal to confirm on: read the request, then pass --yes");
    assertThat(platform.requests("POST")).isEmpty();
  }

  @Test
  void status_listsOpenEmergencies_andShowsOneWithItsCountdown() {
    current = inMandate();

    assertThat(run("status", "--open")).as(err.toString()).isZero();
    assertThat(out.toString())
        .containsPattern("ID +ACTION +STAGE +SIGS")
        .containsPattern("emergency-1 +PAUSE +MANDATE +1/2 +signer1 +tiers=ORACLE");

    assertThat(run("status", ID)).as(err.toString()).isZero();
    assertThat(out.toString())
        .containsPattern("stage +MANDATE — ends in 23 h 5[89] min unless 2 signers ratify")
        .contains("signed by      " + GUARDIAN_ADDRESS.value())
        .contains("effect         paused tiers ORACLE on the beacon")
        .contains("signer1  emergency.signed  act signature 1 of 1");
  }

  @Test
  void usageErrors_exitWith2_andSendNothing() {
    assertUsage(
        run("propose", "--action", "PAUSE", "--reason", "x"),
        "--action PAUSE needs --all-tiers or --tier");
    assertUsage(
        run(
            "propose",
            "--action",
            "PAUSE",
            "--tier",
            "ORACLE",
            "--to-version",
            "1.0.0",
            "--reason",
            "x"),
        "--to-version does not go with --action PAUSE (it takes --all-tiers, --tier)");
    assertUsage(
        run("propose", "--action", "PAUSE", "--tier", "ORACLE", "--all-tiers", "--reason", "x"),
        "give --tier or --all-tiers, not both");
    assertUsage(
        run("propose", "--action", "PAUSE", "--tier", "MOON", "--reason", "x"),
        "unknown tier 'MOON'");
    assertUsage(
        run("propose", "--action", "NUKE", "--tier", "ORACLE", "--reason", "x"),
        "'NUKE' is not an action");
    assertUsage(
        run("propose", "--action", "EMERGENCY_ROLLBACK", "--tier", "ORACLE", "--reason", "x"),
        "--action EMERGENCY_ROLLBACK needs --to-version");
    assertUsage(
        run(
            "propose",
            "--action",
            "ROTATE_SIGNERS",
            "--signer",
            "0x1234",
            "--threshold",
            "1",
            "--reason",
            "x"),
        "--signer");
    assertUsage(
        run("propose", "--action", "QUARANTINE", "--reason", "x"),
        "--action QUARANTINE needs --node or --operator");
    assertUsage(
        run("propose", "--action", "veto-proposal", "--reason", "x"),
        "--action VETO_PROPOSAL needs --proposal");
    assertUsage(
        run("propose", "--action", "PAUSE", "--tier", "ORACLE", "--proposal", "7", "--reason", "x"),
        "--proposal does not go with --action PAUSE");
    assertUsage(
        run("propose", "--action", "PAUSE", "--all-tiers", "--reason", "r".repeat(501)),
        "--reason needs 1 to 500 characters");
    assertUsage(
        run(
            "propose",
            "--action",
            "PAUSE",
            "--all-tiers",
            "--reason",
            "x",
            "--deadline-hours",
            "169"),
        "--deadline-hours must be between 1 and 168");
    assertUsage(
        run("sign", "../admin", "--key", guardianKey.toString()),
        "EMERGENCY_ID must be an emergency id");
    assertUsage(run("status", ID, "--open"), "--open lists; it does not go with an id");
    env.remove(PlatformLogin.TOKEN_ENV);
    assertUsage(run("status"), "give --user or set NODERR_USER (or set NODERR_API_TOKEN)");
    assertThat(platform.requests()).isEmpty();
  }

  @Test
  void platformRefusals_unreachablePlatforms_andBadKeyFiles_areOneLineErrors() throws Exception {
    platform.on(
        "POST", "/api/v1/emergencies", r -> Answer.problem(409, "ORACLE is already paused"));
    assertRefused(
        run("propose", "--action", "PAUSE", "--tier", "ORACLE", "--reason", "again"),
        "ORACLE is already paused");

    Path notAKey = dir.resolve("notes.txt");
    Files.writeString(notAKey, "my key is in the safe");
    assertRefused(
        run("sign", ID, "--key", notAKey.toString(), "--yes"),
        "is neither a keystore JSON nor a private key");
    assertThat(err.toString()).doesNotContain("my key is in the safe");

    platform.close();
    assertRefused(run("status"), "cannot reach the platform at " + platform.uri());
  }

  // --------------------------------------------------------------------------------- helpers

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(1, List.of("--platform", platform.uri().toString()));
    CommandLine cli =
        NoderrCli.cli(new EmergencyCommand(new ScriptedTerminal(env, new ArrayList<>())));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(all.toArray(String[]::new));
  }

  private void assertRefused(int exit, String message) {
    assertThat(exit).as(out.toString()).isEqualTo(1);
    String[] lines = err.toString().strip().split("\n");
    assertThat(lines[lines.length - 1]).startsWith("error: ").contains(message);
    assertThat(err.toString()).doesNotContain("\tat ");
  }

  private void assertUsage(int exit, String message) {
    assertThat(exit).as(out.toString()).isEqualTo(2);
    assertThat(err.toString()).contains(message).doesNotContain("\tat ");
  }

  /** Checks the signature over the digest claimed, then answers as the workflow does: ACTING. */
  private Answer signature(StubPlatform.Request request) {
    Address signer =
        Signatures.recover(
            Numeric.hexStringToByteArray(claimedDigest), request.body().path("signature").asText());
    if (!signer.value().equals(request.body().path("signer").asText())) {
      return Answer.problem(409, "the signature is not " + signer.checksummed() + "'s");
    }
    current = inMandate();
    Map<String, Object> acting = emergency("ACTING", null);
    acting.put("signedBy", List.of(GUARDIAN_ADDRESS.value()));
    return Answer.ok(acting);
  }

  private Map<String, Object> awaitingGuardian() {
    return emergency(
        "AWAITING_SIGNATURES",
        request(
            "ACT",
            "GuardianPause",
            claimedDigest,
            pause.typedData(DOMAIN),
            1,
            List.of(GUARDIAN_ADDRESS.value())));
  }

  private Map<String, Object> inMandate() {
    Map<String, Object> e =
        emergency(
            "MANDATE",
            request(
                "RATIFY",
                "PauseTiers",
                Numeric.toHexString(ratify.digest(DOMAIN)),
                ratify.typedData(DOMAIN),
                2,
                DemoSigners.addresses().stream().map(Address::value).toList()));
    e.put("mandateExpiresAt", Instant.ofEpochSecond(mandateEnds).toString());
    e.put("signedBy", List.of(GUARDIAN_ADDRESS.value()));
    e.put("effects", List.of("paused tiers ORACLE on the beacon"));
    e.put(
        "audit",
        List.of(
            Map.of(
                "at",
                "2026-12-02T22:01:00Z",
                "actor",
                "signer1",
                "action",
                "emergency.signed",
                "detail",
                "act signature 1 of 1"),
            Map.of(
                "at",
                "2026-12-02T22:00:00Z",
                "actor",
                "signer1",
                "action",
                "emergency.proposed",
                "detail",
                "PAUSE")));
    return e;
  }

  private Map<String, Object> emergency(String stage, Map<String, Object> request) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", ID);
    e.put("action", "PAUSE");
    e.put("stage", stage);
    e.put("scope", "tiers=ORACLE");
    e.put("reason", "oracle feed poisoned");
    e.put("proposedBy", "signer1");
    e.put("deadline", Instant.ofEpochSecond(deadline).toString());
    e.put("signedBy", List.of());
    e.put("request", request);
    e.put("effects", List.of());
    e.put("live", true);
    e.put("audit", List.of());
    return e;
  }

  private static Map<String, Object> request(
      String kind,
      String type,
      String digest,
      Map<String, Object> typedData,
      int required,
      List<String> eligible) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("kind", kind);
    r.put("primaryType", type);
    r.put("digest", digest);
    r.put("typedData", typedData);
    r.put("eligible", eligible);
    r.put("required", required);
    r.put("summary", List.of("PAUSE tiers ORACLE on the beacon, now"));
    return r;
  }
}
