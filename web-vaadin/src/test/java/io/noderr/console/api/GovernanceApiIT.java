package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.console.AbstractConsoleIT;
import io.noderr.console.GovernanceChain;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.contracts.devchain.StakedOperators;
import io.noderr.contracts.generated.NoderrParameters;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.governance.GovernanceParameters;
import io.noderr.registry.identity.NodeSessions;
import io.noderr.registry.identity.TokenHash;
import io.noderr.signing.Address;
import io.noderr.signing.GovernorBallot;
import io.noderr.signing.ProposalIds;
import io.noderr.signing.Signatures;
import io.noderr.workflows.governance.ProposalResult;
import io.noderr.workflows.governance.ProposalStage;
import io.noderr.workflows.governance.ProposalWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Governance over the console API and the node gateway on a real dev chain (ganache) with the
 * governance contracts, the governance follower and the ProposalWorkflow on Temporal's test server:
 * ballots signed in Java as {@code noderr vote} signs them, each bad one refused with its reason
 * before anything is relayed; a good one relayed; the proposal queued, executed through the
 * timelock and applied to the platform. Its own context (governance on, the beacon on chain).
 */
@Import(GovernanceChain.On.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class GovernanceApiIT extends AbstractConsoleIT {

  private static final Duration VOTING_DELAY = Duration.ofSeconds(10);
  private static final Duration VOTING_PERIOD = Duration.ofMinutes(5);
  private static final Duration PARAMETER_DELAY = Duration.ofMinutes(1);

  private static GovernanceChain governanceChain;
  private static DevChain chain;
  private static DemoGovernance governance;

  @Autowired MockMvc mvc;
  @Autowired WorkflowClient workflows;
  @Autowired AuditLog audit;
  @Autowired GovernanceParameters parameters;
  @Autowired NodeSessions sessions;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;

  @DynamicPropertySource
  static void chainProperties(DynamicPropertyRegistry registry) throws Exception {
    governanceChain =
        GovernanceChain.start(
            registry,
            new GovernanceSettings(
                VOTING_DELAY,
                VOTING_PERIOD,
                GovernanceSettings.nodr(1_000),
                List.of(10, 20, 33),
                List.of(PARAMETER_DELAY, Duration.ofMinutes(10), Duration.ofMinutes(30)),
                PARAMETER_DELAY,
                GovernanceSettings.defaultParameters(Duration.ofHours(1))));
    chain = governanceChain.chain();
    governance = governanceChain.governance();
  }

  @AfterAll
  static void stopChain() {
    governanceChain.close();
  }

  @Test
  void ballots_badOnesRefusedWithReasons_aGoodOneRelayed_thenTheProposalExecutesAndApplies()
      throws Exception {
    StakedOperators operators = new StakedOperators(chain, governance);
    ECKeyPair alice = operators.create(5_000);
    ECKeyPair nonStaker = operators.create(0);
    chain.advanceTime(Duration.ofSeconds(2));
    String calldata = canaryTo(10);
    String description = "Canary 10 % for new rollouts";
    String proposalId = proposalId(calldata, description);
    operators
        .governor(alice)
        .propose(
            List.of(governance.parameters().value()),
            List.of(BigInteger.ZERO),
            List.of(Numeric.hexStringToByteArray(calldata)),
            description)
        .send();
    awaitState(proposalId, "PENDING");

    chain.advanceTime(VOTING_DELAY.plusSeconds(1));
    wake(proposalId);
    awaitState(proposalId, "ACTIVE");

    mvc.perform(
            get("/api/v1/governance/proposals/" + proposalId + "/ballot")
                .param("voter", address(alice))
                .with(httpBasic("signer1", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.proposalId").value(proposalId))
        .andExpect(jsonPath("$.chainId").value(1337))
        .andExpect(jsonPath("$.governor").value(governance.governor().value()))
        .andExpect(jsonPath("$.voter").value(address(alice)))
        .andExpect(jsonPath("$.nonce").value("0"))
        .andExpect(jsonPath("$.state").value("ACTIVE"))
        .andExpect(jsonPath("$.description").value(description))
        .andExpect(jsonPath("$.voteEnd", containsString("T")));

    String good =
        sign(alice, proposalId, GovernorBallot.FOR, DevChain.CHAIN_ID, governance.governor());
    refused(proposalId, alice, "0x1234", "malformed signature");
    refused(proposalId, alice, highS(good), "high s value");
    refused(
        proposalId,
        alice,
        sign(
            alice,
            proposalId(canaryTo(11), "another"),
            GovernorBallot.FOR,
            DevChain.CHAIN_ID,
            governance.governor()),
        "(wrong proposal, chain or governor?)");
    refused(
        proposalId,
        alice,
        sign(alice, proposalId, GovernorBallot.FOR, 1, governance.governor()),
        "(wrong proposal, chain or governor?)");
    refused(
        proposalId,
        alice,
        sign(alice, proposalId, GovernorBallot.FOR, DevChain.CHAIN_ID, governance.staking()),
        "signature does not match voter");
    refused(
        proposalId,
        nonStaker,
        sign(nonStaker, proposalId, GovernorBallot.FOR, DevChain.CHAIN_ID, governance.governor()),
        "not a staker at the snapshot");
    ballot(proposalId, "sre", address(alice), good).andExpect(status().isForbidden());

    ballot(proposalId, "admin", address(alice), good)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.proposalId").value(proposalId))
        .andExpect(jsonPath("$.voter").value(address(alice)))
        .andExpect(jsonPath("$.support").value("FOR"))
        .andExpect(jsonPath("$.weight").value(GovernanceSettings.nodr(5_000).toString()))
        .andExpect(jsonPath("$.transaction", containsString("0x")));
    refused(proposalId, alice, good, "already voted");
    assertThat(audit.recentFor(ProposalWorkflow.workflowId(proposalId), 100))
        .filteredOn(e -> e.action().equals("governance.ballot-refused"))
        .hasSizeGreaterThanOrEqualTo(7);

    chain.advanceTime(VOTING_PERIOD.plusSeconds(1));
    wake(proposalId);
    awaitState(proposalId, "QUEUED");
    refused(proposalId, alice, good, "votes are taken only while it is active");

    chain.advanceTime(PARAMETER_DELAY.plusSeconds(1));
    wake(proposalId);
    ProposalResult result =
        WorkflowStub.fromTyped(
                workflows.newWorkflowStub(
                    ProposalWorkflow.class, ProposalWorkflow.workflowId(proposalId)))
            .getResult(30, java.util.concurrent.TimeUnit.SECONDS, ProposalResult.class);
    assertThat(result.stage()).isEqualTo(ProposalStage.EXECUTED);
    assertThat(result.applied())
        .containsExactly(
            "rollout.canaryPercent = 10: the first cohort of new rollouts, in percent");
    awaitState(proposalId, "EXECUTED");
    mvc.perform(get("/api/v1/governance").with(httpBasic("signer1", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.on").value(true))
        .andExpect(jsonPath("$.contracts.governor").value(governance.governor().value()))
        .andExpect(jsonPath("$.parameters[?(@.name == 'rollout.canaryPercent')].value").value("10"))
        .andExpect(
            jsonPath("$.parameters[?(@.name == 'rollout.canaryPercent')].applied").value("10"));
    mvc.perform(get("/api/v1/governance/proposals/" + proposalId).with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.votes[0].voter").value(address(alice)))
        .andExpect(jsonPath("$.votes[0].support").value("FOR"))
        .andExpect(jsonPath("$.executedTransaction", containsString("0x")));
    mvc.perform(get("/api/v1/governance/stakes").with(httpBasic("admin", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$[?(@.address == '" + address(alice) + "')].votingPower")
                .value(GovernanceSettings.nodr(5_000).toString()));
  }

  @Test
  void nodeProposal_forAnotherOperator_isRefused_andForItsOwnOperator_startsItsWorkflow()
      throws Exception {
    ECKeyPair operator = ECKeyPair.create(BigInteger.valueOf(0x0DE1));
    ECKeyPair other = ECKeyPair.create(BigInteger.valueOf(0x0DE2));
    String operatorId = address(operator);
    jdbc.update(
        "INSERT INTO operators (id, name) VALUES (?, 'op') ON CONFLICT DO NOTHING", operatorId);
    jdbc.update(
        "INSERT INTO nodes (id, operator_id, tier, region, status) VALUES ('gov-node-1', ?,"
            + " 'ALL', 'eu', 'ACTIVE')",
        operatorId);
    jdbc.update(
        "INSERT INTO node_applications (id, operator_name, contact, tier, region,"
            + " signing_address, status) VALUES ('gov-app-1', 'op', 'op@example.org', 'ALL',"
            + " 'eu', ?, 'APPROVED')",
        Signatures.addressOf(operator).checksummed());
    String token = "nst_" + "g".repeat(43);
    sessions.issue(TokenHash.sha256Hex(token), "gov-node-1", Instant.now().plusSeconds(3600));

    nodeProposal(token, proposal(address(other), "speak for another"))
        .andExpect(status().isForbidden())
        .andExpect(
            jsonPath("$.detail", containsString("speaks only for its operator " + operatorId)));
    nodeProposal(token, Map.of("proposer", "nobody")).andExpect(status().isBadRequest());

    String description = "From the operator's node";
    nodeProposal(token, proposal(operatorId, description))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.proposalId").value(proposalId(canaryTo(12), description)))
        .andExpect(
            jsonPath("$.workflowId")
                .value(ProposalWorkflow.workflowId(proposalId(canaryTo(12), description))));
    nodeProposal(token, proposal(operatorId, description)).andExpect(status().isConflict());
    // The workflow submits it through the platform's proposeBySig submitter; the governor checks
    // the proposer's signature, which this test does not make, so it ends refused with a reason.
    ProposalResult result =
        WorkflowStub.fromTyped(
                workflows.newWorkflowStub(
                    ProposalWorkflow.class,
                    ProposalWorkflow.workflowId(proposalId(canaryTo(12), description))))
            .getResult(30, java.util.concurrent.TimeUnit.SECONDS, ProposalResult.class);
    assertThat(result.stage()).isEqualTo(ProposalStage.REFUSED);
    assertThat(result.reason()).isNotBlank();
    // Refused before it reached the chain: only its workflow knows it, and its proposer reads why.
    mvc.perform(
            get("/api/v1/governance/proposals/" + proposalId(canaryTo(12), description))
                .with(httpBasic("sre", PASSWORD)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("REFUSED"))
        .andExpect(jsonPath("$.reason").value(result.reason()));

    mvc.perform(
            post("/api/v1/governance/proposals")
                .with(httpBasic("admin", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(proposal(operatorId, "From the console"))))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.proposalId").value(proposalId(canaryTo(12), "From the console")));
    mvc.perform(
            post("/api/v1/governance/proposals")
                .with(httpBasic("admin", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"proposer\": \"0x12\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail", containsString("proposer")));
  }

  // ---------------------------------------------------------------------------------- helpers

  private void refused(String proposalId, ECKeyPair voter, String signature, String reason)
      throws Exception {
    ballot(proposalId, "admin", address(voter), signature)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail", containsString(reason)));
  }

  private ResultActions ballot(String proposalId, String login, String voter, String signature)
      throws Exception {
    return mvc.perform(
        post("/api/v1/governance/proposals/" + proposalId + "/ballots")
            .with(httpBasic(login, PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                json.writeValueAsString(
                    Map.of("voter", voter, "support", "FOR", "signature", signature))));
  }

  private ResultActions nodeProposal(String token, Map<String, Object> body) throws Exception {
    return mvc.perform(
        post("/api/v1/agent/governance/proposals")
            .header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(json.writeValueAsString(body)));
  }

  private Map<String, Object> proposal(String proposer, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("proposer", proposer);
    body.put("targets", List.of(governance.parameters().value()));
    body.put("values", List.of("0"));
    body.put("calldatas", List.of(canaryTo(12)));
    body.put("description", description);
    body.put("nonce", "0");
    body.put("deadline", Instant.now().plusSeconds(3600).getEpochSecond());
    body.put("signature", "0x" + "11".repeat(65));
    return body;
  }

  private void awaitState(String proposalId, String state) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                mvc.perform(
                        get("/api/v1/governance/proposals/" + proposalId)
                            .with(httpBasic("sre", PASSWORD)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.state").value(state)));
  }

  private void wake(String proposalId) {
    GovernanceChain.wake(workflows, proposalId);
  }

  private static String canaryTo(long percent) {
    return NoderrParameters.load(
            governance.parameters().value(), chain.web3j(), chain.transactions(), DevChain.GAS)
        .setParameter("rollout.canaryPercent", BigInteger.valueOf(percent))
        .encodeFunctionCall();
  }

  private static String proposalId(String calldata, String description) {
    return ProposalIds.of(
            List.of(governance.parameters()),
            List.of(BigInteger.ZERO),
            List.of(calldata),
            description)
        .toString();
  }

  private static String sign(
      ECKeyPair voter, String proposalId, int support, long chainId, Address governor) {
    return new GovernorBallot(
            chainId,
            governor,
            new BigInteger(proposalId),
            support,
            Signatures.addressOf(voter),
            BigInteger.ZERO)
        .sign(voter);
  }

  /** The signature's high-s twin: s' = n - s, v flipped; ecrecover accepts it, we do not. */
  private static String highS(String signature) {
    byte[] bytes = Numeric.hexStringToByteArray(signature);
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64));
    System.arraycopy(
        Numeric.toBytesPadded(Sign.CURVE_PARAMS.getN().subtract(s), 32), 0, bytes, 32, 32);
    bytes[64] = (byte) (bytes[64] == 27 ? 28 : 27);
    return Numeric.toHexString(bytes);
  }

  private static String address(ECKeyPair key) {
    return Signatures.addressOf(key).value();
  }
}
