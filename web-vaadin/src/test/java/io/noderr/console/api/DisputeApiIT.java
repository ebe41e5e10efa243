package io.noderr.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.console.AbstractConsoleIT;
import io.noderr.console.GovernanceChain;
import io.noderr.contracts.devchain.DemoGovernance;
import io.noderr.contracts.devchain.DemoOperators;
import io.noderr.contracts.devchain.DevChain;
import io.noderr.contracts.devchain.GovernanceSettings;
import io.noderr.contracts.generated.NoderrStaking;
import io.noderr.contracts.generated.NoderrToken;
import io.noderr.registry.audit.AuditLog;
import io.noderr.signing.Address;
import io.noderr.signing.DisputeStatement;
import io.noderr.signing.MultisigDomain;
import io.noderr.signing.Signatures;
import io.noderr.worker.slashing.SlashingConfiguration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Slashing disputes over the console API on a real dev chain (ganache: the multisig is the staking
 * contract's slasher) with the SlashingDisputeWorkflow and its activities on Temporal's test
 * server: roles, an operator's view of only its own disputes, and submissions the workflow refuses
 * with its reason while nothing changes. Its own context (governance on, the beacon on chain).
 */
@Import({GovernanceChain.On.class, SlashingConfiguration.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DisputeApiIT extends AbstractConsoleIT {

  private static final ECKeyPair OPERATOR_KEY = DemoOperators.key(1);
  private static final String OPERATOR = Signatures.addressOf(OPERATOR_KEY).value();
  private static final String OTHER = "dispute-other";
  private static final String OPERATOR_LOGIN = "dispute-operator";
  private static final String OTHER_LOGIN = "dispute-other-login";
  private static final String LOGIN_PASSWORD = "correct-horse-battery-2";

  private static GovernanceChain governanceChain;

  @Autowired MockMvc mvc;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired AuditLog audit;

  @DynamicPropertySource
  static void chainProperties(DynamicPropertyRegistry registry) throws Exception {
    governanceChain = GovernanceChain.start(registry, null);
    registry.add("noderr.slashing.detector-enabled", () -> "false");
    DevChain chain = governanceChain.chain();
    DemoGovernance governance = governanceChain.governance();
    TransactionManager tx =
        new RawTransactionManager(
            chain.web3j(),
            Credentials.create(OPERATOR_KEY),
            DevChain.CHAIN_ID,
            new PollingTransactionReceiptProcessor(chain.web3j(), 100, 300));
    NoderrToken.load(governance.token().value(), chain.web3j(), tx, DevChain.GAS)
        .approve(governance.staking().value(), GovernanceSettings.nodr(2_000))
        .send();
    NoderrStaking.load(governance.staking().value(), chain.web3j(), tx, DevChain.GAS)
        .stake(GovernanceSettings.nodr(2_000))
        .send();
  }

  @AfterAll
  static void stopChain() {
    governanceChain.close();
  }

  /** The staked operator with its node and a login, and another operator with its own. */
  @BeforeEach
  void operators() throws Exception {
    jdbc.update("DELETE FROM operator_logins WHERE operator_id IN (?, ?)", OPERATOR, OTHER);
    for (String operator : new String[] {OPERATOR, OTHER}) {
      jdbc.update(
          "INSERT INTO operators (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
          operator,
          operator);
    }
    jdbc.update(
        "INSERT INTO nodes (id, operator_id, tier, region, status) VALUES ('dispute-node-1', ?,"
            + " 'ALL', 'eu-west', 'ACTIVE') ON CONFLICT DO NOTHING",
        OPERATOR);
    jdbc.update(
        "INSERT INTO node_applications (id, operator_name, contact, tier, region,"
            + " signing_address, status) VALUES ('dispute-app', 'op', 'op@example.org', 'ALL',"
            + " 'eu-west', ?, 'APPROVED') ON CONFLICT DO NOTHING",
        Address.of(OPERATOR).checksummed());
    login(OPERATOR, OPERATOR_LOGIN);
    login(OTHER, OTHER_LOGIN);
  }

  @Test
  void opening_isForAdmins_onKnownNodes_withEvidence() throws Exception {
    open(httpBasic("sre", PASSWORD), "dispute-node-1", "it was down")
        .andExpect(status().isForbidden());
    open(admin(), "no-such-node", "it was down")
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail", containsString("no-such-node")));
    open(admin(), "dispute-node-1", " ")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("evidence is required"));
    open(admin(), "dispute-node-1", "x".repeat(2_001))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("evidence must be at most 2000 characters"));
  }

  @Test
  void aDispute_isSeenByItsOperatorOnly_refusesAWrongKeyAndANonSigner_withTheirReasons()
      throws Exception {
    JsonNode started =
        read(
            open(admin(), "dispute-node-1", "no heartbeat for 7 h")
                .andExpect(status().isCreated()));
    String id = started.path("disputeId").asText();
    String path = "/api/v1/disputes/" + id;
    await().atMost(Duration.ofSeconds(30)).until(() -> stage(path).equals("AWAITING_ANSWER"));

    JsonNode dispute =
        read(mvc.perform(get(path).with(operatorLogin())).andExpect(status().isOk()));
    assertThat(dispute.path("operator").asText()).isEqualTo(OPERATOR);
    assertThat(dispute.path("penalty").asText()).isNotEmpty();
    mvc.perform(get(path).with(otherLogin())).andExpect(status().isNotFound());
    assertThat(read(mvc.perform(get("/api/v1/disputes").with(otherLogin()))).size()).isZero();
    assertThat(read(mvc.perform(get("/api/v1/disputes").with(operatorLogin()))).toString())
        .contains(id);

    MultisigDomain domain =
        new MultisigDomain(
            dispute.path("chainId").asLong(), Address.of(dispute.path("multisig").asText()));
    String statement = "The node was moved to a new rack; it reports again.";
    mvc.perform(
            get(path + "/typed-data")
                .param("kind", "ANSWER")
                .param("statement", statement)
                .with(operatorLogin()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.statement.message.dispute").value(id))
        .andExpect(jsonPath("$.slash").doesNotExist());

    ECKeyPair stranger = DemoOperators.key(2);
    answer(path, statement, sign(new DisputeStatement(id, "ANSWER", statement), domain, stranger))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail", containsString("not by the operator")));
    assertThat(stage(path)).isEqualTo("AWAITING_ANSWER");
    assertThat(read(mvc.perform(get(path).with(admin()))).path("answer").isNull()).isTrue();
    assertThat(audit.recentFor("dispute-" + id, 5))
        .anySatisfy(entry -> assertThat(entry.action()).isEqualTo("slashing.answer-refused"));

    answer(
            path,
            statement,
            sign(new DisputeStatement(id, "ANSWER", statement), domain, OPERATOR_KEY))
        .andExpect(status().isOk());
    await().atMost(Duration.ofSeconds(30)).until(() -> stage(path).equals("AWAITING_DECISION"));

    JsonNode deciding = read(mvc.perform(get(path).with(httpBasic("signer1", PASSWORD))));
    byte[] slashDigest = Numeric.hexStringToByteArray(deciding.path("slashDigest").asText());
    String nonSignerSignature = Signatures.sign(slashDigest, stranger);
    Map<String, String> vote =
        Map.of(
            "signer",
            Signatures.addressOf(stranger).value(),
            "verdict",
            "SLASH",
            "signature",
            nonSignerSignature);
    mvc.perform(
            post(path + "/votes")
                .with(operatorLogin())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(vote)))
        .andExpect(status().isForbidden());
    mvc.perform(
            post(path + "/votes")
                .with(httpBasic("signer1", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(vote)))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail", containsString("signer")));
    JsonNode after = read(mvc.perform(get(path).with(admin())));
    assertThat(after.path("slashVotes").size()).isZero();
    assertThat(after.path("stage").asText()).isEqualTo("AWAITING_DECISION");
  }

  private ResultActions open(RequestPostProcessor who, String nodeId, String evidence)
      throws Exception {
    return mvc.perform(
        post("/api/v1/disputes")
            .with(who)
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                json.writeValueAsString(
                    Map.of("nodeId", nodeId, "cause", "ADMIN", "evidence", evidence))));
  }

  private ResultActions answer(String path, String statement, String signature) throws Exception {
    return mvc.perform(
        post(path + "/answer")
            .with(operatorLogin())
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                json.writeValueAsString(Map.of("statement", statement, "signature", signature))));
  }

  private String stage(String path) throws Exception {
    return read(mvc.perform(get(path).with(admin()))).path("stage").asText();
  }

  private static String sign(DisputeStatement statement, MultisigDomain domain, ECKeyPair key) {
    return Signatures.sign(statement.digest(domain), key);
  }

  private void login(String operator, String username) throws Exception {
    mvc.perform(
            post("/api/v1/operators/" + operator + "/logins")
                .with(admin())
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"username\": \"%s\", \"password\": \"%s\"}"
                        .formatted(username, LOGIN_PASSWORD)))
        .andExpect(status().isCreated());
  }

  private JsonNode read(ResultActions result) throws Exception {
    return json.readTree(result.andReturn().getResponse().getContentAsString());
  }

  private static RequestPostProcessor admin() {
    return httpBasic("admin", PASSWORD);
  }

  private static RequestPostProcessor operatorLogin() {
    return httpBasic(OPERATOR_LOGIN, LOGIN_PASSWORD);
  }

  private static RequestPostProcessor otherLogin() {
    return httpBasic(OTHER_LOGIN, LOGIN_PASSWORD);
  }
}
