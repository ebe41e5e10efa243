package io.noderr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.noderr.agent.platform.StubPlatform;
import io.noderr.agent.platform.StubPlatform.Answer;
import io.noderr.agent.platform.StubPlatform.Request;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.GovernorBallot;
import io.noderr.signing.Signatures;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
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

/**
 * {@code noderr vote} against a stand-in platform serving the ballot request and relaying the
 * ballot: the stand-in checks the request's shape and that the ballot recovers to the keystore's
 * address over the digest of the fields it served; refusals are one line and send nothing.
 */
class VoteCommandTest {

  private static final String ID = "98765432109876543210";
  private static final Address GOVERNOR = Address.of("0x" + "6b".repeat(20));
  private static final ECKeyPair OPERATOR = DemoSigners.key(2);
  private static final Address ME = Signatures.addressOf(OPERATOR);
  private static final String TOKEN = "nat_operator-token";

  @TempDir Path dir;
  private Path keystore;
  private StubPlatform platform;
  private final CommandConsole console = new CommandConsole();
  private final Map<String, String> env = console.env;
  private final List<String> typed = console.typed;
  private final Map<String, Object> overrides = new LinkedHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    keystore =
        dir.resolve(WalletUtils.generateWalletFile("keystore-pw", OPERATOR, dir.toFile(), false));
    env.put(PlatformLogin.TOKEN_ENV, TOKEN);
    env.put(SigningKeyOptions.KEYSTORE_PASSWORD_ENV, "keystore-pw");
    platform = StubPlatform.start();
    platform.on(
        "GET",
        "/api/v1/governance/proposals/" + ID + "/ballot?voter=" + ME.value(),
        r -> authorized(r, this::ballotRequest));
    platform.on(
        "POST",
        "/api/v1/governance/proposals/" + ID + "/ballots",
        r -> authorized(r, () -> relay(r.body())));
  }

  @AfterEach
  void tearDown() {
    platform.close();
  }

  @Test
  void votesFor_withABallotSignedHere_andPrintsTheWeightAndTransaction() {
    int exit =
        vote(
            ID,
            "--for",
            "--yes",
            "--expect-governor",
            GOVERNOR.value(),
            "--expect-chain-id",
            "1337");

    assertThat(exit).as(console.err()).isZero();
    assertThat(console.out())
        .contains("proposal          canary 10 %")
        .contains("your vote         FOR")
        .contains("governor          " + GOVERNOR.checksummed())
        .contains("chain id          1337")
        .contains("vote FOR counted with weight 2000 NODR in transaction 0xabc");
    assertThat(console.err()).isEmpty();
    JsonNode posted = onlyPost().body();
    assertThat(posted.path("voter").asText()).isEqualTo(ME.value());
    assertThat(posted.path("support").asText()).isEqualTo("FOR");
  }

  @Test
  void againstAndAbstain_signTheirOwnSupport() {
    assertThat(vote(ID, "--against", "--yes")).as(console.err()).isZero();
    assertThat(vote(ID, "--abstain", "--yes")).as(console.err()).isZero();

    assertThat(platform.requests("POST"))
        .extracting(r -> r.body().path("support").asText())
        .containsExactly("AGAINST", "ABSTAIN");
  }

  @Test
  void refuses_anotherGovernorOrChainThanPinned_andSendsNothing() {
    console.assertRefused(
        vote(ID, "--for", "--yes", "--expect-governor", "0x" + "77".repeat(20)),
        "the platform names governor " + GOVERNOR.checksummed());
    console.assertRefused(
        vote(ID, "--for", "--yes", "--expect-chain-id", "1"),
        "the platform names chain 1337, not the expected 1 — not signing");
    assertThat(platform.requests("POST")).isEmpty();
  }

  @Test
  void refuses_aClosedProposal_anotherProposalOrVoter_andAnEndedVote() {
    overrides.put("state", "SUCCEEDED");
    console.assertRefused(
        vote(ID, "--for", "--yes"), "proposal " + ID + " is SUCCEEDED, not open for votes");

    overrides.clear();
    overrides.put("proposalId", "1");
    console.assertRefused(
        vote(ID, "--for", "--yes"), "the platform answered for proposal 1, not " + ID);

    overrides.clear();
    overrides.put("voter", "0x" + "22".repeat(20));
    console.assertRefused(vote(ID, "--for", "--yes"), "the platform answered for voter");

    overrides.clear();
    overrides.put("voteEnd", Instant.now().minusSeconds(60).toString());
    console.assertRefused(vote(ID, "--for", "--yes"), "voting on proposal " + ID + " ended at");
    assertThat(platform.requests("POST")).isEmpty();
  }

  @Test
  void platformRefusals_areOneLine_withTheProblemsDetail() {
    platform.on(
        "POST",
        "/api/v1/governance/proposals/" + ID + "/ballots",
        r -> Answer.problem(409, "0x… already voted on proposal " + ID));

    console.assertRefused(vote(ID, "--for", "--yes"), "already voted on proposal " + ID);

    env.put(PlatformLogin.TOKEN_ENV, "nat_wrong");
    console.assertRefused(vote(ID, "--for", "--yes"), "bad credentials");
  }

  @Test
  void asksBeforeSigning_andANoSignsNothing() {
    typed.add("n");
    assertThat(vote(ID, "--for")).isEqualTo(1);
    assertThat(console.out()).contains("nothing signed");
    assertThat(console.err()).contains("warning: without --expect-governor and --expect-chain-id");
    assertThat(platform.requests("POST")).isEmpty();
  }

  @Test
  void usageErrors_exitWith2() {
    assertThat(vote(ID)).isEqualTo(2);
    assertThat(vote(ID, "--for", "--against")).isEqualTo(2);
    assertThat(vote("0x12", "--for")).isEqualTo(2);
    assertThat(console.err()).contains("PROPOSAL_ID must be the proposal's decimal id");
    assertThat(platform.requests()).isEmpty();
  }

  private int vote(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("--platform", platform.uri().toString(), "--keystore", keystore.toString()));
    all.addAll(List.of(args));
    return console.run(VoteCommand::new, all);
  }

  private Request onlyPost() {
    assertThat(platform.requests("POST")).hasSize(1);
    return platform.requests("POST").get(0);
  }

  private Answer ballotRequest() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("proposalId", ID);
    json.put("chainId", 1337);
    json.put("governor", GOVERNOR.checksummed());
    json.put("voter", ME.value());
    json.put("nonce", "3");
    json.put("state", "ACTIVE");
    json.put("description", "canary 10 %");
    json.put("voteEnd", Instant.now().plusSeconds(600).toString());
    json.putAll(overrides);
    return Answer.ok(json);
  }

  /** The platform's relay: the body's shape and a signature over the ballot it served. */
  private static Answer relay(JsonNode body) {
    int support =
        switch (body.path("support").asText()) {
          case "FOR" -> GovernorBallot.FOR;
          case "AGAINST" -> GovernorBallot.AGAINST;
          case "ABSTAIN" -> GovernorBallot.ABSTAIN;
          default -> -1;
        };
    if (support < 0 || !ME.value().equals(body.path("voter").asText())) {
      return Answer.problem(400, "malformed ballot " + body);
    }
    GovernorBallot ballot =
        new GovernorBallot(1337, GOVERNOR, new BigInteger(ID), support, ME, BigInteger.valueOf(3));
    if (!Signatures.recover(ballot.digest(), body.path("signature").asText()).equals(ME)) {
      return Answer.problem(400, "the ballot's signature is not the voter's");
    }
    return Answer.ok(
        Map.of(
            "proposalId",
            ID,
            "voter",
            ME.value(),
            "support",
            body.path("support").asText(),
            "weight",
            "2000000000000000000000",
            "transaction",
            "0xabc"));
  }

  private static Answer authorized(Request request, java.util.function.Supplier<Answer> answer) {
    return ("Bearer " + TOKEN).equals(request.authorization())
        ? answer.get()
        : Answer.problem(401, "bad credentials");
  }
}
