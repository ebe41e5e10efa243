package io.noderr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.agent.platform.StubPlatform;
import io.noderr.agent.platform.StubPlatform.Answer;
import io.noderr.agent.platform.StubPlatform.Request;
import io.noderr.signing.Address;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.GovernorDomain;
import io.noderr.signing.ProposalSubmission;
import io.noderr.signing.SetParameterCall;
import io.noderr.signing.Signatures;
import io.noderr.signing.SignedProposal;
import io.noderr.signing.SignedProposalJson;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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

/**
 * {@code noderr propose} against a stand-in platform: the signed proposal it posts (or writes with
 * {@code --sign-only}) is a {@code setParameter} call on the registry the platform named, signed by
 * the keystore over the governor's EIP-712 digest; refusals are one line and send nothing.
 */
class ProposeCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Address GOVERNOR = Address.of("0x" + "6b".repeat(20));
  private static final Address PARAMETERS = Address.of("0x" + "7c".repeat(20));
  private static final GovernorDomain DOMAIN = new GovernorDomain(1337, GOVERNOR);
  private static final ECKeyPair OPERATOR = DemoSigners.key(3);
  private static final Address ME = Signatures.addressOf(OPERATOR);
  private static final String TOKEN = "nat_operator-token";

  @TempDir Path dir;
  private Path keystore;
  private StubPlatform platform;
  private final CommandConsole console = new CommandConsole();
  private final Map<String, String> env = console.env;
  private final List<String> typed = console.typed;
  private final Map<String, Object> governance = new LinkedHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    keystore =
        dir.resolve(WalletUtils.generateWalletFile("keystore-pw", OPERATOR, dir.toFile(), false));
    env.put(PlatformLogin.TOKEN_ENV, TOKEN);
    env.put(SigningKeyOptions.KEYSTORE_PASSWORD_ENV, "keystore-pw");
    // As the platform answers: contracts nested, the parameters a list of their own.
    governance.put("on", true);
    governance.put("chainId", 1337);
    governance.put(
        "contracts",
        Map.of(
            "governor",
            GOVERNOR.checksummed(),
            "parameters",
            PARAMETERS.checksummed(),
            "staking",
            "0x" + "8d".repeat(20)));
    governance.put("parameters", List.of(Map.of("name", "rollout.canaryPercent", "value", "5")));
    platform = StubPlatform.start();
    platform.on("GET", "/api/v1/governance", r -> authorized(r, () -> Answer.ok(governance)));
    platform.on("POST", "/api/v1/governance/proposals", r -> authorized(r, () -> accept(r.body())));
  }

  @AfterEach
  void tearDown() {
    platform.close();
  }

  @Test
  void proposes_aParameterChangeSignedHere_andPrintsTheProposalAndWorkflow() {
    int exit =
        propose(
            "--nonce",
            "4",
            "--yes",
            "--expect-governor",
            GOVERNOR.value(),
            "--expect-chain-id",
            "1337");

    assertThat(exit).as(console.err()).isZero();
    assertThat(console.out())
        .contains("PROPOSE as " + ME.checksummed() + ": canary to 10 %")
        .contains("setParameter(\"rollout.canaryPercent\", 10) on " + PARAMETERS.checksummed())
        .contains("governor nonce    4")
        .contains("proposal 777 submitted (workflow governance-proposal-777)");
    assertThat(console.err()).isEmpty();
    SignedProposal posted = SignedProposalJson.fromJson(map(onlyPost().body()));
    assertThat(posted.nonce()).isEqualTo(BigInteger.valueOf(4));
    assertThat(posted.deadline())
        .isGreaterThan(Instant.now().plusSeconds(23 * 3600).getEpochSecond());
  }

  @Test
  void waitsForTheSubmission_andSaysTheProposalIsOnChain_withItsVotingWindow() {
    platform.on(
        "GET",
        "/api/v1/governance/proposals/777",
        r ->
            Answer.ok(
                Map.of(
                    "proposalId", "777",
                    "state", "PENDING",
                    "voteStart", "2026-12-04T21:00:00Z",
                    "voteEnd", "2026-12-04T21:10:00Z")));

    int exit = propose("--nonce", "4", "--yes");

    assertThat(exit).as(console.err()).isZero();
    assertThat(console.out())
        .contains("proposal 777 submitted (workflow governance-proposal-777)")
        .contains("on chain: PENDING, votes from 2026-12-04T21:00:00Z to 2026-12-04T21:10:00Z");
  }

  @Test
  void aProposalTheChainsChecksRefuse_exits1_withTheReason() {
    platform.on(
        "GET",
        "/api/v1/governance/proposals/777",
        r ->
            Answer.ok(
                Map.of(
                    "proposalId",
                    "777",
                    "state",
                    "REFUSED",
                    "reason",
                    "0xab has 0 NODR of votes, below the proposal threshold of 1,000 NODR")));

    int exit = propose("--nonce", "4", "--yes");

    assertThat(exit).isEqualTo(1);
    assertThat(console.err())
        .contains(
            "proposal 777 was refused before it reached the chain: 0xab has 0 NODR of votes,"
                + " below the proposal threshold of 1,000 NODR");
  }

  @Test
  void signOnly_writesTheSignedProposal_forTheNode_andPostsNothing() throws Exception {
    Path file = dir.resolve("proposal.json");

    int exit = propose("--nonce", "0", "--yes", "--sign-only", "--out", file.toString());

    assertThat(exit).as(console.err()).isZero();
    assertThat(console.out()).contains("noderr agent propose --proposal-file " + file);
    SignedProposal written = SignedProposalJson.fromJson(map(JSON.readTree(file.toFile())));
    new ProposalSubmission(DOMAIN, written).verify();
    assertThat(written.proposer()).isEqualTo(ME);
    assertThat(platform.requests("POST")).isEmpty();
  }

  @Test
  void refuses_whenGovernanceIsOff_orTheGovernorOrChainIsNotThePinnedOne() {
    console.assertRefused(
        propose("--nonce", "0", "--yes", "--expect-chain-id", "5"),
        "the platform names chain 1337, not the expected 5 — not signing");
    console.assertRefused(
        propose("--nonce", "0", "--yes", "--expect-governor", "0x" + "99".repeat(20)),
        "the platform names governor " + GOVERNOR.checksummed());

    governance.put("on", false);
    governance.put("reason", "governance is off: started with --no-chain");
    console.assertRefused(propose("--nonce", "0", "--yes"), "governance is off on this platform");
    assertThat(platform.requests("POST")).isEmpty();
  }

  @Test
  void platformRefusals_areOneLine_withTheProblemsDetail() {
    platform.on(
        "POST",
        "/api/v1/governance/proposals",
        r ->
            Answer.problem(
                422,
                ME.checksummed()
                    + " has 500 NODR (500000000000000000000) of votes, below the proposal"
                    + " threshold of 1,000 NODR (1000000000000000000000)"));

    console.assertRefused(
        propose("--nonce", "0", "--yes"), "below the proposal threshold of 1,000 NODR");
  }

  @Test
  void anRpcThatIsNotAChain_isRefused_withoutItsUrl() {
    String rpc = platform.uri() + "/rpc?apikey=secret-key";

    console.assertRefused(
        propose("--rpc", rpc, "--yes"), "cannot read your governor nonce through --rpc");

    assertThat(console.err()).doesNotContain("secret-key");
    assertThat(platform.requests("POST").stream().filter(r -> r.path().startsWith("/api")))
        .isEmpty();
  }

  @Test
  void asksBeforeSigning_andANoSignsNothing() {
    typed.add("n");

    assertThat(propose("--nonce", "0")).isEqualTo(1);

    assertThat(console.out()).contains("nothing signed");
    assertThat(platform.requests("POST")).isEmpty();
  }

  @Test
  void usageErrors_exitWith2() {
    assertThat(propose("--yes")).isEqualTo(2);
    assertThat(propose("--nonce", "0", "--rpc", "http://127.0.0.1:8545", "--yes")).isEqualTo(2);
    assertThat(propose("--nonce", "0", "--sign-only", "--yes")).isEqualTo(2);
    assertThat(console.err()).contains("--sign-only and --out go together");
    assertThat(propose("--nonce", "-1", "--yes")).isEqualTo(2);
    assertThat(propose("--nonce", "0", "--wait", "-1", "--yes")).isEqualTo(2);
    assertThat(console.err()).contains("--wait must be 0 to 3600 seconds");
    assertThat(platform.requests()).isEmpty();
  }

  private int propose(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--platform",
                platform.uri().toString(),
                "--keystore",
                keystore.toString(),
                "--parameter",
                "rollout.canaryPercent",
                "--value",
                "10",
                "--description",
                "canary to 10 %"));
    all.addAll(List.of(args));
    return console.run(ProposeCommand::new, all);
  }

  private Request onlyPost() {
    assertThat(platform.requests("POST")).hasSize(1);
    return platform.requests("POST").get(0);
  }

  /** The platform's checks of the shape: one setParameter call, signed by its proposer. */
  private static Answer accept(JsonNode body) {
    SignedProposal proposal;
    try {
      proposal = SignedProposalJson.fromJson(map(body));
      new ProposalSubmission(DOMAIN, proposal).verify();
    } catch (IllegalArgumentException e) {
      return Answer.problem(400, e.getMessage());
    }
    boolean oneParameterCall =
        proposal.targets().equals(List.of(PARAMETERS))
            && proposal.values().equals(List.of(BigInteger.ZERO))
            && SetParameterCall.decode(proposal.calldatas().getFirst())
                .equals(
                    java.util.Optional.of(
                        new SetParameterCall("rollout.canaryPercent", BigInteger.TEN)));
    if (!oneParameterCall || !proposal.proposer().equals(ME)) {
      return Answer.problem(400, "unexpected proposal " + body);
    }
    return new Answer(202, Map.of("proposalId", "777", "workflowId", "governance-proposal-777"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(JsonNode json) {
    return JSON.convertValue(json, Map.class);
  }

  private static Answer authorized(Request request, Supplier<Answer> answer) {
    return ("Bearer " + TOKEN).equals(request.authorization())
        ? answer.get()
        : Answer.problem(401, "bad credentials");
  }
}
