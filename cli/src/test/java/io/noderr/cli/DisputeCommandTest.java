package io.noderr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.agent.platform.StubPlatform;
import io.noderr.agent.platform.StubPlatform.Answer;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.DismissSlashAction;
import io.noderr.signing.DisputeStatement;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.Signatures;
import io.noderr.signing.SlashAction;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import org.web3j.utils.Numeric;

/**
 * {@code noderr dispute} against a stand-in platform serving a dispute and taking answers, appeals
 * and votes: the stand-in checks that each signature recovers to the right key over what the
 * dispute it served says is signed; refusals are one line and send nothing.
 */
class DisputeCommandTest {

  private static final String ID = "downtime-node-7-1700000000";
  private static final ECKeyPair OPERATOR = ECKeyPair.create(BigInteger.valueOf(7_654_321));
  private static final ECKeyPair SIGNER = DemoSigners.key(1);
  private static final Address MULTISIG = Address.of("0x" + "5a".repeat(20));
  private static final Address STAKING = Address.of("0x" + "3c".repeat(20));
  private static final MultisigDomain DOMAIN = new MultisigDomain(1337, MULTISIG);
  private static final SlashAction ACTION =
      new SlashAction(
          STAKING,
          Signatures.addressOf(OPERATOR),
          new BigInteger("620000000000000000000"),
          BigInteger.valueOf(4),
          1_900_000_000L);
  private static final String TOKEN = "nat_token";

  @TempDir Path dir;
  private StubPlatform platform;
  private final CommandConsole console = new CommandConsole();
  private final Map<String, Object> overrides = new LinkedHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    console.env.put(PlatformLogin.TOKEN_ENV, TOKEN);
    console.env.put(SigningKeyOptions.KEYSTORE_PASSWORD_ENV, "keystore-pw");
    platform = StubPlatform.start();
    platform.on("GET", "/api/v1/disputes/" + ID, r -> Answer.ok(dispute()));
    platform.on("POST", "/api/v1/disputes/" + ID + "/answer", r -> statement("ANSWER", r.body()));
    platform.on("POST", "/api/v1/disputes/" + ID + "/appeal", r -> statement("APPEAL", r.body()));
    platform.on("POST", "/api/v1/disputes/" + ID + "/votes", r -> vote(r.body()));
  }

  @AfterEach
  void tearDown() {
    platform.close();
  }

  @Test
  void answer_signsTheStatementHere_showsIt_andPrintsTheNewStage() throws Exception {
    int exit =
        run(
            OPERATOR,
            "answer",
            ID,
            "--statement",
            "  Moved racks; back online.  ",
            "--yes",
            "--expect-multisig",
            MULTISIG.value(),
            "--expect-chain-id",
            "1337");

    assertThat(exit).as(console.err()).isZero();
    assertThat(console.out())
        .contains("Answer for dispute " + ID)
        .contains("statement         ANSWER: Moved racks; back online.")
        .contains("penalty           620 NODR (3100 bp)")
        .contains("multisig          " + MULTISIG.checksummed())
        .contains("Answer accepted: dispute " + ID + " is AWAITING_DECISION");
    assertThat(console.err()).isEmpty();
    assertThat(platform.requests("POST").getFirst().body().path("statement").asText())
        .isEqualTo("Moved racks; back online.");
  }

  @Test
  void answer_isRefused_forAnotherOperatorsDispute_aClosedWindow_orAnotherMultisig()
      throws Exception {
    console.assertRefused(
        run(SIGNER, "answer", ID, "--statement", "not mine", "--yes"),
        "is against operator " + Signatures.addressOf(OPERATOR).checksummed());
    overrides.put("stage", "AWAITING_DECISION");
    console.assertRefused(
        run(OPERATOR, "answer", ID, "--statement", "late", "--yes"),
        "is AWAITING_DECISION: it takes no answer now");
    overrides.clear();
    console.assertRefused(
        run(
            OPERATOR,
            "answer",
            ID,
            "--statement",
            "pinned",
            "--yes",
            "--expect-multisig",
            "0x" + "77".repeat(20)),
        "multisig");
    assertThat(platform.requests("POST")).isEmpty();
  }

  @Test
  void appeal_inTheAppealWindow_signsAnAppeal() throws Exception {
    overrides.put("stage", "APPEAL_WINDOW");

    assertThat(run(OPERATOR, "appeal", ID, "--statement", "The clock was wrong.", "--yes"))
        .as(console.err())
        .isZero();
    assertThat(console.out()).contains("Appeal accepted");
  }

  @Test
  void vote_slash_signsTheSlashActionBuiltHere_andDismiss_signsTheReason() throws Exception {
    overrides.put("stage", "AWAITING_DECISION");

    assertThat(run(SIGNER, "vote", ID, "--slash", "--yes")).as(console.err()).isZero();
    assertThat(console.out())
        .contains("your vote         SLASH")
        .contains("multisig nonce    4")
        .contains("Vote SLASH accepted");
    assertThat(run(SIGNER, "vote", ID, "--dismiss", "--reason", "a planned outage", "--yes"))
        .as(console.err())
        .isZero();
    assertThat(platform.requests("POST"))
        .extracting(r -> r.body().path("verdict").asText())
        .containsExactly("SLASH", "DISMISS");
  }

  @Test
  void vote_isRefused_withoutAReasonToDismiss_aDigestThatIsNotTheActions_orByANonSigner()
      throws Exception {
    overrides.put("stage", "AWAITING_DECISION");
    console.assertRefused(
        run(SIGNER, "vote", ID, "--dismiss", "--yes"), "a DISMISS vote needs --reason");
    console.assertRefused(
        run(OPERATOR, "vote", ID, "--slash", "--yes"), "is not in the multisig's signer set");
    overrides.put("nonce", "5");
    console.assertRefused(
        run(SIGNER, "vote", ID, "--slash", "--yes"),
        "is not the digest of the Slash action it describes");
    assertThat(platform.requests("POST")).isEmpty();
  }

  @Test
  void theWorkflowsRefusal_isOneLine() throws Exception {
    overrides.put("stage", "AWAITING_DECISION");
    platform.on(
        "POST",
        "/api/v1/disputes/" + ID + "/votes",
        r -> Answer.problem(409, "0x… already voted in this round"));

    console.assertRefused(
        run(SIGNER, "vote", ID, "--slash", "--yes"), "already voted in this round");
  }

  @Test
  void show_printsWhereTheDisputeStands() {
    int exit =
        console.run(
            DisputeCommand::new, List.of("show", "--platform", platform.uri().toString(), ID));

    assertThat(exit).as(console.err()).isZero();
    assertThat(console.out())
        .contains("Dispute " + ID)
        .contains("cause             SUSTAINED_DOWNTIME")
        .contains("stage             AWAITING_ANSWER");
  }

  private int run(ECKeyPair key, String subcommand, String... args) throws Exception {
    Path keystore =
        dir.resolve(WalletUtils.generateWalletFile("keystore-pw", key, dir.toFile(), false));
    List<String> all =
        new ArrayList<>(
            List.of(
                subcommand,
                "--platform",
                platform.uri().toString(),
                "--keystore",
                keystore.toString()));
    all.addAll(List.of(args));
    return console.run(DisputeCommand::new, all);
  }

  private Map<String, Object> dispute() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("disputeId", ID);
    json.put("nodeId", "node-7");
    json.put("cause", "SUSTAINED_DOWNTIME");
    json.put("evidence", "no heartbeat for 7 h");
    json.put("openedBy", "system");
    json.put("stage", "AWAITING_ANSWER");
    json.put("operator", Signatures.addressOf(OPERATOR).value());
    json.put("penalty", ACTION.amount().toString());
    json.put("penaltyBp", 3100);
    json.put("chainId", 1337);
    json.put("multisig", MULTISIG.value());
    json.put("staking", STAKING.value());
    json.put("nonce", "4");
    json.put("slashDigest", Numeric.toHexString(ACTION.digest(DOMAIN)));
    json.put("roundDeadline", ACTION.deadline());
    json.put(
        "signers", DemoSigners.keys().stream().map(k -> Signatures.addressOf(k).value()).toList());
    json.put("needed", 2);
    json.put("slashVotes", List.of());
    json.put("dismissVotes", List.of());
    json.putAll(overrides);
    return json;
  }

  /** The workflow's check: the operator's key over this dispute and kind of statement. */
  private static Answer statement(String kind, JsonNode body) {
    DisputeStatement statement = new DisputeStatement(ID, kind, body.path("statement").asText());
    if (!Signatures.recover(statement.digest(DOMAIN), body.path("signature").asText())
        .equals(Signatures.addressOf(OPERATOR))) {
      return Answer.problem(409, "not signed by the operator");
    }
    return accepted("AWAITING_DECISION");
  }

  private static Answer vote(JsonNode body) {
    byte[] slash = ACTION.digest(DOMAIN);
    byte[] signed =
        "SLASH".equals(body.path("verdict").asText())
            ? slash
            : new DismissSlashAction(slash, body.path("reason").asText()).digest(DOMAIN);
    if (!Signatures.recover(signed, body.path("signature").asText())
        .equals(Address.of(body.path("signer").asText()))) {
      return Answer.problem(409, "the signature is not the signer's");
    }
    return accepted("AWAITING_DECISION");
  }

  private static Answer accepted(String stage) {
    return Answer.ok(Map.of("disputeId", ID, "stage", stage, "slashVotes", 0, "dismissVotes", 0));
  }
}
