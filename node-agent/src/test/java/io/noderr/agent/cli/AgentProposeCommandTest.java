package io.noderr.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.agent.identity.IdentityFile;
import io.noderr.agent.identity.IdentityFile.Identity;
import io.noderr.agent.identity.SoftwareNodeKey;
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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code noderr agent propose}: a registered node logs in with its own key (a new session, as the
 * agent does at every start) and posts the proposal its operator signed to the node API with that
 * session; the stand-in platform checks the session and that the signature is the proposer's.
 */
class AgentProposeCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final GovernorDomain DOMAIN =
      new GovernorDomain(1337, Address.of("0x" + "6b".repeat(20)));
  private static final String SESSION = "nst_node-session";

  @TempDir Path stateDir;
  private StubPlatform platform;
  private Path proposalFile;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() throws Exception {
    platform = StubPlatform.start();
    SoftwareNodeKey.load(stateDir).close();
    new IdentityFile(stateDir)
        .write(new Identity("node-7", platform.uri().toString(), "SOFTWARE", Instant.now(), "ALL"));
    platform.on(
        "POST",
        "/api/v1/auth/challenge",
        r ->
            Answer.ok(
                Map.of(
                    "nonce",
                    Base64.getEncoder().encodeToString(new byte[32]),
                    "pcrSelection",
                    List.of())));
    platform.on(
        "POST",
        "/api/v1/auth/token",
        r ->
            "node-7".equals(r.body().path("nodeId").asText())
                ? Answer.ok(
                    Map.of(
                        "nodeId",
                        "node-7",
                        "sessionToken",
                        SESSION,
                        "expiresAt",
                        Instant.now().plusSeconds(600).toString()))
                : Answer.problem(401, "unknown node"));
    platform.on("POST", "/api/v1/agent/governance/proposals", this::accept);
    proposalFile = stateDir.resolve("proposal.json");
    SignedProposal signed =
        new ProposalSubmission(
                DOMAIN,
                new SignedProposal(
                    Signatures.addressOf(DemoSigners.key(1)),
                    List.of(Address.of("0x" + "7c".repeat(20))),
                    List.of(BigInteger.ZERO),
                    List.of(new SetParameterCall("rollout.autoDeploy", BigInteger.ONE).encode()),
                    "auto-deploy on",
                    BigInteger.ZERO,
                    Instant.now().plusSeconds(3600).getEpochSecond(),
                    ""))
            .sign(DemoSigners.key(1));
    JSON.writeValue(proposalFile.toFile(), SignedProposalJson.toJson(signed));
  }

  @AfterEach
  void tearDown() {
    platform.close();
  }

  @Test
  void postsTheSignedProposal_withTheNodesOwnSession() {
    int exit = propose("--proposal-file", proposalFile.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains(
            "proposal 4242 by "
                + Signatures.addressOf(DemoSigners.key(1)).checksummed()
                + " submitted through node node-7 (workflow governance-proposal-4242)");
    List<Request> posted =
        platform.requests("POST").stream()
            .filter(r -> r.path().equals("/api/v1/agent/governance/proposals"))
            .toList();
    assertThat(posted).hasSize(1);
    assertThat(posted.getFirst().authorization()).isEqualTo("Bearer " + SESSION);
  }

  @Test
  void platformRefusals_andUnreadableFiles_areOneLine() throws Exception {
    platform.on(
        "POST",
        "/api/v1/agent/governance/proposals",
        r -> Answer.problem(422, "the signature's deadline has passed"));
    assertThat(propose("--proposal-file", proposalFile.toString())).isEqualTo(1);
    assertThat(err.toString().strip()).isEqualTo("error: the signature's deadline has passed");

    Files.writeString(proposalFile, "{\"proposer\":\"0x12\"}");
    assertThat(propose("--proposal-file", proposalFile.toString())).isEqualTo(1);
    assertThat(err.toString().strip()).startsWith("error: ").doesNotContain("\tat ");
  }

  @Test
  void anUnregisteredNode_isRefused_beforeAnythingIsSent() throws Exception {
    Files.delete(stateDir.resolve(IdentityFile.NAME));

    assertThat(propose("--proposal-file", proposalFile.toString())).isEqualTo(1);

    assertThat(err.toString()).contains("this node is not registered");
    assertThat(platform.requests()).isEmpty();
  }

  private Answer accept(Request request) {
    if (!("Bearer " + SESSION).equals(request.authorization())) {
      return Answer.problem(401, "no node session");
    }
    JsonNode body = request.body();
    @SuppressWarnings("unchecked")
    SignedProposal proposal = SignedProposalJson.fromJson(JSON.convertValue(body, Map.class));
    new ProposalSubmission(DOMAIN, proposal).verify();
    return new Answer(202, Map.of("proposalId", "4242", "workflowId", "governance-proposal-4242"));
  }

  private int propose(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "agent",
                "--platform",
                platform.uri().toString(),
                "--state-dir",
                stateDir.toString(),
                "--tpm",
                "none",
                "propose"));
    all.addAll(List.of(args));
    CommandLine cli = OneLineErrors.cli(new AgentMain());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(all.toArray(String[]::new));
  }
}
